// ImageEncoder: an image to a .rim file in two steps, so that everything a session needs is set up
// (and can fail) before the first pixel is asked for: Init plans the lanes and allocates the engine
// session, the band buffers and the lane coders; Encode streams the rows through them and writes
// the file. EncodeImage (image_codec.h) does both in one call.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/codec/band_workers.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/lane_visitors.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_encoder.h"
#include "runtime/src/container/rim_header.h"

namespace ride::codec {

class ImageEncoder {
 public:
  ImageEncoder() = default;
  ImageEncoder(const ImageEncoder&) = delete;
  ImageEncoder& operator=(const ImageEncoder&) = delete;

  // For one width × height image. `model` must outlive the encoder. Errors: kInvalidArgument (no
  // model, bad options), the container's limits on the dimensions (kCorrupt for 0, kResourceExhausted
  // beyond them), kResourceExhausted when memory cannot be allocated.
  Status Init(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options);

  // Reads the image's rows from `source` and writes the complete file to `sink`. Once, after a
  // successful Init (else kInvalidArgument).
  Status Encode(RowSource* source, coder::ByteSink* sink, EncodeResult* result);

  uint32_t lanes() const { return header_.lane_count(); }

 private:
  bool ready_ = false;
  container::RimHeader header_;
  uint32_t threads_ = 1;
  uint32_t band_rows_ = 1;
  parallel::ProgressObserver* progress_ = nullptr;
  BandWorkers workers_;
  std::vector<coder::VectorByteSink> lane_sinks_;
  std::vector<std::unique_ptr<coder::RangeEncoder>> encoders_;
  std::vector<coder::RangeEncoder*> encoder_pointers_;
  std::vector<std::unique_ptr<EncodingVisitor>> visitors_;
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_ENCODER_H_
