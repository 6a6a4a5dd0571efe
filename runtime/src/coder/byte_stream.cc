#include "runtime/src/coder/byte_stream.h"

#include <algorithm>
#include <cstring>

namespace ride::coder {

Status SpanByteSource::Read(uint8_t* data, std::size_t capacity, std::size_t* read) {
  const std::size_t count = std::min(capacity, size_ - position_);
  if (count > 0) std::memcpy(data, data_ + position_, count);
  position_ += count;
  *read = count;
  return Status::Ok();
}

}  // namespace ride::coder
