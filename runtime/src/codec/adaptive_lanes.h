// AdaptiveLanes: the adaptive coding method's memory for one image (docs/adaptive.md): every
// lane's learned state and the ring of recent rows its contexts read, laid out in the session's
// block like everything else of an encoder or decoder, so that it never grows with the image.
#ifndef RIDE_RUNTIME_SRC_CODEC_ADAPTIVE_LANES_H_
#define RIDE_RUNTIME_SRC_CODEC_ADAPTIVE_LANES_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/adaptive/lane_state.h"
#include "runtime/src/adaptive/recent_rows.h"
#include "runtime/src/base/arena_layout.h"

namespace ride::codec {

class AdaptiveLanes {
 public:
  // Measuring or placing, with the same calls.
  void LayOut(uint32_t width, uint32_t lanes, ArenaLayout* layout);
  // After placing: every lane's state cleared; `lag` is the wavefront's (WavefrontSession::lag()).
  void Init(uint32_t lag);
  // Columns right of a pixel that the row above has coded before it.
  uint32_t reach() const { return reach_; }

  adaptive::LaneState* LaneOfRow(uint32_t row) { return states_ + row % lanes_; }
  adaptive::RecentRows& recent() { return recent_; }

 private:
  uint32_t lanes_ = 1;
  uint32_t reach_ = 0;
  adaptive::CountSlot* slots_ = nullptr;
  adaptive::MatchSlot* matches_ = nullptr;
  adaptive::LaneState* states_ = nullptr;
  adaptive::RecentRows recent_;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_ADAPTIVE_LANES_H_
