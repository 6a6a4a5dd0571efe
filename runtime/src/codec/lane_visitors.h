// The codec's two pixel visitors: they connect the engine's per-pixel distributions to the range
// coder. Row r is coded in lane r mod L, each lane its own range-coded stream, so a decoder can run
// up to L rows of the wavefront together (docs/bitstream.md).
//
// Both visitors read or write the pixels of the band being processed through a caller-owned buffer
// (SetBand), so that memory stays O(width × band height).
#ifndef RIDE_RUNTIME_SRC_CODEC_LANE_VISITORS_H_
#define RIDE_RUNTIME_SRC_CODEC_LANE_VISITORS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/coder/range_decoder.h"
#include "runtime/src/coder/range_encoder.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::codec {

// Where the current band's pixels live: row first_row + i, column c at pixels[i * stride + c].
struct BandBuffer {
  uint8_t* pixels = nullptr;
  std::size_t stride = 0;
  uint32_t first_row = 0;
};

class EncodingVisitor final : public engine::PixelVisitor {
 public:
  // `lanes` (lane_count encoders) must outlive the visitor.
  EncodingVisitor(coder::RangeEncoder* const* lanes, uint32_t lane_count) : lanes_(lanes), lane_count_(lane_count) {}
  void SetBand(const BandBuffer& band) { band_ = band; }
  uint8_t Visit(uint32_t row, uint32_t column, const engine::PixelDistribution& distribution) override;
  // Sum of −log2 of the coded probabilities so far: the size the coder should reach.
  double coded_bits() const { return coded_bits_; }

 private:
  coder::RangeEncoder* const* lanes_;
  uint32_t lane_count_;
  BandBuffer band_;
  double coded_bits_ = 0;
};

class DecodingVisitor final : public engine::PixelVisitor {
 public:
  DecodingVisitor(coder::RangeDecoder* const* lanes, uint32_t lane_count) : lanes_(lanes), lane_count_(lane_count) {}
  void SetBand(const BandBuffer& band) { band_ = band; }
  uint8_t Visit(uint32_t row, uint32_t column, const engine::PixelDistribution& distribution) override;

 private:
  coder::RangeDecoder* const* lanes_;
  uint32_t lane_count_;
  BandBuffer band_;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_LANE_VISITORS_H_
