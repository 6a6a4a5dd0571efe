#include "runtime/src/adaptive/context_counts.h"

namespace ride::adaptive {

void ContextCounts::Clear() {
  for (std::size_t i = 0; i < slots(); ++i) slots_[i] = CountSlot();
}

const CountSlot* ContextCounts::Find(uint64_t key) const {
  const uint64_t hash = Hash(key);
  const CountSlot& slot = slots_[SlotOf(hash)];
  return slot.total != 0 && slot.tag == TagOf(hash) ? &slot : nullptr;
}

void ContextCounts::Add(uint64_t key, uint8_t value) {
  const uint64_t hash = Hash(key);
  CountSlot& slot = slots_[SlotOf(hash)];
  if (slot.total == 0 || slot.tag != TagOf(hash)) {
    slot = CountSlot();
    slot.tag = TagOf(hash);
  }
  // The value's entry, else an empty one, else the one with the smallest count (the first of equals).
  uint32_t chosen = kSlotValues;
  for (uint32_t k = 0; k < kSlotValues && chosen == kSlotValues; ++k) {
    if (slot.count[k] != 0 && slot.value[k] == value) chosen = k;
  }
  if (chosen == kSlotValues) {
    chosen = 0;
    for (uint32_t k = 1; k < kSlotValues; ++k) {
      if (slot.count[k] < slot.count[chosen]) chosen = k;
    }
    slot.total = static_cast<uint16_t>(slot.total - slot.count[chosen]);
    slot.value[chosen] = value;
    slot.count[chosen] = 0;
  }
  slot.count[chosen] = static_cast<uint16_t>(slot.count[chosen] + kCountStep);
  slot.total = static_cast<uint16_t>(slot.total + kCountStep);
  if (slot.total > kCountLimit) {
    slot.total = 0;
    for (uint32_t k = 0; k < kSlotValues; ++k) {
      slot.count[k] = static_cast<uint16_t>(slot.count[k] / 2);
      slot.total = static_cast<uint16_t>(slot.total + slot.count[k]);
    }
  }
}

}  // namespace ride::adaptive
