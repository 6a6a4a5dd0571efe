// Building a PixelDistribution from a mixture: the coded terms are exactly the kept terms in order,
// padded to a multiple of 8 with terms that add +0; means repeat per scale; the decoder's search
// centres on the expected value and finds every value; and the CDF agrees with a direct
// double-precision sum.
#include "runtime/src/engine/mixture_cdf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/src/kernels/kernel_table.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::engine {
namespace {

using testing::Rng;

// A mixture with the arrays it points to. Weights follow `pattern` per block of 8 terms: 'k' all
// kept, 'd' all dropped, 'r' ragged (about half kept); they are not normalised (the unit does not
// care).
struct OwnedMixture {
  std::vector<float> weight, log_weight, component_mean, inv_std;
  PixelMixture view;

  OwnedMixture(std::size_t components, std::size_t scales, const char* pattern, uint64_t seed) {
    Rng rng(seed);
    const std::size_t count = components * scales;
    for (std::size_t i = 0; i < count; ++i) {
      const char kind = pattern[(i / 8) % std::char_traits<char>::length(pattern)];
      const bool kept = kind == 'k' || (kind == 'r' && rng.Uniform() < 0.5);
      weight.push_back(kept ? static_cast<float>(kMinCodedWeight * (1 + 1e6 * rng.Uniform()))
                            : static_cast<float>(kMinCodedWeight * rng.Uniform() * 0.999));
      log_weight.push_back(std::log(weight.back()));
      inv_std.push_back(static_cast<float>(10 + 100 * rng.Uniform()));
    }
    weight[0] = kMinCodedWeight;  // exactly at the threshold: kept (when its block is not dropped)
    for (std::size_t c = 0; c < components; ++c) component_mean.push_back(static_cast<float>(rng.Uniform()));
    view.components = components;
    view.scales = scales;
    view.weight = weight.data();
    view.log_weight = log_weight.data();
    view.component_mean = component_mean.data();
    view.inv_std = inv_std.data();
    view.expected = 0.5f;
  }
};

struct OwnedWorkspace {
  std::vector<float> mean, coded_weight, coded_mean, coded_inv_std, terms;
  MixtureCdfWorkspace view;
  explicit OwnedWorkspace(std::size_t count)
      : mean(count, NAN),
        coded_weight(count + kCodedTermPadding, NAN),
        coded_mean(count + kCodedTermPadding, NAN),
        coded_inv_std(count + kCodedTermPadding, NAN),
        terms(count + kCodedTermPadding, NAN) {
    view = MixtureCdfWorkspace{mean.data(), coded_weight.data(), coded_mean.data(), coded_inv_std.data(), terms.data()};
  }
};

PixelDistribution Build(const OwnedMixture& m, const OwnedWorkspace& ws) {
  PixelDistribution d;
  BuildPixelDistribution(m.view, ws.view, &kernels::GetKernelTable(), &d);
  return d;
}

struct Shape {
  std::size_t components, scales;
  const char* pattern;
};
const Shape kShapes[] = {{32, 4, "kdrkrrdk"}, {32, 4, "k"}, {32, 4, "d"}, {5, 3, "r"}, {4, 3, "kk"}, {1, 1, "k"}, {7, 9, "rkd"}};

TEST(MixtureCdfTest, CodedTermsAreTheKeptTermsInOrderPaddedToEight) {
  for (const Shape& shape : kShapes) {
    SCOPED_TRACE(shape.pattern);
    const OwnedMixture m(shape.components, shape.scales, shape.pattern, 3);
    const OwnedWorkspace ws(m.view.Count());
    const PixelDistribution d = Build(m, ws);
    std::vector<float> weight, mean, inv_std;
    for (std::size_t i = 0; i < m.view.Count(); ++i) {
      if (m.weight[i] >= kMinCodedWeight) {
        weight.push_back(m.weight[i]);
        mean.push_back(m.component_mean[i / shape.scales]);
        inv_std.push_back(m.inv_std[i]);
      }
    }
    const std::size_t kept = weight.size();
    ASSERT_EQ(d.coded_count % 8, 0u);
    ASSERT_GE(d.coded_count, kept);
    ASSERT_LT(d.coded_count, kept + 8);
    for (std::size_t i = 0; i < d.coded_count; ++i) {
      if (i < kept) {
        EXPECT_EQ(d.coded_weight[i], weight[i]) << "term " << i;
        EXPECT_EQ(d.coded_mean[i], mean[i]) << "term " << i;
        EXPECT_EQ(d.coded_inv_std[i], inv_std[i]) << "term " << i;
      } else {  // padding: weight +0, so the term adds exactly +0
        EXPECT_EQ(d.coded_weight[i], 0.0f);
        EXPECT_FALSE(std::signbit(d.coded_weight[i]));
        EXPECT_EQ(d.coded_mean[i], 0.0f);
        EXPECT_EQ(d.coded_inv_std[i], 1.0f);
      }
    }
  }
}

TEST(MixtureCdfTest, PointsAtTheMixtureAndRepeatsEachComponentsMeanOverItsScales) {
  const OwnedMixture m(7, 9, "rkd", 4);
  const OwnedWorkspace ws(m.view.Count());
  const PixelDistribution d = Build(m, ws);
  EXPECT_EQ(d.count, 63u);
  EXPECT_EQ(d.weight, m.weight.data());
  EXPECT_EQ(d.log_weight, m.log_weight.data());
  EXPECT_EQ(d.inv_std, m.inv_std.data());
  EXPECT_EQ(d.terms, ws.terms.data());
  EXPECT_EQ(d.kernels, &kernels::GetKernelTable());
  for (std::size_t i = 0; i < d.count; ++i) EXPECT_EQ(d.mean[i], m.component_mean[i / 9]) << "term " << i;
}

TEST(MixtureCdfTest, TheSearchCentresOnTheExpectedValue) {
  OwnedMixture m(4, 3, "k", 5);
  const OwnedWorkspace ws(m.view.Count());
  for (float expected : {-1.0f, 0.0f, 0.7f, 3.0f, INFINITY}) {
    m.view.expected = expected;
    EXPECT_EQ(Build(m, ws).center, expected);
  }
}

// Decoding finds every value from wherever the search starts; the start only saves evaluations:
// the value at the target's quantile, within a couple of values for a peaked mixture.
TEST(MixtureCdfTest, FindValueGivesEveryValueBackAndStartsNearIt) {
  OwnedMixture m(32, 4, "kdrkrrdk", 7);
  double total = 0;
  for (float w : m.weight) total += w >= kMinCodedWeight ? w : 0;
  for (float& w : m.weight) w = static_cast<float>(w / total);
  const OwnedWorkspace ws(m.view.Count());
  for (float centre : {0.3f, 0.5f, NAN}) {
    m.view.expected = centre;
    const PixelDistribution d = Build(m, ws);
    for (uint32_t v = 0; v < 256; ++v) {
      const uint32_t low = d.QuantizedCdf(v), high = d.QuantizedCdf(v + 1);
      for (uint32_t target : {low, low + (high - low) / 2, high - 1}) {
        uint32_t start = 0, end = 0;
        ASSERT_EQ(d.FindValue(target, &start, &end), v) << "target " << target << ", centre " << centre;
        EXPECT_EQ(start, low);
        EXPECT_EQ(end, high);
        EXPECT_LT(d.GuessValue(target), 256u);
      }
    }
  }
  // One narrow Gaussian at value 100.5: the quantile of the middle of each likely value's range.
  OwnedMixture peaked(1, 1, "k", 1);
  peaked.weight[0] = 1.0f;
  peaked.component_mean[0] = 100.5f / 256.0f;
  peaked.inv_std[0] = 256.0f / 2.0f;
  peaked.view.expected = peaked.component_mean[0];
  const OwnedWorkspace one(peaked.view.Count());
  const PixelDistribution p = Build(peaked, one);
  for (uint32_t v = 98; v <= 103; ++v) {
    const uint32_t middle = (p.QuantizedCdf(v) + p.QuantizedCdf(v + 1)) / 2;
    EXPECT_NEAR(static_cast<double>(p.GuessValue(middle)), v + 0.5, 1.5) << "value " << v;
  }
}

TEST(MixtureCdfTest, CdfMatchesADirectSumOverTheCodedTerms) {
  OwnedMixture m(32, 4, "kdrkrrdk", 6);
  // Normalise the weights, and means that sit among the pixel values.
  double total = 0;
  for (float w : m.weight) total += w >= kMinCodedWeight ? w : 0;
  for (float& w : m.weight) w = static_cast<float>(w / total);
  const OwnedWorkspace ws(m.view.Count());
  const PixelDistribution d = Build(m, ws);
  EXPECT_EQ(d.Cdf(0), 0.0f);
  EXPECT_EQ(d.Cdf(256), 1.0f);
  uint32_t previous = 0;
  for (uint32_t edge = 1; edge < 256; ++edge) {
    double expected = 0;
    const double y = edge / 256.0;
    for (std::size_t i = 0; i < m.view.Count(); ++i) {
      if (m.weight[i] < kMinCodedWeight) continue;
      const double t = (y - m.component_mean[i / 4]) * m.inv_std[i];
      expected += m.weight[i] * 0.5 * std::erfc(-t / std::sqrt(2.0));
    }
    EXPECT_NEAR(d.Cdf(edge), expected, 1e-5) << "edge " << edge;
    const uint32_t q = d.QuantizedCdf(edge);
    EXPECT_GT(q, previous) << "edge " << edge;
    previous = q;
  }
  EXPECT_GT(d.QuantizedCdf(256), previous);
}

}  // namespace
}  // namespace ride::engine
