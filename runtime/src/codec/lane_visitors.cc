#include "runtime/src/codec/lane_visitors.h"

#include <cmath>

#include "runtime/src/codec/coding_methods.h"

namespace ride::codec {

using engine::kCodingPrecisionBits;

namespace {

// The lane's next pixel, (row, column + 1), comes after the band's other rows at this column: its
// count slots are fetched now, with the neighbours known so far (speed only).
void PrefetchNext(AdaptiveLanes& learner, uint32_t row, uint32_t column) {
  if (column + 1 >= learner.recent().width()) return;
  adaptive::AdaptivePixel::Prefetch(*learner.LaneOfRow(row), learner.recent().Around(row, column + 1, learner.reach()));
}

}  // namespace

uint8_t EncodingVisitor::Visit(uint32_t row, uint32_t column, uint32_t /*channel*/, const engine::PixelDistribution& distribution) {
  const uint8_t value = band_.pixels[(row - band_.first_row) * band_.stride + column];
  uint32_t start = 0, end = 0;
  if (sets_->learner != nullptr) {
    AdaptiveLanes& learner = *sets_->learner;
    const adaptive::LevelSet* levels = sets_->levels[sets_->SetOfRow(row)];
    pixel_.Begin(levels, &distribution, learner.LaneOfRow(row), learner.recent().Around(row, column, learner.reach()));
    const uint32_t bin = levels->bin_of[value];
    start = pixel_.Cumulative(bin);
    end = pixel_.Cumulative(bin + 1);
    pixel_.Finish(bin);
    learner.recent().Set(row, column, value);
    PrefetchNext(learner, row, column);
    for (uint32_t k = 0; k < adaptive::kComponents; ++k) {
      component_bits_[k] += kCodingPrecisionBits - std::log2(static_cast<double>(pixel_.component_frequencies()[k]));
      component_weight_[k] += static_cast<double>(pixel_.weights()[k]) / static_cast<double>(pixel_.weight_sum());
    }
  } else {
    start = distribution.QuantizedCdf(value);
    end = distribution.QuantizedCdf(value + 1u);
  }
  // Every group is coded with the model, whether or not it ends up stored: the encoder only knows
  // at the group's end which is smaller.
  sets_->LaneOfRow(row)->Encode(start, end - start, kCodingPrecisionBits);
  const double bits = kCodingPrecisionBits - std::log2(static_cast<double>(end - start));
  coded_bits_ += bits;
  if (costs_ != nullptr) costs_[(row - band_.first_row) * band_.stride + column] = static_cast<float>(bits);
  return value;
}

uint8_t DecodingVisitor::Visit(uint32_t row, uint32_t column, uint32_t /*channel*/, const engine::PixelDistribution& distribution) {
  uint8_t* pixel = band_.pixels + (row - band_.first_row) * band_.stride + column;
  if (sets_->learner != nullptr) return VisitAdaptive(row, column, distribution, pixel);
  // A stored group's values were unpacked into the band before it ran.
  if (sets_->stored[sets_->SetOfRow(row)]) return *pixel;
  coder::RangeDecoder* decoder = sets_->LaneOfRow(row);
  const uint32_t target = decoder->GetTarget(kCodingPrecisionBits);
  uint32_t start = 0, end = 0;
  const uint32_t value = distribution.FindValue(target, &start, &end);
  decoder->Consume(start, end - start);
  *pixel = static_cast<uint8_t>(value);
  return static_cast<uint8_t>(value);
}

uint8_t DecodingVisitor::VisitAdaptive(uint32_t row, uint32_t column, const engine::PixelDistribution& distribution,
                                       uint8_t* pixel) {
  AdaptiveLanes& learner = *sets_->learner;
  const uint32_t set = sets_->SetOfRow(row);
  const adaptive::LevelSet* levels = sets_->levels[set];
  pixel_.Begin(levels, &distribution, learner.LaneOfRow(row), learner.recent().Around(row, column, learner.reach()));
  uint32_t bin = 0;
  if (sets_->stored[set]) {  // unpacked into the band before it ran
    bin = levels->bin_of[*pixel];
  } else {
    coder::RangeDecoder* decoder = sets_->LaneOfRow(row);
    const uint32_t target = decoder->GetTarget(kCodingPrecisionBits);
    uint32_t start = 0, end = 0;
    if (sets_->method[set] == kMethodAdaptive) {
      bin = pixel_.Find(target, &start, &end);
      *pixel = levels->level[bin];
    } else {  // a model group: all 256 values are bins
      bin = distribution.FindValue(target, &start, &end);
      *pixel = static_cast<uint8_t>(bin);
    }
    decoder->Consume(start, end - start);
  }
  pixel_.Finish(bin);
  learner.recent().Set(row, column, *pixel);
  PrefetchNext(learner, row, column);
  return *pixel;
}

}  // namespace ride::codec
