#include <algorithm>
#include <thread>

#include "runtime/src/cli/commands.h"
#include "runtime/src/codec/image_codec.h"

namespace ride::cli {

uint32_t DefaultThreads() {
  const unsigned hardware = std::thread::hardware_concurrency();  // 0 when unknown
  return std::clamp<uint32_t>(hardware, 1, codec::kMaxThreads);
}

}  // namespace ride::cli
