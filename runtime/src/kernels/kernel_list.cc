#include "runtime/src/kernels/kernel_list.h"

#include "runtime/src/kernels/elementwise.h"
#include "runtime/src/kernels/f32_gemm.h"

namespace ride::kernels {
namespace {

// The only #ifs of dispatch: which ISA files this build compiles (runtime/src/kernels/CMakeLists.txt).
#if defined(__x86_64__)
constexpr bool kX86 = true;
constexpr KernelTable kAvx512Table = {KernelVariant::kAvx512, F32GemmAvx512,  ExpF32Avx512,      LogF32Avx512,
                                      TanhF32Avx512,          SigmoidF32Avx512, NormalCdfF32Avx512,
  NormalCdfTableF32Avx512};
constexpr KernelTable kAvx2Table = {KernelVariant::kAvx2, F32GemmAvx2,    ExpF32Avx2,      LogF32Avx2,
                                    TanhF32Avx2,          SigmoidF32Avx2, NormalCdfF32Avx2,
  NormalCdfTableF32Avx2};
#else
constexpr bool kX86 = false;
constexpr KernelTable kAvx512Table = {KernelVariant::kAvx512};
constexpr KernelTable kAvx2Table = {KernelVariant::kAvx2};
#endif
#if defined(__aarch64__)
constexpr bool kAarch64 = true;
constexpr KernelTable kNeonTable = {KernelVariant::kNeon, F32GemmNeon,    ExpF32Neon,      LogF32Neon,
                                    TanhF32Neon,          SigmoidF32Neon, NormalCdfF32Neon,
  NormalCdfTableF32Neon};
#else
constexpr bool kAarch64 = false;
constexpr KernelTable kNeonTable = {KernelVariant::kNeon};
#endif
constexpr KernelTable kScalarTable = {KernelVariant::kScalar, F32GemmScalar,    ExpF32Scalar,      LogF32Scalar,
                                      TanhF32Scalar,          SigmoidF32Scalar, NormalCdfF32Scalar,
  NormalCdfTableF32Scalar};

// Preference order: the widest vectors first; the scalar reference, which runs everywhere, last.
constexpr KernelListEntry kEntries[] = {
    {KernelVariant::kAvx512, "avx512", "AVX-512F", kX86, &CpuFeatures::avx512f, kAvx512Table},
    {KernelVariant::kAvx2, "avx2", "AVX2 and FMA", kX86, &CpuFeatures::avx2_fma, kAvx2Table},
    {KernelVariant::kNeon, "neon", "NEON", kAarch64, &CpuFeatures::neon, kNeonTable},
    {KernelVariant::kScalar, "scalar", "", true, nullptr, kScalarTable},
};
constexpr std::size_t kEntryCount = sizeof(kEntries) / sizeof(kEntries[0]);

}  // namespace

bool KernelListEntry::RunsHere() const { return compiled && (feature == nullptr || GetCpuFeatures().*feature); }

KernelListRange KernelList() { return KernelListRange{kEntries, kEntries + kEntryCount}; }

const KernelListEntry& KernelListEntryFor(KernelVariant variant) {
  for (const KernelListEntry& entry : KernelList()) {
    if (entry.variant == variant) return entry;
  }
  return kEntries[kEntryCount - 1];  // unreachable: every variant is listed (kernel_list_test)
}

const KernelListEntry& BestRunnableKernels() {
  for (const KernelListEntry& entry : KernelList()) {
    if (entry.RunsHere()) return entry;
  }
  return kEntries[kEntryCount - 1];
}

}  // namespace ride::kernels
