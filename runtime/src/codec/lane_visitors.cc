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

double EncodingVisitor::CodeSample(uint32_t row, uint32_t column, uint32_t sample,
                                   const engine::PixelDistribution* distribution, uint8_t value) {
  uint32_t start = 0, end = 0;
  if (sets_->learners != nullptr) {
    AdaptiveLanes& learner = sets_->learners[sample];
    const adaptive::LevelSet* levels = sets_->levels[sets_->SetOfRow(row)] + sample;
    pixel_.Begin(levels, distribution, learner.LaneOfRow(row), learner.recent().Around(row, column, learner.reach()));
    const uint32_t bin = levels->bin_of[value];
    start = pixel_.Cumulative(bin);
    end = pixel_.Cumulative(bin + 1);
    pixel_.Finish(bin);
    learner.recent().Set(row, column, value);
    PrefetchNext(learner, row, column);
    for (uint32_t k = 0; k < adaptive::kComponents; ++k) {
      const double share = static_cast<double>(pixel_.weights()[k]) / static_cast<double>(pixel_.weight_sum());
      component_bits_[k] += kCodingPrecisionBits - std::log2(static_cast<double>(pixel_.component_frequencies()[k]));
      component_weight_[k] += share;
      if (trust_ != nullptr) pixel_weight_[k] += share;
    }
  } else {  // version 1: gray, the model alone
    start = distribution->QuantizedCdf(value);
    end = distribution->QuantizedCdf(value + 1u);
  }
  // Every group is coded with the model, whether or not it ends up stored: the encoder only knows
  // at the group's end which is smaller.
  sets_->LaneOfRow(row)->Encode(start, end - start, kCodingPrecisionBits);
  const double bits = kCodingPrecisionBits - std::log2(static_cast<double>(end - start));
  coded_bits_ += bits;
  return bits;
}

uint8_t EncodingVisitor::Visit(uint32_t row, uint32_t column, uint32_t channel,
                               const engine::PixelDistribution& distribution) {
  const uint8_t* pixel = band_.Pixel(row, column);
  const PixelLayout& layout = sets_->layout;
  // A pixel's channels are visited one after another, the first first.
  if (trust_ != nullptr && channel == 0) {
    for (double& weight : pixel_weight_) weight = 0;
  }
  double bits = CodeSample(row, column, channel, &distribution, pixel[channel]);
  if (layout.alpha() && channel + 1 == layout.modelled) {
    bits += CodeSample(row, column, layout.samples - 1, nullptr, pixel[layout.samples - 1]);
  }
  const std::size_t at = std::size_t{row - band_.first_row} * band_.width + column;
  if (costs_ != nullptr) {
    float& cost = costs_[at];
    cost = channel == 0 ? static_cast<float>(bits) : cost + static_cast<float>(bits);
  }
  if (trust_ != nullptr && channel + 1 == layout.modelled) {  // the pixel's last modelled channel
    uint8_t most = 0;
    bool tie = false;
    for (uint8_t k = 1; k < adaptive::kComponents; ++k) {
      tie = pixel_weight_[k] == pixel_weight_[most] || (tie && pixel_weight_[k] < pixel_weight_[most]);
      most = pixel_weight_[k] > pixel_weight_[most] ? k : most;
    }
    trust_[at] = tie ? adaptive::kTrustTie : most;
  }
  return pixel[channel];
}

void DecodingVisitor::DecodeSample(uint32_t row, uint32_t column, uint32_t sample,
                                   const engine::PixelDistribution* distribution, uint8_t* value) {
  AdaptiveLanes& learner = sets_->learners[sample];
  const uint32_t set = sets_->SetOfRow(row);
  const adaptive::LevelSet* levels = sets_->levels[set] + sample;
  pixel_.Begin(levels, distribution, learner.LaneOfRow(row), learner.recent().Around(row, column, learner.reach()));
  uint32_t bin = 0;
  if (sets_->stored[set]) {  // unpacked into the band before it ran
    bin = levels->bin_of[*value];
  } else {
    coder::RangeDecoder* decoder = sets_->LaneOfRow(row);
    const uint32_t target = decoder->GetTarget(kCodingPrecisionBits);
    uint32_t start = 0, end = 0;
    if (sets_->method[set] == kMethodAdaptive) {
      bin = pixel_.Find(target, &start, &end);
      *value = levels->level[bin];
    } else {  // a model group (gray only): all 256 values are bins
      bin = distribution->FindValue(target, &start, &end);
      *value = static_cast<uint8_t>(bin);
    }
    decoder->Consume(start, end - start);
  }
  pixel_.Finish(bin);
  learner.recent().Set(row, column, *value);
  PrefetchNext(learner, row, column);
}

uint8_t DecodingVisitor::Visit(uint32_t row, uint32_t column, uint32_t channel,
                               const engine::PixelDistribution& distribution) {
  uint8_t* pixel = band_.Pixel(row, column);
  if (sets_->learners == nullptr) {  // version 1: gray, the model alone
    // A stored group's values were unpacked into the band before it ran.
    if (sets_->stored[sets_->SetOfRow(row)]) return *pixel;
    coder::RangeDecoder* decoder = sets_->LaneOfRow(row);
    const uint32_t target = decoder->GetTarget(kCodingPrecisionBits);
    uint32_t start = 0, end = 0;
    *pixel = static_cast<uint8_t>(distribution.FindValue(target, &start, &end));
    decoder->Consume(start, end - start);
    return *pixel;
  }
  const PixelLayout& layout = sets_->layout;
  DecodeSample(row, column, channel, &distribution, pixel + channel);
  if (layout.alpha() && channel + 1 == layout.modelled) {
    DecodeSample(row, column, layout.samples - 1, nullptr, pixel + layout.samples - 1);
  }
  return pixel[channel];
}

}  // namespace ride::codec
