// The header of a .rim file, ride's compressed-image container (normative spec: docs/bitstream.md).
//
// A .rim file is a header followed by the lanes: lane k is the range-coded stream of rows k, k + L,
// k + 2L, ... (L = lane count), so a decoder can run up to L rows of the wavefront at once. The
// header names the image (width, height, channels, bit depth), the model that coded it (a 16-byte
// fingerprint), an XXH3-64 checksum of the decoded pixels, each lane's byte length, and ends with an
// XXH3-64 checksum of the header itself.
//
// Reading is validation, in this order, each failure with its own code and a message naming the
// field: signature (kCorrupt) → enough bytes for the header (kTruncated) → header checksum (kCorrupt)
// → version (kUnsupported when newer) → dimensions and counts (kCorrupt for impossible values,
// kResourceExhausted beyond the limits below, kUnsupported for channels/depth this version does not
// code) → lane lengths (kCorrupt) → layout against the file size (ValidateRimLayout).
// Nothing is allocated before the lane count has passed its limit.
#ifndef RIDE_RUNTIME_SRC_CONTAINER_RIM_HEADER_H_
#define RIDE_RUNTIME_SRC_CONTAINER_RIM_HEADER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/model/model_fingerprint.h"

namespace ride::container {


// 0x89 'R' 'I' 'M' CR LF 0x1A LF: the high byte catches 7-bit transfers, CR LF and LF catch line-ending
// conversion in either direction, 0x1A stops a text dump.
inline constexpr std::array<uint8_t, 8> kRimSignature = {0x89, 'R', 'I', 'M', 0x0D, 0x0A, 0x1A, 0x0A};
// The version this build writes and the newest it reads.
inline constexpr uint16_t kRimVersion = 1;

// Signature, version and header_size: the framing every version keeps, so that any reader can find
// and check the header of any version.
inline constexpr std::size_t kRimFramingBytes = 14;
// Offset of the lane lengths in a version-1 header.
inline constexpr std::size_t kRimFixedFieldsEnd = 50;
inline constexpr std::size_t kRimHeaderChecksumBytes = 8;
// The smallest possible header (one lane) and the largest header_size any reader accepts.
inline constexpr std::size_t kRimMinHeaderBytes = kRimFixedFieldsEnd + 1 + kRimHeaderChecksumBytes;
inline constexpr std::size_t kRimMaxHeaderBytes = 65536;

// Limits, refused with kResourceExhausted.
inline constexpr uint32_t kRimMaxWidth = uint32_t{1} << 24;
inline constexpr uint32_t kRimMaxHeight = 0x7FFFFFFFu;
inline constexpr uint32_t kRimMaxLanes = 1024;

struct RimHeader {
  uint16_t version = kRimVersion;  // as read; the writer accepts only kRimVersion
  uint32_t width = 0;
  uint32_t height = 0;
  uint8_t channels = 1;
  uint8_t bit_depth = 8;
  model::ModelFingerprint model_fingerprint = {};
  uint64_t pixel_checksum = 0;   // XXH3-64 of the decoded pixels (PixelChecksum)
  std::vector<uint64_t> lane_bytes;  // one length per lane; the lane count is its size

  uint32_t lane_count() const { return static_cast<uint32_t>(lane_bytes.size()); }
};

// The lane that holds row `row`.
inline uint32_t RimLaneOfRow(uint32_t row, uint32_t lane_count) { return row % lane_count; }

// Checks the fields as a reader would (without the layout): the status a reader would report.
Status CheckRimHeaderFields(const RimHeader& header);

// Bytes WriteRimHeader produces for `header` (its lane count and lengths decide it).
std::size_t RimHeaderSize(const RimHeader& header);

// Writes the header (not the lanes). Invalid fields give kInvalidArgument with the reader's reason.
Status WriteRimHeader(const RimHeader& header, coder::ByteSink* sink);

// From the first bytes of a file, the size of its header, checking the signature and the framing
// only (for a streaming reader: read kRimFramingBytes, then the rest of the header). kTruncated if
// `size` < kRimFramingBytes and the bytes so far match the signature.
Status ReadRimHeaderSize(const uint8_t* data, std::size_t size, std::size_t* header_bytes);

// Parses and validates a header. `data[0..size)` is the whole file or a prefix of it; a prefix
// shorter than the header gives kTruncated. On success *out holds the fields and *header_bytes the
// header's length (the first lane starts there). Does not look at the lanes: see ValidateRimLayout.
Status ParseRimHeader(const uint8_t* data, std::size_t size, RimHeader* out, std::size_t* header_bytes);

// Checks that the lanes exactly fill the rest of a file of `file_size` bytes: a lane that ends
// beyond the file gives kTruncated (naming the lane), bytes after the last lane kCorrupt.
Status ValidateRimLayout(const RimHeader& header, std::size_t header_bytes, uint64_t file_size);

// kModelMismatch, with both fingerprints in hex, unless the file was coded with `model`.
Status CheckModelFingerprint(const RimHeader& header, const model::ModelFingerprint& model);

// kCorrupt, with both values in hex, unless `decoded` equals the header's pixel checksum.
Status CheckPixelChecksum(const RimHeader& header, uint64_t decoded);

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_RIM_HEADER_H_
