#include <cstring>

#include "runtime/src/kernels/f32_gemm.h"
#include "runtime/src/math/fma_f32.h"

namespace ride::kernels {

// Loops over k outside o so that the weights stream in memory order; each output still sees its
// fused multiply-adds in increasing k, which is all the specification fixes.
void F32GemmScalar(const F32GemmArgs& args) {
  for (std::size_t b = 0; b < args.batch; ++b) {
    const float* x = args.x + b * args.x_stride;
    float* y = args.y + b * args.y_stride;
    if (args.bias != nullptr) {
      std::memcpy(y, args.bias, args.outputs * sizeof(float));
    } else {
      std::memset(y, 0, args.outputs * sizeof(float));
    }
    for (std::size_t k = 0; k < args.inputs; ++k) {
      const float xk = x[k];
      const float* w = args.w + k * args.outputs;
      for (std::size_t o = 0; o < args.outputs; ++o) y[o] = math::FmaF32(xk, w[o], y[o]);
    }
  }
}

}  // namespace ride::kernels
