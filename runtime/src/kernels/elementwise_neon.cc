// aarch64 only. Each function repeats the scalar sequence of runtime/src/math/elementary.cc op for
// op on 4 lanes (2 for the double-precision normal CDF); the last n % 4 elements go through the
// scalar function itself.
#include <arm_neon.h>

#include <cstdint>

#include "runtime/src/kernels/elementwise.h"
#include "runtime/src/math/elementary.h"
#include "runtime/src/math/elementary_coefficients.h"

namespace ride::kernels {
namespace {

using namespace math::internal;  // NOLINT(build/namespaces): the shared constants

inline float32x4_t Set(float v) { return vdupq_n_f32(v); }
inline float32x4_t SetBits(std::uint32_t b) { return vreinterpretq_f32_u32(vdupq_n_u32(b)); }
// mask ? a : b
inline float32x4_t Select(uint32x4_t mask, float32x4_t a, float32x4_t b) {
  return vbslq_f32(mask, a, b);
}
inline float32x4_t Fma(float32x4_t a, float32x4_t b, float32x4_t c) { return vfmaq_f32(c, a, b); }
inline float32x4_t KeepNan(float32x4_t x, float32x4_t r) {
  return Select(vceqq_f32(x, x), r, x);
}
inline float32x4_t Pow2(int32x4_t n) {
  return vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(n, vdupq_n_s32(127)), 23));
}

float32x4_t ExpCore(float32x4_t x) {
  const float32x4_t xc = Select(vcltq_f32(x, Set(kExpMin)), Set(kExpMin),
                                Select(vcgtq_f32(x, Set(kExpMax)), Set(kExpMax), x));
  const float32x4_t t = vmulq_f32(xc, Set(kLog2e));
  const float32x4_t shifted = vaddq_f32(t, Set(kRoundMagic));
  const float32x4_t kf = vsubq_f32(shifted, Set(kRoundMagic));
  const int32x4_t n = vsubq_s32(vreinterpretq_s32_f32(shifted),
                                vreinterpretq_s32_f32(Set(kRoundMagic)));
  float32x4_t r = Fma(kf, Set(-kLn2Hi), xc);
  r = Fma(kf, Set(-kLn2Lo), r);
  float32x4_t p = Set(kExpPoly[0]);
  for (int i = 1; i < 6; ++i) p = Fma(p, r, Set(kExpPoly[i]));
  const float32x4_t r2 = vmulq_f32(r, r);
  float32x4_t y = Fma(p, r2, r);
  y = vaddq_f32(y, Set(1.0f));
  const int32x4_t n1 = vshrq_n_s32(n, 1);
  const int32x4_t n2 = vsubq_s32(n, n1);
  return vmulq_f32(vmulq_f32(y, Pow2(n1)), Pow2(n2));
}

float32x4_t Exp4(float32x4_t x) { return KeepNan(x, ExpCore(x)); }

float32x4_t Log4(float32x4_t x) {
  const uint32x4_t subnormal = vcltq_f32(x, Set(kMinNormal));
  const float32x4_t xs = Select(subnormal, vmulq_f32(x, Set(kTwo23)), x);
  const uint32x4_t bits = vreinterpretq_u32_f32(xs);
  int32x4_t e = vsubq_s32(vreinterpretq_s32_u32(vshrq_n_u32(bits, 23)), vdupq_n_s32(126));
  e = vsubq_s32(e, vreinterpretq_s32_u32(vandq_u32(subnormal, vdupq_n_u32(23))));
  const float32x4_t m = vreinterpretq_f32_u32(
      vorrq_u32(vandq_u32(bits, vdupq_n_u32(0x7fffff)), vdupq_n_u32(0x3f000000)));
  const uint32x4_t low = vcltq_f32(m, Set(kSqrtHalf));
  e = vaddq_s32(e, vreinterpretq_s32_u32(low));  // all ones = -1
  const float32x4_t f = Select(low, vsubq_f32(vaddq_f32(m, m), Set(1.0f)), vsubq_f32(m, Set(1.0f)));
  const float32x4_t ef = vcvtq_f32_s32(e);
  const float32x4_t z = vmulq_f32(f, f);
  float32x4_t y = Set(kLogPoly[0]);
  for (int i = 1; i < 9; ++i) y = Fma(y, f, Set(kLogPoly[i]));
  y = vmulq_f32(y, f);
  y = vmulq_f32(y, z);
  y = Fma(ef, Set(kLogLn2Lo), y);
  y = Fma(z, Set(-0.5f), y);
  float32x4_t result = vaddq_f32(f, y);
  result = Fma(ef, Set(kLogLn2Hi), result);
  result = Select(vceqq_f32(x, SetBits(0x7f800000u)), x, result);
  result = Select(vcltq_f32(x, Set(0.0f)), SetBits(kQuietNan), result);
  result = Select(vceqq_f32(x, Set(0.0f)), SetBits(0xff800000u), result);
  return KeepNan(x, result);
}

float32x4_t Tanh4(float32x4_t x) {
  const uint32x4_t sign = vandq_u32(vreinterpretq_u32_f32(x), vdupq_n_u32(0x80000000u));
  const float32x4_t a = vabsq_f32(x);
  const float32x4_t z = vmulq_f32(a, a);
  float32x4_t p = Set(kTanhPoly[0]);
  for (int i = 1; i < 5; ++i) p = Fma(p, z, Set(kTanhPoly[i]));
  const float32x4_t q = vmulq_f32(p, z);
  const float32x4_t small = Fma(q, a, a);
  const float32x4_t e = ExpCore(vaddq_f32(a, a));
  const float32x4_t large = vsubq_f32(Set(1.0f), vdivq_f32(Set(2.0f), vaddq_f32(e, Set(1.0f))));
  const float32x4_t r = Select(vcltq_f32(a, Set(kTanhSmall)), small, large);
  return KeepNan(x, vreinterpretq_f32_u32(vorrq_u32(vreinterpretq_u32_f32(r), sign)));
}

float32x4_t Sigmoid4(float32x4_t x) {
  const float32x4_t a = vabsq_f32(x);
  const float32x4_t e = ExpCore(vnegq_f32(a));
  const float32x4_t d = vaddq_f32(Set(1.0f), e);
  const float32x4_t positive = vdivq_f32(Set(1.0f), d);
  const float32x4_t negative = vdivq_f32(e, d);
  return KeepNan(x, Select(vcltq_f32(x, Set(0.0f)), negative, positive));
}

inline float64x2_t SetD(double v) { return vdupq_n_f64(v); }
inline float64x2_t SelectD(uint64x2_t mask, float64x2_t a, float64x2_t b) {
  return vbslq_f64(mask, a, b);
}
// Separate multiply and add: the double path never fuses.
inline float64x2_t MulAddD(float64x2_t a, float64x2_t b, float64x2_t c) {
  return vaddq_f64(vmulq_f64(a, b), c);
}

float64x2_t ExpDouble(float64x2_t u) {
  const float64x2_t shifted = MulAddD(u, SetD(kLog2eD), SetD(kRoundMagicD));
  const float64x2_t k = vsubq_f64(shifted, SetD(kRoundMagicD));
  const int64x2_t n = vsubq_s64(vreinterpretq_s64_f64(shifted),
                                vreinterpretq_s64_f64(SetD(kRoundMagicD)));
  float64x2_t r = vsubq_f64(u, vmulq_f64(k, SetD(kLn2HiD)));
  r = vsubq_f64(r, vmulq_f64(k, SetD(kLn2LoD)));
  float64x2_t p = SetD(kExpTaylorD[0]);
  for (int i = 1; i < 12; ++i) p = MulAddD(p, r, SetD(kExpTaylorD[i]));
  const int64x2_t scale = vshlq_n_s64(vaddq_s64(n, vdupq_n_s64(1023)), 52);
  return vmulq_f64(p, vreinterpretq_f64_s64(scale));
}

float64x2_t NormalCdf2(float64x2_t xd) {
  const uint64x2_t neg = vcltq_f64(xd, SetD(0.0));
  const float64x2_t a = SelectD(neg, vnegq_f64(xd), xd);
  const float64x2_t t = vmulq_f64(xd, xd);
  float64x2_t p = SetD(kCdfTaylor[12]);
  for (int i = 11; i >= 0; --i) p = MulAddD(p, t, SetD(kCdfTaylor[i]));
  const float64x2_t central = vaddq_f64(SetD(0.5), vmulq_f64(xd, p));
  const float64x2_t ac = SelectD(vcltq_f64(a, SetD(kCdfCentral)), SetD(kCdfCentral),
                                 SelectD(vcgtq_f64(a, SetD(kCdfTail)), SetD(kCdfTail), a));
  const float64x2_t w = vdivq_f64(SetD(1.0), ac);
  const float64x2_t y = MulAddD(w, SetD(kCdfChebScale), SetD(kCdfChebShift));
  const float64x2_t y2 = vaddq_f64(y, y);
  float64x2_t b1 = SetD(0.0);
  float64x2_t b2 = SetD(0.0);
  for (int i = kCdfChebDegree; i >= 1; --i) {
    const float64x2_t b0 = vaddq_f64(vsubq_f64(vmulq_f64(y2, b1), b2), SetD(kCdfCheb[i]));
    b2 = b1;
    b1 = b0;
  }
  const float64x2_t c = vaddq_f64(vsubq_f64(vmulq_f64(y, b1), b2), SetD(kCdfCheb[0]));
  const float64x2_t u = vmulq_f64(SetD(-0.5), vmulq_f64(ac, ac));
  float64x2_t q = vmulq_f64(ExpDouble(u), c);
  q = SelectD(vcgtq_f64(a, SetD(kCdfTail)), SetD(0.0), q);
  const float64x2_t tail = SelectD(neg, q, vsubq_f64(SetD(1.0), q));
  return SelectD(vcleq_f64(a, SetD(kCdfCentral)), central, tail);
}

float32x4_t NormalCdf4(float32x4_t x) {
  const float32x2_t lo = vcvt_f32_f64(NormalCdf2(vcvt_f64_f32(vget_low_f32(x))));
  const float32x4_t both = vcvt_high_f32_f64(lo, NormalCdf2(vcvt_high_f64_f32(x)));
  return KeepNan(x, both);
}

template <float32x4_t (*kVector)(float32x4_t), float (*kScalar)(float)>
void Map(const float* in, float* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) vst1q_f32(out + i, kVector(vld1q_f32(in + i)));
  for (; i < n; ++i) out[i] = kScalar(in[i]);
}

}  // namespace

void ExpF32Neon(const float* in, float* out, std::size_t n) { Map<Exp4, math::ExpF32>(in, out, n); }
void LogF32Neon(const float* in, float* out, std::size_t n) { Map<Log4, math::LogF32>(in, out, n); }
void TanhF32Neon(const float* in, float* out, std::size_t n) {
  Map<Tanh4, math::TanhF32>(in, out, n);
}
void SigmoidF32Neon(const float* in, float* out, std::size_t n) {
  Map<Sigmoid4, math::SigmoidF32>(in, out, n);
}
void NormalCdfF32Neon(const float* in, float* out, std::size_t n) {
  Map<NormalCdf4, math::NormalCdfF32>(in, out, n);
}

}  // namespace ride::kernels
