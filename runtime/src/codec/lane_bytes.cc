#include "runtime/src/codec/lane_bytes.h"

#include <cstdlib>
#include <cstring>

namespace ride::codec {

LaneBytes::~LaneBytes() { std::free(data_); }

Status LaneBytes::Append(const uint8_t* data, std::size_t size) {
  if (size == 0) return Status::Ok();
  if (size > SIZE_MAX - size_) return Status::Error(StatusCode::kResourceExhausted, "lane: size overflows");
  if (size_ + size > capacity_) {
    std::size_t capacity = capacity_ < 4096 ? 4096 : capacity_;
    while (capacity < size_ + size) capacity = capacity > SIZE_MAX / 2 ? size_ + size : 2 * capacity;
    void* grown = std::realloc(data_, capacity);
    if (grown == nullptr) {
      return Status::Error(StatusCode::kResourceExhausted, "lane: cannot grow to %zu bytes", capacity);
    }
    data_ = static_cast<uint8_t*>(grown);
    capacity_ = capacity;
  }
  std::memcpy(data_ + size_, data, size);
  size_ += size;
  return Status::Ok();
}

}  // namespace ride::codec
