// The kernel table: one function pointer per kernel, filled once with the best variant this CPU
// runs. All variants of a kernel return the same bits (each kernel's header gives its canonical
// operation order), so the choice changes speed only, never a compressed file. Which variants exist
// and in what order they are preferred is the kernel list's to say (kernel_list.h).
//
// RIDE_FORCE_SCALAR=1 in the environment (or the RIDE_FORCE_SCALAR build option) selects the scalar
// reference everywhere; the host-scalar preset runs the whole test suite that way. RIDE_KERNELS=avx2
// (any name of the kernel list that runs here) selects that variant instead of the best one, so a
// wider CPU can measure and test a narrower path; `ride --version` names the variant in use.
#ifndef RIDE_RUNTIME_SRC_KERNELS_KERNEL_TABLE_H_
#define RIDE_RUNTIME_SRC_KERNELS_KERNEL_TABLE_H_

#include "runtime/src/kernels/elementwise.h"
#include "runtime/src/kernels/f32_gemm.h"

namespace ride::kernels {

// kAvx512 runs the GEMM and the element-wise maps with AVX-512F (16 float lanes).
enum class KernelVariant { kScalar, kAvx2, kAvx512, kNeon };

struct KernelTable {
  KernelVariant variant = KernelVariant::kScalar;
  F32GemmFunction f32_gemm = nullptr;
  F32MapFunction exp_f32 = nullptr;
  F32MapFunction log_f32 = nullptr;
  F32MapFunction tanh_f32 = nullptr;
  F32MapFunction sigmoid_f32 = nullptr;
  F32MapFunction normal_cdf_f32 = nullptr;
  F32MapFunction normal_cdf_table_f32 = nullptr;
};

// The table for `variant`, from the kernel list; variant must run here (KernelListEntry::RunsHere),
// or the functions are null or cannot execute.
KernelTable MakeKernelTable(KernelVariant variant);
// The process-wide table, chosen at the first call: the scalar reference when forced, else the entry
// RIDE_KERNELS names if it runs here, else the first runnable entry of the kernel list.
const KernelTable& GetKernelTable();
// The name of GetKernelTable()'s variant ("avx512", "neon", "scalar"): the kernels this CPU gets.
const char* GetKernelTableName();
// Whether the environment or the build forces the scalar reference.
bool ScalarKernelsForced();
const char* KernelVariantName(KernelVariant variant);

}  // namespace ride::kernels

#endif  // RIDE_RUNTIME_SRC_KERNELS_KERNEL_TABLE_H_
