// One pixel under the adaptive method: the coded CDF is strictly increasing from 0 to 2^24 over the
// bins, Find inverts it for every target, and what the lane learns makes a repeated context cheap.
#include "runtime/src/adaptive/adaptive_pixel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "runtime/src/kernels/kernel_table.h"

namespace ride::adaptive {
namespace {

// A two-term Gaussian mixture around `centre` (in values), padded to 8 coded terms.
struct Mixture {
  std::vector<float> weight = std::vector<float>(8, 0.0f), mean = std::vector<float>(8, 0.0f),
                     inv_std = std::vector<float>(8, 1.0f), terms = std::vector<float>(8, 0.0f);
  engine::PixelDistribution distribution;
  explicit Mixture(float centre) {
    weight[0] = 0.7f;
    weight[1] = 0.3f;
    mean[0] = mean[1] = centre / 256.0f;
    inv_std[0] = 256.0f / 3.0f;
    inv_std[1] = 256.0f / 20.0f;
    distribution.count = distribution.coded_count = 8;
    distribution.weight = distribution.coded_weight = weight.data();
    distribution.mean = distribution.coded_mean = mean.data();
    distribution.inv_std = distribution.coded_inv_std = inv_std.data();
    distribution.terms = terms.data();
    distribution.center = centre / 256.0f;
    distribution.kernels = &kernels::GetKernelTable();
  }
};

struct Lane {
  std::vector<CountSlot> slots = std::vector<CountSlot>(LaneState::SlotsFor(16));
  std::vector<MatchSlot> matches = std::vector<MatchSlot>(NeighbourMatches::kSlots);
  LaneState state{slots.data(), matches.data(), 16};
};

LevelSet SetOf(const std::vector<uint32_t>& values) {
  bool present[kValues] = {};
  for (uint32_t v : values) present[v] = true;
  LevelSet set;
  BuildLevelSet(present, &set);
  return set;
}

void CheckCdf(AdaptivePixel* pixel) {
  const uint32_t n = pixel->bins();
  EXPECT_EQ(pixel->Cumulative(0), 0u);
  EXPECT_EQ(pixel->Cumulative(n), kTotal);
  for (uint32_t bin = 0; bin < n; ++bin) {
    const uint32_t start = pixel->Cumulative(bin), end = pixel->Cumulative(bin + 1);
    ASSERT_LT(start, end) << bin;
    for (uint32_t target : {start, start + (end - start) / 2, end - 1}) {
      uint32_t found_start = 0, found_end = 0;
      ASSERT_EQ(pixel->Find(target, &found_start, &found_end), bin) << target;
      EXPECT_EQ(found_start, start);
      EXPECT_EQ(found_end, end);
    }
  }
}

TEST(AdaptivePixelTest, TheCodedCdfIsStrictlyIncreasingAndFindInvertsIt) {
  const LevelSet all = SetOf([] {
    std::vector<uint32_t> v;
    for (uint32_t i = 0; i < kValues; ++i) v.push_back(i);
    return v;
  }());
  const LevelSet few = SetOf({0, 17, 100, 101, 255});
  for (const LevelSet* set : {&all, &few}) {
    for (float centre : {0.0f, 99.5f, 250.0f}) {
      Mixture mixture(centre);
      Lane lane;
      AdaptivePixel pixel;
      Neighbours around;
      around.w = around.n = 101;
      // Fresh, then after the context has seen a value many times.
      for (int round = 0; round < 3; ++round) {
        pixel.Begin(set, &mixture.distribution, &lane.state, around);
        CheckCdf(&pixel);
        for (int i = 0; i < 40; ++i) {
          pixel.Begin(set, &mixture.distribution, &lane.state, around);
          pixel.Finish(set->bin_of[100]);
        }
      }
    }
  }
}

TEST(AdaptivePixelTest, ARepeatedContextBecomesCheap) {
  const LevelSet set = SetOf({0, 255});
  Mixture mixture(128.0f);  // the model has no idea
  Lane lane;
  AdaptivePixel pixel;
  Neighbours around;
  around.w = around.n = around.nw = around.ne = 256;  // value 255
  double first = 0, last = 0;
  for (int i = 0; i < 200; ++i) {
    pixel.Begin(&set, &mixture.distribution, &lane.state, around);
    const double bits = 24.0 - std::log2(static_cast<double>(pixel.Cumulative(2) - pixel.Cumulative(1)));
    if (i == 0) first = bits;
    last = bits;
    pixel.Finish(1);
  }
  EXPECT_NEAR(first, 1.0, 0.1);  // two bins, the model splits them evenly
  EXPECT_LT(last, 0.05);
}

}  // namespace
}  // namespace ride::adaptive
