// f32 GEMM in ride's canonical order: the dense layer every SLSTM gate and MCGSM head runs.
//
//   y[b][o] = bias[o] (+) x[b][0]·w[0][o] (+) x[b][1]·w[1][o] (+) ... (+) x[b][K-1]·w[K-1][o]
//
// where each (+)· is one fused multiply-add, applied in increasing k, starting from the bias. The
// weights are input-major (w[k][o] at k * outputs + o), as stored in model files. This order is the
// specification: every variant (scalar reference, AVX2+FMA, NEON) returns the same bits for every
// input, for any batch size, so the encoder's batched rows and the decoder's single rows agree.
//
// Strides are in floats. Pointers must not alias y. Nothing is allocated.
#ifndef RIDE_RUNTIME_SRC_KERNELS_F32_GEMM_H_
#define RIDE_RUNTIME_SRC_KERNELS_F32_GEMM_H_

#include <cstddef>

namespace ride::kernels {

struct F32GemmArgs {
  std::size_t batch;    // rows of x and y
  std::size_t inputs;   // K
  std::size_t outputs;  // O
  const float* x;       // batch rows, each `inputs` floats, row stride x_stride
  std::size_t x_stride;
  const float* w;       // inputs × outputs, input-major
  const float* bias;    // outputs floats, or null for zeros
  float* y;             // batch rows, each `outputs` floats, row stride y_stride
  std::size_t y_stride;
};

using F32GemmFunction = void (*)(const F32GemmArgs& args);

// The specification.
void F32GemmScalar(const F32GemmArgs& args);
#if defined(__x86_64__) || defined(_M_X64)
// Requires AVX2 and FMA (check cpu_features before calling).
void F32GemmAvx2(const F32GemmArgs& args);
// Requires AVX-512F and FMA.
void F32GemmAvx512(const F32GemmArgs& args);
#endif
#if defined(__aarch64__)
void F32GemmNeon(const F32GemmArgs& args);
#endif

}  // namespace ride::kernels

#endif  // RIDE_RUNTIME_SRC_KERNELS_F32_GEMM_H_
