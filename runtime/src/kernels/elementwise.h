// Element-wise maps over float arrays: out[i] = f(in[i]) for the elementary functions of
// runtime/src/math/elementary.h. Every variant returns exactly the bits of the scalar function for
// every input (the SIMD code repeats its operation sequence lane by lane, or at least the side of
// each select that the lane keeps; tails call it directly or run masked).
// `in` may equal `out`; otherwise they must not overlap. Nothing is allocated.
#ifndef RIDE_RUNTIME_SRC_KERNELS_ELEMENTWISE_H_
#define RIDE_RUNTIME_SRC_KERNELS_ELEMENTWISE_H_

#include <cstddef>

namespace ride::kernels {

using F32MapFunction = void (*)(const float* in, float* out, std::size_t n);

// The specification: a loop over the scalar function.
void ExpF32Scalar(const float* in, float* out, std::size_t n);
void LogF32Scalar(const float* in, float* out, std::size_t n);
void TanhF32Scalar(const float* in, float* out, std::size_t n);
void SigmoidF32Scalar(const float* in, float* out, std::size_t n);
void NormalCdfF32Scalar(const float* in, float* out, std::size_t n);
void NormalCdfTableF32Scalar(const float* in, float* out, std::size_t n);
#if defined(__x86_64__) || defined(_M_X64)
// Require AVX2 and FMA (check cpu_features before calling).
void ExpF32Avx2(const float* in, float* out, std::size_t n);
void LogF32Avx2(const float* in, float* out, std::size_t n);
void TanhF32Avx2(const float* in, float* out, std::size_t n);
void SigmoidF32Avx2(const float* in, float* out, std::size_t n);
void NormalCdfF32Avx2(const float* in, float* out, std::size_t n);
void NormalCdfTableF32Avx2(const float* in, float* out, std::size_t n);
// Require AVX-512F and FMA.
void ExpF32Avx512(const float* in, float* out, std::size_t n);
void LogF32Avx512(const float* in, float* out, std::size_t n);
void TanhF32Avx512(const float* in, float* out, std::size_t n);
void SigmoidF32Avx512(const float* in, float* out, std::size_t n);
void NormalCdfF32Avx512(const float* in, float* out, std::size_t n);
void NormalCdfTableF32Avx512(const float* in, float* out, std::size_t n);
#endif
#if defined(__aarch64__)
void ExpF32Neon(const float* in, float* out, std::size_t n);
void LogF32Neon(const float* in, float* out, std::size_t n);
void TanhF32Neon(const float* in, float* out, std::size_t n);
void SigmoidF32Neon(const float* in, float* out, std::size_t n);
void NormalCdfF32Neon(const float* in, float* out, std::size_t n);
void NormalCdfTableF32Neon(const float* in, float* out, std::size_t n);
#endif

}  // namespace ride::kernels

#endif  // RIDE_RUNTIME_SRC_KERNELS_ELEMENTWISE_H_
