// Constants shared by the scalar elementary functions (elementary.cc) and the SIMD array kernels
// (runtime/src/kernels/elementwise_*.cc), which must use the very same values. See docs/math.md.
#ifndef RIDE_RUNTIME_SRC_MATH_ELEMENTARY_COEFFICIENTS_H_
#define RIDE_RUNTIME_SRC_MATH_ELEMENTARY_COEFFICIENTS_H_

#include <cstdint>

namespace ride::math::internal {

// ---- ExpF32: e^x = 2^n e^r, n = round(x log2 e), r = x - n ln2 (two-part ln2, fused).
constexpr float kExpMin = -104.0f;  // e^-104 < 2^-150: rounds to 0
constexpr float kExpMax = 89.0f;    // e^89 > FLT_MAX: overflows to inf
constexpr float kLog2e = 0x1.715476p+0f;
constexpr float kLn2Hi = 0x1.62e430p-1f;   // float(ln 2)
constexpr float kLn2Lo = -0x1.05c610p-29f; // float(ln 2 - kLn2Hi)
constexpr float kRoundMagic = 0x1.8p23f;   // x + 1.5*2^23 - 1.5*2^23 rounds to an integer
// e^r ~ 1 + r + r^2 P(r), |r| <= ln2/2 (Cephes expf, S. L. Moshier), P highest degree first.
constexpr float kExpPoly[6] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
                               4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

// ---- LogF32: x = 2^e m, m in [sqrt(1/2), sqrt 2), f = m - 1 (Cephes logf, S. L. Moshier).
constexpr float kSqrtHalf = 0.707106781186547524f;
constexpr float kLogPoly[9] = {7.0376836292e-2f,  -1.1514610310e-1f, 1.1676998740e-1f,
                               -1.2420140846e-1f, 1.4249322787e-1f,  -1.6668057665e-1f,
                               2.0000714765e-1f,  -2.4999993993e-1f, 3.3333331174e-1f};
constexpr float kLogLn2Hi = 0.693359375f;      // 355/512: e * kLogLn2Hi is exact
constexpr float kLogLn2Lo = -2.12194440e-4f;
constexpr float kMinNormal = 0x1p-126f;
constexpr float kTwo23 = 0x1p23f;
constexpr std::uint32_t kQuietNan = 0x7fc00000u;

// ---- TanhF32: odd polynomial below kTanhSmall (Cephes tanhf), else 1 - 2 / (e^2|x| + 1).
constexpr float kTanhSmall = 0.625f;
constexpr float kTanhPoly[5] = {-5.70498872745e-3f, 2.06390887954e-2f, -5.37397155531e-2f,
                                1.33314422036e-1f, -3.33332819422e-1f};

// ---- NormalCdfF32, all in double without fused operations.
// |x| <= kCdfCentral: Phi = 0.5 + x P(x^2), P the Taylor series of erf(x/sqrt2)/(2x), degree 12.
constexpr double kCdfCentral = 1.0;
constexpr double kCdfTaylor[13] = {
    0.3989422804014327,     -0.06649038006690544,    0.009973557010035817,
    -0.0011873282154804543, 0.00011543468761615529,  -9.444656259503615e-06,
    6.659693516316651e-07,  -4.122667414862689e-08,  2.2735298243728065e-09,
    -1.1301171641619213e-10, 5.1124347902563106e-12, -2.121761474217046e-13,
    8.133418984498675e-15};
// kCdfCentral < |x| <= kCdfTail: Q = e^(-x^2/2) C(w), w = 1/|x|, C(w) = Mills ratio / sqrt(2 pi)
// as a degree-20 Chebyshev series on w in [1/15, 1] (t = kCdfChebScale w + kCdfChebShift),
// fitted with mpmath; relative error 6e-11. Beyond kCdfTail, Q < 1e-50 rounds to 0 in float.
constexpr double kCdfTail = 15.0;
constexpr double kCdfChebScale = 2.142857142857143;
constexpr double kCdfChebShift = -1.1428571428571428;
constexpr int kCdfChebDegree = 20;
constexpr double kCdfCheb[21] = {
    0.15993318919010208,    0.11647023354227849,    -0.01616546837721144,
    0.0012145933987177948,  0.00022696168313160158, -0.00013073381332689925,
    3.468202018642086e-05,  -5.261971741815624e-06, -2.511150128706328e-07,
    5.136601492440913e-07,  -2.1549199294258348e-07, 5.8238595233026165e-08,
    -9.063923591808935e-09, -9.431549060837336e-10, 1.386004595873508e-09,
    -6.411459149523103e-10, 2.0223000425889493e-10, -4.246352237477461e-11,
    1.4338400308048976e-12, 3.959202101696219e-12, -2.207044861206811e-12};
// e^u in double for u in [-113, 0]: u = k ln2 + r (fdlibm's two-part ln2), Taylor degree 11.
constexpr double kLog2eD = 1.44269504088896338700e+00;
constexpr double kLn2HiD = 6.93147180369123816490e-01;
constexpr double kLn2LoD = 1.90821492927058770002e-10;
constexpr double kRoundMagicD = 6755399441055744.0;  // 1.5 * 2^52
constexpr double kExpTaylorD[12] = {
    2.505210838544172e-08, 2.755731922398589e-07, 2.7557319223985893e-06, 2.48015873015873e-05,
    0.0001984126984126984, 0.001388888888888889,  0.008333333333333333,   0.041666666666666664,
    0.16666666666666666,   0.5,                   1.0,                    1.0};

}  // namespace ride::math::internal

#endif  // RIDE_RUNTIME_SRC_MATH_ELEMENTARY_COEFFICIENTS_H_
