// ImageEncoder: an image to a .rim file in two steps, so that everything a session needs is set up
// (and can fail) before the first pixel is asked for: Init plans the lanes and lays the session out
// in one block; Encode streams the rows through it and writes the file. EncodeImage (image_codec.h)
// does both in one call.
//
// Memory: MemoryNeeded() reports the block before an encoder exists, and Init uses the caller's
// block (EncodeOptions::memory) or allocates one of that size. The block holds the engine session
// (WavefrontSession::MemoryNeeded), every worker's band buffer, one range encoder per lane with its
// byte sink's bookkeeping, the lane tables and every worker's visitor. On top of it: the lanes'
// compressed bytes, which container version 1 keeps until the image is finished (about the file's
// size, grown as they come), the header's lane lengths (8 bytes a lane), the worker threads of each
// Encode, and the ImageEncoder object itself.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/arena_layout.h"
#include "runtime/src/base/status.h"
#include "runtime/src/codec/band_workers.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/lane_bytes.h"
#include "runtime/src/codec/lane_visitors.h"
#include "runtime/src/codec/session_block.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_encoder.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"

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

  // For one width × height image. `model` (and options.memory, if given) must outlive the encoder.
  // Errors: kInvalidArgument (no model, bad options, a caller block that is not 64-byte aligned),
  // the container's limits on the dimensions (kCorrupt for 0, kResourceExhausted beyond them),
  // kBufferTooSmall (a caller block below MemoryNeeded), kResourceExhausted (memory).
  Status Init(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options);

  // Reads the image's rows from `source` and writes the complete file to `sink`. Once, after a
  // successful Init (else kInvalidArgument).
  Status Encode(RowSource* source, coder::ByteSink* sink, EncodeResult* result);

  uint32_t lanes() const { return plan_.lanes; }
  // The session block's size: MemoryNeeded() of Init's arguments.
  std::size_t memory_bytes() const { return memory_bytes_; }

 private:
  Status Plan(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options);
  void LayOut(ArenaLayout* layout);
  void Reset();

  SessionBlock block_;  // first: destroyed after everything placed in it
  bool ready_ = false;
  container::RimHeader header_;
  SessionPlan plan_;
  std::size_t memory_bytes_ = 0;
  parallel::ProgressObserver* progress_ = nullptr;
  BandWorkers workers_;
  // Placed in the block: `lanes` of each lane array, `threads` visitors.
  LaneBytes* lane_sinks_ = nullptr;
  coder::RangeEncoder* encoders_ = nullptr;
  coder::RangeEncoder** encoder_pointers_ = nullptr;
  container::ByteSpan* lane_spans_ = nullptr;
  EncodingVisitor* visitors_ = nullptr;
  uint32_t placed_sinks_ = 0;
  uint32_t placed_encoders_ = 0;
  uint32_t placed_visitors_ = 0;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_
