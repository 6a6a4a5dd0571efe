// The kernel list: every kernel variant ride knows, in preference order (fastest first, the scalar
// reference last). It is the one place that says which variants exist: dispatch (GetKernelTable),
// the kernel tests (parameterised over it) and the benchmarks (one per runnable entry) all read it.
//
// An entry this build does not contain (the AVX-512 one on aarch64, say) is still listed, with
// compiled == false and a table of null functions, so every variant has a name everywhere. An entry
// that is compiled may still not run on this CPU: RunsHere() says whether it does.
//
// Adding a variant: a KernelVariant value, its files under runtime/src/kernels/, one entry in
// kernel_list.cc (at its place in the order) and, if it needs one, a field of CpuFeatures.
#ifndef RIDE_RUNTIME_SRC_KERNELS_KERNEL_LIST_H_
#define RIDE_RUNTIME_SRC_KERNELS_KERNEL_LIST_H_

#include <cstddef>

#include "runtime/src/kernels/cpu_features.h"
#include "runtime/src/kernels/kernel_table.h"

namespace ride::kernels {

struct KernelListEntry {
  KernelVariant variant;
  const char* name;            // "avx512": KernelVariantName, test and benchmark names
  const char* cpu_needs;       // what the CPU must have, for messages: "AVX-512F"; "" for scalar
  bool compiled;               // this build contains the variant's code
  bool CpuFeatures::*feature;  // the CPU feature it needs, or null when it runs everywhere
  KernelTable table;           // its functions; all null when !compiled

  // Compiled, and the CPU (and OS) support what it needs.
  bool RunsHere() const;
};

// The entries of the list, in preference order; static storage, never null.
struct KernelListRange {
  const KernelListEntry* first;
  const KernelListEntry* last;
  const KernelListEntry* begin() const { return first; }
  const KernelListEntry* end() const { return last; }
  std::size_t size() const { return static_cast<std::size_t>(last - first); }
};
KernelListRange KernelList();

// The entry of `variant` (every variant has one).
const KernelListEntry& KernelListEntryFor(KernelVariant variant);

// The first entry that runs here; the scalar reference when nothing else does.
const KernelListEntry& BestRunnableKernels();

}  // namespace ride::kernels

#endif  // RIDE_RUNTIME_SRC_KERNELS_KERNEL_LIST_H_
