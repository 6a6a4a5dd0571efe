#include "runtime/src/container/rim_file.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/runtime/container/rim_test_bytes.h"

namespace ride::container {
namespace {

std::vector<std::vector<uint8_t>> RandomLanes(uint32_t count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::vector<uint8_t>> lanes(count);
  for (auto& lane : lanes) {
    lane.resize(rng() % 300);  // includes empty lanes
    for (auto& b : lane) b = static_cast<uint8_t>(rng());
  }
  return lanes;
}

TEST(RimFileTest, WriterAndReaderRoundTripLanes) {
  for (uint32_t lane_count : {1u, 2u, 16u, 1024u}) {
    const auto lanes = RandomLanes(lane_count, lane_count);
    const RimHeader fields = testing::MakeHeader(33, 2000, {});
    coder::VectorByteSink sink;
    ASSERT_TRUE(WriteRimFile(fields, lanes, &sink).ok());
    RimReader reader;
    const Status status = reader.Open(sink.bytes().data(), sink.bytes().size());
    ASSERT_TRUE(status.ok()) << status.message();
    ASSERT_EQ(reader.header().lane_count(), lane_count);
    EXPECT_EQ(reader.header().width, 33u);
    EXPECT_EQ(reader.header().model_fingerprint, fields.model_fingerprint);
    EXPECT_EQ(reader.lane_offset(0), reader.header_bytes());
    for (uint32_t k = 0; k < lane_count; ++k) {
      const ByteSpan span = reader.lane(k);
      ASSERT_EQ(span.size, lanes[k].size());
      EXPECT_EQ(std::vector<uint8_t>(span.data, span.data + span.size), lanes[k]) << "lane " << k;
    }
  }
}

TEST(RimFileTest, ReaderRefusesTrailingBytesAndMissingBytes) {
  const auto lanes = RandomLanes(4, 9);
  coder::VectorByteSink sink;
  ASSERT_TRUE(WriteRimFile(testing::MakeHeader(8, 8, {}), lanes, &sink).ok());
  std::vector<uint8_t> longer = sink.bytes();
  longer.push_back(0);
  RimReader reader;
  EXPECT_EQ(reader.Open(longer.data(), longer.size()).code(), StatusCode::kCorrupt);
  EXPECT_EQ(reader.Open(sink.bytes().data(), sink.bytes().size() - 1).code(), StatusCode::kTruncated);
}

TEST(RimFileTest, WriterRefusesMoreLanesThanRows) {
  const auto lanes = RandomLanes(5, 1);
  coder::VectorByteSink sink;
  const Status status = WriteRimFile(testing::MakeHeader(8, 4, {}), lanes, &sink);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("lane_count 5 exceeds height 4"), std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace ride::container
