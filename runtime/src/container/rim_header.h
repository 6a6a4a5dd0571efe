// The header of a .rim file, ride's compressed-image container (normative spec: docs/bitstream.md).
//
// Version 1 (0.1.0): a header followed by the lanes; lane k is the range-coded stream of rows k,
// k + L, k + 2L, ... (L = lane count). The header names the image (width, height; gray, 8 bits), the
// model (a 16-byte fingerprint), an XXH3-64 of the pixels and each lane's byte length.
// Version 2: a fixed header (image size, channel layout, maxval, source format, lanes, rows per
// group, model) followed by blocks (rim_blocks.h): metadata, one block per group of rows, an end
// block with the checksums. Both end with an XXH3-64 checksum of the header itself.
//
// Reading is validation, in this order, each failure with its own code and a message naming the
// field: signature (kCorrupt) → enough bytes for the header (kTruncated) → header checksum (kCorrupt)
// → version (kUnsupported when newer) → the version's fields in table order (kCorrupt for impossible
// values, kResourceExhausted beyond the limits below, kUnsupported for what this version does not
// code) → version 1: lane lengths (kCorrupt) and the layout against the file size
// (ValidateRimLayout); version 2: the blocks (rim_blocks.h). Nothing is allocated before the lane
// count has passed its limit.
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
// The version this build writes and the newest it reads; it reads every version from 1 on. Version
// 3 has version 2's bytes; what differs is the normal CDF the model's coded CDF is built on
// (engine::CdfRuleForContainer): the series of versions 1 and 2, the interpolated table of 3.
inline constexpr uint16_t kRimVersion = 3;

// Signature, version and header_size: the framing every version keeps, so that any reader can find
// and check the header of any version.
inline constexpr std::size_t kRimFramingBytes = 14;
// Offset of the lane lengths in a version-1 header.
inline constexpr std::size_t kRimFixedFieldsEnd = 50;
inline constexpr std::size_t kRimHeaderChecksumBytes = 8;
// The smallest possible header (version 1 with one lane) and the largest header_size any reader
// accepts. Version 2's header has exactly kRimV2HeaderBytes, no fewer than the minimum, so that a
// version-1 reader gets as far as the version and reports it.
inline constexpr std::size_t kRimMinHeaderBytes = kRimFixedFieldsEnd + 1 + kRimHeaderChecksumBytes;
inline constexpr std::size_t kRimMaxHeaderBytes = 65536;
inline constexpr std::size_t kRimV2HeaderBytes = 59;

// Limits, refused with kResourceExhausted.
inline constexpr uint32_t kRimMaxWidth = uint32_t{1} << 24;
inline constexpr uint32_t kRimMaxHeight = 0x7FFFFFFFu;
inline constexpr uint32_t kRimMaxLanes = 1024;
// A group's samples in stored form (rows × packed row bytes): a decoder keeps two groups.
inline constexpr uint64_t kRimMaxGroupBytes = uint64_t{1} << 28;

// Channel layouts; a layout's number is its count of channels (samples per pixel).
inline constexpr uint8_t kRimLayoutGray = 1;
inline constexpr uint8_t kRimLayoutGrayAlpha = 2;
inline constexpr uint8_t kRimLayoutRgb = 3;
inline constexpr uint8_t kRimLayoutRgba = 4;
// The formats an image came from, so that a decoder can write the same one back.
inline constexpr uint8_t kRimSourceUnspecified = 0;  // raw samples from a program
inline constexpr uint8_t kRimSourcePng = 1;
inline constexpr uint8_t kRimSourcePgm = 2;
inline constexpr uint8_t kRimSourcePpm = 3;
inline constexpr uint8_t kRimSourcePam = 4;
inline constexpr uint8_t kRimSourceJpeg = 5;  // the pixels a JPEG decoder gave
inline constexpr uint8_t kRimMaxSourceFormat = kRimSourceJpeg;
// Samples are 0..maxval; maxval above this (bit depths 9..16) is for later versions.
inline constexpr uint16_t kRimMaxMaxval = 255;

struct RimHeader {
  uint16_t version = kRimVersion;  // as read; the writer writes 1, 2 or 3
  uint32_t width = 0;
  uint32_t height = 0;
  uint8_t layout = kRimLayoutGray;  // version 1: gray only
  uint8_t source_format = kRimSourceUnspecified;  // version 2
  uint16_t maxval = 255;            // version 1: 255 only
  uint32_t lanes = 1;
  // Version 2: rows per group, a multiple of `lanes`; the last group may have fewer. Version 1:
  // the height (one group, whose lanes the header lists).
  uint32_t group_rows = 0;
  model::ModelFingerprint model_fingerprint = {};
  uint64_t pixel_checksum = 0;       // version 1 (version 2 keeps it in the end block)
  std::vector<uint64_t> lane_bytes;  // version 1: one length per lane (lanes entries)

  uint32_t lane_count() const { return lanes; }
};

// The lane that holds row `row`.
inline uint32_t RimLaneOfRow(uint32_t row, uint32_t lane_count) { return row % lane_count; }

// Names for messages and tools: "gray", "gray+alpha", "RGB", "RGBA"; "PNG", "PGM", ... ("raw"
// for kRimSourceUnspecified). "unknown" for values outside the lists.
const char* RimLayoutName(uint8_t layout);
const char* RimSourceFormatName(uint8_t source_format);
// Bits per sample: the fewest that hold maxval (1 → 1, 15 → 4, 255 → 8).
uint32_t RimBitDepth(uint32_t maxval);

// The geometry of groups (any version): how many, the rows of group `group`, the bytes of a row of
// samples packed at the bit depth (rows padded to a byte), and a group's stored form.
uint32_t RimGroupCount(const RimHeader& header);
uint32_t RimRowsInGroup(const RimHeader& header, uint32_t group);
uint64_t RimPackedRowBytes(const RimHeader& header);
uint64_t RimStoredGroupBytes(const RimHeader& header, uint32_t group);
// The largest group's stored form: what a decoder reading a stream keeps per group in flight.
uint64_t RimMaxStoredGroupBytes(const RimHeader& header);

// Checks the fields as a reader would (without the layout): the status a reader would report.
Status CheckRimHeaderFields(const RimHeader& header);

// Bytes WriteRimHeader produces for `header` (version 1: its lane count and lengths decide it).
std::size_t RimHeaderSize(const RimHeader& header);

// Writes the header of header.version (1 or 2; version 1 only for tests and tools that make files
// of 0.1.0's kind). Invalid fields give kInvalidArgument with the reader's reason.
Status WriteRimHeader(const RimHeader& header, coder::ByteSink* sink);

// From the first bytes of a file, the size of its header, checking the signature and the framing
// only (for a streaming reader: read kRimFramingBytes, then the rest of the header). kTruncated if
// `size` < kRimFramingBytes and the bytes so far match the signature.
Status ReadRimHeaderSize(const uint8_t* data, std::size_t size, std::size_t* header_bytes);

// Parses and validates a header. `data[0..size)` is the whole file or a prefix of it; a prefix
// shorter than the header gives kTruncated. On success *out holds the fields and *header_bytes the
// header's length (the first lane or block starts there). Does not look past the header: see
// ValidateRimLayout (version 1) and rim_blocks.h (version 2).
Status ParseRimHeader(const uint8_t* data, std::size_t size, RimHeader* out, std::size_t* header_bytes);

// Version 1: checks that the lanes exactly fill the rest of a file of `file_size` bytes: a lane
// that ends beyond the file gives kTruncated (naming the lane), bytes after the last lane kCorrupt.
Status ValidateRimLayout(const RimHeader& header, std::size_t header_bytes, uint64_t file_size);

// kModelMismatch, with both fingerprints in hex, unless the file was coded with `model`.
Status CheckModelFingerprint(const RimHeader& header, const model::ModelFingerprint& model);

// kCorrupt, with both values in hex, unless `decoded` equals `expected` (the file's pixel checksum).
Status CheckPixelChecksum(uint64_t expected, uint64_t decoded);
inline Status CheckPixelChecksum(const RimHeader& header, uint64_t decoded) {
  return CheckPixelChecksum(header.pixel_checksum, decoded);
}

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_RIM_HEADER_H_
