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
  if (cpu.avx512f) return KernelVariant::kAvx512;
  if (cpu.avx2_fma) return KernelVariant::kAvx2;
  if (cpu.neon) return KernelVariant::kNeon;
  return KernelVariant::kScalar;
}

}  // namespace

KernelTable MakeKernelTable(KernelVariant variant) {
  KernelTable table;
  table.variant = variant;
  table.f32_gemm = F32GemmScalar;
  table.exp_f32 = ExpF32Scalar;
  table.log_f32 = LogF32Scalar;
  table.tanh_f32 = TanhF32Scalar;
  table.sigmoid_f32 = SigmoidF32Scalar;
  table.normal_cdf_f32 = NormalCdfF32Scalar;
  switch (variant) {
    case KernelVariant::kScalar:
      break;
    case KernelVariant::kAvx2:
#if defined(__x86_64__)
      table.f32_gemm = F32GemmAvx2;
      table.exp_f32 = ExpF32Avx2;
      table.log_f32 = LogF32Avx2;
      table.tanh_f32 = TanhF32Avx2;
      table.sigmoid_f32 = SigmoidF32Avx2;
      table.normal_cdf_f32 = NormalCdfF32Avx2;
#endif
      break;
    case KernelVariant::kAvx512:
#if defined(__x86_64__)
      table.f32_gemm = F32GemmAvx512;
      table.exp_f32 = ExpF32Avx512;
      table.log_f32 = LogF32Avx512;
      table.tanh_f32 = TanhF32Avx512;
      table.sigmoid_f32 = SigmoidF32Avx512;
      table.normal_cdf_f32 = NormalCdfF32Avx512;
#endif
      break;
    case KernelVariant::kNeon:
#if defined(__aarch64__)
      table.f32_gemm = F32GemmNeon;
      table.exp_f32 = ExpF32Neon;
      table.log_f32 = LogF32Neon;
      table.tanh_f32 = TanhF32Neon;
      table.sigmoid_f32 = SigmoidF32Neon;
      table.normal_cdf_f32 = NormalCdfF32Neon;
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
    case KernelVariant::kAvx512: return "avx512";
    case KernelVariant::kNeon: return "neon";
  }
  return "unknown";
}

}  // namespace ride::kernels
