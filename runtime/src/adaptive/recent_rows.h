// RecentRows: the coded values of the last few rows, which the adaptive coding method's contexts
// read (W, N, NW, NE, WW, NN). The wavefront codes at most `lanes` rows at once, and a pixel reads
// two rows above its own, so a ring of lanes + 2 rows always holds what any pixel in flight needs.
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_RECENT_ROWS_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_RECENT_ROWS_H_

#include <cstddef>
#include <cstdint>

namespace ride::adaptive {

// A pixel's causal neighbours, each as value + 1, or 0 outside the image.
struct Neighbours {
  uint32_t w = 0, n = 0, nw = 0, ne = 0, ww = 0, nn = 0;
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

  Neighbours Around(uint32_t row, uint32_t column) const {
    Neighbours around;
    const bool left = column > 0, left2 = column > 1, right = column + 1 < width_;
    if (left) around.w = At(row)[column - 1] + 1u;
    if (left2) around.ww = At(row)[column - 2] + 1u;
    if (row > 0) {
      const uint8_t* up = At(row - 1);
      around.n = up[column] + 1u;
      if (left) around.nw = up[column - 1] + 1u;
      if (right) around.ne = up[column + 1] + 1u;
    }
    if (row > 1) around.nn = At(row - 2)[column] + 1u;
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
