// WavefrontSession: runs a frozen model over an image, a band of rows at a time, and hands each
// pixel's predicted distribution to a visitor that encodes, decodes or scores it.
//
// Within a band of R rows, row i runs `lag` pixels behind row i − 1 (lag = half the window width + 1:
// far enough for the window's reach up and to the right), so at every step up to R pixels are ready
// together and each dense layer is one matrix–matrix product over them (DESIGN §4). Every pixel's
// probabilities are the same bits whatever R is, so an encoder and a decoder may use different band
// heights.
//
// Memory is planned at Init: one arena of O(width × hidden × layers × R) floats, reported by
// arena_bytes(); nothing is allocated while rows are processed, and height never matters.
//
// Several threads can share one session (Init's `workers`): band k (rows kR .. kR + R − 1) runs on
// worker k mod T, and its first row waits, column by column, until the last row of band k − 1 is
// `lag` pixels ahead — the same dependency as between rows of one band, so the probabilities are
// again the same bits. Each worker has its own scratch; the rings of pixels and states are shared
// and sized for T bands in flight.
#ifndef RIDE_RUNTIME_SRC_ENGINE_WAVEFRONT_SESSION_H_
#define RIDE_RUNTIME_SRC_ENGINE_WAVEFRONT_SESSION_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "runtime/src/base/status.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/engine/mcgsm_head.h"
#include "runtime/src/engine/mixture_cdf.h"
#include "runtime/src/engine/pixel_distribution.h"
#include "runtime/src/engine/slstm_layer.h"
#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine {

class PixelVisitor {
 public:
  virtual ~PixelVisitor() = default;
  // Called once per pixel; rows of a band interleave, but each row's pixels come left to right and
  // rows of one band in increasing order at equal columns. Returns the pixel's value: known to an
  // encoder, decoded by a decoder. `distribution` is valid only during the call.
  virtual uint8_t Visit(uint32_t row, uint32_t column, const PixelDistribution& distribution) = 0;
};

class WavefrontSession {
 public:
  WavefrontSession() = default;
  WavefrontSession(const WavefrontSession&) = delete;
  WavefrontSession& operator=(const WavefrontSession&) = delete;

  // `model` must have passed Check() and outlive the session. `kernels` defaults to the table chosen
  // for this CPU (tests pass others: every table gives the same bits). Fails with
  // kResourceExhausted when the arena cannot be allocated.
  Status Init(const EngineModel* model, uint32_t width, uint32_t rows_per_band,
              const kernels::KernelTable* kernels = nullptr, uint32_t workers = 1);

  // One thread: processes rows [first_row, first_row + count), 1 <= count <= rows_per_band. Bands
  // must follow each other from row 0 without gaps (their heights may differ).
  Status ProcessBand(uint32_t first_row, uint32_t count, PixelVisitor* visitor);

  // Several threads: processes band `band` (rows band·R .. band·R + count − 1, count = R except for
  // the image's last band) on worker band mod workers. Each worker's bands must come in order, and
  // band k − 1 must be running or done on its own thread, or this call waits for it forever.
  Status ProcessParallelBand(uint32_t band, uint32_t count, PixelVisitor* visitor);

  // Makes every ProcessParallelBand return early, so that workers waiting on a band that will never
  // come (its worker failed) are released. The session is unusable afterwards.
  void Abort() { aborted_.store(true, std::memory_order_release); }

  std::size_t arena_bytes() const { return arena_floats_ * sizeof(float); }
  uint32_t lag() const { return lag_; }
  uint32_t workers() const { return workers_; }

 private:
  struct Active {
    uint32_t row;
    uint32_t column;
  };
  // What one worker computes with; nothing in it is shared. The units' workspaces share one
  // inputs buffer (R × max_recurrent_inputs_): the layers and then the head gather into it.
  struct Scratch {
    Active* active;               // R
    float* neighbourhood;         // R × N
    SlstmPixel* layer_pixels;     // R: where each pixel of the batch reads and writes a layer's states
    const float** head_inputs;    // R: each pixel's z for the head
    SlstmWorkspace layer;
    McgsmWorkspace head;
    MixtureCdfWorkspace mixture;  // one pixel's distribution at a time
  };
  float* PixelRow(int64_t row);                       // padded; column c at [c]
  float* StateRow(std::size_t layer, int64_t row, bool cell);
  void GatherNeighbourhood(const Active& a, float* out);
  // Points the batch's SlstmPixels at layer l's states in the rings.
  void PrepareLayer(Scratch& s, std::size_t l, std::size_t batch);
  // Runs rows [first_row, first_row + count) with worker w's scratch; with a band index, waits on
  // and publishes the wavefront's progress.
  void RunBand(uint32_t w, int64_t band, uint32_t first_row, uint32_t count, PixelVisitor* visitor);
  // False when the session was aborted while waiting.
  bool WaitForColumns(int64_t band, uint32_t columns);

  const EngineModel* model_ = nullptr;
  kernels::KernelTable kernels_;
  uint32_t width_ = 0;
  uint32_t rows_per_band_ = 0;
  uint32_t workers_ = 1;
  uint32_t lag_ = 1;
  uint32_t next_row_ = 0;
  std::size_t half_width_ = 0;
  std::size_t inputs_ = 0;  // neighbourhood size N
  std::size_t pixel_stride_ = 0;
  std::size_t pixel_ring_rows_ = 0;
  std::size_t state_ring_rows_ = 0;
  std::size_t max_recurrent_inputs_ = 0;
  std::size_t max_gates_ = 0;

  std::unique_ptr<float[]> arena_;
  std::size_t arena_floats_ = 0;
  float* pixels_ = nullptr;        // pixel_ring_rows_ × pixel_stride_
  float* padding_row_ = nullptr;   // pixel_stride_ of padding, for rows above the image
  float* zeros_ = nullptr;         // max hidden, for states outside the grid
  float* states_ = nullptr;        // per layer: state_ring_rows_ × width × hidden, h then c
  std::unique_ptr<Scratch[]> scratch_;           // one per worker
  std::unique_ptr<Active[]> active_;             // R per worker
  std::unique_ptr<SlstmPixel[]> layer_pixels_;   // R per worker
  std::unique_ptr<const float*[]> head_inputs_;  // R per worker
  std::unique_ptr<std::size_t[]> layer_offset_;  // start of each layer's states in states_
  // Per worker: band · (width + 1) + columns done by the band's last row, increasing.
  std::unique_ptr<std::atomic<uint64_t>[]> progress_;
  std::atomic<bool> aborted_{false};
};

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_WAVEFRONT_SESSION_H_
