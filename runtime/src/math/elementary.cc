// The reference sequences. Every fused multiply-add is an explicit FmaF32 and every other step a
// single IEEE operation, in an order the SIMD kernels repeat exactly (-ffp-contract=off keeps the
// compiler from fusing anything else).
#include "runtime/src/math/elementary.h"

#include <cstdint>
#include <cstring>

#include "runtime/src/math/elementary_coefficients.h"
#include "runtime/src/math/normal_cdf_table_values.h"
#include "runtime/src/math/fma_f32.h"

namespace ride::math {
namespace {

using namespace internal;  // NOLINT(build/namespaces): the constants' home

inline std::uint32_t Bits(float x) {
  std::uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
inline float FromBits(std::uint32_t b) {
  float x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}
inline std::int64_t Bits(double x) {
  std::int64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
inline double DoubleFromBits(std::int64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

// 2^n for n in [-126, 127], built from the exponent field.
inline float Pow2(std::int32_t n) { return FromBits(static_cast<std::uint32_t>(n + 127) << 23); }

// ExpF32 without the NaN pass-through.
float ExpCore(float x) {
  const float xc = x < kExpMin ? kExpMin : (x > kExpMax ? kExpMax : x);
  const float t = xc * kLog2e;
  const float shifted = t + kRoundMagic;
  const float kf = shifted - kRoundMagic;
  const std::int32_t n = static_cast<std::int32_t>(Bits(shifted) - Bits(kRoundMagic));
  float r = FmaF32(kf, -kLn2Hi, xc);
  r = FmaF32(kf, -kLn2Lo, r);
  float p = kExpPoly[0];
  for (int i = 1; i < 6; ++i) p = FmaF32(p, r, kExpPoly[i]);
  const float r2 = r * r;
  float y = FmaF32(p, r2, r);
  y = y + 1.0f;
  // n in [-150, 128]: two exact-range factors, so a subnormal result is rounded only once.
  const std::int32_t n1 = n >> 1;
  const std::int32_t n2 = n - n1;
  return (y * Pow2(n1)) * Pow2(n2);
}

// e^u in double for u in [-113, 0].
double ExpDouble(double u) {
  const double shifted = u * kLog2eD + kRoundMagicD;
  const double k = shifted - kRoundMagicD;
  const std::int64_t n = Bits(shifted) - Bits(kRoundMagicD);
  double r = u - k * kLn2HiD;
  r = r - k * kLn2LoD;
  double p = kExpTaylorD[0];
  for (int i = 1; i < 12; ++i) p = p * r + kExpTaylorD[i];
  return p * DoubleFromBits((n + 1023) << 52);
}

}  // namespace

float ExpF32(float x) {
  if (x != x) return x;
  return ExpCore(x);
}

float LogF32(float x) {
  if (x != x) return x;
  const bool subnormal = x < kMinNormal;
  const float xs = subnormal ? x * kTwo23 : x;
  const std::uint32_t bits = Bits(xs);
  std::int32_t e = static_cast<std::int32_t>(bits >> 23) - 126 - (subnormal ? 23 : 0);
  const float m = FromBits((bits & 0x7fffffu) | 0x3f000000u);  // in [0.5, 1)
  const bool low = m < kSqrtHalf;
  e = low ? e - 1 : e;
  const float f = low ? (m + m) - 1.0f : m - 1.0f;  // both exact
  const float ef = static_cast<float>(e);
  const float z = f * f;
  float y = kLogPoly[0];
  for (int i = 1; i < 9; ++i) y = FmaF32(y, f, kLogPoly[i]);
  y = y * f;
  y = y * z;
  y = FmaF32(ef, kLogLn2Lo, y);
  y = FmaF32(z, -0.5f, y);
  float result = f + y;
  result = FmaF32(ef, kLogLn2Hi, result);
  if (x == 0.0f) return FromBits(0xff800000u);  // -inf
  if (x < 0.0f) return FromBits(kQuietNan);
  if (x == FromBits(0x7f800000u)) return x;
  return result;
}

float TanhF32(float x) {
  if (x != x) return x;
  const std::uint32_t sign = Bits(x) & 0x80000000u;
  const float a = FromBits(Bits(x) & 0x7fffffffu);
  const float z = a * a;
  float p = kTanhPoly[0];
  for (int i = 1; i < 5; ++i) p = FmaF32(p, z, kTanhPoly[i]);
  const float q = p * z;
  const float small = FmaF32(q, a, a);
  const float e = ExpCore(a + a);
  const float large = 1.0f - 2.0f / (e + 1.0f);  // e = inf gives exactly 1
  const float r = a < kTanhSmall ? small : large;
  return FromBits(Bits(r) | sign);
}

float SigmoidF32(float x) {
  if (x != x) return x;
  // e = e^-|x| <= 1 never overflows; x < 0 uses e / (1 + e) to keep the relative accuracy.
  const float a = FromBits(Bits(x) & 0x7fffffffu);
  const float e = ExpCore(-a);
  const float d = 1.0f + e;
  const float positive = 1.0f / d;
  const float negative = e / d;
  return x < 0.0f ? negative : positive;
}

float NormalCdfF32(float x) {
  if (x != x) return x;
  const double xd = static_cast<double>(x);
  const double a = xd < 0.0 ? -xd : xd;
  // Central: 0.5 + x P(x^2); odd in x, so the rounding is symmetric.
  const double t = xd * xd;
  double p = kCdfTaylor[12];
  for (int i = 11; i >= 0; --i) p = p * t + kCdfTaylor[i];
  const double central = 0.5 + xd * p;
  // Tail: Q(a) = e^(-a^2/2) C(1/a), a^2/2 exact in double; a clamped so that inf stays finite.
  const double ac = a < kCdfCentral ? kCdfCentral : (a > kCdfTail ? kCdfTail : a);
  const double w = 1.0 / ac;
  const double y = w * kCdfChebScale + kCdfChebShift;
  const double y2 = y + y;
  double b1 = 0.0;
  double b2 = 0.0;
  for (int i = kCdfChebDegree; i >= 1; --i) {
    const double b0 = (y2 * b1 - b2) + kCdfCheb[i];
    b2 = b1;
    b1 = b0;
  }
  const double c = (y * b1 - b2) + kCdfCheb[0];
  const double u = -0.5 * (ac * ac);
  double q = ExpDouble(u) * c;
  q = a > kCdfTail ? 0.0 : q;
  const double tail = xd < 0.0 ? q : 1.0 - q;
  return static_cast<float>(a <= kCdfCentral ? central : tail);
}

float NormalCdfTableF32(float x) {
  if (x != x) return x;
  float t = x * kCdfTableCellsPerUnit + kCdfTableOrigin;  // the product is exact; the sum rounds monotonically
  t = t > 0.0f ? t : 0.0f;
  t = t < static_cast<float>(kCdfTableCells) ? t : static_cast<float>(kCdfTableCells);
  int cell = static_cast<int>(t);
  cell = cell < kCdfTableCells - 1 ? cell : kCdfTableCells - 1;
  const float fraction = t - static_cast<float>(cell);  // exact, in [0, 1]
  return kCdfTableKnot[cell] + kCdfTableSlope[cell] * fraction;
}

}  // namespace ride::math
