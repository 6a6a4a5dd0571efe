// DrawPixels: runs a model over an image and, for each pixel, either keeps the value it has or
// draws a new one from the model's distribution given everything before it (ancestral sampling).
// Sampling, inpainting's initial fills and its block proposals are all this one operation.
//
// A drawn sample takes the value v with QuantizedCdf(v) <= t < QuantizedCdf(v + 1) for a uniform
// 24-bit t = rng.Bits24(SampleCounter(row, column, channel)): exactly the coder's quantised distribution, the
// same decoding step the codec's decoder runs with a range decoder's target in place of t. Since t
// depends only on the pixel's position and the engine's probabilities are the same bits for any band
// height, thread count and kernel table, so are the drawn pixels.
//
// It also scores the image: the sum over all pixels of −log2 of the coded probability of the final
// value (what coding the image would cost), and the same sum over the selected pixels alone (for a
// proposal, −log2 q). Sums are accumulated per row and then added in row order, so they too are the
// same bits for any band height and thread count.
#ifndef RIDE_RUNTIME_SRC_GENERATE_PIXEL_DRAWER_H_
#define RIDE_RUNTIME_SRC_GENERATE_PIXEL_DRAWER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/parallel/progress_observer.h"
#include "runtime/src/parallel/thread_limit.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/generate/counter_rng.h"

namespace ride::generate {

// Rows of the wavefront run together when the caller does not choose (speed only; never the pixels).
inline constexpr uint32_t kDefaultBandRows = 16;

struct DrawRequest {
  uint32_t width = 0;
  uint32_t height = 0;
  // width × height pixels of the model's channels (interleaved: R, G, B for a colour model),
  // row-major, in and out: selected pixels are drawn (or scored), the others are read as context
  // and never written.
  uint8_t* pixels = nullptr;
  // Which pixels are selected: with a mask (width × height, row-major), those whose mask byte is
  // nonzero; without one, those at row >= keep_rows and column >= keep_columns.
  const uint8_t* mask = nullptr;
  uint32_t keep_rows = 0;
  uint32_t keep_columns = 0;
  // false: nothing is drawn, selected pixels are only scored (the reverse proposal density).
  bool draw = true;
  CounterRng rng;
  uint32_t threads = 1;  // 1..parallel::kMaxThreads
  uint32_t band_rows = kDefaultBandRows;  // >= 1
  parallel::ProgressObserver* progress = nullptr;  // called from any thread, one call at a time
};

struct DrawResult {
  double bits = 0;           // Σ over all pixels of −log2 P(value | pixels before it)
  double selected_bits = 0;  // the same sum over the selected pixels
};

// Fails with kInvalidArgument for bad arguments (no pixels, zero size, threads or band rows out of
// range) and kResourceExhausted when the engine's or the sums' memory cannot be allocated; on
// failure the selected pixels may be partly drawn.
Status DrawPixels(const engine::EngineModel& model, const DrawRequest& request, DrawResult* result);

}  // namespace ride::generate

#endif  // RIDE_RUNTIME_SRC_GENERATE_PIXEL_DRAWER_H_
