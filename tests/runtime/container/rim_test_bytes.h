// Test helpers: valid .rim headers as bytes, and editing them while keeping the header checksum
// valid, so that each corrupt-file test reaches the check it is about; reading a version-2 file's
// blocks as a stream decoder does.
#ifndef RIDE_TESTS_RUNTIME_CONTAINER_RIM_TEST_BYTES_H_
#define RIDE_TESTS_RUNTIME_CONTAINER_RIM_TEST_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_blocks.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/container/rim_stream_reader.h"

namespace ride::container::testing {

// A version-1 header (the lanes' lengths in the header).
inline RimHeader MakeHeader(uint32_t width, uint32_t height, std::vector<uint64_t> lane_bytes) {
  RimHeader header;
  header.version = 1;
  header.width = width;
  header.height = height;
  for (std::size_t i = 0; i < model::kModelFingerprintBytes; ++i) header.model_fingerprint[i] = static_cast<uint8_t>(0xA0 + i);
  header.pixel_checksum = 0x0123456789ABCDEFull;
  header.lanes = static_cast<uint32_t>(lane_bytes.size());
  header.group_rows = height;
  header.lane_bytes = std::move(lane_bytes);
  return header;
}

inline std::vector<uint8_t> HeaderBytes(const RimHeader& header) {
  coder::VectorByteSink sink;
  const Status status = WriteRimHeader(header, &sink);
  if (!status.ok()) return {};
  return sink.bytes();
}

inline void Put16(std::vector<uint8_t>* bytes, std::size_t offset, uint16_t v) {
  for (int i = 0; i < 2; ++i) (*bytes)[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}
inline void Put32(std::vector<uint8_t>* bytes, std::size_t offset, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*bytes)[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}

// Recomputes the header checksum of bytes[0..header_size) after an edit, using the header_size field.
inline void Reseal(std::vector<uint8_t>* bytes) {
  const std::size_t size = static_cast<std::size_t>((*bytes)[10]) | (static_cast<std::size_t>((*bytes)[11]) << 8) |
                           (static_cast<std::size_t>((*bytes)[12]) << 16) | (static_cast<std::size_t>((*bytes)[13]) << 24);
  const std::size_t checked = size - kRimHeaderChecksumBytes;
  const uint64_t hash = Xxh3Hash64(bytes->data(), checked);
  for (int i = 0; i < 8; ++i) (*bytes)[checked + i] = static_cast<uint8_t>(hash >> (8 * i));
}

// A version-2 header: samples 0..maxval, `lanes` lanes, groups of `group_rows` rows.
inline RimHeader MakeV2Header(uint32_t width, uint32_t height, uint32_t lanes, uint32_t group_rows,
                              uint16_t maxval = 255) {
  RimHeader header;
  header.width = width;
  header.height = height;
  header.lanes = lanes;
  header.group_rows = group_rows;
  header.maxval = maxval;
  header.source_format = kRimSourcePng;
  for (std::size_t i = 0; i < model::kModelFingerprintBytes; ++i) header.model_fingerprint[i] = static_cast<uint8_t>(0xA0 + i);
  return header;
}

// A version-2 file put together block by block, any way a test wants, valid or not.
class V2FileBuilder {
 public:
  explicit V2FileBuilder(const RimHeader& header) : bytes(HeaderBytes(header)), header_bytes_(bytes.size()) {}
  void Block(uint8_t kind, const std::vector<uint8_t>& payload) {
    Head(kind, payload.size());
    bytes.insert(bytes.end(), payload.begin(), payload.end());
  }
  void Head(uint8_t kind, uint64_t size) {
    uint8_t head[11];
    bytes.insert(bytes.end(), head, head + EncodeRimBlockHead(static_cast<RimBlockKind>(kind), size, head));
  }
  void Metadata(const char* tag, const std::string& data) {
    std::vector<uint8_t> payload(tag, tag + 4);
    payload.insert(payload.end(), data.begin(), data.end());
    Block(1, payload);
  }
  // A group of `method` with `payload` after the method byte.
  void Group(uint8_t method, const std::vector<uint8_t>& payload) {
    std::vector<uint8_t> block = {method};
    block.insert(block.end(), payload.begin(), payload.end());
    Block(2, block);
  }
  // The end block, its blocks checksum over everything so far.
  void End(uint64_t pixel_checksum = 0x0123456789ABCDEFull) {
    RimEnd end;
    end.pixel_checksum = pixel_checksum;
    end.blocks_checksum = Xxh3Hash64(bytes.data() + header_bytes_, bytes.size() - header_bytes_);
    std::vector<uint8_t> payload(kRimEndPayloadBytes);
    EncodeRimEnd(end, payload.data());
    Block(3, payload);
  }
  std::vector<uint8_t> bytes;

 private:
  std::size_t header_bytes_;
};

// Reads a version-2 file front to back as a stream decoder does (RimStreamReader), every payload
// into a buffer of its checked size, up to the end block and its checks. A payload longer than
// what is left of the input can only end in truncation; the fuzzers, whose headers may allow groups
// of 256 MiB, say so without allocating it (`allocate_beyond_input` false).
inline Status ReadRimAsAStream(const uint8_t* data, std::size_t size, bool allocate_beyond_input = true) {
  RimHeader header;
  std::size_t header_bytes = 0;
  RIDE_RETURN_IF_ERROR(ParseRimHeader(data, size, &header, &header_bytes));
  coder::SpanByteSource source(data + header_bytes, size - header_bytes);
  RimStreamReader reader(header, header_bytes, &source);
  for (;;) {
    RimBlockHead head;
    RIDE_RETURN_IF_ERROR(reader.Peek(&head));
    if (head.kind == RimBlockKind::kEnd) {
      RimEnd end;
      return reader.ReadEnd(&end);
    }
    if (!allocate_beyond_input && head.size > size - reader.bytes_read()) {
      return Status::Error(StatusCode::kTruncated, "payload beyond the input");
    }
    std::vector<uint8_t> payload(static_cast<std::size_t>(head.size));
    RIDE_RETURN_IF_ERROR(reader.Read(payload.data()));
  }
}

// Field offsets of the version-2 header, as docs/bitstream.md gives them.
inline constexpr std::size_t kV2LayoutAt = 22, kV2SourceFormatAt = 23, kV2MaxvalAt = 24, kV2LaneCountAt = 26,
                             kV2GroupRowsAt = 28, kV2FingerprintAt = 32, kV2ReservedAt = 48;

// Field offsets of the version-1 header, as docs/bitstream.md gives them.
inline constexpr std::size_t kVersionAt = 8, kHeaderSizeAt = 10, kWidthAt = 14, kHeightAt = 18, kChannelsAt = 22,
                             kBitDepthAt = 23, kLaneCountAt = 24, kFingerprintAt = 26, kPixelChecksumAt = 42,
                             kLaneLengthsAt = 50;

}  // namespace ride::container::testing

#endif  // RIDE_TESTS_RUNTIME_CONTAINER_RIM_TEST_BYTES_H_
