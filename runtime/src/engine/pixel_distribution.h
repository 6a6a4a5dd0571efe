// PixelDistribution: one pixel's predicted distribution, a mixture of Gaussians over y in [0, 1),
// and the integer frequencies the entropy coder takes from it (DESIGN §3).
//
// The codec's contract lives here: Cdf(edge) is computed in a fixed order from IEEE-exact operations
// and ride's own normal CDF, so encoder and decoder get the same bits on every target. It is
// monotone in `edge` (each term is, and so is a sum in fixed order), which makes the quantised CDF
// strictly increasing and lets encoders evaluate just the two edges of a symbol.
//
// A distribution is a view into its session's memory, valid only during the visitor call that
// received it.
#ifndef RIDE_RUNTIME_SRC_ENGINE_PIXEL_DISTRIBUTION_H_
#define RIDE_RUNTIME_SRC_ENGINE_PIXEL_DISTRIBUTION_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine {

// Frequencies of the 256 pixel values sum to 2^kCodingPrecisionBits.
inline constexpr int kCodingPrecisionBits = 24;
inline constexpr uint32_t kPixelValues = 256;

// Terms whose weight is below this are left out of the coded CDF: all of them together (at most
// 4096 of them) move it by less than 2^-12, which costs at most about 0.0004 bit/px, and the
// decoder's work shrinks with the count.
inline constexpr float kMinCodedWeight = 0x1p-24f;

// The normal CDF a coded CDF is built on. Each is a fixed function of its input bits, so either gives
// the same probabilities on every target; they differ by up to 3e-5 and so code differently. Files
// keep the rule they were written with (the container's version says which, codec::CdfRuleOf).
enum class CdfRule : uint8_t {
  kSeries,  // math::NormalCdfF32: double-precision series, to about one float ulp
  kTable,   // math::NormalCdfTableF32: linear interpolation of a 513-knot table, in float
};

// `table` with normal_cdf_f32, the function Cdf() calls, set to the rule's.
kernels::KernelTable KernelsForCdfRule(kernels::KernelTable table, CdfRule rule);

struct PixelDistribution {
  std::size_t count = 0;            // mixture terms (components × scales)
  const float* weight = nullptr;    // normalised mixture weights π
  const float* log_weight = nullptr;
  const float* mean = nullptr;      // per term
  const float* inv_std = nullptr;   // per term, 1/σ
  // The terms the coded CDF sums: those with weight >= kMinCodedWeight, in term order, then terms
  // of weight 0 up to a multiple of 8 (they add exactly +0, and keep SIMD kernels off scalar tails).
  std::size_t coded_count = 0;
  const float* coded_weight = nullptr;
  const float* coded_mean = nullptr;
  const float* coded_inv_std = nullptr;
  float center = 0.0f;              // Σ π μ over the coded terms: where a decoder's search centres
  float* terms = nullptr;           // count floats of working memory
  const kernels::KernelTable* kernels = nullptr;  // elementary functions (any table: same bits)

  // Probability that y < edge / 256, tails folded in: Cdf(0) = 0, Cdf(256) = 1.
  float Cdf(uint32_t edge) const;
  // The coder's integer CDF: floor(Cdf(edge) · (2^24 − 256)) + edge.
  uint32_t QuantizedCdf(uint32_t edge) const;
  // The value v with QuantizedCdf(v) <= target < QuantizedCdf(v + 1), searching outwards from
  // GuessValue(target) then by bisection; also returns those two bounds, which the decoder needs
  // next. Requires target < 2^24.
  uint32_t FindValue(uint32_t target, uint32_t* start, uint32_t* end) const;
  // Where a search for `target` (of 2^24) starts: the value at that quantile of a Laplace
  // distribution with the mixture's centre and mean absolute deviation. Only the decoder's speed
  // depends on it (any start finds the same value), so it may differ between targets.
  uint32_t GuessValue(uint32_t target) const;
  // −log2 of the coded probability of value v (what coding v costs, in bits).
  double CodedBits(uint32_t v) const;
  // Natural log of the continuous density at y (for checks against the trainer).
  float LogDensity(float y) const;
};

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_PIXEL_DISTRIBUTION_H_
