// The kernel list drives dispatch: every variant is listed once, the scalar reference last and
// runnable everywhere, compiled entries have every function, and GetKernelTable() is the first
// runnable entry (the scalar one when forced, as in the host-scalar preset).
#include "runtime/src/kernels/kernel_list.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <set>
#include <string>

#include "runtime/src/kernels/kernel_table.h"

namespace ride::kernels {
namespace {

TEST(KernelListTest, ListsEveryVariantOnceWithItsOwnName) {
  std::set<KernelVariant> variants;
  std::set<std::string> names;
  for (const KernelListEntry& entry : KernelList()) {
    EXPECT_TRUE(variants.insert(entry.variant).second) << entry.name;
    EXPECT_TRUE(names.insert(entry.name).second) << entry.name;
    EXPECT_EQ(entry.table.variant, entry.variant) << entry.name;
    EXPECT_EQ(&KernelListEntryFor(entry.variant), &entry) << entry.name;
    EXPECT_STREQ(KernelVariantName(entry.variant), entry.name);
  }
  for (KernelVariant v : {KernelVariant::kScalar, KernelVariant::kAvx2, KernelVariant::kAvx512, KernelVariant::kNeon}) {
    EXPECT_EQ(variants.count(v), 1u) << KernelVariantName(v);
  }
}

TEST(KernelListTest, ScalarReferenceIsLastAndRunsEverywhere) {
  const KernelListRange list = KernelList();
  ASSERT_GT(list.size(), 0u);
  const KernelListEntry& last = *(list.end() - 1);
  EXPECT_EQ(last.variant, KernelVariant::kScalar);
  EXPECT_TRUE(last.compiled);
  EXPECT_EQ(last.feature, nullptr);
  EXPECT_TRUE(last.RunsHere());
}

TEST(KernelListTest, CompiledEntriesHaveEveryFunctionAndOthersNone) {
  for (const KernelListEntry& entry : KernelList()) {
    const KernelTable& t = entry.table;
    const void* functions[] = {reinterpret_cast<const void*>(t.f32_gemm),    reinterpret_cast<const void*>(t.exp_f32),
                               reinterpret_cast<const void*>(t.log_f32),     reinterpret_cast<const void*>(t.tanh_f32),
                               reinterpret_cast<const void*>(t.sigmoid_f32), reinterpret_cast<const void*>(t.normal_cdf_f32)};
    for (const void* f : functions) EXPECT_EQ(f != nullptr, entry.compiled) << entry.name;
    if (entry.feature != nullptr) {
      EXPECT_STRNE(entry.cpu_needs, "") << entry.name;
    }
  }
}

TEST(KernelListTest, ProcessTableIsTheFirstRunnableEntryUnlessOneIsRequested) {
  const KernelListEntry* expected = nullptr;
  for (const KernelListEntry& entry : KernelList()) {
    if (entry.RunsHere()) {
      expected = &entry;
      break;
    }
  }
  ASSERT_NE(expected, nullptr);
  EXPECT_EQ(&BestRunnableKernels(), expected);
  const char* requested = std::getenv("RIDE_KERNELS");
  for (const KernelListEntry& entry : KernelList()) {
    if (requested != nullptr && std::strcmp(entry.name, requested) == 0 && entry.RunsHere()) expected = &entry;
  }
  if (ScalarKernelsForced()) expected = &KernelListEntryFor(KernelVariant::kScalar);
  EXPECT_EQ(GetKernelTable().variant, expected->variant);
  EXPECT_EQ(GetKernelTable().f32_gemm, expected->table.f32_gemm);
  EXPECT_STREQ(GetKernelTableName(), expected->name);
}

TEST(KernelListTest, MakeKernelTableReturnsTheListedTable) {
  for (const KernelListEntry& entry : KernelList()) {
    const KernelTable t = MakeKernelTable(entry.variant);
    EXPECT_EQ(t.variant, entry.variant);
    EXPECT_EQ(t.f32_gemm, entry.table.f32_gemm) << entry.name;
    EXPECT_EQ(t.normal_cdf_f32, entry.table.normal_cdf_f32) << entry.name;
  }
}

}  // namespace
}  // namespace ride::kernels
