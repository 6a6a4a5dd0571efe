#include "runtime/src/kernels/cpu_features.h"

namespace ride::kernels {
namespace {

CpuFeatures Detect() {
  CpuFeatures features;
#if defined(__x86_64__)
  __builtin_cpu_init();
  // __builtin_cpu_supports checks the OS-enabled state (XGETBV) as well as CPUID.
  features.avx2_fma = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  features.avx512f = features.avx2_fma && __builtin_cpu_supports("avx512f");
#elif defined(__aarch64__)
  features.neon = true;
#endif
  return features;
}

}  // namespace

const CpuFeatures& GetCpuFeatures() {
  static const CpuFeatures features = Detect();
  return features;
}

}  // namespace ride::kernels
