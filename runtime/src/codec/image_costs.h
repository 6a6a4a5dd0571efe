// EvaluateImage: what each pixel of an image costs to code with a model, without coding it — the
// −log2 of the probability the encoder's range coder would code it with (PixelDistribution::
// CodedBits), so the costs sum to the model's share of the compressed size. `ride eval` prints and
// draws these.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_COSTS_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_COSTS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/parallel/progress_observer.h"

namespace ride::codec {

class CostSink {
 public:
  virtual ~CostSink() = default;
  // The cost in bits of each of the `width` pixels of row `row`; rows come in order, each once.
  virtual Status RowCosts(uint32_t row, const float* bits, uint32_t width) = 0;
};

struct EvaluateOptions {
  uint32_t band_rows = kDefaultLanes;  // rows of the wavefront run together, 1..1024; speed only
  parallel::ProgressObserver* progress = nullptr;
};

struct EvaluateResult {
  double total_bits = 0;  // Σ of the costs (in double, in the order the engine visits the pixels)
  uint64_t pixels = 0;
  std::size_t engine_memory_bytes = 0;  // the wavefront session's arena
};

// Reads `height` rows of `width` pixels from `source` and gives their costs to `costs` (null when
// only the total is wanted). Errors: kInvalidArgument (zero size, bad options), kResourceExhausted
// (width beyond 2^24, memory); the source's and the sink's errors pass through.
Status EvaluateImage(const engine::EngineModel& model, uint32_t width, uint32_t height, RowSource* source,
                     CostSink* costs, const EvaluateOptions& options, EvaluateResult* result);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_COSTS_H_
