// SampleImage: ancestral sampling of a W × H image from a frozen model, reproducible from a seed on
// every target (docs/generate.md). Optionally the top rows and left columns are given as context and
// only the rest is sampled, conditioned on them.
#ifndef RIDE_RUNTIME_SRC_GENERATE_SAMPLER_H_
#define RIDE_RUNTIME_SRC_GENERATE_SAMPLER_H_

#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/parallel/progress_observer.h"
#include "runtime/src/parallel/thread_limit.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/generate/pixel_drawer.h"

namespace ride::generate {

// Sides beyond this are refused before anything is allocated (the PNG limit is 2^31 − 1, but a
// sample of 65535 × 65535 is already 4 GiB of pixels).
inline constexpr uint32_t kMaxSampleSide = 65535;

struct SampleOptions {
  uint64_t seed = 0;
  // Pixels in the top context_rows rows or the left context_columns columns are context: read from
  // the buffer as given, never changed. The rest is sampled.
  uint32_t context_rows = 0;
  uint32_t context_columns = 0;
  uint32_t threads = 1;                   // 1..parallel::kMaxThreads; never changes the pixels
  uint32_t band_rows = kDefaultBandRows;  // >= 1; never changes the pixels
  parallel::ProgressObserver* progress = nullptr;
};

// kInvalidArgument for a side of 0, kResourceExhausted for one beyond kMaxSampleSide.
Status CheckSampleSize(uint32_t width, uint32_t height);

// `pixels` holds width × height bytes, row-major; on entry only its context pixels matter, on return
// every pixel is set. `bits`, when not null, receives Σ −log2 P over the whole image under the model
// (context included). Errors: kInvalidArgument (zero size, bad options), kResourceExhausted (a side
// beyond kMaxSampleSide, memory).
Status SampleImage(const engine::EngineModel& model, uint32_t width, uint32_t height, const SampleOptions& options,
                   uint8_t* pixels, double* bits = nullptr);

}  // namespace ride::generate

#endif  // RIDE_RUNTIME_SRC_GENERATE_SAMPLER_H_
