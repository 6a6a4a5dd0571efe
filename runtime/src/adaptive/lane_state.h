// LaneState: what the adaptive coding method has learned from the pixels of one lane (rows
// k, k + L, k + 2L, ... of the image, in the order they are coded): the neighbour matches, the exact-context
// counts of four orders and the mixer's recent costs. A lane's pixels are coded one after another whatever
// the band height or thread count, so keeping the state per lane keeps the bits independent of
// both (DESIGN §5). It lives for the whole image, across groups of any coding method.
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_LANE_STATE_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_LANE_STATE_H_

#include <cstddef>

#include "runtime/src/adaptive/context_counts.h"
#include "runtime/src/adaptive/cost_mixer.h"
#include "runtime/src/adaptive/neighbour_matches.h"

namespace ride::adaptive {

struct LaneState {
  // The slots of the four tables of a lane among `lanes`.
  static std::size_t SlotsFor(uint32_t lanes) { return 5 * (std::size_t{1} << ContextCounts::SlotBitsFor(lanes)); }

  // `slots` holds SlotsFor(lanes) slots, `match_slots` NeighbourMatches::kSlots.
  LaneState(CountSlot* slots, MatchSlot* match_slots, uint32_t lanes)
      : matches(match_slots),
        order2(slots, ContextCounts::SlotBitsFor(lanes)),
        order4(slots + SlotsFor(lanes) / 5, ContextCounts::SlotBitsFor(lanes)),
        order6(slots + 2 * SlotsFor(lanes) / 5, ContextCounts::SlotBitsFor(lanes)),
        order11(slots + 3 * SlotsFor(lanes) / 5, ContextCounts::SlotBitsFor(lanes)),
        relative(slots + 4 * SlotsFor(lanes) / 5, ContextCounts::SlotBitsFor(lanes)) {
    order2.Clear();
    order4.Clear();
    order6.Clear();
    order11.Clear();
    relative.Clear();
    matches.Clear();
    mixer.Clear();
  }

  NeighbourMatches matches;
  ContextCounts order2;  // W, N
  ContextCounts order4;  // W, N, NW, NE
  ContextCounts order6;  // W, N, NW, NE, WW, NN
  ContextCounts order11;  // and WWW, NWW, NEE, NNW, NNE
  ContextCounts relative;  // residuals from W by the neighbours' differences
  CostMixer mixer;
};

}  // namespace ride::adaptive

#endif  // RIDE_RUNTIME_SRC_ADAPTIVE_LANE_STATE_H_
