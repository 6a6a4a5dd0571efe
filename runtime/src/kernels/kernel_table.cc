#include "runtime/src/kernels/kernel_table.h"

#include <cstdlib>
#include <cstring>

#include "runtime/src/kernels/kernel_list.h"

namespace ride::kernels {
namespace {

const KernelListEntry& ChosenEntry() {
  static const KernelListEntry& entry =
      ScalarKernelsForced() ? KernelListEntryFor(KernelVariant::kScalar) : BestRunnableKernels();
  return entry;
}

}  // namespace

bool ScalarKernelsForced() {
#if defined(RIDE_FORCE_SCALAR)  // the build option
  return true;
#else
  const char* value = std::getenv("RIDE_FORCE_SCALAR");
  return value != nullptr && std::strcmp(value, "") != 0 && std::strcmp(value, "0") != 0;
#endif
}

KernelTable MakeKernelTable(KernelVariant variant) { return KernelListEntryFor(variant).table; }

const KernelTable& GetKernelTable() { return ChosenEntry().table; }

const char* GetKernelTableName() { return ChosenEntry().name; }

const char* KernelVariantName(KernelVariant variant) { return KernelListEntryFor(variant).name; }

}  // namespace ride::kernels
