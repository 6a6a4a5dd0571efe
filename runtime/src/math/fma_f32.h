// Correctly rounded fused multiply-add for float, from IEEE-exact double operations only.
//
// Every kernel on the coding path is specified in terms of fma(a, b, c) rounded once (DESIGN §3).
// Hardware FMA gives that directly (AVX2+FMA, NEON); the scalar reference must give the same bits on
// a CPU without FMA and without libm, so it computes the exact product in double (24 + 24 bits fit
// in 53), adds c with an exact error term (TwoSum), and rounds the double sum to odd before the final
// rounding to float. Round-to-odd with 29 spare bits makes the second rounding exact (Boldo and
// Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd").
#ifndef RIDE_RUNTIME_SRC_MATH_FMA_F32_H_
#define RIDE_RUNTIME_SRC_MATH_FMA_F32_H_

#include <cstdint>
#include <cstring>

namespace ride::math {

inline float FmaF32(float a, float b, float c) {
#if defined(__aarch64__) || defined(__FMA__)
  return __builtin_fmaf(a, b, c);  // one hardware instruction: fused by definition
#else
  const double product = static_cast<double>(a) * static_cast<double>(b);  // exact
  const double addend = static_cast<double>(c);
  const double sum = product + addend;
  // TwoSum: error = (product + addend) - sum, exactly.
  const double addend_part = sum - product;
  const double product_part = sum - addend_part;
  const double error = (product - product_part) + (addend - addend_part);
  if (error == 0.0 || sum != sum || sum - sum != 0.0) return static_cast<float>(sum);
  std::uint64_t bits;
  std::memcpy(&bits, &sum, sizeof bits);
  if ((bits & 1u) == 0) {
    // Round to odd: the exact value lies strictly between sum and its neighbour toward error.
    const bool away_from_zero = (error > 0.0) == (sum > 0.0);
    bits = away_from_zero ? bits + 1 : bits - 1;
  }
  double odd;
  std::memcpy(&odd, &bits, sizeof odd);
  return static_cast<float>(odd);
#endif
}

}  // namespace ride::math

#endif  // RIDE_RUNTIME_SRC_MATH_FMA_F32_H_
