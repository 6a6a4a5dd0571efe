// The codec: an image <-> a .rim file, through a frozen model (DESIGN §3-§5).
//
// Encoding streams the image in bands of rows (memory O(width × band), whatever the height) and
// writes the container as it goes (container version 2): the header, metadata before the image,
// then each group of rows as soon as it is coded — with the model, in lanes (row r of a group in
// lane r mod L), or stored, whichever is smaller — then metadata after the image and the end block
// with the checksums. Decoding checks the container and the model fingerprint before any pixel is
// produced, reads the groups as the wavefront reaches them (from memory or a stream), runs the same
// wavefront in bands of at most L rows, hands rows out as they complete, and verifies the checksums
// at the end; a caller that writes rows to a file must discard it unless decoding returns OK.
// Version-1 files decode through the same path, as one group.
//
// Rows hold samples 0..maxval, one byte each (gray: one sample per pixel); the model codes them as
// 8-bit values (sample_codes.h).
//
// EncodeImage and DecodeImage do everything in one call; ImageEncoder and ImageDecoder
// (image_encoder.h, image_decoder.h) split setting up a session from running it.
#ifndef RIDE_RUNTIME_SRC_CODEC_IMAGE_CODEC_H_
#define RIDE_RUNTIME_SRC_CODEC_IMAGE_CODEC_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/adaptive/cost_mixer.h"
#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_file.h"
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

// Rows per group when the caller does not choose: the fewest (a multiple of the lanes) whose samples
// reach this many bytes, so that a group's overhead (its block's head, the lane lengths, a coder
// flush per lane: about 5 bytes a lane) stays below 0.1% of what it codes, while an encoder or a
// stream decoder holds two groups at most.
inline constexpr uint64_t kDefaultGroupBytes = uint64_t{256} << 10;

// Metadata after the image, asked for once every row has been read (a PNG's chunks after IDAT are
// known only then).
class TrailingMetadata {
 public:
  virtual ~TrailingMetadata() = default;
  // Blocks to store after the image: *blocks[0..*count), valid until encoding returns; their
  // after_image flag is ignored.
  virtual Status Blocks(const container::RimMetadataView** blocks, std::size_t* count) = 0;
};

// Each pixel's cost as the encoder codes it, a row at a time.
class CostSink {
 public:
  virtual ~CostSink() = default;
  // The cost in bits of each of the `width` pixels of row `row`; rows come in order, each once.
  virtual Status RowCosts(uint32_t row, const float* bits, uint32_t width) = 0;
  // Whether the sink also wants, after each row's costs, the adaptive component the mixer trusted
  // most at each pixel (RowTrust).
  virtual bool WantsTrust() const { return false; }
  // 0 .. adaptive::kComponents − 1 per pixel: the component with the largest share of the mixer's
  // weight, summed over the pixel's samples (0, learned, for a version-1 file's model alone), or
  // adaptive::kTrustTie where several share the largest (as all do where they have cost the same so far).
  virtual Status RowTrust(uint32_t /*row*/, const uint8_t* /*component*/, uint32_t /*width*/) { return Status(); }
};

// Threads share one wavefront: each runs its own bands of lanes / threads rows (at least 1), so
// the lane count bounds the useful thread count. Threads change speed only, never the bytes.
struct EncodeOptions {
  uint32_t lanes = kDefaultLanes;  // clamped to [1, min(height, 1024)]
  uint32_t threads = 1;            // 1..parallel::kMaxThreads
  // Rows per group: 0 for kDefaultGroupBytes' rule; else rounded up to a multiple of the lanes.
  // Never more than the height (rounded up likewise).
  uint32_t group_rows = 0;
  // What the image is: its channel layout (gray only, until colour models come), samples 0..maxval
  // (1..255), the format it came from (container::kRimSource*).
  uint32_t layout = container::kRimLayoutGray;
  uint32_t maxval = 255;
  uint32_t source_format = container::kRimSourceUnspecified;
  // Metadata to store verbatim, in order: metadata[0..metadata_count), each before or after the
  // image as its after_image says (alive until encoding returns), then trailing_metadata's blocks.
  const container::RimMetadataView* metadata = nullptr;
  std::size_t metadata_count = 0;
  TrailingMetadata* trailing_metadata = nullptr;
  parallel::ProgressObserver* progress = nullptr;  // called from any thread, one call at a time
  CostSink* costs = nullptr;  // optional: every pixel's cost, a row at a time, in order
  // The session's block (what it holds: image_encoder.h): at least EncoderMemoryNeeded bytes,
  // 64-byte aligned, alive and untouched while the encoder is; null: the encoder allocates it.
  void* memory = nullptr;
  std::size_t memory_bytes = 0;
};

struct EncodeResult {
  uint64_t file_bytes = 0;
  double model_bits = 0;  // Σ −log2 of the coded probabilities: what the coder should reach
  uint32_t lanes = 0;
  uint32_t group_rows = 0;
  uint32_t groups = 0;
  uint32_t stored_groups = 0;  // groups the model would have made larger
  // What each adaptive component would have cost alone, in bits (adaptive_pixel.h: learned,
  // matches, relative, orders 4, 6 and 11), and the mixer's mean weight of each (0..1).
  double component_bits[adaptive::kComponents] = {};
  double component_weight[adaptive::kComponents] = {};
  std::size_t memory_bytes = 0;  // the session's block
};

// The bytes of an encoding session's block for these arguments (ImageEncoder::MemoryNeeded), known
// before an encoder exists; errors as EncodeImage's, and nothing is allocated.
Status EncoderMemoryNeeded(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options,
                           std::size_t* bytes);

// Reads `height` rows of `width` samples from `source` and writes a complete .rim file to `sink`.
Status EncodeImage(const CodecModel& model, uint32_t width, uint32_t height, RowSource* source,
                   const EncodeOptions& options, coder::ByteSink* sink, EncodeResult* result);

struct DecodeOptions {
  uint32_t threads = 1;  // 1..parallel::kMaxThreads
  parallel::ProgressObserver* progress = nullptr;  // called from any thread, one call at a time
  // The session's block (what it holds: image_decoder.h), as for encoding (DecoderMemoryNeeded).
  void* memory = nullptr;
  std::size_t memory_bytes = 0;
  // Room the group source needs for each of the two groups in flight (GroupSource::buffer_bytes():
  // 0 for a file in memory), kept in the block.
  std::size_t group_buffer_bytes = 0;
};

// The bytes of a decoding session's block for files with `header` (ImageDecoder::MemoryNeeded).
Status DecoderMemoryNeeded(const CodecModel& model, const container::RimHeader& header,
                           const DecodeOptions& options, std::size_t* bytes);

// Decodes the complete file data[0..size) into `sink`, a row at a time, top to bottom.
Status DecodeImage(const CodecModel& model, const uint8_t* data, std::size_t size, RowSink* sink,
                   const DecodeOptions& options);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_IMAGE_CODEC_H_
