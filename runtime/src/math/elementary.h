// ride's own elementary functions: the same bits on every platform, without libm.
//
// The decoder must rebuild the encoder's probabilities exactly, and libm differs between platforms,
// so the coding path uses these. Each is a fixed sequence of IEEE-exact operations (+ - * /, fused
// multiply-add through FmaF32, comparisons, selects, conversions, bit operations), so the result is
// a pure function of the input bits. The array kernels (runtime/src/kernels/elementwise.h) repeat
// the same sequences lane by lane and return the same bits. docs/math.md gives the algorithms and
// the measured errors.
//
// NaN inputs are returned unchanged (same bits), so NaN payloads never depend on the CPU.
#ifndef RIDE_RUNTIME_SRC_MATH_ELEMENTARY_H_
#define RIDE_RUNTIME_SRC_MATH_ELEMENTARY_H_

namespace ride::math {

// e^x. Overflows to +inf from x = 0x1.62e43p+6 (88.72284) up and is +0 from x = -0x1.9fe36ap+6
// (-103.97209) down, like the correctly rounded function; subnormal results are rounded once.
float ExpF32(float x);
// Natural log. log(±0) = -inf, log(+inf) = +inf, log(x < 0) = the quiet NaN 0x7fc00000.
float LogF32(float x);
float TanhF32(float x);
// 1 / (1 + e^-x), always within [0, 1]; no NaN for any non-NaN x.
float SigmoidF32(float x);
// The standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2. Monotone non-decreasing over all floats,
// Phi(-inf) = 0, Phi(+inf) = 1. Evaluated in double with relative error below 1e-10, then rounded
// once to float, so the float result is within about one ulp of Phi everywhere.
float NormalCdfF32(float x);
// Phi(x) interpolated linearly between knots Phi(-8 + i/32) (normal_cdf_table_values.h), in float:
// t = 32x + 256 clamped to [0, 512], cell c = min(trunc t, 511), knot[c] + slope[c]·(t − c), two
// plain operations (never fused). Monotone non-decreasing by construction (each step is a monotone
// rounding and every slope is the exact difference of its knots), Phi(x) to within 3e-5 for
// |x| < 8 and knot[0] = 6.2e-16 below -8, 1 above 8. Several times cheaper than NormalCdfF32 in SIMD.
float NormalCdfTableF32(float x);

}  // namespace ride::math

#endif  // RIDE_RUNTIME_SRC_MATH_ELEMENTARY_H_
