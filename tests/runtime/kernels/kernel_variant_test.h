// Tests parameterised over the kernel list (runtime/src/kernels/kernel_list.h): one instance per
// variant this build contains, named by the variant ("…/avx512"). A variant this build has but the
// CPU cannot run is skipped, saying what the CPU lacks, so one test binary runs on every machine
// (and under qemu) and never passes a variant it did not run.
//
//   class F32GemmVariantTest : public ride::kernels::testing::KernelVariantTest {};
//   TEST_P(F32GemmVariantTest, MatchesTheReference) { ... table().f32_gemm ... }
//   RIDE_INSTANTIATE_KERNEL_VARIANT_TESTS(F32GemmVariantTest);
#ifndef RIDE_TESTS_RUNTIME_KERNELS_KERNEL_VARIANT_TEST_H_
#define RIDE_TESTS_RUNTIME_KERNELS_KERNEL_VARIANT_TEST_H_

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "runtime/src/kernels/kernel_list.h"

namespace ride::kernels {

// Test names and messages show the variant's name, not an address.
inline void PrintTo(const KernelListEntry* entry, std::ostream* os) { *os << entry->name; }

namespace testing {

// The entries this build contains, in the list's order.
inline std::vector<const KernelListEntry*> CompiledKernelVariants() {
  std::vector<const KernelListEntry*> entries;
  for (const KernelListEntry& entry : KernelList()) {
    if (entry.compiled) entries.push_back(&entry);
  }
  return entries;
}

inline std::string KernelVariantTestName(const ::testing::TestParamInfo<const KernelListEntry*>& info) {
  return info.param->name;
}

class KernelVariantTest : public ::testing::TestWithParam<const KernelListEntry*> {
 protected:
  void SetUp() override {
    if (!entry().RunsHere()) GTEST_SKIP() << "CPU lacks " << entry().cpu_needs;
  }
  const KernelListEntry& entry() const { return *GetParam(); }
  const KernelTable& table() const { return GetParam()->table; }
};

}  // namespace testing
}  // namespace ride::kernels

#define RIDE_INSTANTIATE_KERNEL_VARIANT_TESTS(suite)                                            \
  INSTANTIATE_TEST_SUITE_P(Kernels, suite,                                                     \
                           ::testing::ValuesIn(::ride::kernels::testing::CompiledKernelVariants()), \
                           ::ride::kernels::testing::KernelVariantTestName)

#endif  // RIDE_TESTS_RUNTIME_KERNELS_KERNEL_VARIANT_TEST_H_
