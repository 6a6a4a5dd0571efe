// RecentRows: the coded values of the last few rows, which the adaptive coding method's contexts
// read. The wavefront codes at most `lanes` rows at once, and a pixel reads two rows above its own,
// so a ring of lanes + 2 rows always holds what any pixel in flight needs. To the right, a pixel
// reads only what the wavefront has coded before it: `reach` = lag − 1 columns of the row above
// (at least one for every model whose window reaches up and right).
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_RECENT_ROWS_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_RECENT_ROWS_H_

#include <cstddef>
#include <cstdint>

namespace ride::adaptive {

// A pixel's causal neighbours, each as value + 1, or 0 outside the image.
//         nnw nn  nne
//    nww  nw  n   ne  nee
// www ww  w   x
struct Neighbours {
  uint32_t w = 0, n = 0, nw = 0, ne = 0, ww = 0, nn = 0;
  uint32_t www = 0, nww = 0, nee = 0, nnw = 0, nne = 0;
};

class RecentRows {
 public:
  static uint32_t RingRows(uint32_t lanes) { return lanes + 2; }
  static std::size_t Bytes(uint32_t width, uint32_t lanes) { return std::size_t{width} * RingRows(lanes); }

  // `memory` holds Bytes(width, lanes) bytes.
  void Place(uint8_t* memory, uint32_t width, uint32_t lanes) {
    values_ = memory;
    width_ = width;
    ring_rows_ = RingRows(lanes);
  }
  void Set(uint32_t row, uint32_t column, uint8_t value) { At(row)[column] = value; }

  uint32_t width() const { return width_; }
  Neighbours Around(uint32_t row, uint32_t column, uint32_t reach) const {
    Neighbours around;
    const bool left = column > 0, left2 = column > 1, left3 = column > 2;
    const bool right = column + 1 < width_ && reach >= 1, right2 = column + 2 < width_ && reach >= 2;
    const uint8_t* here = At(row);
    if (left) around.w = here[column - 1] + 1u;
    if (left2) around.ww = here[column - 2] + 1u;
    if (left3) around.www = here[column - 3] + 1u;
    if (row > 0) {
      const uint8_t* up = At(row - 1);
      around.n = up[column] + 1u;
      if (left) around.nw = up[column - 1] + 1u;
      if (left2) around.nww = up[column - 2] + 1u;
      if (right) around.ne = up[column + 1] + 1u;
      if (right2) around.nee = up[column + 2] + 1u;
    }
    if (row > 1) {
      const uint8_t* up2 = At(row - 2);
      around.nn = up2[column] + 1u;
      if (left) around.nnw = up2[column - 1] + 1u;
      if (column + 1 < width_) around.nne = up2[column + 1] + 1u;  // two rows up: 2 · lag ahead
    }
    return around;
  }

 private:
  uint8_t* At(uint32_t row) const { return values_ + std::size_t{row % ring_rows_} * width_; }

  uint8_t* values_ = nullptr;
  uint32_t width_ = 0;
  uint32_t ring_rows_ = 1;
};

}  // namespace ride::adaptive

#endif  // RIDE_RUNTIME_SRC_ADAPTIVE_RECENT_ROWS_H_
