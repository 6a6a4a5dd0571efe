// How many threads one call of the runtime may run. Threads change speed only, never the bytes or
// the pixels, so the limit is a resource bound, not part of any format.
#ifndef RIDE_RUNTIME_SRC_PARALLEL_THREAD_LIMIT_H_
#define RIDE_RUNTIME_SRC_PARALLEL_THREAD_LIMIT_H_

#include <cstdint>

#include "runtime/src/base/status.h"

namespace ride::parallel {

inline constexpr uint32_t kMaxThreads = 64;  // ride.h's RIDE_MAX_THREADS

// kInvalidArgument unless 1 <= threads <= kMaxThreads.
inline Status CheckThreads(uint32_t threads) {
  if (threads == 0 || threads > kMaxThreads) {
    return Status::Error(StatusCode::kInvalidArgument, "%u threads: use 1 to %u", threads, kMaxThreads);
  }
  return Status();
}

}  // namespace ride::parallel

#endif  // RIDE_RUNTIME_SRC_PARALLEL_THREAD_LIMIT_H_
