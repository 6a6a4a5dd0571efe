#include "runtime/src/codec/session_block.h"

#include <cstdint>
#include <new>

namespace ride::codec {

void SessionBlock::Free::operator()(unsigned char* p) const {
  ::operator delete(p, std::align_val_t(ArenaLayout::kAlignment));
}

Status SessionBlock::Acquire(void* caller_memory, std::size_t caller_bytes, std::size_t needed) {
  owned_.reset();
  data_ = nullptr;
  if (caller_memory == nullptr) {
    owned_.reset(static_cast<unsigned char*>(
        ::operator new(needed == 0 ? 1 : needed, std::align_val_t(ArenaLayout::kAlignment), std::nothrow)));
    if (owned_ == nullptr) {
      return Status::Error(StatusCode::kResourceExhausted, "session: cannot allocate %zu bytes", needed);
    }
    data_ = owned_.get();
    return Status::Ok();
  }
  if (reinterpret_cast<uintptr_t>(caller_memory) % ArenaLayout::kAlignment != 0) {
    return Status::Error(StatusCode::kInvalidArgument, "session memory at %p is not %zu-byte aligned", caller_memory,
                         ArenaLayout::kAlignment);
  }
  if (caller_bytes < needed) {
    return Status::Error(StatusCode::kBufferTooSmall, "session memory: %zu bytes given, %zu needed", caller_bytes,
                         needed);
  }
  data_ = caller_memory;
  return Status::Ok();
}

}  // namespace ride::codec
