// Container version 2: the header's documented bytes, and one hand-made corrupt file per check of
// the header's new fields and of the blocks, each with its own status and a message naming what is
// wrong, the same from a file in memory (RimReader) and from a stream (RimStreamReader).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_blocks.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/container/rim_writer.h"
#include "tests/runtime/container/rim_test_bytes.h"

namespace ride::container {
namespace {

using namespace ::ride::container::testing;

TEST(RimV2HeaderTest, FieldsSitAtTheirDocumentedOffsetsAndRoundTrip) {
  RimHeader header = MakeV2Header(0x00020304, 0x0A0B0C0D, 16, 352, 15);
  header.version = 2;
  const std::vector<uint8_t> bytes = HeaderBytes(header);
  const uint8_t expected[] = {0x89, 'R', 'I', 'M', 0x0D, 0x0A, 0x1A, 0x0A,  // signature
                              2, 0,                                        // version
                              59, 0, 0, 0,                                 // header_size
                              4, 3, 2, 0,                                  // width
                              0x0D, 0x0C, 0x0B, 0x0A,                      // height
                              1, 1,                                        // layout gray, source PNG
                              15, 0,                                       // maxval
                              16, 0,                                       // lane_count
                              0x60, 1, 0, 0};                              // group_rows 352
  ASSERT_EQ(bytes.size(), kRimV2HeaderBytes);
  EXPECT_EQ(std::memcmp(bytes.data(), expected, sizeof expected), 0);
  EXPECT_EQ(bytes[kV2FingerprintAt], 0xA0);
  EXPECT_EQ(bytes[kV2ReservedAt] | bytes[kV2ReservedAt + 1] | bytes[kV2ReservedAt + 2], 0);
  uint64_t stored = 0;
  for (int i = 7; i >= 0; --i) stored = (stored << 8) | bytes[51 + i];
  EXPECT_EQ(stored, Xxh3Hash64(bytes.data(), 51));

  RimHeader parsed;
  std::size_t header_bytes = 0;
  ASSERT_TRUE(ParseRimHeader(bytes.data(), bytes.size(), &parsed, &header_bytes).ok());
  EXPECT_EQ(header_bytes, 59u);
  EXPECT_EQ(parsed.version, 2);
  EXPECT_EQ(parsed.width, header.width);
  EXPECT_EQ(parsed.height, header.height);
  EXPECT_EQ(parsed.layout, kRimLayoutGray);
  EXPECT_EQ(parsed.source_format, kRimSourcePng);
  EXPECT_EQ(parsed.maxval, 15);
  EXPECT_EQ(parsed.lanes, 16u);
  EXPECT_EQ(parsed.group_rows, 352u);
  EXPECT_EQ(parsed.model_fingerprint, header.model_fingerprint);

  // Version 3 has the same bytes but for the version (and so the checksum).
  header.version = 3;
  const std::vector<uint8_t> v3 = HeaderBytes(header);
  ASSERT_EQ(v3.size(), kRimV2HeaderBytes);
  EXPECT_EQ(v3[8], 3);
  EXPECT_TRUE(std::equal(v3.begin() + 10, v3.begin() + 51, bytes.begin() + 10));
  ASSERT_TRUE(ParseRimHeader(v3.data(), v3.size(), &parsed, &header_bytes).ok());
  EXPECT_EQ(parsed.version, 3);
  EXPECT_EQ(parsed.group_rows, header.group_rows);
}

TEST(RimV2HeaderTest, GroupGeometryFollowsTheDepth) {
  const RimHeader header = MakeV2Header(10, 25, 4, 8, 15);  // 4 bits: 5 bytes a row
  EXPECT_EQ(RimBitDepth(1), 1u);
  EXPECT_EQ(RimBitDepth(15), 4u);
  EXPECT_EQ(RimBitDepth(100), 7u);
  EXPECT_EQ(RimBitDepth(255), 8u);
  EXPECT_EQ(RimGroupCount(header), 4u);
  EXPECT_EQ(RimRowsInGroup(header, 0), 8u);
  EXPECT_EQ(RimRowsInGroup(header, 3), 1u);
  EXPECT_EQ(RimPackedRowBytes(header), 5u);
  EXPECT_EQ(RimStoredGroupBytes(header, 3), 5u);
  EXPECT_EQ(RimMaxStoredGroupBytes(header), 40u);
}

struct HeaderCase {
  const char* name;
  std::function<void(std::vector<uint8_t>*)> edit;
  StatusCode code;
  const char* message_part;
};

TEST(RimV2HeaderTest, EachNewFieldHasItsCheckAndItsStatus) {
  const std::vector<HeaderCase> cases = {
      {"newer version", [](auto* b) { Put16(b, kVersionAt, 4); Reseal(b); }, StatusCode::kUnsupported,
       "version 4 is newer than this reader's 3"},
      {"version 2 header of another size",
       [](auto* b) { b->insert(b->begin() + 51, 0); Put32(b, kHeaderSizeAt, 60); Reseal(b); }, StatusCode::kCorrupt,
       "version 3 headers have 59 bytes"},
      {"layout 0", [](auto* b) { (*b)[kV2LayoutAt] = 0; Reseal(b); }, StatusCode::kCorrupt, "layout 0 does not exist"},
      {"layout 5", [](auto* b) { (*b)[kV2LayoutAt] = 5; Reseal(b); }, StatusCode::kCorrupt, "layout 5 does not exist"},
      {"source format", [](auto* b) { (*b)[kV2SourceFormatAt] = 6; Reseal(b); }, StatusCode::kCorrupt,
       "source_format 6 does not exist"},
      {"depth 0", [](auto* b) { Put16(b, kV2MaxvalAt, 0); Reseal(b); }, StatusCode::kCorrupt, "bit depth 0"},
      {"depth 9", [](auto* b) { Put16(b, kV2MaxvalAt, 256); Reseal(b); }, StatusCode::kUnsupported,
       "maxval 256 (bit depth 9)"},
      {"depth 16", [](auto* b) { Put16(b, kV2MaxvalAt, 65535); Reseal(b); }, StatusCode::kUnsupported,
       "bit depth 16"},
      {"zero lanes", [](auto* b) { Put16(b, kV2LaneCountAt, 0); Reseal(b); }, StatusCode::kCorrupt, "lane_count is 0"},
      {"more lanes than rows", [](auto* b) { Put16(b, kV2LaneCountAt, 49); Reseal(b); }, StatusCode::kCorrupt,
       "lane_count 49 exceeds height 48"},
      {"zero group rows", [](auto* b) { Put32(b, kV2GroupRowsAt, 0); Reseal(b); }, StatusCode::kCorrupt,
       "group_rows is 0"},
      {"group rows not a multiple of the lanes", [](auto* b) { Put32(b, kV2GroupRowsAt, 10); Reseal(b); },
       StatusCode::kCorrupt, "group_rows 10 is not a multiple of lane_count 4"},
      {"a group beyond the limit",
       [](auto* b) { Put32(b, kWidthAt, 1u << 24); Put32(b, kHeightAt, 1u << 20); Put32(b, kV2GroupRowsAt, 32); Reseal(b); },
       StatusCode::kResourceExhausted, "beyond the limit 268435456"},
      {"reserved byte", [](auto* b) { (*b)[kV2ReservedAt + 1] = 1; Reseal(b); }, StatusCode::kCorrupt,
       "reserved byte 49"},
  };
  for (const HeaderCase& test_case : cases) {
    std::vector<uint8_t> bytes = HeaderBytes(MakeV2Header(64, 48, 4, 8));
    RimHeader header;
    std::size_t header_bytes = 0;
    ASSERT_TRUE(ParseRimHeader(bytes.data(), bytes.size(), &header, &header_bytes).ok());
    test_case.edit(&bytes);
    const Status status = ParseRimHeader(bytes.data(), bytes.size(), &header, &header_bytes);
    EXPECT_EQ(status.code(), test_case.code)
        << test_case.name << ": got " << StatusCodeName(status.code()) << ": " << status.message();
    EXPECT_NE(std::string(status.message()).find(test_case.message_part), std::string::npos)
        << test_case.name << ": " << status.message();
  }
}

TEST(RimV2HeaderTest, EveryLayoutParses) {
  for (uint8_t layout = kRimLayoutGray; layout <= kRimLayoutRgba; ++layout) {
    std::vector<uint8_t> bytes = HeaderBytes(MakeV2Header(64, 48, 4, 8));
    bytes[kV2LayoutAt] = layout;
    Reseal(&bytes);
    RimHeader header;
    std::size_t header_bytes = 0;
    const Status status = ParseRimHeader(bytes.data(), bytes.size(), &header, &header_bytes);
    EXPECT_TRUE(status.ok()) << RimLayoutName(layout) << ": " << status.message();
    EXPECT_EQ(header.layout, layout);
  }
}

// 8 × 10 samples of 8 bits in groups of 4 rows: groups of 32, 32 and 16 bytes stored.
RimHeader BlocksHeader() { return MakeV2Header(8, 10, 2, 4); }

std::vector<uint8_t> Samples(std::size_t count) { return std::vector<uint8_t>(count, 0x42); }

// Metadata, three stored groups, metadata, end: a valid file that the cases below break.
V2FileBuilder ValidFile() {
  V2FileBuilder file(BlocksHeader());
  file.Metadata("tEXt", "Comment");
  file.Group(0, Samples(32));
  file.Group(0, Samples(32));
  file.Group(0, Samples(16));
  file.Metadata("tIME", "1234567");
  file.End();
  return file;
}

// Reads a file from memory as RimReader does.
Status OpenInMemory(const std::vector<uint8_t>& bytes) {
  RimReader reader;
  return reader.Open(bytes.data(), bytes.size());
}

Status ReadAsAStream(const std::vector<uint8_t>& bytes) { return ReadRimAsAStream(bytes.data(), bytes.size()); }

struct BlocksCase {
  const char* name;
  std::function<std::vector<uint8_t>()> file;
  StatusCode code;
  const char* message_part;
};

TEST(RimV2BlocksTest, AValidFileOpensBothWays) {
  const V2FileBuilder file = ValidFile();
  EXPECT_TRUE(OpenInMemory(file.bytes).ok());
  EXPECT_TRUE(ReadAsAStream(file.bytes).ok());
  RimReader reader;
  ASSERT_TRUE(reader.Open(file.bytes.data(), file.bytes.size()).ok());
  ASSERT_EQ(reader.metadata().size(), 2u);
  EXPECT_FALSE(reader.metadata()[0].after_image);
  EXPECT_TRUE(reader.metadata()[1].after_image);
  EXPECT_EQ(reader.groups_with_method(0), 3u);
  EXPECT_EQ(reader.end().pixel_checksum, 0x0123456789ABCDEFull);
  EXPECT_TRUE(CheckRimBlocksChecksum(reader.end(), reader.ComputeBlocksChecksum()).ok());
  RimReader::GroupCursor groups = reader.groups();
  for (uint32_t g = 0; g < 3; ++g) {
    const RimGroupView group = groups.Next();
    EXPECT_EQ(group.method, 0);
    EXPECT_EQ(group.payload.size, g < 2 ? 32u : 16u);
  }
}

TEST(RimV2BlocksTest, EachBlockCheckHasItsStatusAndNamesTheBlock) {
  const std::vector<BlocksCase> cases = {
      {"kind 0",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Block(0, {});
         return f.bytes;
       },
       StatusCode::kCorrupt, "kind 0 does not exist"},
      {"a kind no reader knows",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Block(4, {1, 2, 3});
         return f.bytes;
       },
       StatusCode::kCorrupt, "kind 4 does not exist"},
      {"a size varint not minimal",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.bytes.insert(f.bytes.end(), {1, 0x85, 0x00});
         return f.bytes;
       },
       StatusCode::kCorrupt, "not minimal"},
      {"a size varint beyond 64 bits",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.bytes.push_back(1);
         for (int i = 0; i < 10; ++i) f.bytes.push_back(0xFF);
         return f.bytes;
       },
       StatusCode::kCorrupt, "overflows 64 bits"},
      {"a metadata block longer than the file",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Head(1, 1000);
         f.bytes.insert(f.bytes.end(), {'t', 'E', 'X', 't', 'x'});
         return f.bytes;
       },
       StatusCode::kTruncated, "block at offset 59: 1000 bytes of payload run beyond"},
      {"a metadata block without its tag",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Block(1, {'t', 'E', 'X'});
         return f.bytes;
       },
       StatusCode::kCorrupt, "too few for its 4-byte tag"},
      {"metadata between groups",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Group(0, Samples(32));
         f.Metadata("tEXt", "x");
         return f.bytes;
       },
       StatusCode::kCorrupt, "stands between groups 0 and 1"},
      {"too much metadata",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Head(1, kRimMaxMetadataBytes + 1);
         return f.bytes;
       },
       StatusCode::kResourceExhausted, "beyond the limit"},
      {"too many metadata blocks",
       [] {
         V2FileBuilder f(BlocksHeader());
         for (uint32_t i = 0; i <= kRimMaxMetadataBlocks; ++i) f.Metadata("tEXt", "");
         return f.bytes;
       },
       StatusCode::kResourceExhausted, "more than 4096 metadata blocks"},
      {"a group without a method",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Block(2, {});
         return f.bytes;
       },
       StatusCode::kCorrupt, "group 0 at offset 59: no method byte"},
      {"a group larger than its stored form",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Group(0, Samples(32));
         f.Group(1, Samples(33));
         return f.bytes;
       },
       StatusCode::kCorrupt, "group 1 at offset 94: 33 bytes of payload, more than its stored form (32 bytes)"},
      {"more groups than the image has",
       [] {
         V2FileBuilder f(BlocksHeader());
         for (int g = 0; g < 3; ++g) f.Group(0, Samples(g < 2 ? 32 : 16));
         f.Group(0, Samples(16));
         return f.bytes;
       },
       StatusCode::kCorrupt, "the image has 3 groups, all seen"},
      {"the end before the last group",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Group(0, Samples(32));
         f.Group(0, Samples(32));
         f.End();
         return f.bytes;
       },
       StatusCode::kCorrupt, "after 2 of 3 groups"},
      {"an end block of 15 bytes",
       [] {
         V2FileBuilder f(BlocksHeader());
         for (int g = 0; g < 3; ++g) f.Group(0, Samples(g < 2 ? 32 : 16));
         f.Block(3, std::vector<uint8_t>(15));
         return f.bytes;
       },
       StatusCode::kCorrupt, "15 bytes of payload (must be 16)"},
      {"bytes after the end block",
       [] {
         V2FileBuilder f = ValidFile();
         f.bytes.push_back(0);
         return f.bytes;
       },
       StatusCode::kCorrupt, "after the end block"},
      {"a block after the end block",
       [] {
         V2FileBuilder f = ValidFile();
         f.Metadata("tEXt", "late");
         return f.bytes;
       },
       StatusCode::kCorrupt, "after the end block"},
      {"the file ends between groups",
       [] {
         V2FileBuilder f(BlocksHeader());
         f.Group(0, Samples(32));
         f.Group(0, Samples(32));
         return f.bytes;
       },
       StatusCode::kTruncated, "after 2 of 3 groups"},
      {"the file ends without its end block",
       [] {
         V2FileBuilder f(BlocksHeader());
         for (int g = 0; g < 3; ++g) f.Group(0, Samples(g < 2 ? 32 : 16));
         return f.bytes;
       },
       StatusCode::kTruncated, "without its end block"},
      {"the file ends inside a group",
       [] {
         V2FileBuilder f = ValidFile();
         f.bytes.resize(80);
         return f.bytes;
       },
       StatusCode::kTruncated, ""},
  };
  for (const BlocksCase& test_case : cases) {
    const std::vector<uint8_t> bytes = test_case.file();
    for (const bool stream : {false, true}) {
      const Status status = stream ? ReadAsAStream(bytes) : OpenInMemory(bytes);
      EXPECT_EQ(status.code(), test_case.code) << test_case.name << (stream ? " (stream)" : "") << ": got "
                                               << StatusCodeName(status.code()) << ": " << status.message();
      EXPECT_NE(std::string(status.message()).find(test_case.message_part), std::string::npos)
          << test_case.name << (stream ? " (stream)" : "") << ": " << status.message();
    }
  }
}

TEST(RimV2BlocksTest, EveryPrefixOfAValidFileIsTruncated) {
  const std::vector<uint8_t> bytes = ValidFile().bytes;
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + size);
    EXPECT_EQ(OpenInMemory(prefix).code(), StatusCode::kTruncated) << size;
    if (size >= kRimV2HeaderBytes) {
      EXPECT_EQ(ReadAsAStream(prefix).code(), StatusCode::kTruncated) << size;
    }
  }
}

TEST(RimV2BlocksTest, DamagedMetadataOrSamplesFailTheBlocksChecksum) {
  for (std::size_t at : {std::size_t{66}, std::size_t{90}, std::size_t{150}}) {
    std::vector<uint8_t> bytes = ValidFile().bytes;
    bytes[at] ^= 1;
    RimReader reader;
    ASSERT_TRUE(reader.Open(bytes.data(), bytes.size()).ok()) << at;
    const Status status = CheckRimBlocksChecksum(reader.end(), reader.ComputeBlocksChecksum());
    EXPECT_EQ(status.code(), StatusCode::kCorrupt) << at;
    EXPECT_NE(std::string(status.message()).find("blocks checksum mismatch"), std::string::npos);
    EXPECT_EQ(ReadAsAStream(bytes).code(), StatusCode::kCorrupt) << at;
  }
}

TEST(RimV2WriterTest, WritesWhatTheReadersAcceptAndRefusesWhatTheyWouldNot) {
  coder::VectorByteSink sink;
  RimWriter writer;
  ASSERT_TRUE(writer.Start(BlocksHeader(), &sink).ok());
  const RimTag text = {'t', 'E', 'X', 't'};
  ASSERT_TRUE(writer.Metadata(text, reinterpret_cast<const uint8_t*>("Comment"), 7).ok());
  for (int g = 0; g < 3; ++g) {
    const std::vector<uint8_t> samples = Samples(g < 2 ? 32 : 16);
    ASSERT_TRUE(writer.BeginGroup(0, samples.size()).ok());
    // A group's payload in two parts, and no more than announced.
    ASSERT_TRUE(writer.Append(samples.data(), 10).ok());
    if (g == 0) {
      EXPECT_EQ(writer.Metadata(text, nullptr, 0).code(), StatusCode::kInvalidArgument);  // 22 bytes owed
      EXPECT_EQ(writer.Append(samples.data(), samples.size()).code(), StatusCode::kInvalidArgument);
    }
    ASSERT_TRUE(writer.Append(samples.data() + 10, samples.size() - 10).ok());
  }
  EXPECT_EQ(writer.BeginGroup(0, 16).code(), StatusCode::kInvalidArgument);  // a fourth group
  const RimTag time = {'t', 'I', 'M', 'E'};
  ASSERT_TRUE(writer.Metadata(time, reinterpret_cast<const uint8_t*>("1234567"), 7).ok());
  ASSERT_TRUE(writer.Finish(0x0123456789ABCDEFull).ok());
  EXPECT_EQ(writer.bytes_written(), sink.bytes().size());
  EXPECT_EQ(sink.bytes(), ValidFile().bytes);

  RimWriter early;
  coder::VectorByteSink other;
  ASSERT_TRUE(early.Start(BlocksHeader(), &other).ok());
  const Status status = early.Finish(0);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("after 0 of 3 groups"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace ride::container

namespace ride::container {
namespace {

TEST(RimV2WriterTest, TheSpecsExampleHasTheDocumentedBytes) {
  using namespace ::ride::container::testing;
  RimHeader header = MakeV2Header(4, 2, 1, 2, 1);
  coder::VectorByteSink sink;
  RimWriter writer;
  ASSERT_TRUE(writer.Start(header, &sink).ok());
  const RimTag text = {'t', 'E', 'X', 't'};
  const uint8_t comment[] = {'a', 0, 'b'};
  ASSERT_TRUE(writer.Metadata(text, comment, 3).ok());
  const uint8_t rows[] = {0xB0, 0x40};
  ASSERT_TRUE(writer.BeginGroup(0, 2).ok());
  ASSERT_TRUE(writer.Append(rows, 2).ok());
  const uint8_t coded[] = {0xFF, 0, 0xFF, 0xFF, 0, 0xFF, 0, 0};
  ASSERT_TRUE(writer.Finish(Xxh3Hash64(coded, sizeof coded)).ok());
  const std::vector<uint8_t>& bytes = sink.bytes();
  ASSERT_EQ(bytes.size(), 59u + 9 + 5 + 18);
  const uint8_t blocks[] = {0x01, 0x07, 't', 'E', 'X', 't', 'a', 0x00, 'b', 0x02, 0x03, 0x00, 0xB0, 0x40, 0x03, 0x10};
  EXPECT_EQ(std::memcmp(bytes.data() + 59, blocks, sizeof blocks), 0);
  const RimEnd end = DecodeRimEnd(bytes.data() + 59 + sizeof blocks);
  EXPECT_EQ(end.pixel_checksum, Xxh3Hash64(coded, sizeof coded));
  EXPECT_EQ(end.blocks_checksum, Xxh3Hash64(bytes.data() + 59, 14));
  EXPECT_TRUE(ReadAsAStream(bytes).ok());
}

}  // namespace
}  // namespace ride::container
