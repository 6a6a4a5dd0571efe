// Compiled with -mavx512f -mfma; called only when the CPU and OS support AVX-512F. Each function
// repeats the scalar sequence of runtime/src/math/elementary.cc op for op, as elementwise_avx2.cc
// does, on 16 float lanes (8 double lanes for the normal CDF); AVX-512F and AVX2 instructions only
// (no DQ, BW or VL), bit operations through the integer forms. Selects are mask blends; a lane's
// result never depends on another lane. The last n % 16 elements go through masked loads and stores
// (the inactive lanes compute on zeros and are never stored), so no scalar tail is needed.
//
// Where the scalar code computes two values and selects one, a lane may compute only the one it
// keeps: the sigmoid divides the selected numerator once; the normal CDF computes the Taylor part
// only for central lanes and the Chebyshev/exp tail only for the tail lanes that need it, packed
// together (see NormalCdfChunk). Each lane still gets exactly the bits the scalar select gives it.
#if defined(__GNUC__) && !defined(__clang__)
// GCC 12's AVX-512 headers start shift and conversion intrinsics from a self-initialised
// "undefined" register, which its own -Wuninitialized flags (GCC bug 105593); harmless.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>

#include <cstdint>

#include "runtime/src/kernels/elementwise.h"
#include "runtime/src/math/elementary.h"
#include "runtime/src/math/elementary_coefficients.h"
#include "runtime/src/math/normal_cdf_table_values.h"

namespace ride::kernels {
namespace {

using namespace math::internal;  // NOLINT(build/namespaces): the shared constants

inline __m512 Set(float v) { return _mm512_set1_ps(v); }
inline __m512i SetI(std::uint32_t b) { return _mm512_set1_epi32(static_cast<int>(b)); }
inline __m512 AsPs(__m512i v) { return _mm512_castsi512_ps(v); }
inline __m512i AsSi(__m512 v) { return _mm512_castps_si512(v); }
// mask ? a : b
inline __m512 Select(__mmask16 mask, __m512 a, __m512 b) { return _mm512_mask_blend_ps(mask, b, a); }
inline __mmask16 Lt(__m512 a, __m512 b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
inline __mmask16 Gt(__m512 a, __m512 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
inline __m512 KeepNan(__m512 x, __m512 r) { return Select(_mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), x, r); }
inline __m512 Pow2(__m512i n) { return AsPs(_mm512_slli_epi32(_mm512_add_epi32(n, _mm512_set1_epi32(127)), 23)); }
inline __m512 Abs(__m512 x) { return AsPs(_mm512_and_si512(AsSi(x), SetI(0x7fffffffu))); }

__m512 ExpCore(__m512 x) {
  const __m512 xc = Select(Lt(x, Set(kExpMin)), Set(kExpMin), Select(Gt(x, Set(kExpMax)), Set(kExpMax), x));
  const __m512 t = _mm512_mul_ps(xc, Set(kLog2e));
  const __m512 shifted = _mm512_add_ps(t, Set(kRoundMagic));
  const __m512 kf = _mm512_sub_ps(shifted, Set(kRoundMagic));
  const __m512i n = _mm512_sub_epi32(AsSi(shifted), AsSi(Set(kRoundMagic)));
  __m512 r = _mm512_fmadd_ps(kf, Set(-kLn2Hi), xc);
  r = _mm512_fmadd_ps(kf, Set(-kLn2Lo), r);
  __m512 p = Set(kExpPoly[0]);
  for (int i = 1; i < 6; ++i) p = _mm512_fmadd_ps(p, r, Set(kExpPoly[i]));
  const __m512 r2 = _mm512_mul_ps(r, r);
  __m512 y = _mm512_fmadd_ps(p, r2, r);
  y = _mm512_add_ps(y, Set(1.0f));
  const __m512i n1 = _mm512_srai_epi32(n, 1);
  const __m512i n2 = _mm512_sub_epi32(n, n1);
  return _mm512_mul_ps(_mm512_mul_ps(y, Pow2(n1)), Pow2(n2));
}

__m512 Exp16(__m512 x) { return KeepNan(x, ExpCore(x)); }

__m512 Log16(__m512 x) {
  const __mmask16 subnormal = Lt(x, Set(kMinNormal));
  const __m512 xs = Select(subnormal, _mm512_mul_ps(x, Set(kTwo23)), x);
  const __m512i bits = AsSi(xs);
  __m512i e = _mm512_sub_epi32(_mm512_srli_epi32(bits, 23), _mm512_set1_epi32(126));
  e = _mm512_mask_sub_epi32(e, subnormal, e, _mm512_set1_epi32(23));
  const __m512 m = AsPs(_mm512_or_si512(_mm512_and_si512(bits, SetI(0x7fffffu)), SetI(0x3f000000u)));
  const __mmask16 low = Lt(m, Set(kSqrtHalf));
  e = _mm512_mask_sub_epi32(e, low, e, _mm512_set1_epi32(1));
  const __m512 f = Select(low, _mm512_sub_ps(_mm512_add_ps(m, m), Set(1.0f)), _mm512_sub_ps(m, Set(1.0f)));
  const __m512 ef = _mm512_cvtepi32_ps(e);
  const __m512 z = _mm512_mul_ps(f, f);
  __m512 y = Set(kLogPoly[0]);
  for (int i = 1; i < 9; ++i) y = _mm512_fmadd_ps(y, f, Set(kLogPoly[i]));
  y = _mm512_mul_ps(y, f);
  y = _mm512_mul_ps(y, z);
  y = _mm512_fmadd_ps(ef, Set(kLogLn2Lo), y);
  y = _mm512_fmadd_ps(z, Set(-0.5f), y);
  __m512 result = _mm512_add_ps(f, y);
  result = _mm512_fmadd_ps(ef, Set(kLogLn2Hi), result);
  result = Select(_mm512_cmp_ps_mask(x, AsPs(SetI(0x7f800000u)), _CMP_EQ_OQ), x, result);
  result = Select(Lt(x, Set(0.0f)), AsPs(SetI(kQuietNan)), result);
  result = Select(_mm512_cmp_ps_mask(x, Set(0.0f), _CMP_EQ_OQ), AsPs(SetI(0xff800000u)), result);
  return KeepNan(x, result);
}

__m512 Tanh16(__m512 x) {
  const __m512i sign = _mm512_and_si512(AsSi(x), SetI(0x80000000u));
  const __m512 a = Abs(x);
  const __m512 z = _mm512_mul_ps(a, a);
  __m512 p = Set(kTanhPoly[0]);
  for (int i = 1; i < 5; ++i) p = _mm512_fmadd_ps(p, z, Set(kTanhPoly[i]));
  const __m512 q = _mm512_mul_ps(p, z);
  const __m512 small = _mm512_fmadd_ps(q, a, a);
  const __m512 e = ExpCore(_mm512_add_ps(a, a));
  const __m512 large = _mm512_sub_ps(Set(1.0f), _mm512_div_ps(Set(2.0f), _mm512_add_ps(e, Set(1.0f))));
  const __m512 r = Select(Lt(a, Set(kTanhSmall)), small, large);
  return KeepNan(x, AsPs(_mm512_or_si512(AsSi(r), sign)));
}

__m512 Sigmoid16(__m512 x) {
  const __m512 a = Abs(x);
  const __m512 e = ExpCore(AsPs(_mm512_xor_si512(AsSi(a), SetI(0x80000000u))));
  const __m512 d = _mm512_add_ps(Set(1.0f), e);
  // The scalar computes 1 / d and e / d and selects on x < 0; dividing the selected numerator
  // gives each lane the same quotient with one division instead of two.
  return KeepNan(x, _mm512_div_ps(Select(Lt(x, Set(0.0f)), e, Set(1.0f)), d));
}

inline __m512d SetD(double v) { return _mm512_set1_pd(v); }
inline __m512d SelectD(__mmask8 mask, __m512d a, __m512d b) { return _mm512_mask_blend_pd(mask, b, a); }
inline __mmask8 LtD(__m512d a, __m512d b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
inline __mmask8 GtD(__m512d a, __m512d b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }

__m512d ExpDouble(__m512d u) {
  const __m512d shifted = _mm512_add_pd(_mm512_mul_pd(u, SetD(kLog2eD)), SetD(kRoundMagicD));
  const __m512d k = _mm512_sub_pd(shifted, SetD(kRoundMagicD));
  const __m512i n = _mm512_sub_epi64(_mm512_castpd_si512(shifted), _mm512_castpd_si512(SetD(kRoundMagicD)));
  __m512d r = _mm512_sub_pd(u, _mm512_mul_pd(k, SetD(kLn2HiD)));
  r = _mm512_sub_pd(r, _mm512_mul_pd(k, SetD(kLn2LoD)));
  __m512d p = SetD(kExpTaylorD[0]);
  for (int i = 1; i < 12; ++i) p = _mm512_add_pd(_mm512_mul_pd(p, r), SetD(kExpTaylorD[i]));
  const __m512i scale = _mm512_slli_epi64(_mm512_add_epi64(n, _mm512_set1_epi64(1023)), 52);
  return _mm512_mul_pd(p, _mm512_castsi512_pd(scale));
}

// Phi = 0.5 + x P(x^2) where |x| <= kCdfCentral (the scalar's central value).
inline __m512d CdfCentral(__m512d xd) {
  const __m512d t = _mm512_mul_pd(xd, xd);
  __m512d p = SetD(kCdfTaylor[12]);
#pragma GCC unroll 12
  for (int i = 11; i >= 0; --i) p = _mm512_add_pd(_mm512_mul_pd(p, t), SetD(kCdfTaylor[i]));
  return _mm512_add_pd(SetD(0.5), _mm512_mul_pd(xd, p));
}

// The scalar's tail value (q or 1 - q, q = e^(-ac^2/2) C(1/ac)) for kVectors × 8 doubles in place,
// the vectors interleaved so that their long dependency chains (Chebyshev, exp) overlap.
template <int kVectors>
inline void CdfTailInPlace(double* values) {
  __m512d a[kVectors], ac[kVectors], y[kVectors], y2[kVectors], b1[kVectors], b2[kVectors];
  __mmask8 neg[kVectors];
  for (int v = 0; v < kVectors; ++v) {
    const __m512d xd = _mm512_loadu_pd(values + 8 * v);
    neg[v] = LtD(xd, SetD(0.0));
    a[v] = SelectD(neg[v], _mm512_sub_pd(SetD(0.0), xd), xd);
    ac[v] = SelectD(LtD(a[v], SetD(kCdfCentral)), SetD(kCdfCentral),
                    SelectD(GtD(a[v], SetD(kCdfTail)), SetD(kCdfTail), a[v]));
    const __m512d w = _mm512_div_pd(SetD(1.0), ac[v]);
    y[v] = _mm512_add_pd(_mm512_mul_pd(w, SetD(kCdfChebScale)), SetD(kCdfChebShift));
    y2[v] = _mm512_add_pd(y[v], y[v]);
    b1[v] = SetD(0.0);
    b2[v] = SetD(0.0);
  }
#pragma GCC unroll 20
  for (int i = kCdfChebDegree; i >= 1; --i) {
    for (int v = 0; v < kVectors; ++v) {
      const __m512d b0 = _mm512_add_pd(_mm512_sub_pd(_mm512_mul_pd(y2[v], b1[v]), b2[v]), SetD(kCdfCheb[i]));
      b2[v] = b1[v];
      b1[v] = b0;
    }
  }
  for (int v = 0; v < kVectors; ++v) {
    const __m512d c = _mm512_add_pd(_mm512_sub_pd(_mm512_mul_pd(y[v], b1[v]), b2[v]), SetD(kCdfCheb[0]));
    const __m512d u = _mm512_mul_pd(SetD(-0.5), _mm512_mul_pd(ac[v], ac[v]));
    __m512d q = _mm512_mul_pd(ExpDouble(u), c);
    q = SelectD(GtD(a[v], SetD(kCdfTail)), SetD(0.0), q);
    _mm512_storeu_pd(values + 8 * v, SelectD(neg[v], q, _mm512_sub_pd(SetD(1.0), q)));
  }
}

constexpr std::size_t kCdfChunkVectors = 16;

// Phi on `vectors` × 8 floats (at most kCdfChunkVectors), widened to double. The scalar sequence
// computes a central value and a tail value for every input and selects by |x| <= kCdfCentral;
// this computes, per lane, only the value the select keeps:
//  - central lanes: 0.5 + x P(x^2), for the vectors that have any;
//  - lanes with |x| > kCdfTail: the tail value with q = 0 (the scalar's select on a > kCdfTail),
//    i.e. exactly +0 for x < 0 and 1 - 0 = 1 for x > 0;
//  - the other tail lanes (kCdfCentral < |x| <= kCdfTail) are packed together (compress), run
//    through the full tail sequence 8 × 4 at a time, and put back in place (expand);
//  - NaN lanes get some value and are then replaced by the input (KeepNan), as in the scalar.
// Every lane's result is therefore the scalar function's bits.
inline void NormalCdfChunk(const float* in, float* out, std::size_t vectors) {
  alignas(64) double result[kCdfChunkVectors * 8];
  alignas(64) double packed[kCdfChunkVectors * 8 + 32];
  __mmask8 tail[kCdfChunkVectors];
  std::size_t packed_count = 0;
  for (std::size_t v = 0; v < vectors; ++v) {
    const __m512d xd = _mm512_cvtps_pd(_mm256_loadu_ps(in + 8 * v));
    const __mmask8 neg = LtD(xd, SetD(0.0));
    const __m512d a = SelectD(neg, _mm512_sub_pd(SetD(0.0), xd), xd);
    const __mmask8 central = _mm512_cmp_pd_mask(a, SetD(kCdfCentral), _CMP_LE_OQ);
    __m512d r = SelectD(neg, SetD(0.0), SetD(1.0));
    if (central != 0) r = SelectD(central, CdfCentral(xd), r);
    tail[v] = GtD(a, SetD(kCdfCentral)) & _mm512_cmp_pd_mask(a, SetD(kCdfTail), _CMP_LE_OQ);
    _mm512_store_pd(result + 8 * v, r);
    _mm512_storeu_pd(packed + packed_count, _mm512_maskz_compress_pd(tail[v], xd));
    packed_count += static_cast<std::size_t>(__builtin_popcount(tail[v]));
  }
  // Pad the last group with a harmless tail input; its results are never read.
  const std::size_t padded = (packed_count + 7) / 8 * 8;
  for (std::size_t k = packed_count; k < padded; ++k) packed[k] = 2.0;
  std::size_t k = 0;
  for (; k + 32 <= padded; k += 32) CdfTailInPlace<4>(packed + k);
  if (padded - k == 24) CdfTailInPlace<3>(packed + k);
  if (padded - k == 16) CdfTailInPlace<2>(packed + k);
  if (padded - k == 8) CdfTailInPlace<1>(packed + k);
  std::size_t offset = 0;
  for (std::size_t v = 0; v < vectors; ++v) {
    const __m512d r = _mm512_mask_expand_pd(_mm512_load_pd(result + 8 * v), tail[v], _mm512_loadu_pd(packed + offset));
    offset += static_cast<std::size_t>(__builtin_popcount(tail[v]));
    const __m256 x = _mm256_loadu_ps(in + 8 * v);  // read before out[8v..] is written: in == out works
    _mm256_storeu_ps(out + 8 * v, _mm256_blendv_ps(_mm512_cvtpd_ps(r), x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q)));
  }
}

// NormalCdfTableF32's sequence on 16 lanes; the knots and slopes come by gathers.
__m512 NormalCdfTable16(__m512 x) {
  __m512 t = _mm512_add_ps(_mm512_mul_ps(x, Set(kCdfTableCellsPerUnit)), Set(kCdfTableOrigin));
  t = Select(Gt(t, Set(0.0f)), t, Set(0.0f));
  t = Select(Lt(t, Set(static_cast<float>(kCdfTableCells))), t, Set(static_cast<float>(kCdfTableCells)));
  const __m512i cell = _mm512_min_epi32(_mm512_cvttps_epi32(t), _mm512_set1_epi32(kCdfTableCells - 1));
  const __m512 fraction = _mm512_sub_ps(t, _mm512_cvtepi32_ps(cell));
  const __m512 knot = _mm512_i32gather_ps(cell, kCdfTableKnot, 4);
  const __m512 slope = _mm512_i32gather_ps(cell, kCdfTableSlope, 4);
  return KeepNan(x, _mm512_add_ps(knot, _mm512_mul_ps(slope, fraction)));
}

template <__m512 (*kVector)(__m512)>
void Map(const float* in, float* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, kVector(_mm512_loadu_ps(in + i)));
  if (i < n) {
    const __mmask16 mask = static_cast<__mmask16>((1u << (n - i)) - 1u);
    _mm512_mask_storeu_ps(out + i, mask, kVector(_mm512_maskz_loadu_ps(mask, in + i)));
  }
}

}  // namespace

void ExpF32Avx512(const float* in, float* out, std::size_t n) { Map<Exp16>(in, out, n); }
void LogF32Avx512(const float* in, float* out, std::size_t n) { Map<Log16>(in, out, n); }
void TanhF32Avx512(const float* in, float* out, std::size_t n) { Map<Tanh16>(in, out, n); }
void SigmoidF32Avx512(const float* in, float* out, std::size_t n) { Map<Sigmoid16>(in, out, n); }
void NormalCdfF32Avx512(const float* in, float* out, std::size_t n) {
  std::size_t i = 0;
  while (n - i >= 8) {
    const std::size_t vectors = (n - i) / 8 < kCdfChunkVectors ? (n - i) / 8 : kCdfChunkVectors;
    NormalCdfChunk(in + i, out + i, vectors);
    i += 8 * vectors;
  }
  for (; i < n; ++i) out[i] = math::NormalCdfF32(in[i]);
}

void NormalCdfTableF32Avx512(const float* in, float* out, std::size_t n) { Map<NormalCdfTable16>(in, out, n); }

}  // namespace ride::kernels
