// The codec: an 8-bit grayscale image <-> a .rim file, through a frozen model (DESIGN §3-§5).
//
// Encoding streams the image in bands of rows (memory O(width × band), whatever the height), codes
// row r into lane r mod L and then writes the container: header, lane lengths, lanes. Decoding checks
// the container and the model fingerprint before any pixel is produced, runs the same wavefront in
// bands of at most L rows, hands rows out as they complete, and verifies the pixel checksum at the
// end; a caller that writes rows to a file must discard it unless DecodeImage returns OK.
//
// EncodeImage and DecodeImage do everything in one call; ImageEncoder and ImageDecoder
// (image_encoder.h, image_decoder.h) split setting up a session from running it.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_CODEC_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_CODEC_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/model/model_fingerprint.h"
#include "runtime/src/parallel/progress_observer.h"
#include "runtime/src/parallel/thread_limit.h"

namespace ride::codec {

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Stores the next row's `width` pixels.
  virtual Status ReadRow(uint8_t* row) = 0;
};

class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual Status WriteRow(const uint8_t* row) = 0;
};

// A model ready to code with: its engine form and the fingerprint stored in files.
struct CodecModel {
  const engine::EngineModel* model = nullptr;
  model::ModelFingerprint fingerprint = {};
};

// Lanes when the caller does not choose: enough rows per band for efficient batched layers, few
// enough that per-lane overhead (a length and a coder flush, a few bytes each) stays negligible.
inline constexpr uint32_t kDefaultLanes = 16;

// Threads share one wavefront: each runs its own bands of lanes / threads rows (at least 1), so
// the lane count bounds the useful thread count. Threads change speed only, never the bytes.
struct EncodeOptions {
  uint32_t lanes = kDefaultLanes;  // clamped to [1, min(height, 1024)]
  uint32_t threads = 1;            // 1..parallel::kMaxThreads
  parallel::ProgressObserver* progress = nullptr;  // called from any thread, one call at a time
  // The session's block (what it holds: image_encoder.h): at least EncoderMemoryNeeded bytes,
  // 64-byte aligned, alive and untouched while the encoder is; null: the encoder allocates it.
  void* memory = nullptr;
  std::size_t memory_bytes = 0;
};

struct EncodeResult {
  uint64_t file_bytes = 0;
  double model_bits = 0;  // Σ −log2 of the coded probabilities: what the coder should reach
  uint32_t lanes = 0;
};

// The bytes of an encoding session's block for these arguments (ImageEncoder::MemoryNeeded), known
// before an encoder exists; errors as EncodeImage's, and nothing is allocated.
Status EncoderMemoryNeeded(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options,
                           std::size_t* bytes);

// Reads `height` rows of `width` pixels from `source` and writes a complete .rim file to `sink`.
Status EncodeImage(const CodecModel& model, uint32_t width, uint32_t height, RowSource* source,
                   const EncodeOptions& options, coder::ByteSink* sink, EncodeResult* result);

struct DecodeOptions {
  uint32_t threads = 1;  // 1..parallel::kMaxThreads
  parallel::ProgressObserver* progress = nullptr;  // called from any thread, one call at a time
  // The session's block (what it holds: image_decoder.h), as for encoding (DecoderMemoryNeeded).
  void* memory = nullptr;
  std::size_t memory_bytes = 0;
};

// The bytes of a decoding session's block for files with `header` (ImageDecoder::MemoryNeeded).
Status DecoderMemoryNeeded(const CodecModel& model, const container::RimHeader& header,
                           const DecodeOptions& options, std::size_t* bytes);

// Decodes the complete file data[0..size) into `sink`, a row at a time, top to bottom.
Status DecodeImage(const CodecModel& model, const uint8_t* data, std::size_t size, RowSink* sink,
                   const DecodeOptions& options);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_CODEC_H_
