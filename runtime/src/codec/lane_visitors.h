// The codec's two pixel visitors: they connect the engine's per-pixel distributions to the range
// coder. Rows come in groups of G (a multiple of the lane count L); within its group, row r is coded
// in lane r mod L, each lane its own range-coded stream that restarts with every group, so a
// decoder can run up to L rows of the wavefront together (docs/bitstream.md). Rows in flight span
// at most two groups, so the coders come in two sets: group g's lanes are set g mod 2.
//
// Both visitors read or write the pixels of the band being processed through a caller-owned buffer
// (SetBand), so that memory stays O(width × band height). The values are the coded 8-bit values
// (sample_codes.h), a pixel's samples interleaved (pixel_layout.h): the engine visits the model's
// channels in order, and the alpha sample, when there is one, is coded right after the last of them.
//
// In a version-2 file every pixel, whatever its group's method, teaches the adaptive state of its
// lane (adaptive_lanes.h; one per sample of the pixel) over its group's level set: an adaptive group's own, the values of a
// stored group, all 256 for a model group. So an encoder, which learns only at a group's end
// whether storing it is smaller, never has to undo what the group taught.
#ifndef RIDE_RUNTIME_SRC_CODEC_LANE_VISITORS_H_
#define RIDE_RUNTIME_SRC_CODEC_LANE_VISITORS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/adaptive/adaptive_pixel.h"
#include "runtime/src/adaptive/level_set.h"
#include "runtime/src/codec/adaptive_lanes.h"
#include "runtime/src/codec/pixel_layout.h"
#include "runtime/src/coder/range_decoder.h"
#include "runtime/src/coder/range_encoder.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::codec {

// Where the current band's pixels live: row first_row + i, column c, sample k at
// pixels[(i * width + c) * samples + k].
struct BandBuffer {
  uint8_t* pixels = nullptr;
  std::size_t width = 0;
  uint32_t first_row = 0;
  uint32_t samples = 1;
  uint8_t* Pixel(uint32_t row, uint32_t column) const {
    return pixels + ((row - first_row) * width + column) * samples;
  }
};

// Group g of G rows uses set g mod 2: set s's lane k at coders[s][k].
template <typename Coder>
struct LaneSets {
  Coder* coders[2] = {nullptr, nullptr};
  uint32_t lanes = 1;
  uint32_t group_rows = 1;
  // Decoding: whether set s holds a stored group (its rows' values are in the band already), and
  // its method.
  bool stored[2] = {false, false};
  uint8_t method[2] = {1, 1};
  PixelLayout layout;
  // Version 2: the adaptive state of each sample of a pixel (layout.samples of them), and set s's
  // level sets, one per sample. Null for version 1, which learns nothing.
  AdaptiveLanes* learners = nullptr;
  const adaptive::LevelSet* levels[2] = {nullptr, nullptr};

  uint32_t SetOfRow(uint32_t row) const { return (row / group_rows) & 1u; }
  Coder* LaneOfRow(uint32_t row) const { return coders[SetOfRow(row)] + row % lanes; }
};

class EncodingVisitor final : public engine::PixelVisitor {
 public:
  // `sets` must outlive the visitor.
  explicit EncodingVisitor(const LaneSets<coder::RangeEncoder>* sets) : sets_(sets) {}
  // `costs`, when not null, receives each pixel's bits (all its samples), band.width a row, and
  // `trust` the component the mixer trusted most (CostSink::RowTrust).
  void SetBand(const BandBuffer& band, float* costs = nullptr, uint8_t* trust = nullptr) {
    band_ = band;
    costs_ = costs;
    trust_ = trust;
  }
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t channel, const engine::PixelDistribution& distribution) override;
  // Sum of −log2 of the coded probabilities so far: the size the coder should reach.
  double coded_bits() const { return coded_bits_; }
  // Σ over the pixels of what each adaptive component alone would have cost, and of its weight
  // share (version 2).
  const double* component_bits() const { return component_bits_; }
  const double* component_weight() const { return component_weight_; }

 private:
  // Codes sample `sample` of the pixel (value `value`), with the model's distribution or none
  // (alpha); returns its bits.
  double CodeSample(uint32_t row, uint32_t column, uint32_t sample, const engine::PixelDistribution* distribution,
                    uint8_t value);

  const LaneSets<coder::RangeEncoder>* sets_;
  BandBuffer band_;
  double coded_bits_ = 0;
  float* costs_ = nullptr;
  uint8_t* trust_ = nullptr;
  double pixel_weight_[adaptive::kComponents] = {};  // the pixel's samples so far, for trust_
  double component_bits_[adaptive::kComponents] = {};
  double component_weight_[adaptive::kComponents] = {};
  adaptive::AdaptivePixel pixel_;
};

class DecodingVisitor final : public engine::PixelVisitor {
 public:
  explicit DecodingVisitor(const LaneSets<coder::RangeDecoder>* sets) : sets_(sets) {}
  void SetBand(const BandBuffer& band) { band_ = band; }
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t channel, const engine::PixelDistribution& distribution) override;

 private:
  // Decodes sample `sample` of the pixel into *value (version 2), with the model's distribution
  // or none (alpha).
  void DecodeSample(uint32_t row, uint32_t column, uint32_t sample, const engine::PixelDistribution* distribution,
                    uint8_t* value);

  const LaneSets<coder::RangeDecoder>* sets_;
  BandBuffer band_;
  adaptive::AdaptivePixel pixel_;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_LANE_VISITORS_H_
