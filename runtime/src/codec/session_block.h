// SessionBlock: the one block of memory an encoder's or a decoder's session lives in (the engine
// session, the band buffers, the lane coders, the visitors; ArenaLayout places them), either the
// caller's, checked, or one allocated here without throwing.
#ifndef RIDE_RUNTIME_SRC_CODEC_SESSION_BLOCK_H_
#define RIDE_RUNTIME_SRC_CODEC_SESSION_BLOCK_H_

#include <cstddef>
#include <memory>

#include "runtime/src/base/arena_layout.h"
#include "runtime/src/base/status.h"

namespace ride::codec {

class SessionBlock {
 public:
  // With `caller_memory` null, allocates `needed` bytes aligned to ArenaLayout::kAlignment
  // (kResourceExhausted if it cannot). Otherwise uses the caller's block, which must be aligned to
  // ArenaLayout::kAlignment (kInvalidArgument) and hold at least `needed` bytes (kBufferTooSmall,
  // naming both sizes); it is not freed here.
  Status Acquire(void* caller_memory, std::size_t caller_bytes, std::size_t needed);

  void* data() const { return data_; }
  bool owned() const { return owned_ != nullptr; }

 private:
  struct Free {
    void operator()(unsigned char* p) const;
  };
  std::unique_ptr<unsigned char, Free> owned_;
  void* data_ = nullptr;
};

// Room in `layout` for `count` objects of a type ArenaLayout cannot value-initialise itself
// (constructor arguments, virtual functions): null while measuring. Construct them with placement
// new and destroy them explicitly.
template <typename T>
T* TakeRoom(ArenaLayout* layout, std::size_t count) {
  static_assert(alignof(T) <= ArenaLayout::kAlignment, "ArenaLayout aligns to kAlignment only");
  return reinterpret_cast<T*>(layout->Take<unsigned char>(ArenaLayout::Product(count, sizeof(T))));
}

// Destroys objects [0, count) at `objects` (placed with placement new) and sets count to 0.
template <typename T>
void DestroyPlaced(T* objects, uint32_t* count) {
  for (uint32_t i = *count; i > 0; --i) objects[i - 1].~T();
  *count = 0;
}

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_SESSION_BLOCK_H_
