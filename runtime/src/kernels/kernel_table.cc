#include "runtime/src/kernels/kernel_table.h"

#include <cstdlib>
#include <cstring>

#include "runtime/src/kernels/kernel_list.h"

namespace ride::kernels {
namespace {

// RIDE_KERNELS names a variant to run instead of the best one (to measure or test a narrower ISA
// on a wider CPU); a name that is not listed or cannot run here leaves the choice to the list.
const KernelListEntry* RequestedEntry() {
  const char* name = std::getenv("RIDE_KERNELS");
  if (name == nullptr) return nullptr;
  for (const KernelListEntry& entry : KernelList()) {
    if (std::strcmp(entry.name, name) == 0 && entry.RunsHere()) return &entry;
  }
  return nullptr;
}

const KernelListEntry& ChooseEntry() {
  if (ScalarKernelsForced()) return KernelListEntryFor(KernelVariant::kScalar);
  const KernelListEntry* requested = RequestedEntry();
  return requested != nullptr ? *requested : BestRunnableKernels();
}

const KernelListEntry& ChosenEntry() {
  static const KernelListEntry& entry = ChooseEntry();
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
