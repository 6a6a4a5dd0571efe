// ArenaLayout: places a sequence of arrays one after another in one block of memory, each at a
// multiple of kAlignment bytes from the block's start, so that a whole session can live in a
// single allocation (or in memory its caller provides) and report its size before it exists.
//
// Run the same sequence of Take calls twice: first on a layout without a block, which only
// measures (every Take returns null; bytes() is then the block size needed), then on a layout over
// a block of at least that many bytes, aligned to kAlignment, which returns the arrays. The same
// calls give the same offsets, so the measured size is exact.
//
// Placing value-initialises every object (floats +0, pointers null, atomics 0). Objects must be
// trivially destructible: nobody destroys them, the block's owner just frees it. Sizes are
// overflow-checked: once a size does not fit in std::size_t, overflowed() is true, bytes() is 0 and
// every later Take returns null. Nothing is allocated.
#ifndef RIDE_RUNTIME_SRC_BASE_ARENA_LAYOUT_H_
#define RIDE_RUNTIME_SRC_BASE_ARENA_LAYOUT_H_

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

namespace ride {

class ArenaLayout {
 public:
  static constexpr std::size_t kAlignment = 64;  // a cache line; enough for every SIMD load

  ArenaLayout() = default;  // measures
  // Places into `block`, which must be aligned to kAlignment and hold at least the measured bytes.
  explicit ArenaLayout(void* block) : block_(static_cast<unsigned char*>(block)) {}

  // `count` objects of type T, value-initialised; null while measuring or after an overflow.
  template <typename T>
  T* Take(std::size_t count) {
    static_assert(alignof(T) <= kAlignment, "ArenaLayout aligns to kAlignment only");
    static_assert(std::is_trivially_destructible<T>::value, "arena objects are never destroyed");
    const std::size_t start = used_ + (kAlignment - used_ % kAlignment) % kAlignment;
    if (overflowed_ || start > SIZE_MAX - kAlignment || count > (SIZE_MAX - kAlignment - start) / sizeof(T)) {
      overflowed_ = true;
      return nullptr;
    }
    used_ = start + count * sizeof(T);
    if (block_ == nullptr) return nullptr;
    T* objects = reinterpret_cast<T*>(block_ + start);
    for (std::size_t i = 0; i < count; ++i) new (objects + i) T();
    return objects;
  }

  // The bytes taken so far, rounded up to kAlignment; 0 after an overflow.
  std::size_t bytes() const {
    return overflowed_ ? 0 : used_ + (kAlignment - used_ % kAlignment) % kAlignment;
  }
  bool overflowed() const { return overflowed_; }

  // a · b, or SIZE_MAX when it does not fit (which makes the Take it sizes overflow).
  static std::size_t Product(std::size_t a, std::size_t b) {
    return a != 0 && b > SIZE_MAX / a ? SIZE_MAX : a * b;
  }

 private:
  unsigned char* block_ = nullptr;
  std::size_t used_ = 0;
  bool overflowed_ = false;
};

}  // namespace ride

#endif  // RIDE_RUNTIME_SRC_BASE_ARENA_LAYOUT_H_
