// ContextCounts: how often each value followed an exact context of neighbouring values in the
// pixels already coded (docs/adaptive.md, "Exact contexts"), in a table of fixed size: the memory
// of a coder never depends on the image. A context hashes to one slot; a slot remembers the last
// context that claimed it (by a 16-bit tag) and up to four values with their counts, which are
// halved when their sum passes a limit, so that the counts follow the image as it changes.
// Everything is integer, so encoder and decoder agree on every target.
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_CONTEXT_COUNTS_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_CONTEXT_COUNTS_H_

#include <cstddef>
#include <cstdint>

namespace ride::adaptive {

inline constexpr uint32_t kSlotValues = 4;
// One occurrence adds kCountStep; a slot's counts are halved once they sum past kCountLimit.
inline constexpr uint32_t kCountStep = 8;
inline constexpr uint32_t kCountLimit = 255 * kCountStep;

struct CountSlot {
  uint16_t tag = 0;
  uint16_t total = 0;  // Σ count; 0: the slot is empty
  uint8_t value[kSlotValues] = {};
  uint16_t count[kSlotValues] = {};
};
static_assert(sizeof(CountSlot) == 16, "a slot is 16 bytes");

class ContextCounts {
 public:
  // A table has 2^slot_bits slots: an image's lanes share 2^16 slots per table between them, so
  // one lane learns from the whole image in a larger table and 16 lanes each get 2^12.
  static constexpr uint32_t kImageSlotBits = 16;
  static constexpr uint32_t kMinSlotBits = 10;
  static uint32_t SlotBitsFor(uint32_t lanes) {
    uint32_t bits = kImageSlotBits;
    for (uint32_t share = 1; share * 2 <= lanes && bits > kMinSlotBits; share *= 2) --bits;
    return bits;
  }

  // `slots` points at 2^slot_bits slots (placed by the codec's memory layout); Clear() before use.
  explicit ContextCounts(CountSlot* slots = nullptr, uint32_t slot_bits = kMinSlotBits)
      : slots_(slots), slot_bits_(slot_bits) {}
  std::size_t slots() const { return std::size_t{1} << slot_bits_; }
  void Clear();

  // The slot of context `key`, or null when it holds another context's counts (or none).
  const CountSlot* Find(uint64_t key) const;
  // Counts one more `value` after context `key`, claiming its slot if another context held it.
  void Add(uint64_t key, uint8_t value);
  // Asks the processor to bring the slot of `key` into the cache (speed only).
  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[SlotOf(Hash(key))]); }

 private:
  static uint64_t Hash(uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }
  std::size_t SlotOf(uint64_t hash) const { return static_cast<std::size_t>(hash >> (64 - slot_bits_)); }
  static uint16_t TagOf(uint64_t hash) { return static_cast<uint16_t>(hash >> 32); }

  CountSlot* slots_;
  uint32_t slot_bits_;
};

}  // namespace ride::adaptive

#endif  // RIDE_RUNTIME_SRC_ADAPTIVE_CONTEXT_COUNTS_H_
