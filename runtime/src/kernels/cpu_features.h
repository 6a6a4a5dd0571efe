// What the CPU can run, read once. The kernel table picks variants from this; tests use it to skip
// variants the machine cannot run.
#ifndef RIDE_RUNTIME_SRC_KERNELS_CPU_FEATURES_H_
#define RIDE_RUNTIME_SRC_KERNELS_CPU_FEATURES_H_

namespace ride::kernels {

struct CpuFeatures {
  bool avx2_fma = false;  // x86-64 with AVX2, FMA3 and OS support for the YMM state
  bool avx512f = false;   // also AVX-512F with OS support for the ZMM state
  bool neon = false;      // aarch64 (Advanced SIMD is part of the base architecture)
};

const CpuFeatures& GetCpuFeatures();

}  // namespace ride::kernels

#endif  // RIDE_RUNTIME_SRC_KERNELS_CPU_FEATURES_H_
