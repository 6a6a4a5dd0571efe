#include "runtime/src/engine/pixel_distribution.h"

#include <algorithm>
#include <cmath>

#include "runtime/src/coder/cdf_search.h"
#include "runtime/src/coder/quantized_cdf.h"

namespace ride::engine {

kernels::KernelTable KernelsForCdfRule(kernels::KernelTable table, CdfRule rule) {
  if (rule == CdfRule::kTable) table.normal_cdf_f32 = table.normal_cdf_table_f32;
  return table;
}

// Eight interleaved partial sums combined pairwise: the order a SIMD variant (8 AVX2 lanes, or two
// NEON vectors) can reproduce exactly.
float PixelDistribution::Cdf(uint32_t edge) const {
  if (edge == 0) return 0.0f;
  if (edge >= kPixelValues) return 1.0f;
  const float y = static_cast<float>(edge) * (1.0f / 256.0f);
  for (std::size_t i = 0; i < coded_count; ++i) terms[i] = (y - coded_mean[i]) * coded_inv_std[i];
  kernels->normal_cdf_f32(terms, terms, coded_count);
  float partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= coded_count; i += 8) {  // the same sums as below, one vector of 8 per step
    for (std::size_t k = 0; k < 8; ++k) partial[k] += coded_weight[i + k] * terms[i + k];
  }
  for (; i < coded_count; ++i) partial[i % 8] += coded_weight[i] * terms[i];
  return ((partial[0] + partial[1]) + (partial[2] + partial[3])) +
         ((partial[4] + partial[5]) + (partial[6] + partial[7]));
}

uint32_t PixelDistribution::QuantizedCdf(uint32_t edge) const {
  if (edge >= kPixelValues) return uint32_t{1} << kCodingPrecisionBits;
  return coder::QuantizeCdfValue(Cdf(edge), edge, kPixelValues, kCodingPrecisionBits);
}

uint32_t PixelDistribution::FindValue(uint32_t target, uint32_t* start, uint32_t* end) const {
  return coder::SearchCdf(GuessValue(target), kPixelValues, target,
                          [this](uint32_t edge) { return QuantizedCdf(edge); }, start, end);
}

uint32_t PixelDistribution::GuessValue(uint32_t target) const {
  // Mean absolute deviation from the centre, bounded by Σ π (E|y − μ| + |μ − centre|), with
  // E|y − μ| = σ √(2/π) for a Gaussian term. Eight partial sums, so that the loop vectorises.
  float partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (std::size_t i = 0; i + 8 <= coded_count; i += 8) {
    for (std::size_t k = 0; k < 8; ++k) {
      const float deviation = 0.7978846f / coded_inv_std[i + k] + std::fabs(coded_mean[i + k] - center);
      partial[k] += coded_weight[i + k] * deviation;
    }
  }
  const float scale = 0.5f * ((partial[0] + partial[1]) + (partial[2] + partial[3])) +
                      ((partial[4] + partial[5]) + (partial[6] + partial[7]));
  // The Laplace quantile: centre + scale · ln(2q) below the median, centre − scale · ln(2(1 − q)) above.
  const float q = (static_cast<float>(target) + 0.5f) * 0x1p-24f;
  const float y = q < 0.5f ? center + scale * std::log(2.0f * q) : center - scale * std::log(2.0f * (1.0f - q));
  // The nearest edge rather than the value below it: the search's first two evaluations then
  // settle the value on either side of it.
  const float value = y * 256.0f + 0.5f;
  return value >= 1.0f ? (value < 255.0f ? static_cast<uint32_t>(value) : 255u) : 0u;  // NaN goes to 0
}

double PixelDistribution::CodedBits(uint32_t v) const {
  const double frequency = static_cast<double>(QuantizedCdf(v + 1) - QuantizedCdf(v));
  return kCodingPrecisionBits - std::log2(frequency);
}

float PixelDistribution::LogDensity(float y) const {
  // log Σ π N(y; μ, σ²) = log Σ exp(log π + log(1/σ) − ½ log 2π − ½ t²), stabilised by the maximum.
  constexpr float kHalfLogTwoPi = 0.918938533204672742f;
  kernels->log_f32(inv_std, terms, count);
  float best = -INFINITY;
  for (std::size_t i = 0; i < count; ++i) {
    const float t = (y - mean[i]) * inv_std[i];
    terms[i] = log_weight[i] + terms[i] - 0.5f * t * t;
    best = terms[i] > best ? terms[i] : best;
  }
  for (std::size_t i = 0; i < count; ++i) terms[i] -= best;
  kernels->exp_f32(terms, terms, count);
  float sum = 0.0f;
  for (std::size_t i = 0; i < count; ++i) sum += terms[i];
  float log_sum;
  kernels->log_f32(&sum, &log_sum, 1);
  return best + log_sum - kHalfLogTwoPi;
}

}  // namespace ride::engine
