// From a model's float CDF to the integer frequencies the range coder needs (DESIGN §3).
//
// For an alphabet of n symbols and precision P (total 2^P), the integer CDF is
//   Q(v) = floor(F(v) * (2^P - n)) + v,   v = 0..n,
// where F(v) is the model's probability of a symbol < v, so Q(0) = 0, Q(n) = 2^P, and every symbol
// keeps a frequency Q(v+1) - Q(v) >= 1. The product is taken in double precision, where it is exact
// for float F and P <= 29, so the result depends only on F's bits: encoder and decoder agree as long
// as they computed the same floats.
#ifndef RIDE_RUNTIME_SRC_CODER_QUANTIZED_CDF_H_
#define RIDE_RUNTIME_SRC_CODER_QUANTIZED_CDF_H_

#include <cstddef>
#include <cstdint>

namespace ride::coder {

// Largest precision QuantizeCdf accepts (the double product stays exact).
inline constexpr int kMaxCdfPrecisionBits = 29;

// Q(v) for a single edge; `cdf_value` is clamped to [0, 1] (NaN counts as 0). Monotone in
// cdf_value. Requires n_symbols < 2^precision_bits and precision_bits <= kMaxCdfPrecisionBits.
uint32_t QuantizeCdfValue(float cdf_value, uint32_t v, std::size_t n_symbols, int precision_bits);

// Fills cdf_q[0..n_symbols] from cdf[0..n_symbols]. The float CDF need not be exactly monotone or
// end at 0 and 1 (rounding): a running maximum is taken, cdf[0] is read as 0 and cdf[n] as 1.
void QuantizeCdf(const float* cdf, std::size_t n_symbols, int precision_bits, uint32_t* cdf_q);

// The symbol v with cdf_q[v] <= target < cdf_q[v + 1], by binary search. Requires a strictly
// increasing cdf_q[0..n_symbols] with cdf_q[0] = 0 and target < cdf_q[n_symbols].
uint32_t FindSymbol(const uint32_t* cdf_q, std::size_t n_symbols, uint32_t target);

}  // namespace ride::coder

#endif  // RIDE_RUNTIME_SRC_CODER_QUANTIZED_CDF_H_
