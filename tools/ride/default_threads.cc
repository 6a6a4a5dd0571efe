#include <algorithm>
#include <thread>

#include "tools/ride/commands.h"
#include "runtime/src/parallel/thread_limit.h"

namespace ride::cli {

uint32_t DefaultThreads() {
  const unsigned hardware = std::thread::hardware_concurrency();  // 0 when unknown
  return std::clamp<uint32_t>(hardware, 1, parallel::kMaxThreads);
}

}  // namespace ride::cli
