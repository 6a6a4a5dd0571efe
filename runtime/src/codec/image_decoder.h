// ImageDecoder: a .rim file back to the image in two steps, so that a caller can check the file's
// header and choose the model first and have everything set up (and able to fail) before any pixel
// is produced: Init takes the parsed header and allocates the engine session and the band buffers;
// Decode checks the whole file, runs the lanes and hands rows out as they complete, then verifies
// every lane's end and the pixel checksum. DecodeImage (image_codec.h) does both in one call.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/codec/band_workers.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/container/rim_header.h"

namespace ride::codec {

class ImageDecoder {
 public:
  ImageDecoder() = default;
  ImageDecoder(const ImageDecoder&) = delete;
  ImageDecoder& operator=(const ImageDecoder&) = delete;

  // For files with `header` (as ParseRimHeader gave it). `model` must outlive the decoder. Errors:
  // kInvalidArgument (no model, bad options), kModelMismatch (the header names another model, with
  // both fingerprints), kResourceExhausted (memory).
  Status Init(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options);

  // Decodes the complete file data[0..size), which must carry the header Init was given (else
  // kInvalidArgument), into `sink`, a row at a time, top to bottom. Once, after a successful Init.
  Status Decode(const uint8_t* data, std::size_t size, RowSink* sink);

 private:
  bool ready_ = false;
  CodecModel model_;
  container::RimHeader header_;
  uint32_t threads_ = 1;
  uint32_t band_rows_ = 1;
  parallel::ProgressObserver* progress_ = nullptr;
  BandWorkers workers_;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_DECODER_H_
