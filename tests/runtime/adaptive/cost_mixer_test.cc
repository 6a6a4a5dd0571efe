// The mixer's integer arithmetic: costs within 1/8 bit of −log2, activity buckets, and weights
// that halve per bit a component is behind the best.
#include "runtime/src/adaptive/cost_mixer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ride::adaptive {
namespace {

TEST(CostMixerTest, CostsAreWithinAnEighthOfABit) {
  for (uint32_t f = 1; f <= (1u << 24); f = f < 64 ? f + 1 : f + f / 7) {
    const double exact = 16.0 * (24.0 - std::log2(static_cast<double>(f)));
    EXPECT_NEAR(static_cast<double>(CostSixteenths(f)), exact, 2.0) << f;
  }
  EXPECT_EQ(CostSixteenths(1u << 24), 0u);
  EXPECT_EQ(CostSixteenths(1), 16u * 24u);
}

TEST(CostMixerTest, BucketsGrowWithActivity) {
  EXPECT_EQ(ActivityBucket(0), 0u);
  EXPECT_EQ(ActivityBucket(1), 3u);
  EXPECT_EQ(ActivityBucket(765), kActivityBuckets - 1);
  for (uint32_t a = 1; a < 765; ++a) EXPECT_LE(ActivityBucket(a - 1), ActivityBucket(a));
}

TEST(CostMixerTest, AComponentABitBehindGetsHalfTheWeight) {
  CostMixer mixer;
  mixer.Clear();
  uint32_t weights[kComponents];
  mixer.Weights(4, weights);
  for (uint32_t w : weights) EXPECT_EQ(w, kUnitWeight);
  // Component 1 costs 1/16 bit more per pixel than the others; the losses remember about 32
  // pixels, so it settles about 2 bits behind: a quarter of the weight.
  for (int i = 0; i < 2000; ++i) {
    uint32_t costs[kComponents] = {};
    for (uint32_t k = 0; k < kComponents; ++k) costs[k] = k == 1 ? 16 * 3 + 1 : 16 * 3;
    mixer.Update(4, costs);
  }
  mixer.Weights(4, weights);
  EXPECT_EQ(weights[0], kUnitWeight);
  EXPECT_NEAR(static_cast<double>(weights[1]) / kUnitWeight, 0.25, 0.06);
  // Far behind: no weight at all.
  for (int i = 0; i < 2000; ++i) {
    uint32_t costs[kComponents] = {};
    for (uint32_t k = 0; k < kComponents; ++k) costs[k] = k == 2 ? 16 * 8 : 0;
    mixer.Update(4, costs);
  }
  mixer.Weights(4, weights);
  EXPECT_EQ(weights[2], 0u);
  mixer.Weights(5, weights);  // other buckets are untouched
  for (uint32_t w : weights) EXPECT_EQ(w, kUnitWeight);
}

}  // namespace
}  // namespace ride::adaptive
