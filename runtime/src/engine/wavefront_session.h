// WavefrontSession: runs a frozen model over an image, a band of rows at a time, and hands each
// pixel's predicted distribution to a visitor that encodes, decodes or scores it.
//
// Within a band of R rows, row i runs `lag` pixels behind row i − 1 (lag = half the window width + 1:
// far enough for the window's reach up and to the right), so at every step up to R pixels are ready
// together and each dense layer is one matrix–matrix product over them (DESIGN §4). Every pixel's
// probabilities are the same bits whatever R is, so an encoder and a decoder may use different band
// heights.
//
// Memory is planned: everything the session uses (the rings of pixels and states, every worker's
// scratch, the progress counters) lives in one block of O(width × hidden × layers × R × T) bytes,
// whose exact size MemoryNeeded() reports before a session exists. Init allocates that block, or
// uses one its caller provides; nothing is allocated afterwards, and height never matters.
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
#include <new>

#include "runtime/src/base/arena_layout.h"
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
  // Called once per sample: a pixel's channels (one for gray; R, G, B for colour) come in order,
  // though the other pixels of its step may come between them; rows of a band interleave, but each row's pixels come left to right and rows of one
  // band in increasing order at equal columns. Returns the sample's value: known to an encoder,
  // decoded by a decoder. `distribution` is valid only during the call.
  virtual uint8_t Visit(uint32_t row, uint32_t column, uint32_t channel, const PixelDistribution& distribution) = 0;
};

class WavefrontSession {
 public:
  WavefrontSession() = default;
  WavefrontSession(const WavefrontSession&) = delete;
  WavefrontSession& operator=(const WavefrontSession&) = delete;

  // The exact bytes Init needs for these arguments (what arena_bytes() then reports), or 0 when Init
  // would refuse them (a model that fails Check(), a width, band height or worker count out of
  // range, a size that overflows). Allocates nothing.
  static std::size_t MemoryNeeded(const EngineModel& model, uint32_t width, uint32_t rows_per_band,
                                  uint32_t workers = 1);

  // `model` must have passed Check() and outlive the session. `kernels` defaults to the table chosen
  // for this CPU (tests pass others: every table gives the same bits); it is copied.
  //
  // Memory: with `memory` null the session allocates its block itself and frees it when destroyed
  // or re-initialised (kResourceExhausted when it cannot). Otherwise `memory` is the caller's block
  // of `memory_bytes`: it must be aligned to 64 bytes (kInvalidArgument otherwise) and hold at least
  // MemoryNeeded() bytes (kBufferTooSmall otherwise, naming both sizes); the session uses the first
  // MemoryNeeded() bytes, overwrites them, never frees them, and needs them until it is destroyed
  // or re-initialised. Either way nothing is allocated after Init. A failed Init leaves the session
  // unusable until an Init succeeds.
  Status Init(const EngineModel* model, uint32_t width, uint32_t rows_per_band,
              const kernels::KernelTable* kernels = nullptr, uint32_t workers = 1, void* memory = nullptr,
              std::size_t memory_bytes = 0);

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

  // The bytes of the session's block: MemoryNeeded() of Init's arguments.
  std::size_t arena_bytes() const { return arena_bytes_; }
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
    Active* active = nullptr;             // R
    float* neighbourhood = nullptr;       // R × neighbourhood_stride_
    SlstmPixel* layer_pixels = nullptr;   // R: where each pixel reads and writes a layer's states
    const float** head_inputs = nullptr;  // R: each pixel's z for the head
    SlstmWorkspace layer;
    McgsmWorkspace head;
    MixtureCdfWorkspace mixture;  // one pixel's distribution at a time
  };
  struct FreeBlock {
    void operator()(void* block) const { ::operator delete(block, std::align_val_t{ArenaLayout::kAlignment}); }
  };
  // Checks the arguments and sets every size the layout depends on; touches no memory.
  Status Plan(const EngineModel* model, uint32_t width, uint32_t rows_per_band, uint32_t workers);
  // Takes every array of the session from `arena`, always in the same order: measuring gives
  // MemoryNeeded(), placing sets the pointers below.
  void LayOut(ArenaLayout* arena);
  // After Plan: measures, checks or allocates the block, and lays the session out in it.
  Status PlaceBlock(void* memory, std::size_t memory_bytes);
  float* PixelRow(int64_t row, std::size_t channel);  // padded; column c at [c]
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
  std::size_t channels_ = 1;
  std::size_t inputs_ = 0;                // neighbourhood size: channels × window inputs
  std::size_t neighbourhood_stride_ = 0;  // inputs_ + channels − 1: then the pixel's earlier channels
  std::size_t pixel_stride_ = 0;
  std::size_t pixel_ring_rows_ = 0;
  std::size_t state_ring_rows_ = 0;
  std::size_t max_hidden_ = 1;
  std::size_t max_recurrent_inputs_ = 0;
  std::size_t max_gates_ = 0;
  std::size_t max_features_ = 0;    // the largest of every channel's head
  std::size_t max_components_ = 0;
  std::size_t max_terms_ = 0;       // components × scales

  std::unique_ptr<void, FreeBlock> owned_block_;  // the block, when the session allocated it
  std::size_t arena_bytes_ = 0;
  // In the block:
  float* pixels_ = nullptr;        // pixel_ring_rows_ × pixel_stride_
  float* padding_row_ = nullptr;   // pixel_stride_ of padding, for rows above the image
  float* zeros_ = nullptr;         // max hidden, for states outside the grid
  float** layer_states_ = nullptr; // per layer: state_ring_rows_ × width × hidden, h then c
  Scratch* scratch_ = nullptr;     // one per worker
  // Per worker: band · (width + 1) + columns done by the band's last row, increasing.
  std::atomic<uint64_t>* progress_ = nullptr;
  std::atomic<bool> aborted_{false};
};

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_WAVEFRONT_SESSION_H_
