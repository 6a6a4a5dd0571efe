// Accuracy of ride's elementary functions against double-precision libm, their special values, and
// the monotonicity of NormalCdfF32 that the codec's CDF relies on.
#include "runtime/src/math/elementary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "runtime/src/math/elementary_coefficients.h"

namespace ride::math {
namespace {

float FromBits(std::uint32_t b) {
  float x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}
std::uint32_t Bits(float x) {
  std::uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kMaxFloat = std::numeric_limits<float>::max();
constexpr float kMinSub = std::numeric_limits<float>::denorm_min();
constexpr float kMinNorm = std::numeric_limits<float>::min();

// The float ulp at the reference value (2^-149 at least).
double UlpAt(double ref) {
  const double m = std::fabs(ref);
  if (m < std::ldexp(1.0, -125)) return std::ldexp(1.0, -149);
  int e;
  std::frexp(m, &e);
  return std::ldexp(1.0, e - 24);
}

// Error of y in ulps of the correctly rounded result of ref; an overflow counts from 2^128.
double UlpError(float y, double ref) {
  const float rounded = static_cast<float>(ref);
  if (std::isinf(rounded) && y == rounded) return 0.0;
  if (std::isnan(y)) return std::numeric_limits<double>::infinity();
  const double yd = std::isinf(y) ? std::copysign(std::ldexp(1.0, 128), y) : y;
  return std::fabs(yd - ref) / UlpAt(ref);
}

// Max ulp error of f against ref over every stride-th bit pattern (both signs) with x in [lo, hi].
template <typename F, typename R>
double MaxUlpError(F f, R ref, float lo, float hi, std::uint32_t stride, float* worst) {
  double max_error = 0.0;
  for (std::uint64_t b = 0; b < 0x7f800000u; b += stride) {
    for (std::uint32_t sign : {0u, 0x80000000u}) {
      const float x = FromBits(static_cast<std::uint32_t>(b) | sign);
      if (!(x >= lo && x <= hi)) continue;
      const double error = UlpError(f(x), ref(static_cast<double>(x)));
      if (error > max_error) {
        max_error = error;
        *worst = x;
      }
    }
  }
  return max_error;
}

constexpr std::uint32_t kStride = 4099;  // about 2 million inputs per sweep

double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

TEST(ElementaryTest, ExpAccuracy) {
  float worst = 0.0f;
  const double error = MaxUlpError(ExpF32, [](double x) { return std::exp(x); }, -104.0f, 89.0f,
                                   kStride, &worst);
  EXPECT_LE(error, 1.5) << "at " << worst;  // 1.01 measured on every 7th float
}

TEST(ElementaryTest, ExpSpecialValues) {
  EXPECT_EQ(Bits(ExpF32(0.0f)), Bits(1.0f));
  EXPECT_EQ(Bits(ExpF32(-0.0f)), Bits(1.0f));
  EXPECT_EQ(ExpF32(kInf), kInf);
  EXPECT_EQ(Bits(ExpF32(-kInf)), 0u);
  EXPECT_EQ(ExpF32(88.8f), kInf);
  EXPECT_EQ(ExpF32(kMaxFloat), kInf);
  EXPECT_EQ(Bits(ExpF32(-104.0f)), 0u);
  EXPECT_EQ(Bits(ExpF32(-kMaxFloat)), 0u);
  EXPECT_EQ(ExpF32(kMinSub), 1.0f);
  EXPECT_EQ(ExpF32(-kMinSub), 1.0f);
  EXPECT_GT(ExpF32(88.72f), 3.0e38f);
  EXPECT_LT(ExpF32(88.72f), kInf);
  // Subnormal results: e^-100 = 3.72e-44 = 26.5 * 2^-149.
  EXPECT_EQ(ExpF32(-100.0f), 27 * kMinSub);
  EXPECT_EQ(ExpF32(-103.5f), kMinSub);
}

TEST(ElementaryTest, LogAccuracy) {
  float worst = 0.0f;
  const double error = MaxUlpError(LogF32, [](double x) { return std::log(x); }, kMinSub,
                                   kMaxFloat, kStride, &worst);
  EXPECT_LE(error, 1.0) << "at " << worst;
}

TEST(ElementaryTest, LogSpecialValues) {
  EXPECT_EQ(Bits(LogF32(1.0f)), 0u);
  EXPECT_EQ(LogF32(0.0f), -kInf);
  EXPECT_EQ(LogF32(-0.0f), -kInf);
  EXPECT_EQ(LogF32(kInf), kInf);
  EXPECT_EQ(Bits(LogF32(-1.0f)), internal::kQuietNan);
  EXPECT_EQ(Bits(LogF32(-kInf)), internal::kQuietNan);
  EXPECT_EQ(Bits(LogF32(-kMinSub)), internal::kQuietNan);
  EXPECT_NEAR(LogF32(kMinSub), -103.27893f, 1e-4f);
  EXPECT_NEAR(LogF32(kMinNorm), -87.33654f, 1e-4f);
  EXPECT_NEAR(LogF32(kMaxFloat), 88.72284f, 1e-4f);
}

TEST(ElementaryTest, TanhAccuracy) {
  float worst = 0.0f;
  const double error = MaxUlpError(TanhF32, [](double x) { return std::tanh(x); }, -kInf, kInf,
                                   kStride, &worst);
  EXPECT_LE(error, 2.0) << "at " << worst;
}

TEST(ElementaryTest, TanhSpecialValues) {
  EXPECT_EQ(Bits(TanhF32(0.0f)), Bits(0.0f));
  EXPECT_EQ(Bits(TanhF32(-0.0f)), Bits(-0.0f));
  EXPECT_EQ(TanhF32(kInf), 1.0f);
  EXPECT_EQ(TanhF32(-kInf), -1.0f);
  EXPECT_EQ(TanhF32(10.0f), 1.0f);
  EXPECT_EQ(TanhF32(-kMaxFloat), -1.0f);
  EXPECT_EQ(TanhF32(kMinSub), kMinSub);
  EXPECT_EQ(TanhF32(-kMinNorm), -kMinNorm);
}

TEST(ElementaryTest, SigmoidAccuracy) {
  float worst = 0.0f;
  const double error = MaxUlpError(
      SigmoidF32, [](double x) { return 1.0 / (1.0 + std::exp(-x)); }, -kInf, kInf, kStride,
      &worst);
  EXPECT_LE(error, 3.0) << "at " << worst;
}

TEST(ElementaryTest, SigmoidStaysInUnitInterval) {
  for (std::uint64_t b = 0; b < 0x7f800000u; b += 997) {
    for (std::uint32_t sign : {0u, 0x80000000u}) {
      const float y = SigmoidF32(FromBits(static_cast<std::uint32_t>(b) | sign));
      ASSERT_TRUE(y >= 0.0f && y <= 1.0f) << y;
    }
  }
  EXPECT_EQ(SigmoidF32(0.0f), 0.5f);
  EXPECT_EQ(SigmoidF32(kInf), 1.0f);
  EXPECT_EQ(Bits(SigmoidF32(-kInf)), 0u);
  EXPECT_EQ(SigmoidF32(100.0f), 1.0f);
  EXPECT_GT(SigmoidF32(-100.0f), 0.0f);  // 3.7e-44, a subnormal
}

TEST(ElementaryTest, NormalCdfAccuracy) {
  float worst = 0.0f;
  const double ulps = MaxUlpError(NormalCdfF32, Phi, -kInf, kInf, kStride, &worst);
  EXPECT_LE(ulps, 1.0) << "at " << worst;
  double max_abs = 0.0;
  double max_rel = 0.0;
  for (std::uint64_t b = 0; b < 0x7f800000u; b += 997) {
    for (std::uint32_t sign : {0u, 0x80000000u}) {
      const float x = FromBits(static_cast<std::uint32_t>(b) | sign);
      const double ref = Phi(x);
      const double error = std::fabs(NormalCdfF32(x) - ref);
      max_abs = std::fmax(max_abs, error);
      if (x >= -9.0f && x <= 0.0f) max_rel = std::fmax(max_rel, error / ref);
    }
  }
  EXPECT_LE(max_abs, 2e-7);
  EXPECT_LE(max_rel, 1e-5);
}

TEST(ElementaryTest, NormalCdfSpecialValues) {
  EXPECT_EQ(Bits(NormalCdfF32(-kInf)), 0u);
  EXPECT_EQ(NormalCdfF32(kInf), 1.0f);
  EXPECT_EQ(NormalCdfF32(0.0f), 0.5f);
  EXPECT_EQ(NormalCdfF32(-0.0f), 0.5f);
  EXPECT_EQ(Bits(NormalCdfF32(-kMaxFloat)), 0u);
  EXPECT_EQ(NormalCdfF32(kMaxFloat), 1.0f);
  EXPECT_EQ(Bits(NormalCdfF32(-20.0f)), 0u);
  EXPECT_GT(NormalCdfF32(-13.0f), 0.0f);  // 6.1e-39: still representable
  EXPECT_EQ(NormalCdfF32(5.0f), 1.0f - 0x1p-24f * 5.0f);  // 1 - 2.87e-7, rounded to nearest
}

// Every float from lo to hi in value order, stepping the bit pattern by `stride`.
template <typename Visit>
void ForEachFloat(float lo, float hi, std::uint32_t stride, Visit visit) {
  // Negative floats: larger bit patterns are smaller values.
  if (lo < 0.0f) {
    const std::uint32_t first = Bits(lo);
    const std::uint32_t last = hi < 0.0f ? Bits(hi) : 0x80000000u;
    for (std::int64_t b = first; b >= static_cast<std::int64_t>(last); b -= stride) {
      visit(FromBits(static_cast<std::uint32_t>(b)));
    }
  }
  if (hi >= 0.0f) {
    const std::uint32_t first = lo > 0.0f ? Bits(lo) : 0u;
    for (std::uint64_t b = first; b <= Bits(hi); b += stride) {
      visit(FromBits(static_cast<std::uint32_t>(b)));
    }
  }
}

void ExpectCdfMonotone(float lo, float hi, std::uint32_t stride, float (*cdf)(float) = NormalCdfF32) {
  float prev_x = -kInf;
  float prev = 0.0f;
  int failures = 0;
  ForEachFloat(lo, hi, stride, [&](float x) {
    const float y = cdf(x);
    if (y < prev && failures++ < 5) {
      ADD_FAILURE() << "Phi(" << prev_x << ") = " << prev << " > Phi(" << x << ") = " << y;
    }
    prev_x = x;
    prev = y;
  });
}

TEST(ElementaryTest, NormalCdfMonotoneOnDenseSweep) { ExpectCdfMonotone(-10.0f, 10.0f, 251); }

TEST(ElementaryTest, NormalCdfMonotoneAroundEveryBreakpoint) {
  // Piece boundaries (|x| = 1 central/tail, |x| = 15 tail/zero), the sign change at 0, where the
  // output rounds away from 0.5, 0 and 1, and float binade edges in between: every float nearby.
  // -13.6 and -14.1: Phi leaves the normal floats and reaches 0.
  const float points[] = {-15.0f, -14.1f, -13.6f, -8.0f, -4.0f, -2.0f, -1.0f, -0.5f, -3.7e-8f,
                          0.0f,   3.7e-8f, 0.5f,  1.0f,  2.0f,  4.0f,  5.4f,  8.0f};
  for (float p : points) {
    std::uint32_t b = Bits(p);
    const float lo = p == 0.0f ? FromBits(0x80000000u + 200000) : FromBits(b - 200000);
    const float hi = p == 0.0f ? FromBits(200000) : FromBits(b + 200000);
    ExpectCdfMonotone(std::fmin(lo, hi), std::fmax(lo, hi), 1);
  }
  ExpectCdfMonotone(-kInf, FromBits(0xff7fffffu - 100000), 1);
  ExpectCdfMonotone(FromBits(0x7f7fffffu - 100000), kInf, 1);
}

TEST(ElementaryTest, NormalCdfTableAccuracy) {
  double max_abs = 0.0;
  float worst = 0.0f;
  ForEachFloat(-9.0f, 9.0f, 101, [&](float x) {
    const double error = std::fabs(NormalCdfTableF32(x) - Phi(x));
    if (error > max_abs) {
      max_abs = error;
      worst = x;
    }
  });
  EXPECT_LE(max_abs, 3.0e-5) << "at " << worst;  // (1/32)^2 / 8 · max |phi'| = 2.95e-5
  EXPECT_EQ(NormalCdfTableF32(0.0f), 0.5f);
  EXPECT_EQ(NormalCdfTableF32(kInf), 1.0f);
  EXPECT_EQ(NormalCdfTableF32(8.0f), 1.0f);
  EXPECT_EQ(NormalCdfTableF32(-kInf), NormalCdfTableF32(-8.0f));
  EXPECT_GT(NormalCdfTableF32(-8.0f), 0.0f);
}

TEST(ElementaryTest, NormalCdfTableMonotone) {
  // Within a cell each step is a monotone rounding; across a knot the cell below ends exactly at
  // the knot. So: a sparse sweep of everything, and every float around each knot and the clamps.
  ExpectCdfMonotone(-kInf, kInf, 4099, NormalCdfTableF32);
  for (int i = 0; i <= 512; ++i) {
    const float knot = -8.0f + static_cast<float>(i) / 32.0f;
    const float lo = knot == 0.0f ? FromBits(0x80000000u + 4000) : FromBits(Bits(knot) - 4000);
    const float hi = knot == 0.0f ? FromBits(4000) : FromBits(Bits(knot) + 4000);
    ExpectCdfMonotone(std::fmin(lo, hi), std::fmax(lo, hi), 1, NormalCdfTableF32);
  }
}

TEST(ElementaryTest, NanPassesThroughUnchanged) {
  for (std::uint32_t nan : {0x7fc00000u, 0xffc00001u, 0x7fa00000u, 0xff812345u}) {
    for (float (*f)(float) : {ExpF32, LogF32, TanhF32, SigmoidF32, NormalCdfF32, NormalCdfTableF32}) {
      EXPECT_EQ(Bits(f(FromBits(nan))), nan);
    }
  }
}

}  // namespace
}  // namespace ride::math
