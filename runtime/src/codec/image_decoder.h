// ImageDecoder: a .rim file back to the image in two steps, so that a caller can check the file's
// header and choose the model first and have everything set up (and able to fail) before any pixel
// is produced: Init takes the parsed header and lays the session out in one block; Decode checks
// the whole file, runs the lanes and hands rows out as they complete, then verifies every lane's end
// and the pixel checksum. DecodeImage (image_codec.h) does both in one call.
//
// Memory: MemoryNeeded() reports the block before a decoder exists, and Init uses the caller's block
// (DecodeOptions::memory) or allocates one of that size. The block holds the engine session
// (WavefrontSession::MemoryNeeded), every worker's band buffer, one range decoder per lane with its
// byte source, the lane table and every worker's visitor. On top of it: the file itself, which the
// caller holds (all of it, in container version 1), a copy of the header's lane lengths (8 bytes a
// lane) while Decode checks the file, the worker threads of each Decode, and the ImageDecoder.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/arena_layout.h"
#include "runtime/src/base/status.h"
#include "runtime/src/codec/band_workers.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/lane_visitors.h"
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

  // Decodes the complete file data[0..size), which must carry the header Init was given (else
  // kInvalidArgument), into `sink`, a row at a time, top to bottom. Once, after a successful Init.
  Status Decode(const uint8_t* data, std::size_t size, RowSink* sink);

  // The session block's size: MemoryNeeded() of Init's arguments.
  std::size_t memory_bytes() const { return memory_bytes_; }

 private:
  Status Plan(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options);
  void LayOut(ArenaLayout* layout);
  void Reset();

  SessionBlock block_;  // first: destroyed after everything placed in it
  bool ready_ = false;
  container::RimHeader header_;
  SessionPlan plan_;
  std::size_t memory_bytes_ = 0;
  parallel::ProgressObserver* progress_ = nullptr;
  BandWorkers workers_;
  // Placed in the block: `lanes` of each lane array (the coders during Decode), `threads` visitors.
  coder::SpanByteSource* sources_ = nullptr;
  coder::RangeDecoder* decoders_ = nullptr;
  coder::RangeDecoder** decoder_pointers_ = nullptr;
  DecodingVisitor* visitors_ = nullptr;
  uint32_t placed_sources_ = 0;
  uint32_t placed_decoders_ = 0;
  uint32_t placed_visitors_ = 0;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_
