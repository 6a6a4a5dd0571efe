#include <arm_neon.h>

#include "runtime/src/kernels/f32_gemm.h"

namespace ride::kernels {
namespace {

inline float32x4_t LoadBias(const float* bias, std::size_t o) {
  return bias != nullptr ? vld1q_f32(bias + o) : vdupq_n_f32(0.0f);
}

// Rows [b, b + kRows) × outputs [o, o + 8).
template <int kRows>
inline void Block8(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  float32x4_t acc0[kRows], acc1[kRows];
  for (int r = 0; r < kRows; ++r) {
    acc0[r] = LoadBias(a.bias, o);
    acc1[r] = LoadBias(a.bias, o + 4);
  }
  const float* w = a.w + o;
  const float* x = a.x + b * a.x_stride;
  for (std::size_t k = 0; k < a.inputs; ++k, w += a.outputs) {
    const float32x4_t w0 = vld1q_f32(w);
    const float32x4_t w1 = vld1q_f32(w + 4);
    for (int r = 0; r < kRows; ++r) {
      const float32x4_t xr = vdupq_n_f32(x[r * a.x_stride + k]);
      acc0[r] = vfmaq_f32(acc0[r], xr, w0);
      acc1[r] = vfmaq_f32(acc1[r], xr, w1);
    }
  }
  for (int r = 0; r < kRows; ++r) {
    float* y = a.y + (b + r) * a.y_stride + o;
    vst1q_f32(y, acc0[r]);
    vst1q_f32(y + 4, acc1[r]);
  }
}

// Rows [b, b + kRows) × outputs [o, o + 4).
template <int kRows>
inline void Block4(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  float32x4_t acc[kRows];
  for (int r = 0; r < kRows; ++r) acc[r] = LoadBias(a.bias, o);
  const float* w = a.w + o;
  const float* x = a.x + b * a.x_stride;
  for (std::size_t k = 0; k < a.inputs; ++k, w += a.outputs) {
    const float32x4_t w0 = vld1q_f32(w);
    for (int r = 0; r < kRows; ++r) acc[r] = vfmaq_f32(acc[r], vdupq_n_f32(x[r * a.x_stride + k]), w0);
  }
  for (int r = 0; r < kRows; ++r) vst1q_f32(a.y + (b + r) * a.y_stride + o, acc[r]);
}

// aarch64 has a scalar fused multiply-add instruction; vfmas_f32 would do the same.
inline void Tail(const F32GemmArgs& a, std::size_t b, std::size_t o) {
  const float* x = a.x + b * a.x_stride;
  float acc = a.bias != nullptr ? a.bias[o] : 0.0f;
  for (std::size_t k = 0; k < a.inputs; ++k) acc = __builtin_fmaf(x[k], a.w[k * a.outputs + o], acc);
  a.y[b * a.y_stride + o] = acc;
}

template <int kRows>
inline void Rows(const F32GemmArgs& a, std::size_t b) {
  std::size_t o = 0;
  for (; o + 8 <= a.outputs; o += 8) Block8<kRows>(a, b, o);
  for (; o + 4 <= a.outputs; o += 4) Block4<kRows>(a, b, o);
  for (; o < a.outputs; ++o) {
    for (int r = 0; r < kRows; ++r) Tail(a, b + r, o);
  }
}

}  // namespace

void F32GemmNeon(const F32GemmArgs& args) {
  std::size_t b = 0;
  for (; b + 4 <= args.batch; b += 4) Rows<4>(args, b);
  for (; b < args.batch; ++b) Rows<1>(args, b);
}

}  // namespace ride::kernels
