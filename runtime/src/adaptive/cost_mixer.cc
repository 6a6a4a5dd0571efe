#include "runtime/src/adaptive/cost_mixer.h"

namespace ride::adaptive {
namespace {

// round(16 · log2(1 + j / 16)) and round(2^16 · 2^(−r / 16)).
constexpr uint8_t kLog2Sixteenths[16] = {0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15};
constexpr uint32_t kExp2Negative[16] = {65536, 62757, 60097, 57549, 55109, 52773, 50535, 48393,
                                        46341, 44376, 42495, 40693, 38968, 37316, 35734, 34219};

uint32_t FloorLog2(uint32_t value) {
  uint32_t bits = 0;
  while (value >> (bits + 1) != 0) ++bits;
  return bits;
}

}  // namespace

uint32_t CostSixteenths(uint32_t frequency) {
  const uint32_t whole = FloorLog2(frequency);
  // The four bits after the leading one.
  const uint32_t fraction = whole >= 4 ? (frequency >> (whole - 4)) & 15u : (frequency << (4 - whole)) & 15u;
  return 16 * 24 - (16 * whole + kLog2Sixteenths[fraction]);
}

uint32_t ActivityBucket(uint32_t activity) {
  if (activity == 0) return 0;
  const uint32_t bucket = 1 + 2 * FloorLog2(1 + activity);
  return bucket < kActivityBuckets ? bucket : kActivityBuckets - 1;
}

void CostMixer::Clear() {
  for (auto& bucket : loss_) {
    for (uint32_t& loss : bucket) loss = 0;
  }
}

void CostMixer::Weights(uint32_t bucket, uint32_t weights[kComponents]) const {
  const uint32_t* loss = loss_[bucket];
  uint32_t best = loss[0];
  for (uint32_t k = 1; k < kComponents; ++k) best = loss[k] < best ? loss[k] : best;
  for (uint32_t k = 0; k < kComponents; ++k) {
    const uint32_t behind = loss[k] - best;  // sixteenths of a bit
    const uint32_t whole = behind >> 4;
    weights[k] = whole >= 16 ? 0
                             : static_cast<uint32_t>(uint64_t{kUnitWeight >> whole} * kExp2Negative[behind & 15u] >> 16);
  }
}

void CostMixer::Update(uint32_t bucket, const uint32_t costs[kComponents]) {
  uint32_t* loss = loss_[bucket];
  for (uint32_t k = 0; k < kComponents; ++k) loss[k] = loss[k] - (loss[k] >> kLossDecayShift) + costs[k];
}

}  // namespace ride::adaptive
