// ImageDecoder: a .rim file back to the image in two steps, so that a caller can check the file's
// header and choose the model first and have everything set up (and able to fail) before any pixel
// is produced: Init takes the parsed header and lays the session out in one block; Decode asks its
// GroupSource for each group as the wavefront reaches it, runs the lanes (or unpacks a stored
// group) and hands rows out as they complete, then checks every lane's end and the checksums.
// DecodeImage (image_codec.h) does both in one call for a file in memory.
//
// Memory: MemoryNeeded() reports the block before a decoder exists, and Init uses the caller's block
// (DecodeOptions::memory) or allocates one of that size. The block holds the engine session
// (WavefrontSession::MemoryNeeded), every worker's band buffer, for each of the two groups in flight
// the room its source asks for (DecodeOptions::group_buffer_bytes: a stream's group, 0 for a file in
// memory), one range decoder per lane with its byte source and the lanes' spans, and every worker's
// visitor. None of it grows with the image's height. On top of it: the file itself when the caller
// holds it in memory, the worker threads of each Decode, and the ImageDecoder.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/arena_layout.h"
#include "runtime/src/base/status.h"
#include "runtime/src/codec/adaptive_lanes.h"
#include "runtime/src/codec/band_workers.h"
#include "runtime/src/codec/group_source.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/lane_visitors.h"
#include "runtime/src/codec/sample_codes.h"
#include "runtime/src/codec/session_block.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_decoder.h"
#include "runtime/src/container/rim_header.h"

namespace ride::codec {

class ImageDecoder {
 public:
  ImageDecoder() = default;
  ImageDecoder(const ImageDecoder&) = delete;
  ImageDecoder& operator=(const ImageDecoder&) = delete;
  ~ImageDecoder() { Reset(); }

  // The bytes of the session's block for files with `header`; errors as Init's, without allocating.
  static Status MemoryNeeded(const CodecModel& model, const container::RimHeader& header,
                             const DecodeOptions& options, std::size_t* bytes);

  // For files with `header` (as ParseRimHeader gave it). `model` (and options.memory, if given) must
  // outlive the decoder. Errors: kInvalidArgument (no model, bad options, a caller block that is
  // not 64-byte aligned), kModelMismatch (the header names another model, with both fingerprints),
  // kBufferTooSmall (a caller block below MemoryNeeded), kResourceExhausted (memory).
  Status Init(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options);

  // Decodes the file `source` gives (which must have Init's header and need no more room per
  // group than options.group_buffer_bytes, else kInvalidArgument) into `sink`, a row of samples at
  // a time, top to bottom. Once, after a successful Init.
  Status Decode(GroupSource* source, RowSink* sink);

  // The session block's size: MemoryNeeded() of Init's arguments.
  std::size_t memory_bytes() const { return memory_bytes_; }

 private:
  // One group being decoded: set g mod 2 holds group g.
  struct GroupSet {
    GroupBuffer buffer;  // bytes (a stream's group), lanes (spans) in the block
    coder::SpanByteSource* sources = nullptr;
    coder::RangeDecoder* decoders = nullptr;
    uint32_t placed_sources = 0;
    uint32_t placed_decoders = 0;
  };

  Status Plan(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options);
  void LayOut(ArenaLayout* layout);
  void Reset();
  // Loads `group` from `source` into set group mod 2 and starts its lanes' decoders.
  Status StartGroup(GroupSource* source, uint32_t group);
  // After group `group`'s last row: every lane must end where its stream does.
  Status FinishGroup(uint32_t group);
  // Unpacks the rows of stored groups among rows [first, first + count) into `pixels` as codes.
  Status UnpackStoredRows(uint32_t first, uint32_t count, uint8_t* pixels);
  // Version 2: set group mod 2's level sets, which its pixels teach the adaptive state over.
  Status FindLevels(uint32_t group);

  SessionBlock block_;  // first: destroyed after everything placed in it
  bool ready_ = false;
  container::RimHeader header_;
  SessionPlan plan_;
  std::size_t memory_bytes_ = 0;
  std::size_t group_buffer_bytes_ = 0;
  uint32_t depth_ = 8;
  SampleCodes codes_;
  parallel::ProgressObserver* progress_ = nullptr;
  BandWorkers workers_;
  GroupSet sets_[2];
  PixelLayout layout_;
  AdaptiveLanes learners_[kMaxSamples];  // layout_.samples of them
  uint8_t* scratch_row_ = nullptr;  // in the block: a row, for a stored group's level sets
  LaneSets<coder::RangeDecoder> lane_sets_;
  // Placed in the block: `threads` visitors.
  DecodingVisitor* visitors_ = nullptr;
  uint32_t placed_visitors_ = 0;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_
