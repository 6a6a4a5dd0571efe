// Compiled with -mavx512f -mfma; called only when the CPU and OS support AVX-512F. Same canonical
// order as every variant (f32_gemm.h): per output, the bias, then one fused multiply-add per input
// in increasing k; only the number of outputs per instruction differs.
#include <immintrin.h>

#include "runtime/src/kernels/f32_gemm.h"

namespace ride::kernels {
namespace {

inline __m512 LoadBias(const float* bias, std::size_t o) {
  return bias != nullptr ? _mm512_loadu_ps(bias + o) : _mm512_setzero_ps();
}

// Rows [b, b + kRows) × outputs [o, o + 32).
template <int kRows>
inline void Block32(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  __m512 acc0[kRows], acc1[kRows];
  for (int r = 0; r < kRows; ++r) {
    acc0[r] = LoadBias(a.bias, o);
    acc1[r] = LoadBias(a.bias, o + 16);
  }
  const float* w = a.w + o;
  const float* x = a.x + b * a.x_stride;
  for (std::size_t k = 0; k < a.inputs; ++k, w += a.outputs) {
    const __m512 w0 = _mm512_loadu_ps(w);
    const __m512 w1 = _mm512_loadu_ps(w + 16);
    for (int r = 0; r < kRows; ++r) {
      const __m512 xr = _mm512_set1_ps(x[r * a.x_stride + k]);
      acc0[r] = _mm512_fmadd_ps(xr, w0, acc0[r]);
      acc1[r] = _mm512_fmadd_ps(xr, w1, acc1[r]);
    }
  }
  for (int r = 0; r < kRows; ++r) {
    float* y = a.y + (b + r) * a.y_stride + o;
    _mm512_storeu_ps(y, acc0[r]);
    _mm512_storeu_ps(y + 16, acc1[r]);
  }
}

// Rows [b, b + kRows) × outputs [o, o + 16).
template <int kRows>
inline void Block16(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  __m512 acc[kRows];
  for (int r = 0; r < kRows; ++r) acc[r] = LoadBias(a.bias, o);
  const float* w = a.w + o;
  const float* x = a.x + b * a.x_stride;
  for (std::size_t k = 0; k < a.inputs; ++k, w += a.outputs) {
    const __m512 w0 = _mm512_loadu_ps(w);
    for (int r = 0; r < kRows; ++r) acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(x[r * a.x_stride + k]), w0, acc[r]);
  }
  for (int r = 0; r < kRows; ++r) _mm512_storeu_ps(a.y + (b + r) * a.y_stride + o, acc[r]);
}

// The last outputs % 16, one at a time with scalar fused multiply-adds in the same order.
inline void Tail(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  const float* x = a.x + b * a.x_stride;
  float acc = a.bias != nullptr ? a.bias[o] : 0.0f;
  for (std::size_t k = 0; k < a.inputs; ++k) {
    acc = _mm_cvtss_f32(_mm_fmadd_ss(_mm_set_ss(x[k]), _mm_set_ss(a.w[k * a.outputs + o]), _mm_set_ss(acc)));
  }
  a.y[b * a.y_stride + o] = acc;
}

template <int kRows>
inline void Rows(const F32GemmArgs& a, std::size_t b) {
  std::size_t o = 0;
  for (; o + 32 <= a.outputs; o += 32) Block32<kRows>(a, b, o);
  for (; o + 16 <= a.outputs; o += 16) Block16<kRows>(a, b, o);
  for (; o < a.outputs; ++o) {
    for (int r = 0; r < kRows; ++r) Tail(a, b + r, o);
  }
}

}  // namespace

void F32GemmAvx512(const F32GemmArgs& args) {
  std::size_t b = 0;
  for (; b + 4 <= args.batch; b += 4) Rows<4>(args, b);
  for (; b < args.batch; ++b) Rows<1>(args, b);
}

}  // namespace ride::kernels
