// What the encoder and the decoder share: the plan of a session (lanes, worker threads, rows per
// band, the engine's memory), the wavefront session their workers run, and each worker's buffer for
// the pixels of the band it is coding, laid out in the session's block.
#ifndef RIDE_RUNTIME_SRC_CODEC_BAND_WORKERS_H_
#define RIDE_RUNTIME_SRC_CODEC_BAND_WORKERS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "runtime/src/base/arena_layout.h"
#include "runtime/src/base/status.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::codec {

// kInvalidArgument without a model, else the model's own check (gray and colour models both code).
Status CheckModel(const CodecModel& model);

// Bands of `band_rows` rows cover `height` rows in this many bands.
inline uint32_t BandCount(uint32_t height, uint32_t band_rows) {
  return static_cast<uint32_t>((uint64_t{height} + band_rows - 1) / band_rows);
}

struct SessionPlan {
  uint32_t width = 0;
  uint32_t lanes = 1;
  uint32_t threads = 1;    // min(requested, lanes)
  uint32_t band_rows = 1;  // rows each worker codes at once
  uint32_t samples = 1;    // per pixel (pixel_layout.h): a band row holds width × samples bytes
  std::size_t engine_bytes = 0;  // WavefrontSession::MemoryNeeded
  engine::CdfRule cdf = engine::CdfRule::kTable;  // the file's (CdfRuleOf)
};

// The normal CDF a file's probabilities are built on: the series for container versions 1 and 2,
// the table from version 3 on (docs/bitstream.md, "Versions").
engine::CdfRule CdfRuleOf(const container::RimHeader& header);

// Threads share one wavefront: rows being coded at once must sit in different lanes, and a band of
// R rows on each of T workers keeps T·R rows in flight, so R = max(1, lanes / T). kResourceExhausted
// when the engine's memory does not fit in a size_t.
Status PlanSession(const CodecModel& model, uint32_t width, uint32_t samples, uint32_t lanes, uint32_t threads,
                   SessionPlan* plan);

class BandWorkers {
 public:
  // Takes the engine session's block and every worker's band buffer from `layout`: measuring (a
  // layout without a block) or placing, with the same calls.
  void LayOut(const SessionPlan& plan, ArenaLayout* layout);
  // After placing: the session, set up in its part of the block.
  Status Init(const CodecModel& model, const SessionPlan& plan);

  engine::WavefrontSession& session() { return session_; }
  uint8_t* band(uint32_t worker) const { return bands_ + std::size_t{worker} * band_bytes_; }

 private:
  engine::WavefrontSession session_;
  void* engine_memory_ = nullptr;
  uint8_t* bands_ = nullptr;
  std::size_t band_bytes_ = 0;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_BAND_WORKERS_H_
