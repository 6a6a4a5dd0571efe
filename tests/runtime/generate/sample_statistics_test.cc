// Sampling statistics: one pixel drawn many times (all others given as context) has the mean and
// variance of its predicted distribution, computed analytically from the MCGSM's mixture.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "runtime/src/engine/wavefront_session.h"
#include "runtime/src/generate/counter_rng.h"
#include "runtime/src/generate/sampler.h"
#include "tests/runtime/generate/builtin_model_fixture.h"

namespace ride::generate {
namespace {

constexpr uint32_t kWidth = 12, kHeight = 5;
constexpr uint32_t kSamples = 3000;

struct Moments {
  double mean = 0, variance = 0, fourth = 0;  // in pixel values: E[v], Var[v], E[(v − E v)^4]
};

// Captures the last pixel's distribution: the mixture's moments and the quantised CDF's exact ones.
class LastPixelVisitor final : public engine::PixelVisitor {
 public:
  explicit LastPixelVisitor(const std::vector<uint8_t>& pixels) : pixels_(pixels) {}
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t /*channel*/, const engine::PixelDistribution& d) override {
    if (row == kHeight - 1 && column == kWidth - 1) {
      // The model's y is in [0, 1); z = 256 y, and v = floor(z) is the pixel value.
      double mean = 0, second = 0;
      for (std::size_t k = 0; k < d.count; ++k) {
        const double m = 256.0 * d.mean[k], s = 256.0 / d.inv_std[k];
        mean += d.weight[k] * m;
        second += d.weight[k] * (s * s + m * m);
      }
      const double variance = second - mean * mean;
      double fourth = 0;
      for (std::size_t k = 0; k < d.count; ++k) {
        const double delta = 256.0 * d.mean[k] - mean, s = 256.0 / d.inv_std[k];
        fourth += d.weight[k] * (3 * s * s * s * s + 6 * s * s * delta * delta + delta * delta * delta * delta);
      }
      // Rounding z down to v moves the mean by −½ (v + ½ is the bin's centre) and adds 1/12 to the
      // variance (Sheppard's correction for bins of width 1); both hold to far better than the
      // tolerances below for a density several values wide.
      mixture.mean = mean - 0.5;
      mixture.variance = variance + 1.0 / 12.0;
      mixture.fourth = fourth;
      const double scale = 1.0 / static_cast<double>(1u << engine::kCodingPrecisionBits);
      double q_mean = 0, q_second = 0;
      for (uint32_t v = 0; v < engine::kPixelValues; ++v) {
        const double p = (d.QuantizedCdf(v + 1) - d.QuantizedCdf(v)) * scale;
        q_mean += p * v;
        q_second += p * v * v;
      }
      quantised.mean = q_mean;
      quantised.variance = q_second - q_mean * q_mean;
      tails = d.Cdf(1) + (1.0 - d.Cdf(255));
    }
    return pixels_[row * kWidth + column];
  }
  Moments mixture, quantised;
  double tails = 1;

 private:
  const std::vector<uint8_t>& pixels_;
};

class SampleStatisticsTest : public testing::BuiltinModelTest {};

TEST_F(SampleStatisticsTest, OnePixelsSampleMomentsMatchItsMixture) {
  // A textured mid-gray context, so that the pixel's distribution is several values wide and far
  // from the folded tails at 0 and 255.
  std::vector<uint8_t> context(std::size_t{kWidth} * kHeight);
  const CounterRng noise(12345);
  for (std::size_t i = 0; i < context.size(); ++i) context[i] = static_cast<uint8_t>(104 + noise.Below(i, 49));

  engine::WavefrontSession session;
  ASSERT_TRUE(session.Init(&model(), kWidth, kHeight).ok());
  LastPixelVisitor visitor(context);
  ASSERT_TRUE(session.ProcessBand(0, kHeight, &visitor).ok());
  const Moments& expected = visitor.mixture;
  ASSERT_GT(expected.mean, 64.0);
  ASSERT_LT(expected.mean, 192.0);
  ASSERT_GT(expected.variance, 9.0) << "the context should leave the pixel uncertain";
  // Mass folded into 0 and 255 moves the moments by at most tails × 256 (mean) and tails × 256²
  // (variance) from the mixture's: below 0.03 and 7 here, within the tolerances' bias terms.
  ASSERT_LT(visitor.tails, 1e-4);
  // The coder's quantised distribution, which the sampler draws from exactly, is the mixture to
  // within its 2^-24 resolution, the weight of terms left out of the coded CDF (< 2^-12) and
  // Sheppard's approximation (1% of the variance is generous for a density this wide).
  EXPECT_NEAR(visitor.quantised.mean, expected.mean, 0.02);
  EXPECT_NEAR(visitor.quantised.variance, expected.variance, 0.01 * expected.variance);

  double sum = 0, sum_squares = 0;
  for (uint32_t s = 0; s < kSamples; ++s) {
    std::vector<uint8_t> pixels = context;
    SampleOptions options;
    options.seed = s;
    options.context_rows = kHeight - 1;
    options.context_columns = kWidth - 1;
    ASSERT_TRUE(SampleImage(model(), kWidth, kHeight, options, pixels.data()).ok());
    for (std::size_t i = 0; i + 1 < pixels.size(); ++i) ASSERT_EQ(pixels[i], context[i]);
    const double v = pixels.back();
    sum += v;
    sum_squares += v * v;
  }
  const double n = kSamples;
  const double mean = sum / n;
  const double variance = (sum_squares - n * mean * mean) / (n - 1);
  // Tolerances: 5 standard errors of each estimate (σ/√n for the mean, √((μ4 − σ⁴)/n) for the
  // variance, μ4 from the mixture: its tails are heavier than a Gaussian's), plus the bias bounds
  // above. A correct sampler fails this about once in 10^6 runs (the seeds are fixed, so it either
  // passes every time or never); drawing from another pixel's distribution or ignoring the context
  // moves the moments far more.
  const double mean_tolerance = 5 * std::sqrt(expected.variance / n) + 0.02 + 256 * visitor.tails;
  const double variance_tolerance = 5 * std::sqrt((expected.fourth - expected.variance * expected.variance) / n) +
                                    0.01 * expected.variance + 256 * 256 * visitor.tails;
  std::printf("pixel: mixture mean %.4f variance %.4f, quantised mean %.4f variance %.4f, sampled mean %.4f variance %.4f (n = %u; tolerances %.3f, %.3f)\n",
              expected.mean, expected.variance, visitor.quantised.mean, visitor.quantised.variance, mean, variance,
              kSamples, mean_tolerance, variance_tolerance);
  EXPECT_NEAR(mean, expected.mean, mean_tolerance);
  EXPECT_NEAR(variance, expected.variance, variance_tolerance);
  ::testing::Test::RecordProperty("pixel_mean", std::to_string(expected.mean));
  ::testing::Test::RecordProperty("pixel_variance", std::to_string(expected.variance));
}

}  // namespace
}  // namespace ride::generate
