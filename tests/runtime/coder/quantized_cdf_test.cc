#include "runtime/src/coder/quantized_cdf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace ride::coder {
namespace {

std::vector<uint32_t> Quantize(const std::vector<float>& cdf, int precision_bits) {
  std::vector<uint32_t> cdf_q(cdf.size());
  QuantizeCdf(cdf.data(), cdf.size() - 1, precision_bits, cdf_q.data());
  return cdf_q;
}

void ExpectStrictlyIncreasingFromZeroToTotal(const std::vector<uint32_t>& cdf_q, int precision_bits) {
  EXPECT_EQ(cdf_q.front(), 0u);
  EXPECT_EQ(cdf_q.back(), 1u << precision_bits);
  for (std::size_t v = 0; v + 1 < cdf_q.size(); ++v) EXPECT_LT(cdf_q[v], cdf_q[v + 1]) << "symbol " << v;
}

TEST(QuantizedCdfTest, FollowsTheDesignFormula) {
  // Q(v) = floor(F(v) * (2^P - n)) + v with n = 4, P = 4: scale 12.
  const std::vector<float> cdf = {0.0f, 0.25f, 0.5f, 0.9f, 1.0f};
  EXPECT_EQ(Quantize(cdf, 4), (std::vector<uint32_t>{0, 3 + 1, 6 + 2, 10 + 3, 16}));
}

TEST(QuantizedCdfTest, EverySymbolKeepsAFrequencyOfAtLeastOne) {
  std::vector<float> cdf(257, 1.0f);
  cdf[0] = 0.0f;  // all mass on symbol 0
  const auto cdf_q = Quantize(cdf, 24);
  ExpectStrictlyIncreasingFromZeroToTotal(cdf_q, 24);
  EXPECT_EQ(cdf_q[1], (1u << 24) - 256 + 1);
}

TEST(QuantizedCdfTest, RepairsRoundingThatBreaksMonotonicity) {
  std::vector<float> cdf(257);
  for (int v = 0; v <= 256; ++v) cdf[v] = v / 256.0f + ((v % 3 == 0) ? -1e-6f : 1e-6f);
  ExpectStrictlyIncreasingFromZeroToTotal(Quantize(cdf, 16), 16);
}

TEST(QuantizedCdfTest, ClampsNanAndValuesOutsideTheUnitInterval) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> cdf = {-1.0f, nan, -inf, 2.0f, inf, 0.5f, 1.0f};
  const auto cdf_q = Quantize(cdf, 12);
  ExpectStrictlyIncreasingFromZeroToTotal(cdf_q, 12);
  EXPECT_EQ(QuantizeCdfValue(nan, 3, 6, 12), 3u);
  EXPECT_EQ(QuantizeCdfValue(inf, 3, 6, 12), (1u << 12) - 6 + 3);
}

TEST(QuantizedCdfTest, CostsLittleAgainstTheFloatDistributionAtHighPrecision) {
  // A discretised Gaussian with standard deviation 3 symbols: the quantised code must cost within
  // 0.01% of the float distribution's entropy at P = 24.
  std::vector<double> p(256);
  double total = 0;
  for (int v = 0; v < 256; ++v) total += p[v] = std::exp(-0.5 * std::pow((v - 100.3) / 3.0, 2));
  std::vector<float> cdf(257);
  double running = 0, entropy = 0;
  for (int v = 0; v <= 256; ++v) {
    cdf[v] = static_cast<float>(running / total);
    if (v < 256) running += p[v];
  }
  const auto cdf_q = Quantize(cdf, 24);
  double cross_entropy = 0;
  for (int v = 0; v < 256; ++v) {
    const double pv = p[v] / total;
    if (pv <= 0) continue;
    entropy -= pv * std::log2(pv);
    cross_entropy -= pv * std::log2((cdf_q[v + 1] - cdf_q[v]) / double(1u << 24));
  }
  EXPECT_LT(cross_entropy, entropy * 1.0001);
}

TEST(QuantizedCdfTest, FindSymbolInvertsTheCdfAtEveryEdge) {
  std::vector<float> cdf(257);
  for (int v = 0; v <= 256; ++v) cdf[v] = std::pow(v / 256.0f, 3.0f);
  const auto cdf_q = Quantize(cdf, 20);
  for (uint32_t v = 0; v < 256; ++v) {
    EXPECT_EQ(FindSymbol(cdf_q.data(), 256, cdf_q[v]), v);
    EXPECT_EQ(FindSymbol(cdf_q.data(), 256, cdf_q[v + 1] - 1), v);
  }
}

}  // namespace
}  // namespace ride::coder
