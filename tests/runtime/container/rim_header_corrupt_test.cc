// One hand-made corrupt header per failure kind, each with its own status code and a message naming
// the field. Edits are resealed (header checksum recomputed) so that each case reaches its own check.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "runtime/src/container/rim_header.h"
#include "tests/runtime/container/rim_test_bytes.h"

namespace ride::container {
namespace {

using namespace ::ride::container::testing;

struct CorruptCase {
  const char* name;
  std::function<void(std::vector<uint8_t>*)> edit;
  StatusCode code;
  const char* message_part;
};

std::vector<uint8_t> ValidHeader() { return HeaderBytes(MakeHeader(64, 48, {100, 200, 300, 400})); }

// Replaces the lane-length varints of ValidHeader() (4 lanes, two bytes each) with `varints`,
// fixing header_size and the checksum.
void SetLaneVarints(std::vector<uint8_t>* bytes, const std::vector<uint8_t>& varints) {
  std::vector<uint8_t> rebuilt(bytes->begin(), bytes->begin() + kLaneLengthsAt);
  rebuilt.insert(rebuilt.end(), varints.begin(), varints.end());
  rebuilt.resize(rebuilt.size() + kRimHeaderChecksumBytes);
  Put32(&rebuilt, kHeaderSizeAt, static_cast<uint32_t>(rebuilt.size()));
  Reseal(&rebuilt);
  *bytes = rebuilt;
}

Status Parse(const std::vector<uint8_t>& bytes) {
  RimHeader header;
  std::size_t header_bytes = 0;
  return ParseRimHeader(bytes.data(), bytes.size(), &header, &header_bytes);
}

TEST(RimHeaderCorruptTest, EachFailureKindHasItsCodeAndNamesTheField) {
  const std::vector<CorruptCase> cases = {
      {"bad magic", [](auto* b) { (*b)[1] = 'X'; }, StatusCode::kCorrupt, "signature"},
      {"line endings converted", [](auto* b) { b->insert(b->begin() + 4, 0x0D); }, StatusCode::kCorrupt, "text"},
      {"high bit stripped", [](auto* b) { (*b)[0] = 0x09; }, StatusCode::kCorrupt, "7-bit"},
      {"header checksum mismatch", [](auto* b) { (*b)[kWidthAt] ^= 1; }, StatusCode::kCorrupt, "header checksum"},
      {"stored checksum altered", [](auto* b) { b->back() ^= 0x80; }, StatusCode::kCorrupt, "header checksum"},
      {"newer version", [](auto* b) { Put16(b, kVersionAt, 4); Reseal(b); }, StatusCode::kUnsupported,
       "version 4 is newer than this reader's 3"},
      {"version zero", [](auto* b) { Put16(b, kVersionAt, 0); Reseal(b); }, StatusCode::kCorrupt, "version 0"},
      {"header_size too small", [](auto* b) { Put32(b, kHeaderSizeAt, 20); }, StatusCode::kCorrupt, "header_size"},
      {"header_size too large", [](auto* b) { Put32(b, kHeaderSizeAt, 1u << 20); }, StatusCode::kCorrupt,
       "header_size"},
      {"zero width", [](auto* b) { Put32(b, kWidthAt, 0); Reseal(b); }, StatusCode::kCorrupt, "width is 0"},
      {"zero height", [](auto* b) { Put32(b, kHeightAt, 0); Reseal(b); }, StatusCode::kCorrupt, "height is 0"},
      {"width too large", [](auto* b) { Put32(b, kWidthAt, (1u << 24) + 1); Reseal(b); },
       StatusCode::kResourceExhausted, "width 16777217 exceeds the limit 16777216"},
      {"height too large", [](auto* b) { Put32(b, kHeightAt, 0x80000000u); Reseal(b); },
       StatusCode::kResourceExhausted, "height 2147483648 exceeds the limit 2147483647"},
      {"channels not 1", [](auto* b) { (*b)[kChannelsAt] = 3; Reseal(b); }, StatusCode::kUnsupported, "channels 3"},
      {"bit depth not 8", [](auto* b) { (*b)[kBitDepthAt] = 16; Reseal(b); }, StatusCode::kUnsupported,
       "bit_depth 16"},
      {"zero lanes", [](auto* b) { Put16(b, kLaneCountAt, 0); Reseal(b); }, StatusCode::kCorrupt, "lane_count is 0"},
      {"more lanes than rows", [](auto* b) { Put16(b, kLaneCountAt, 49); Reseal(b); }, StatusCode::kCorrupt,
       "lane_count 49 exceeds height 48"},
      {"more lanes than the limit",
       [](auto* b) { Put32(b, kHeightAt, 5000); Put16(b, kLaneCountAt, 1025); Reseal(b); },
       StatusCode::kResourceExhausted, "lane_count 1025 exceeds the limit 1024"},
      {"fewer lane lengths than lanes", [](auto* b) { Put16(b, kLaneCountAt, 9); Reseal(b); }, StatusCode::kCorrupt,
       "lane 4 length runs past header_size"},
      {"more lane lengths than lanes", [](auto* b) { Put16(b, kLaneCountAt, 3); Reseal(b); }, StatusCode::kCorrupt,
       "header_size"},
      {"varint overflow",
       [](auto* b) {
         std::vector<uint8_t> v = {0x01, 0x01, 0x01};
         for (int i = 0; i < 9; ++i) v.push_back(0xFF);
         v.push_back(0x02);
         SetLaneVarints(b, v);
       },
       StatusCode::kCorrupt, "lane 3 length varint overflows 64 bits"},
      {"varint longer than ten bytes",
       [](auto* b) {
         std::vector<uint8_t> v = {0x01};
         for (int i = 0; i < 10; ++i) v.push_back(0x80);
         v.insert(v.end(), {0x01, 0x01, 0x01});
         SetLaneVarints(b, v);
       },
       StatusCode::kCorrupt, "lane 1 length varint overflows 64 bits"},
      {"varint not minimal", [](auto* b) { SetLaneVarints(b, {0x01, 0x81, 0x00, 0x01, 0x01}); }, StatusCode::kCorrupt,
       "lane 1 length varint is not minimal"},
      {"lane lengths sum beyond 64 bits",
       [](auto* b) {
         std::vector<uint8_t> v;
         for (int lane = 0; lane < 4; ++lane) {
           for (int i = 0; i < 9; ++i) v.push_back(0xFF);
           v.push_back(0x01);
         }
         SetLaneVarints(b, v);
       },
       StatusCode::kCorrupt, "overflow 64 bits at lane 1"},
  };
  for (const CorruptCase& test_case : cases) {
    std::vector<uint8_t> bytes = ValidHeader();
    ASSERT_TRUE(Parse(bytes).ok());
    test_case.edit(&bytes);
    const Status status = Parse(bytes);
    EXPECT_EQ(status.code(), test_case.code)
        << test_case.name << ": got " << StatusCodeName(status.code()) << ": " << status.message();
    EXPECT_NE(std::string(status.message()).find(test_case.message_part), std::string::npos)
        << test_case.name << ": " << status.message();
  }
}

TEST(RimHeaderCorruptTest, TruncationAtEveryOffsetOfAValidHeaderIsTruncated) {
  for (const auto& lanes : {std::vector<uint64_t>{0}, std::vector<uint64_t>{100, 200, 300, 400},
                            std::vector<uint64_t>{UINT64_MAX / 4, 1}}) {
    const std::vector<uint8_t> bytes = HeaderBytes(MakeHeader(64, 48, lanes));
    ASSERT_FALSE(bytes.empty());
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      RimHeader header;
      std::size_t header_bytes = 0;
      const Status status = ParseRimHeader(bytes.data(), size, &header, &header_bytes);
      EXPECT_EQ(status.code(), StatusCode::kTruncated) << "prefix of " << size << " bytes: " << status.message();
    }
  }
}

TEST(RimHeaderCorruptTest, LaneBeyondTheFileIsTruncatedNamingTheLane) {
  const std::vector<uint8_t> bytes = ValidHeader();
  RimHeader header;
  std::size_t header_bytes = 0;
  ASSERT_TRUE(ParseRimHeader(bytes.data(), bytes.size(), &header, &header_bytes).ok());
  const uint64_t complete = header_bytes + 1000;
  EXPECT_TRUE(ValidateRimLayout(header, header_bytes, complete).ok());
  Status status = ValidateRimLayout(header, header_bytes, complete - 1);
  EXPECT_EQ(status.code(), StatusCode::kTruncated);
  EXPECT_NE(std::string(status.message()).find("lane 3"), std::string::npos) << status.message();
  status = ValidateRimLayout(header, header_bytes, header_bytes + 150);
  EXPECT_EQ(status.code(), StatusCode::kTruncated);
  EXPECT_NE(std::string(status.message()).find("lane 1"), std::string::npos) << status.message();
  status = ValidateRimLayout(header, header_bytes, header_bytes - 1);
  EXPECT_EQ(status.code(), StatusCode::kTruncated);
}

TEST(RimHeaderCorruptTest, HugeLaneLengthIsTruncatedNotAllocated) {
  const std::vector<uint8_t> bytes = HeaderBytes(MakeHeader(64, 48, {UINT64_MAX / 2, 1}));
  RimHeader header;
  std::size_t header_bytes = 0;
  ASSERT_TRUE(ParseRimHeader(bytes.data(), bytes.size(), &header, &header_bytes).ok());
  const Status status = ValidateRimLayout(header, header_bytes, bytes.size() + 10);
  EXPECT_EQ(status.code(), StatusCode::kTruncated);
  EXPECT_NE(std::string(status.message()).find("lane 0"), std::string::npos) << status.message();
}

TEST(RimHeaderCorruptTest, BytesAfterTheLastLaneAreCorrupt) {
  const std::vector<uint8_t> bytes = ValidHeader();
  RimHeader header;
  std::size_t header_bytes = 0;
  ASSERT_TRUE(ParseRimHeader(bytes.data(), bytes.size(), &header, &header_bytes).ok());
  const Status status = ValidateRimLayout(header, header_bytes, header_bytes + 1003);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("3 bytes after the last lane"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace ride::container
