#include "runtime/src/container/rim_header.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "tests/runtime/container/rim_test_bytes.h"

namespace ride::container {
namespace {

using testing::HeaderBytes;
using testing::MakeHeader;

void ExpectSameHeader(const RimHeader& a, const RimHeader& b) {
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.width, b.width);
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.layout, b.layout);
  EXPECT_EQ(a.maxval, b.maxval);
  EXPECT_EQ(a.lanes, b.lanes);
  EXPECT_EQ(a.group_rows, b.group_rows);
  EXPECT_EQ(a.source_format, b.source_format);
  EXPECT_EQ(a.model_fingerprint, b.model_fingerprint);
  EXPECT_EQ(a.pixel_checksum, b.pixel_checksum);
  EXPECT_EQ(a.lane_bytes, b.lane_bytes);
}

TEST(RimHeaderTest, RoundTripsShapesAndLaneCounts) {
  struct Shape {
    uint32_t width, height, lanes;
  };
  const Shape shapes[] = {{1, 1, 1},       {1, 5000, 16},   {16777216, 1, 1}, {768, 512, 16},
                          {3, 1024, 1024}, {1, 0x7FFFFFFF, 1024}, {640, 7, 7}};
  for (const Shape& shape : shapes) {
    std::vector<uint64_t> lanes(shape.lanes);
    for (uint32_t k = 0; k < shape.lanes; ++k) lanes[k] = (uint64_t{k} * 2654435761u) % 300000 + (k % 3 == 0 ? 0 : 1);
    if (shape.lanes == 1024) lanes[5] = UINT64_MAX / 2;  // a ten-byte varint
    const RimHeader header = MakeHeader(shape.width, shape.height, lanes);
    const std::vector<uint8_t> bytes = HeaderBytes(header);
    ASSERT_EQ(bytes.size(), RimHeaderSize(header));
    RimHeader parsed;
    std::size_t header_bytes = 0;
    const Status status = ParseRimHeader(bytes.data(), bytes.size(), &parsed, &header_bytes);
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(header_bytes, bytes.size());
    ExpectSameHeader(parsed, header);
  }
}

TEST(RimHeaderTest, FixedFieldsSitAtTheirDocumentedOffsets) {
  const RimHeader header = MakeHeader(0x00020304, 0x0A0B0C0D, {300, 0, 5});
  const std::vector<uint8_t> bytes = HeaderBytes(header);
  const uint8_t expected_start[] = {0x89, 'R', 'I', 'M', 0x0D, 0x0A, 0x1A, 0x0A,  // signature
                                    1, 0,                                        // version
                                    62, 0, 0, 0,                                 // header_size
                                    4, 3, 2, 0,                                  // width
                                    0x0D, 0x0C, 0x0B, 0x0A,                      // height
                                    1, 8,                                        // channels, bit depth
                                    3, 0};                                       // lane count
  ASSERT_EQ(bytes.size(), 62u);  // 50 fixed + 2 + 1 + 1 varint bytes + 8 checksum
  EXPECT_EQ(std::memcmp(bytes.data(), expected_start, sizeof(expected_start)), 0);
  EXPECT_EQ(bytes[testing::kFingerprintAt], 0xA0);
  EXPECT_EQ(bytes[testing::kPixelChecksumAt], 0xEF);  // little-endian
  const uint8_t lanes[] = {0xAC, 0x02, 0x00, 0x05};
  EXPECT_EQ(std::memcmp(bytes.data() + testing::kLaneLengthsAt, lanes, sizeof(lanes)), 0);
  uint64_t stored = 0;
  for (int i = 7; i >= 0; --i) stored = (stored << 8) | bytes[54 + i];
  EXPECT_EQ(stored, Xxh3Hash64(bytes.data(), 54));
}

TEST(RimHeaderTest, ParsesFromAPrefixOfALongerFile) {
  const RimHeader header = MakeHeader(20, 10, {3, 4});
  std::vector<uint8_t> bytes = HeaderBytes(header);
  const std::size_t size = bytes.size();
  bytes.resize(size + 7, 0x55);
  RimHeader parsed;
  std::size_t header_bytes = 0;
  ASSERT_TRUE(ParseRimHeader(bytes.data(), bytes.size(), &parsed, &header_bytes).ok());
  EXPECT_EQ(header_bytes, size);
  EXPECT_TRUE(ValidateRimLayout(parsed, header_bytes, bytes.size()).ok());
}

TEST(RimHeaderTest, ReadRimHeaderSizeNeedsOnlyTheFraming) {
  const std::vector<uint8_t> bytes = HeaderBytes(MakeHeader(20, 10, {3, 4}));
  std::size_t header_bytes = 0;
  ASSERT_TRUE(ReadRimHeaderSize(bytes.data(), kRimFramingBytes, &header_bytes).ok());
  EXPECT_EQ(header_bytes, bytes.size());
}

TEST(RimHeaderTest, WriterRefusesInvalidFieldsAsInvalidArgument) {
  coder::VectorByteSink sink;
  RimHeader header = MakeHeader(0, 10, {1});
  Status status = WriteRimHeader(header, &sink);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("width"), std::string::npos) << status.message();
  header = MakeHeader(10, 3, {1, 1, 1, 1});
  status = WriteRimHeader(header, &sink);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("lane_count"), std::string::npos) << status.message();
  header = MakeHeader(10, 3, {1});
  header.version = 4;
  EXPECT_EQ(WriteRimHeader(header, &sink).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(sink.bytes().empty());
}

TEST(RimHeaderTest, FingerprintMismatchIsModelMismatchNamingBothInHex) {
  const RimHeader header = MakeHeader(4, 4, {1});
  EXPECT_TRUE(CheckModelFingerprint(header, header.model_fingerprint).ok());
  model::ModelFingerprint other = {};
  other[0] = 0xDE;
  other[15] = 0x01;
  const Status status = CheckModelFingerprint(header, other);
  EXPECT_EQ(status.code(), StatusCode::kModelMismatch);
  const std::string message = status.message();
  EXPECT_NE(message.find("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"), std::string::npos) << message;
  EXPECT_NE(message.find("de000000000000000000000000000001"), std::string::npos) << message;
}

TEST(RimHeaderTest, PixelChecksumMismatchIsCorrupt) {
  const RimHeader header = MakeHeader(4, 4, {1});
  EXPECT_TRUE(CheckPixelChecksum(header, header.pixel_checksum).ok());
  const Status status = CheckPixelChecksum(header, 42);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("0123456789abcdef"), std::string::npos) << status.message();
}

TEST(RimHeaderTest, LaneOfRowIsRowModuloLaneCount) {
  EXPECT_EQ(RimLaneOfRow(0, 16), 0u);
  EXPECT_EQ(RimLaneOfRow(17, 16), 1u);
  EXPECT_EQ(RimLaneOfRow(5, 1), 0u);
}

}  // namespace
}  // namespace ride::container
