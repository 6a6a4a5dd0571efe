// aarch64 only. Each function repeats the scalar sequence of runtime/src/math/elementary.cc op for
// op on 4 lanes (2 for the double-precision normal CDF); the last n % 4 elements go through the
// scalar function itself. Where the scalar code computes two values and selects one, a lane may
// compute only the one it keeps (the sigmoid's quotient, the normal CDF's central or tail value),
// so each lane still gets the bits the scalar select gives it.
#include <arm_neon.h>

#include <cstdint>

#include "runtime/src/kernels/elementwise.h"
#include "runtime/src/math/elementary.h"
#include "runtime/src/math/elementary_coefficients.h"
#include "runtime/src/math/normal_cdf_table_values.h"

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
  // The scalar computes 1 / d and e / d and selects on x < 0; one division of the selected numerator.
  return KeepNan(x, vdivq_f32(Select(vcltq_f32(x, Set(0.0f)), e, Set(1.0f)), d));
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

// Phi = 0.5 + x P(x^2) where |x| <= kCdfCentral (the scalar's central value).
inline float64x2_t CdfCentral(float64x2_t xd) {
  const float64x2_t t = vmulq_f64(xd, xd);
  float64x2_t p = SetD(kCdfTaylor[12]);
  for (int i = 11; i >= 0; --i) p = MulAddD(p, t, SetD(kCdfTaylor[i]));
  return vaddq_f64(SetD(0.5), vmulq_f64(xd, p));
}

// The scalar's tail value (q or 1 - q, q = e^(-ac^2/2) C(1/ac)) for kVectors × 2 doubles in place,
// the vectors interleaved so that their long dependency chains (Chebyshev, exp) overlap.
template <int kVectors>
inline void CdfTailInPlace(double* values) {
  float64x2_t a[kVectors], ac[kVectors], y[kVectors], y2[kVectors], b1[kVectors], b2[kVectors];
  uint64x2_t neg[kVectors];
  for (int v = 0; v < kVectors; ++v) {
    const float64x2_t xd = vld1q_f64(values + 2 * v);
    neg[v] = vcltq_f64(xd, SetD(0.0));
    a[v] = SelectD(neg[v], vnegq_f64(xd), xd);
    ac[v] = SelectD(vcltq_f64(a[v], SetD(kCdfCentral)), SetD(kCdfCentral),
                    SelectD(vcgtq_f64(a[v], SetD(kCdfTail)), SetD(kCdfTail), a[v]));
    const float64x2_t w = vdivq_f64(SetD(1.0), ac[v]);
    y[v] = MulAddD(w, SetD(kCdfChebScale), SetD(kCdfChebShift));
    y2[v] = vaddq_f64(y[v], y[v]);
    b1[v] = SetD(0.0);
    b2[v] = SetD(0.0);
  }
  for (int i = kCdfChebDegree; i >= 1; --i) {
    for (int v = 0; v < kVectors; ++v) {
      const float64x2_t b0 = vaddq_f64(vsubq_f64(vmulq_f64(y2[v], b1[v]), b2[v]), SetD(kCdfCheb[i]));
      b2[v] = b1[v];
      b1[v] = b0;
    }
  }
  for (int v = 0; v < kVectors; ++v) {
    const float64x2_t c = vaddq_f64(vsubq_f64(vmulq_f64(y[v], b1[v]), b2[v]), SetD(kCdfCheb[0]));
    const float64x2_t u = vmulq_f64(SetD(-0.5), vmulq_f64(ac[v], ac[v]));
    float64x2_t q = vmulq_f64(ExpDouble(u), c);
    q = SelectD(vcgtq_f64(a[v], SetD(kCdfTail)), SetD(0.0), q);
    vst1q_f64(values + 2 * v, SelectD(neg[v], q, vsubq_f64(SetD(1.0), q)));
  }
}

constexpr std::size_t kCdfChunkPairs = 64;

// Phi on `pairs` × 2 floats (at most kCdfChunkPairs, an even count), widened to double, computing
// per lane only the side of the scalar's select that the lane keeps, as elementwise_avx512.cc's
// NormalCdfChunk does: the central polynomial for the pairs that have a central lane; the constant
// 0 or 1 for |x| > kCdfTail; the lanes with kCdfCentral < |x| <= kCdfTail gathered into one array,
// run through the tail sequence 8 at a time and put back; NaN lanes replaced by the input at the end.
inline void NormalCdfChunk(const float* in, float* out, std::size_t pairs) {
  alignas(16) double result[kCdfChunkPairs * 2];
  alignas(16) double packed[kCdfChunkPairs * 2 + 8];
  unsigned tail[kCdfChunkPairs];
  std::size_t packed_count = 0;
  for (std::size_t v = 0; v < pairs; ++v) {
    const float64x2_t xd = vcvt_f64_f32(vld1_f32(in + 2 * v));
    const uint64x2_t neg = vcltq_f64(xd, SetD(0.0));
    const float64x2_t a = SelectD(neg, vnegq_f64(xd), xd);
    const uint64x2_t central = vcleq_f64(a, SetD(kCdfCentral));
    float64x2_t r = SelectD(neg, SetD(0.0), SetD(1.0));
    if ((vgetq_lane_u64(central, 0) | vgetq_lane_u64(central, 1)) != 0) r = SelectD(central, CdfCentral(xd), r);
    const uint64x2_t is_tail = vandq_u64(vcgtq_f64(a, SetD(kCdfCentral)), vcleq_f64(a, SetD(kCdfTail)));
    tail[v] = static_cast<unsigned>(vgetq_lane_u64(is_tail, 0) & 1u) | static_cast<unsigned>(vgetq_lane_u64(is_tail, 1) & 2u);
    vst1q_f64(result + 2 * v, r);
    if (tail[v] & 1u) packed[packed_count++] = vgetq_lane_f64(xd, 0);
    if (tail[v] & 2u) packed[packed_count++] = vgetq_lane_f64(xd, 1);
  }
  // Pad the last group with a harmless tail input; its results are never read.
  const std::size_t padded = (packed_count + 1) / 2 * 2;
  for (std::size_t k = packed_count; k < padded; ++k) packed[k] = 2.0;
  std::size_t k = 0;
  for (; k + 8 <= padded; k += 8) CdfTailInPlace<4>(packed + k);
  if (padded - k == 6) CdfTailInPlace<3>(packed + k);
  if (padded - k == 4) CdfTailInPlace<2>(packed + k);
  if (padded - k == 2) CdfTailInPlace<1>(packed + k);
  std::size_t offset = 0;
  for (std::size_t v = 0; v < pairs; ++v) {
    if (tail[v] & 1u) result[2 * v] = packed[offset++];
    if (tail[v] & 2u) result[2 * v + 1] = packed[offset++];
  }
  for (std::size_t v = 0; v < pairs; v += 2) {
    const float32x4_t x = vld1q_f32(in + 2 * v);  // read before out[2v..] is written: in == out works
    const float32x2_t lo = vcvt_f32_f64(vld1q_f64(result + 2 * v));
    vst1q_f32(out + 2 * v, KeepNan(x, vcvt_high_f32_f64(lo, vld1q_f64(result + 2 * v + 2))));
  }
}

// NormalCdfTableF32's sequence on 4 lanes; NEON has no gather, so the knots and slopes are loaded
// lane by lane.
float32x4_t NormalCdfTable4(float32x4_t x) {
  float32x4_t t = vaddq_f32(vmulq_f32(x, Set(kCdfTableCellsPerUnit)), Set(kCdfTableOrigin));
  t = Select(vcgtq_f32(t, Set(0.0f)), t, Set(0.0f));
  t = Select(vcltq_f32(t, Set(static_cast<float>(kCdfTableCells))), t, Set(static_cast<float>(kCdfTableCells)));
  const int32x4_t cell = vminq_s32(vcvtq_s32_f32(t), vdupq_n_s32(kCdfTableCells - 1));
  const float32x4_t fraction = vsubq_f32(t, vcvtq_f32_s32(cell));
  alignas(16) int32_t c[4];
  vst1q_s32(c, cell);
  const float knots[4] = {kCdfTableKnot[c[0]], kCdfTableKnot[c[1]], kCdfTableKnot[c[2]], kCdfTableKnot[c[3]]};
  const float slopes[4] = {kCdfTableSlope[c[0]], kCdfTableSlope[c[1]], kCdfTableSlope[c[2]], kCdfTableSlope[c[3]]};
  return KeepNan(x, vaddq_f32(vld1q_f32(knots), vmulq_f32(vld1q_f32(slopes), fraction)));
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
  std::size_t i = 0;
  while (n - i >= 4) {
    const std::size_t pairs = (n - i) / 4 * 2 < kCdfChunkPairs ? (n - i) / 4 * 2 : kCdfChunkPairs;
    NormalCdfChunk(in + i, out + i, pairs);
    i += 2 * pairs;
  }
  for (; i < n; ++i) out[i] = math::NormalCdfF32(in[i]);
}

void NormalCdfTableF32Neon(const float* in, float* out, std::size_t n) {
  Map<NormalCdfTable4, math::NormalCdfTableF32>(in, out, n);
}

}  // namespace ride::kernels
