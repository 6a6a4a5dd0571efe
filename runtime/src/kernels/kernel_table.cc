#include "runtime/src/kernels/kernel_table.h"

#include <cstdlib>
#include <cstring>

#include "runtime/src/kernels/cpu_features.h"

namespace ride::kernels {
namespace {

bool ScalarForced() {
#if defined(RIDE_FORCE_SCALAR)  // the build option
  return true;
#else
  const char* value = std::getenv("RIDE_FORCE_SCALAR");
  return value != nullptr && std::strcmp(value, "") != 0 && std::strcmp(value, "0") != 0;
#endif
}

KernelVariant BestVariant() {
  if (ScalarForced()) return KernelVariant::kScalar;
  const CpuFeatures& cpu = GetCpuFeatures();
  if (cpu.avx2_fma) return KernelVariant::kAvx2;
  if (cpu.neon) return KernelVariant::kNeon;
  return KernelVariant::kScalar;
}

}  // namespace

KernelTable MakeKernelTable(KernelVariant variant) {
  KernelTable table;
  table.variant = variant;
  table.f32_gemm = F32GemmScalar;
  switch (variant) {
    case KernelVariant::kScalar:
      break;
    case KernelVariant::kAvx2:
#if defined(__x86_64__)
      table.f32_gemm = F32GemmAvx2;
#endif
      break;
    case KernelVariant::kNeon:
#if defined(__aarch64__)
      table.f32_gemm = F32GemmNeon;
#endif
      break;
  }
  return table;
}

const KernelTable& GetKernelTable() {
  static const KernelTable table = MakeKernelTable(BestVariant());
  return table;
}

const char* KernelVariantName(KernelVariant variant) {
  switch (variant) {
    case KernelVariant::kScalar: return "scalar";
    case KernelVariant::kAvx2: return "avx2";
    case KernelVariant::kNeon: return "neon";
  }
  return "unknown";
}

}  // namespace ride::kernels
