#include <algorithm>
#include <thread>

#include "ride/ride.h"
#include "tools/ride/commands.h"

namespace ride::cli {

uint32_t DefaultThreads() {
  const unsigned hardware = std::thread::hardware_concurrency();  // 0 when unknown
  return std::clamp<uint32_t>(hardware, 1, RIDE_MAX_THREADS);
}

}  // namespace ride::cli
