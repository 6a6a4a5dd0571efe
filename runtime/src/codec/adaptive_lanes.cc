#include "runtime/src/codec/adaptive_lanes.h"

#include <new>
#include <type_traits>

#include "runtime/src/codec/session_block.h"

namespace ride::codec {

static_assert(std::is_trivially_destructible<adaptive::LaneState>::value, "lane states are never destroyed");

void AdaptiveLanes::LayOut(uint32_t width, uint32_t lanes, ArenaLayout* layout) {
  lanes_ = lanes;
  slots_ = TakeRoom<adaptive::CountSlot>(layout, ArenaLayout::Product(lanes, adaptive::LaneState::SlotsFor(lanes)));
  matches_ = TakeRoom<adaptive::MatchSlot>(layout, ArenaLayout::Product(lanes, adaptive::NeighbourMatches::kSlots));
  states_ = TakeRoom<adaptive::LaneState>(layout, lanes);
  recent_.Place(layout->Take<uint8_t>(adaptive::RecentRows::Bytes(width, lanes)), width, lanes);
}

void AdaptiveLanes::Init(uint32_t lag) {
  reach_ = lag - 1;
  for (uint32_t k = 0; k < lanes_; ++k) new (states_ + k) adaptive::LaneState(slots_ + std::size_t{k} * adaptive::LaneState::SlotsFor(lanes_),
                                          matches_ + std::size_t{k} * adaptive::NeighbourMatches::kSlots, lanes_);
}

}  // namespace ride::codec
