// Compiled with -mavx2 -mfma; called only when the CPU has both. Each function repeats the scalar
// sequence of runtime/src/math/elementary.cc op for op on 8 lanes (4 for the double-precision
// normal CDF); the last n % 8 (n % 4) elements go through the scalar function itself. Where the
// scalar code computes two values and selects one, a lane may compute only the one it keeps (the
// sigmoid's quotient, the normal CDF's central or tail value), so each lane still gets the bits the
// scalar select gives it.
#include <immintrin.h>

#include <cstdint>

#include "runtime/src/kernels/elementwise.h"
#include "runtime/src/math/elementary.h"
#include "runtime/src/math/elementary_coefficients.h"
#include "runtime/src/math/normal_cdf_table_values.h"

namespace ride::kernels {
namespace {

using namespace math::internal;  // NOLINT(build/namespaces): the shared constants

inline __m256 Set(float v) { return _mm256_set1_ps(v); }
inline __m256 SetBits(std::uint32_t b) {
  return _mm256_castsi256_ps(_mm256_set1_epi32(static_cast<int>(b)));
}
// mask ? a : b
inline __m256 Select(__m256 mask, __m256 a, __m256 b) { return _mm256_blendv_ps(b, a, mask); }
inline __m256 Lt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
inline __m256 Gt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
inline __m256 KeepNan(__m256 x, __m256 r) {
  return Select(_mm256_cmp_ps(x, x, _CMP_UNORD_Q), x, r);
}
inline __m256 Pow2(__m256i n) {
  return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}

__m256 ExpCore(__m256 x) {
  const __m256 xc = Select(Lt(x, Set(kExpMin)), Set(kExpMin),
                           Select(Gt(x, Set(kExpMax)), Set(kExpMax), x));
  const __m256 t = _mm256_mul_ps(xc, Set(kLog2e));
  const __m256 shifted = _mm256_add_ps(t, Set(kRoundMagic));
  const __m256 kf = _mm256_sub_ps(shifted, Set(kRoundMagic));
  const __m256i n = _mm256_sub_epi32(_mm256_castps_si256(shifted),
                                     _mm256_castps_si256(Set(kRoundMagic)));
  __m256 r = _mm256_fmadd_ps(kf, Set(-kLn2Hi), xc);
  r = _mm256_fmadd_ps(kf, Set(-kLn2Lo), r);
  __m256 p = Set(kExpPoly[0]);
  for (int i = 1; i < 6; ++i) p = _mm256_fmadd_ps(p, r, Set(kExpPoly[i]));
  const __m256 r2 = _mm256_mul_ps(r, r);
  __m256 y = _mm256_fmadd_ps(p, r2, r);
  y = _mm256_add_ps(y, Set(1.0f));
  const __m256i n1 = _mm256_srai_epi32(n, 1);
  const __m256i n2 = _mm256_sub_epi32(n, n1);
  return _mm256_mul_ps(_mm256_mul_ps(y, Pow2(n1)), Pow2(n2));
}

__m256 Exp8(__m256 x) { return KeepNan(x, ExpCore(x)); }

__m256 Log8(__m256 x) {
  const __m256 subnormal = Lt(x, Set(kMinNormal));
  const __m256 xs = Select(subnormal, _mm256_mul_ps(x, Set(kTwo23)), x);
  const __m256i bits = _mm256_castps_si256(xs);
  __m256i e = _mm256_sub_epi32(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(126));
  e = _mm256_sub_epi32(e, _mm256_and_si256(_mm256_castps_si256(subnormal), _mm256_set1_epi32(23)));
  const __m256 m = _mm256_castsi256_ps(_mm256_or_si256(
      _mm256_and_si256(bits, _mm256_set1_epi32(0x7fffff)), _mm256_set1_epi32(0x3f000000)));
  const __m256 low = Lt(m, Set(kSqrtHalf));
  e = _mm256_add_epi32(e, _mm256_castps_si256(low));  // all ones = -1
  const __m256 f = Select(low, _mm256_sub_ps(_mm256_add_ps(m, m), Set(1.0f)),
                          _mm256_sub_ps(m, Set(1.0f)));
  const __m256 ef = _mm256_cvtepi32_ps(e);
  const __m256 z = _mm256_mul_ps(f, f);
  __m256 y = Set(kLogPoly[0]);
  for (int i = 1; i < 9; ++i) y = _mm256_fmadd_ps(y, f, Set(kLogPoly[i]));
  y = _mm256_mul_ps(y, f);
  y = _mm256_mul_ps(y, z);
  y = _mm256_fmadd_ps(ef, Set(kLogLn2Lo), y);
  y = _mm256_fmadd_ps(z, Set(-0.5f), y);
  __m256 result = _mm256_add_ps(f, y);
  result = _mm256_fmadd_ps(ef, Set(kLogLn2Hi), result);
  result = Select(_mm256_cmp_ps(x, SetBits(0x7f800000u), _CMP_EQ_OQ), x, result);
  result = Select(Lt(x, Set(0.0f)), SetBits(kQuietNan), result);
  result = Select(_mm256_cmp_ps(x, Set(0.0f), _CMP_EQ_OQ), SetBits(0xff800000u), result);
  return KeepNan(x, result);
}

__m256 Tanh8(__m256 x) {
  const __m256 sign = _mm256_and_ps(x, SetBits(0x80000000u));
  const __m256 a = _mm256_and_ps(x, SetBits(0x7fffffffu));
  const __m256 z = _mm256_mul_ps(a, a);
  __m256 p = Set(kTanhPoly[0]);
  for (int i = 1; i < 5; ++i) p = _mm256_fmadd_ps(p, z, Set(kTanhPoly[i]));
  const __m256 q = _mm256_mul_ps(p, z);
  const __m256 small = _mm256_fmadd_ps(q, a, a);
  const __m256 e = ExpCore(_mm256_add_ps(a, a));
  const __m256 large = _mm256_sub_ps(
      Set(1.0f), _mm256_div_ps(Set(2.0f), _mm256_add_ps(e, Set(1.0f))));
  const __m256 r = Select(Lt(a, Set(kTanhSmall)), small, large);
  return KeepNan(x, _mm256_or_ps(r, sign));
}

__m256 Sigmoid8(__m256 x) {
  const __m256 a = _mm256_and_ps(x, SetBits(0x7fffffffu));
  const __m256 e = ExpCore(_mm256_xor_ps(a, SetBits(0x80000000u)));
  const __m256 d = _mm256_add_ps(Set(1.0f), e);
  // The scalar computes 1 / d and e / d and selects on x < 0; one division of the selected numerator.
  return KeepNan(x, _mm256_div_ps(Select(Lt(x, Set(0.0f)), e, Set(1.0f)), d));
}

inline __m256d SetD(double v) { return _mm256_set1_pd(v); }
inline __m256d SelectD(__m256d mask, __m256d a, __m256d b) { return _mm256_blendv_pd(b, a, mask); }
inline __m256d LtD(__m256d a, __m256d b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
inline __m256d GtD(__m256d a, __m256d b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }

__m256d ExpDouble(__m256d u) {
  const __m256d shifted = _mm256_add_pd(_mm256_mul_pd(u, SetD(kLog2eD)), SetD(kRoundMagicD));
  const __m256d k = _mm256_sub_pd(shifted, SetD(kRoundMagicD));
  const __m256i n = _mm256_sub_epi64(_mm256_castpd_si256(shifted),
                                     _mm256_castpd_si256(SetD(kRoundMagicD)));
  __m256d r = _mm256_sub_pd(u, _mm256_mul_pd(k, SetD(kLn2HiD)));
  r = _mm256_sub_pd(r, _mm256_mul_pd(k, SetD(kLn2LoD)));
  __m256d p = SetD(kExpTaylorD[0]);
  for (int i = 1; i < 12; ++i) p = _mm256_add_pd(_mm256_mul_pd(p, r), SetD(kExpTaylorD[i]));
  const __m256i scale = _mm256_slli_epi64(_mm256_add_epi64(n, _mm256_set1_epi64x(1023)), 52);
  return _mm256_mul_pd(p, _mm256_castsi256_pd(scale));
}

// Phi = 0.5 + x P(x^2) where |x| <= kCdfCentral (the scalar's central value).
inline __m256d CdfCentral(__m256d xd) {
  const __m256d t = _mm256_mul_pd(xd, xd);
  __m256d p = SetD(kCdfTaylor[12]);
#pragma GCC unroll 12
  for (int i = 11; i >= 0; --i) p = _mm256_add_pd(_mm256_mul_pd(p, t), SetD(kCdfTaylor[i]));
  return _mm256_add_pd(SetD(0.5), _mm256_mul_pd(xd, p));
}

// The scalar's tail value (q or 1 - q, q = e^(-ac^2/2) C(1/ac)) for kVectors × 4 doubles in place,
// the vectors interleaved so that their long dependency chains (Chebyshev, exp) overlap.
template <int kVectors>
inline void CdfTailInPlace(double* values) {
  __m256d a[kVectors], ac[kVectors], y[kVectors], y2[kVectors], b1[kVectors], b2[kVectors], neg[kVectors];
  for (int v = 0; v < kVectors; ++v) {
    const __m256d xd = _mm256_loadu_pd(values + 4 * v);
    neg[v] = LtD(xd, SetD(0.0));
    a[v] = SelectD(neg[v], _mm256_sub_pd(SetD(0.0), xd), xd);
    ac[v] = SelectD(LtD(a[v], SetD(kCdfCentral)), SetD(kCdfCentral),
                    SelectD(GtD(a[v], SetD(kCdfTail)), SetD(kCdfTail), a[v]));
    const __m256d w = _mm256_div_pd(SetD(1.0), ac[v]);
    y[v] = _mm256_add_pd(_mm256_mul_pd(w, SetD(kCdfChebScale)), SetD(kCdfChebShift));
    y2[v] = _mm256_add_pd(y[v], y[v]);
    b1[v] = SetD(0.0);
    b2[v] = SetD(0.0);
  }
#pragma GCC unroll 20
  for (int i = kCdfChebDegree; i >= 1; --i) {
    for (int v = 0; v < kVectors; ++v) {
      const __m256d b0 = _mm256_add_pd(_mm256_sub_pd(_mm256_mul_pd(y2[v], b1[v]), b2[v]), SetD(kCdfCheb[i]));
      b2[v] = b1[v];
      b1[v] = b0;
    }
  }
  for (int v = 0; v < kVectors; ++v) {
    const __m256d c = _mm256_add_pd(_mm256_sub_pd(_mm256_mul_pd(y[v], b1[v]), b2[v]), SetD(kCdfCheb[0]));
    const __m256d u = _mm256_mul_pd(SetD(-0.5), _mm256_mul_pd(ac[v], ac[v]));
    __m256d q = _mm256_mul_pd(ExpDouble(u), c);
    q = SelectD(GtD(a[v], SetD(kCdfTail)), SetD(0.0), q);
    _mm256_storeu_pd(values + 4 * v, SelectD(neg[v], q, _mm256_sub_pd(SetD(1.0), q)));
  }
}

constexpr std::size_t kCdfChunkQuads = 32;

// Phi on `quads` × 4 floats (at most kCdfChunkQuads), widened to double, computing per lane only
// the side of the scalar's select that the lane keeps, as elementwise_avx512.cc's NormalCdfChunk
// does: the central polynomial for the quads that have a central lane; the constant 0 or 1 for
// |x| > kCdfTail; the lanes with kCdfCentral < |x| <= kCdfTail gathered into one array, run through
// the tail sequence 16 at a time and put back; NaN lanes replaced by the input at the end.
inline void NormalCdfChunk(const float* in, float* out, std::size_t quads) {
  alignas(32) double result[kCdfChunkQuads * 4];
  alignas(32) double packed[kCdfChunkQuads * 4 + 16];
  int tail[kCdfChunkQuads];
  std::size_t packed_count = 0;
  for (std::size_t v = 0; v < quads; ++v) {
    const __m256d xd = _mm256_cvtps_pd(_mm_loadu_ps(in + 4 * v));
    const __m256d neg = LtD(xd, SetD(0.0));
    const __m256d a = SelectD(neg, _mm256_sub_pd(SetD(0.0), xd), xd);
    const __m256d central = _mm256_cmp_pd(a, SetD(kCdfCentral), _CMP_LE_OQ);
    __m256d r = SelectD(neg, SetD(0.0), SetD(1.0));
    if (_mm256_movemask_pd(central) != 0) r = SelectD(central, CdfCentral(xd), r);
    tail[v] = _mm256_movemask_pd(_mm256_and_pd(GtD(a, SetD(kCdfCentral)), _mm256_cmp_pd(a, SetD(kCdfTail), _CMP_LE_OQ)));
    _mm256_store_pd(result + 4 * v, r);
    if (tail[v] != 0) {
      alignas(32) double x[4];
      _mm256_store_pd(x, xd);
      for (int lane = 0; lane < 4; ++lane) {
        if (tail[v] & (1 << lane)) packed[packed_count++] = x[lane];
      }
    }
  }
  // Pad the last group with a harmless tail input; its results are never read.
  const std::size_t padded = (packed_count + 3) / 4 * 4;
  for (std::size_t k = packed_count; k < padded; ++k) packed[k] = 2.0;
  std::size_t k = 0;
  for (; k + 16 <= padded; k += 16) CdfTailInPlace<4>(packed + k);
  if (padded - k == 12) CdfTailInPlace<3>(packed + k);
  if (padded - k == 8) CdfTailInPlace<2>(packed + k);
  if (padded - k == 4) CdfTailInPlace<1>(packed + k);
  std::size_t offset = 0;
  for (std::size_t v = 0; v < quads; ++v) {
    for (int lane = 0; lane < 4; ++lane) {
      if (tail[v] & (1 << lane)) result[4 * v + static_cast<std::size_t>(lane)] = packed[offset++];
    }
    const __m128 x = _mm_loadu_ps(in + 4 * v);  // read before out[4v..] is written: in == out works
    const __m128 r = _mm256_cvtpd_ps(_mm256_load_pd(result + 4 * v));
    _mm_storeu_ps(out + 4 * v, _mm_blendv_ps(r, x, _mm_cmpunord_ps(x, x)));
  }
}

// NormalCdfTableF32's sequence on 8 lanes; the knots and slopes come by gathers.
__m256 NormalCdfTable8(__m256 x) {
  __m256 t = _mm256_add_ps(_mm256_mul_ps(x, Set(kCdfTableCellsPerUnit)), Set(kCdfTableOrigin));
  t = Select(Gt(t, Set(0.0f)), t, Set(0.0f));
  t = Select(Lt(t, Set(static_cast<float>(kCdfTableCells))), t, Set(static_cast<float>(kCdfTableCells)));
  const __m256i cell = _mm256_min_epi32(_mm256_cvttps_epi32(t), _mm256_set1_epi32(kCdfTableCells - 1));
  const __m256 fraction = _mm256_sub_ps(t, _mm256_cvtepi32_ps(cell));
  const __m256 knot = _mm256_i32gather_ps(kCdfTableKnot, cell, 4);
  const __m256 slope = _mm256_i32gather_ps(kCdfTableSlope, cell, 4);
  return KeepNan(x, _mm256_add_ps(knot, _mm256_mul_ps(slope, fraction)));
}

template <__m256 (*kVector)(__m256), float (*kScalar)(float)>
void Map(const float* in, float* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, kVector(_mm256_loadu_ps(in + i)));
  for (; i < n; ++i) out[i] = kScalar(in[i]);
}

}  // namespace

void ExpF32Avx2(const float* in, float* out, std::size_t n) { Map<Exp8, math::ExpF32>(in, out, n); }
void LogF32Avx2(const float* in, float* out, std::size_t n) { Map<Log8, math::LogF32>(in, out, n); }
void TanhF32Avx2(const float* in, float* out, std::size_t n) {
  Map<Tanh8, math::TanhF32>(in, out, n);
}
void SigmoidF32Avx2(const float* in, float* out, std::size_t n) {
  Map<Sigmoid8, math::SigmoidF32>(in, out, n);
}
void NormalCdfF32Avx2(const float* in, float* out, std::size_t n) {
  std::size_t i = 0;
  while (n - i >= 4) {
    const std::size_t quads = (n - i) / 4 < kCdfChunkQuads ? (n - i) / 4 : kCdfChunkQuads;
    NormalCdfChunk(in + i, out + i, quads);
    i += 4 * quads;
  }
  for (; i < n; ++i) out[i] = math::NormalCdfF32(in[i]);
}

void NormalCdfTableF32Avx2(const float* in, float* out, std::size_t n) {
  Map<NormalCdfTable8, math::NormalCdfTableF32>(in, out, n);
}

}  // namespace ride::kernels
