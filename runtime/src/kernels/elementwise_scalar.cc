#include "runtime/src/kernels/elementwise.h"

#include "runtime/src/math/elementary.h"

namespace ride::kernels {

#define RIDE_SCALAR_MAP(Name)                                                    \
  void Name##Scalar(const float* in, float* out, std::size_t n) {               \
    for (std::size_t i = 0; i < n; ++i) out[i] = math::Name(in[i]);             \
  }

RIDE_SCALAR_MAP(ExpF32)
RIDE_SCALAR_MAP(LogF32)
RIDE_SCALAR_MAP(TanhF32)
RIDE_SCALAR_MAP(SigmoidF32)
RIDE_SCALAR_MAP(NormalCdfF32)
RIDE_SCALAR_MAP(NormalCdfTableF32)

#undef RIDE_SCALAR_MAP

}  // namespace ride::kernels
