#include "runtime/src/adaptive/neighbour_matches.h"

namespace ride::adaptive {

uint32_t NeighbourMatches::ContextOf(const Neighbours& around, uint32_t activity_bucket) {
  const uint32_t equal = (around.w == around.n ? 1u : 0u) | (around.w == around.nw ? 2u : 0u) |
                         (around.n == around.nw ? 4u : 0u) | (around.n == around.ne ? 8u : 0u) |
                         (around.w == around.ww ? 16u : 0u) | (around.n == around.nn ? 32u : 0u) |
                         (around.ne == around.nee ? 64u : 0u);
  return equal << 3 | (activity_bucket >> 1);
}

void NeighbourMatches::Roles(const Neighbours& around, uint32_t roles[kMatchRoles]) {
  roles[0] = around.w;
  roles[1] = around.n;
  roles[2] = around.ne;
  roles[3] = around.nw;
  // W + N − NW clamped to the values, as value + 1; only where all three are inside.
  if (around.w == 0 || around.n == 0 || around.nw == 0) {
    roles[4] = 0;
  } else {
    const int32_t plane =
        static_cast<int32_t>(around.w) + static_cast<int32_t>(around.n) - static_cast<int32_t>(around.nw);
    roles[4] = static_cast<uint32_t>(plane < 1 ? 1 : (plane > 256 ? 256 : plane));
  }
}

void NeighbourMatches::Clear() {
  for (std::size_t i = 0; i < kSlots; ++i) slots_[i] = MatchSlot();
}

void NeighbourMatches::Add(uint32_t context, const Neighbours& around, uint8_t value) {
  MatchSlot& slot = slots_[context];
  uint32_t roles[kMatchRoles];
  Roles(around, roles);
  uint32_t matched = kMatchRoles;
  for (uint32_t r = 0; r < kMatchRoles && matched == kMatchRoles; ++r) {
    if (roles[r] == value + 1u) matched = r;
  }
  uint16_t& count = matched == kMatchRoles ? slot.none : slot.count[matched];
  count = static_cast<uint16_t>(count + kCountStep);
  slot.total = static_cast<uint16_t>(slot.total + kCountStep);
  if (slot.total > kCountLimit) {
    slot.none = static_cast<uint16_t>(slot.none / 2);
    slot.total = slot.none;
    for (uint16_t& c : slot.count) {
      c = static_cast<uint16_t>(c / 2);
      slot.total = static_cast<uint16_t>(slot.total + c);
    }
  }
}

}  // namespace ride::adaptive
