// Compiled with -mavx2 -mfma; called only when the CPU has both.
#include <immintrin.h>

#include "runtime/src/kernels/f32_gemm.h"

namespace ride::kernels {
namespace {

// Bias (or zero) for outputs [o, o + 8).
inline __m256 LoadBias(const float* bias, std::size_t o) {
  return bias != nullptr ? _mm256_loadu_ps(bias + o) : _mm256_setzero_ps();
}

// Rows [b, b + kRows) × outputs [o, o + 16): 2·kRows accumulators stay in registers over all k.
template <int kRows>
inline void Block16(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  __m256 acc0[kRows], acc1[kRows];
  for (int r = 0; r < kRows; ++r) {
    acc0[r] = LoadBias(a.bias, o);
    acc1[r] = LoadBias(a.bias, o + 8);
  }
  const float* w = a.w + o;
  const float* x = a.x + b * a.x_stride;
  for (std::size_t k = 0; k < a.inputs; ++k, w += a.outputs) {
    const __m256 w0 = _mm256_loadu_ps(w);
    const __m256 w1 = _mm256_loadu_ps(w + 8);
    for (int r = 0; r < kRows; ++r) {
      const __m256 xr = _mm256_broadcast_ss(x + r * a.x_stride + k);
      acc0[r] = _mm256_fmadd_ps(xr, w0, acc0[r]);
      acc1[r] = _mm256_fmadd_ps(xr, w1, acc1[r]);
    }
  }
  for (int r = 0; r < kRows; ++r) {
    float* y = a.y + (b + r) * a.y_stride + o;
    _mm256_storeu_ps(y, acc0[r]);
    _mm256_storeu_ps(y + 8, acc1[r]);
  }
}

// Rows [b, b + kRows) × outputs [o, o + 8).
template <int kRows>
inline void Block8(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  __m256 acc[kRows];
  for (int r = 0; r < kRows; ++r) acc[r] = LoadBias(a.bias, o);
  const float* w = a.w + o;
  const float* x = a.x + b * a.x_stride;
  for (std::size_t k = 0; k < a.inputs; ++k, w += a.outputs) {
    const __m256 w0 = _mm256_loadu_ps(w);
    for (int r = 0; r < kRows; ++r) {
      acc[r] = _mm256_fmadd_ps(_mm256_broadcast_ss(x + r * a.x_stride + k), w0, acc[r]);
    }
  }
  for (int r = 0; r < kRows; ++r) _mm256_storeu_ps(a.y + (b + r) * a.y_stride + o, acc[r]);
}

// One output at a time for the last outputs % 8: scalar fused multiply-adds in the same order.
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
  for (; o + 16 <= a.outputs; o += 16) Block16<kRows>(a, b, o);
  for (; o + 8 <= a.outputs; o += 8) Block8<kRows>(a, b, o);
  for (; o < a.outputs; ++o) {
    for (int r = 0; r < kRows; ++r) Tail(a, b + r, o);
  }
}

}  // namespace

void F32GemmAvx2(const F32GemmArgs& args) {
  std::size_t b = 0;
  for (; b + 4 <= args.batch; b += 4) Rows<4>(args, b);
  for (; b < args.batch; ++b) Rows<1>(args, b);
}

}  // namespace ride::kernels
