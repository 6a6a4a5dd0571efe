// CostMixer: how much each component of the adaptive coding method is trusted, from what it would
// have cost lately (docs/adaptive.md, "Mixing"). Per bucket of pixels it keeps each component's
// recent coding cost, L ← L − L/32 + cost, in sixteenths of a bit, and weighs component k by
// 2^−(L_k − min L): a component that coded the recent pixels of this kind one bit cheaper than the
// others gets twice their weight. All integer, with own tables for log2 and 2^−x.
#ifndef RIDE_RUNTIME_SRC_ADAPTIVE_COST_MIXER_H_
#define RIDE_RUNTIME_SRC_ADAPTIVE_COST_MIXER_H_

#include <cstdint>

namespace ride::adaptive {

// The components, in the order of their weights: the learned model alone, refined by neighbour
// matches, by residuals in the context of the neighbours' differences, and by the exact-context
// counts of orders 4, 6 and 11 (adaptive_pixel.h).
inline constexpr uint32_t kComponents = 6;
inline constexpr uint32_t kActivityBuckets = 16;
// The mixer's buckets: activity × what the order-6 context has seen (nothing, one value, several).
inline constexpr uint32_t kMixerBuckets = kActivityBuckets * 3;
// The recent cost decays by 1/32 a pixel: L ← L − L/32 + cost.
inline constexpr uint32_t kLossDecayShift = 5;
// The weight of the cheapest component; others get less, down to 0 beyond 16 bits behind it.
inline constexpr uint32_t kUnitWeight = uint32_t{1} << 16;
// In maps of the component the mixer trusted most: several shared the largest weight.
inline constexpr uint8_t kTrustTie = 255;

// −log2(frequency / 2^24) in sixteenths of a bit, for 1 <= frequency <= 2^24, within 1/8 bit (the
// four bits after the leading one of `frequency` are looked up; the rest are dropped).
uint32_t CostSixteenths(uint32_t frequency);

// The bucket of a pixel whose neighbours differ by `activity` in all (|W − NW| + |N − NW| + |N − NE|).
uint32_t ActivityBucket(uint32_t activity);

class CostMixer {
 public:
  void Clear();
  // The components' weights for a pixel of `bucket` (< kMixerBuckets): each in [0, kUnitWeight],
  // the largest kUnitWeight.
  void Weights(uint32_t bucket, uint32_t weights[kComponents]) const;
  // After coding a pixel of `bucket`: what each component alone would have cost, in sixteenths.
  void Update(uint32_t bucket, const uint32_t costs[kComponents]);

 private:
  uint32_t loss_[kMixerBuckets][kComponents] = {};
};

}  // namespace ride::adaptive

#endif  // RIDE_RUNTIME_SRC_ADAPTIVE_COST_MIXER_H_
