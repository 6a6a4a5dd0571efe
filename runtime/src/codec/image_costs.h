// EvaluateImage: what each pixel of an image costs to code, without writing a file — the encoder
// run with its output counted and dropped, so the costs are −log2 of exactly the probabilities the
// range coder codes with (the adaptive method's included) and sum to the model's share of the
// compressed size. `ride eval` prints and draws these.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_COSTS_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_COSTS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/adaptive/cost_mixer.h"
#include "runtime/src/base/status.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/parallel/progress_observer.h"

namespace ride::codec {

struct EvaluateOptions {
  uint32_t threads = 1;  // speed only
  uint32_t layout = container::kRimLayoutGray;  // of the rows: width × its channels samples
  parallel::ProgressObserver* progress = nullptr;
};

struct EvaluateResult {
  double total_bits = 0;  // Σ of the costs
  uint64_t pixels = 0;
  uint64_t file_bytes = 0;  // what `ride compress` with default options would write
  // What each adaptive component alone would have cost (EncodeResult::component_bits), and the
  // mixer's mean weight of each.
  double component_bits[adaptive::kComponents] = {};
  double component_weight[adaptive::kComponents] = {};
  std::size_t engine_memory_bytes = 0;  // the encoding session's block
};

// Reads `height` rows of `width` pixels from `source` and gives their costs to `costs` (null when
// only the total is wanted). Errors: kInvalidArgument (zero size, bad options), kResourceExhausted
// (dimensions beyond the container's limits, memory); the source's and the sink's errors pass
// through.
Status EvaluateImage(const engine::EngineModel& model, uint32_t width, uint32_t height, RowSource* source,
                     CostSink* costs, const EvaluateOptions& options, EvaluateResult* result);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_COSTS_H_
