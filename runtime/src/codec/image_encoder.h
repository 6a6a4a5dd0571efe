// ImageEncoder: an image to a .rim file in two steps, so that everything a session needs is set up
// (and can fail) before the first pixel is asked for: Init plans the lanes and groups and lays the
// session out in one block; Encode streams the rows through it and writes the file as it goes,
// each group as soon as its last row is coded. EncodeImage (image_codec.h) does both in one call.
//
// Memory: MemoryNeeded() reports the block before an encoder exists, and Init uses the caller's
// block (EncodeOptions::memory) or allocates one of that size. The block holds the engine session
// (WavefrontSession::MemoryNeeded), every worker's band buffer, and for each of the two groups in
// flight its samples in stored form, a pool of chunks for its lanes' compressed bytes as large as
// that (lane_chunks.h), one range encoder per lane; every worker's visitor; and the adaptive
// method's state (adaptive_lanes.h). None of it grows
// with the image's height. On top of it: the worker threads of each Encode, a copy of the header
// while the file is written, and the ImageEncoder object itself.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/arena_layout.h"
#include "runtime/src/adaptive/level_set.h"
#include "runtime/src/base/status.h"
#include "runtime/src/codec/adaptive_lanes.h"
#include "runtime/src/codec/band_workers.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/lane_chunks.h"
#include "runtime/src/codec/lane_visitors.h"
#include "runtime/src/codec/sample_codes.h"
#include "runtime/src/codec/session_block.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_encoder.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/container/rim_writer.h"

namespace ride::codec {

class ImageEncoder {
 public:
  ImageEncoder() = default;
  ImageEncoder(const ImageEncoder&) = delete;
  ImageEncoder& operator=(const ImageEncoder&) = delete;
  ~ImageEncoder() { Reset(); }

  // The bytes of the session's block for these arguments; errors as Init's, without allocating.
  static Status MemoryNeeded(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options,
                             std::size_t* bytes);

  // For one width × height image. `model` (and options.memory, if given) must outlive the encoder,
  // and so must options.metadata and options.trailing_metadata until Encode returns.
  // Errors: kInvalidArgument (no model, bad options, a caller block that is not 64-byte aligned),
  // kUnsupported (a layout no model codes yet), the container's limits on the dimensions (kCorrupt
  // for 0, kResourceExhausted beyond them or for a group beyond kRimMaxGroupBytes), kBufferTooSmall
  // (a caller block below MemoryNeeded), kResourceExhausted (memory).
  Status Init(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options);

  // Reads the image's rows from `source` (samples above maxval are kInvalidArgument, naming the
  // row and column) and writes the file to `sink` as it goes. Once, after a successful Init (else
  // kInvalidArgument). On failure part of the file has been written.
  Status Encode(RowSource* source, coder::ByteSink* sink, EncodeResult* result);

  uint32_t lanes() const { return plan_.lanes; }
  uint32_t group_rows() const { return header_.group_rows; }
  // The session block's size: MemoryNeeded() of Init's arguments.
  std::size_t memory_bytes() const { return memory_bytes_; }

 private:
  // One group being coded: set g mod 2 holds group g.
  struct GroupSet {
    uint8_t* stored = nullptr;                  // its rows packed (stored_rows.h)
    LaneChunks* lanes = nullptr;                // lane sinks over `pool`
    coder::RangeEncoder* encoders = nullptr;    // one per lane, restarted with each group
    uint64_t* lane_bytes = nullptr;
    uint32_t placed_lanes = 0;
    uint32_t placed_encoders = 0;
    adaptive::LevelSet levels[kMaxSamples];  // the values its rows hold, per sample of a pixel
  };

  Status Plan(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options);
  void LayOut(ArenaLayout* layout);
  void Reset();
  // Readies set group mod 2 for `group`: its lanes emptied, its coders restarted.
  void StartGroup(uint32_t group);
  // Reads row `row` into `values` (samples; then their codes) and into its group's stored form.
  Status ReadRow(RowSource* source, uint32_t row, uint8_t* values);
  // Reads every row of `group` into its stored form (through `scratch`, a row) and finds its level
  // set: the adaptive method codes a group over the values it holds, so it needs them all first.
  Status ReadGroup(RowSource* source, uint32_t group, uint8_t* scratch);
  // Row `row`'s codes from its group's stored form into `values`.
  Status RowFromGroup(uint32_t row, uint8_t* values);
  // Finishes group `group`'s lanes and writes its block: the adaptive method's level set and lanes
  // when they are smaller than the stored form, else the stored form.
  Status WriteGroup(uint32_t group, container::RimWriter* writer, EncodeResult* result);

  SessionBlock block_;  // first: destroyed after everything placed in it
  bool ready_ = false;
  container::RimHeader header_;
  SessionPlan plan_;
  std::size_t memory_bytes_ = 0;
  std::size_t stored_bytes_ = 0;  // of a whole group
  std::size_t pool_chunks_ = 0;
  uint32_t depth_ = 8;
  SampleCodes codes_;
  parallel::ProgressObserver* progress_ = nullptr;
  CostSink* cost_sink_ = nullptr;
  float* band_costs_ = nullptr;  // in the block when costs are wanted: every worker's band
  uint8_t* band_trust_ = nullptr;  // likewise, when the sink wants the trusted components
  const container::RimMetadataView* metadata_ = nullptr;
  std::size_t metadata_count_ = 0;
  TrailingMetadata* trailing_metadata_ = nullptr;
  BandWorkers workers_;
  LaneChunkPool pools_[2];
  GroupSet sets_[2];
  PixelLayout layout_;
  AdaptiveLanes learners_[kMaxSamples];  // layout_.samples of them
  LaneSets<coder::RangeEncoder> lane_sets_;
  // Placed in the block: `threads` visitors.
  EncodingVisitor* visitors_ = nullptr;
  uint32_t placed_visitors_ = 0;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_
