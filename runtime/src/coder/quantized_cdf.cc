#include "runtime/src/coder/quantized_cdf.h"

#include <cassert>
#include <cmath>

namespace ride::coder {

uint32_t QuantizeCdfValue(float cdf_value, uint32_t v, std::size_t n_symbols, int precision_bits) {
  assert(precision_bits >= 1 && precision_bits <= kMaxCdfPrecisionBits);
  assert(n_symbols < (std::size_t{1} << precision_bits));
  // `!(x > 0)` also maps NaN to 0.
  const float clamped = !(cdf_value > 0.0f) ? 0.0f : (cdf_value > 1.0f ? 1.0f : cdf_value);
  const double scale = static_cast<double>((uint64_t{1} << precision_bits) - n_symbols);
  // Exact: a float has 24 significant bits and scale < 2^29, so the product fits in 53 bits.
  return static_cast<uint32_t>(std::floor(static_cast<double>(clamped) * scale)) + v;
}

void QuantizeCdf(const float* cdf, std::size_t n_symbols, int precision_bits, uint32_t* cdf_q) {
  float running = 0.0f;
  cdf_q[0] = 0;
  for (std::size_t v = 1; v < n_symbols; ++v) {
    if (cdf[v] > running) running = cdf[v];
    cdf_q[v] = QuantizeCdfValue(running, static_cast<uint32_t>(v), n_symbols, precision_bits);
  }
  cdf_q[n_symbols] = static_cast<uint32_t>(uint64_t{1} << precision_bits);
}

uint32_t FindSymbol(const uint32_t* cdf_q, std::size_t n_symbols, uint32_t target) {
  std::size_t low = 0;
  std::size_t high = n_symbols;  // invariant: cdf_q[low] <= target < cdf_q[high]
  while (high - low > 1) {
    const std::size_t middle = low + (high - low) / 2;
    if (cdf_q[middle] <= target) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return static_cast<uint32_t>(low);
}

}  // namespace ride::coder
