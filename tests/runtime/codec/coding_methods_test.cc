// The pieces of container version 2 that are the codec's: the registry of coding methods and how
// each splits a group's payload, stored rows packed at their bit depth, and the map between
// samples of any maxval and the 8-bit values the model codes.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "runtime/src/codec/coding_methods.h"
#include "runtime/src/codec/sample_codes.h"
#include "runtime/src/codec/stored_rows.h"
#include "tests/runtime/container/rim_test_bytes.h"

namespace ride::codec {
namespace {

TEST(CodingMethodsTest, TheRegistryNamesEveryMethodByItsNumber) {
  ASSERT_EQ(CodingMethodCount(), 3u);
  for (std::size_t i = 0; i < CodingMethodCount(); ++i) EXPECT_EQ(GetCodingMethod(i).number, i);
  EXPECT_STREQ(FindCodingMethod(kMethodStored)->name, "stored");
  EXPECT_STREQ(FindCodingMethod(kMethodModel)->name, "model");
  EXPECT_STREQ(FindCodingMethod(kMethodAdaptive)->name, "adaptive");
  EXPECT_EQ(FindCodingMethod(3), nullptr);
  EXPECT_EQ(FindCodingMethod(255), nullptr);
}

// 8 × 10 samples, 2 lanes, groups of 4 rows: 32 bytes stored for groups 0 and 1.
const container::RimHeader kHeader = container::testing::MakeV2Header(8, 10, 2, 4);

Status Split(uint8_t method, const std::vector<uint8_t>& payload, container::ByteSpan* lanes,
             container::ByteSpan* stored) {
  adaptive::LevelSet levels;
  return SplitGroupPayload(kHeader, 1, method, container::ByteSpan{payload.data(), payload.size()}, lanes, stored,
                           &levels);
}

TEST(CodingMethodsTest, AnAdaptiveGroupIsItsLevelSetThenItsLanes) {
  container::ByteSpan lanes[2], stored;
  adaptive::LevelSet levels;
  // Runs: 10 absent, 5 present, the rest absent; then two lanes of 1 and 2 bytes.
  const std::vector<uint8_t> good = {2, 10, 5, 0xF1, 0x01, 1, 2, 0xAA, 0xBB, 0xCC};  // 241 as LEB128
  ASSERT_TRUE(SplitGroupPayload(kHeader, 1, kMethodAdaptive, container::ByteSpan{good.data(), good.size()}, lanes,
                                &stored, &levels).ok());
  EXPECT_EQ(levels.count, 5u);
  EXPECT_EQ(levels.level[0], 10);
  EXPECT_EQ(lanes[0].size, 1u);
  EXPECT_EQ(lanes[1].size, 2u);
  EXPECT_EQ(lanes[1].data[0], 0xBB);
  // A damaged set is refused naming the group, before the lanes are read.
  const std::vector<uint8_t> bad = {4, 1, 2, 0xAA, 0xBB, 0xCC};
  const Status status = SplitGroupPayload(kHeader, 1, kMethodAdaptive, container::ByteSpan{bad.data(), bad.size()},
                                          lanes, &stored, &levels);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("group 1: level set: form 4 is not known"), std::string::npos)
      << status.message();
}

TEST(CodingMethodsTest, AColourAdaptiveGroupHasALevelSetPerSampleAndNoModelGroups) {
  container::RimHeader rgb = kHeader;
  rgb.layout = container::kRimLayoutRgb;
  container::ByteSpan lanes[2], stored;
  adaptive::LevelSet levels[3];
  // Three sets (all values; 10 absent then 5 present; all values), then lanes of 1 and 2 bytes.
  const std::vector<uint8_t> good = {0, 2, 10, 5, 0xF1, 0x01, 0, 1, 2, 0xAA, 0xBB, 0xCC};
  ASSERT_TRUE(SplitGroupPayload(rgb, 1, kMethodAdaptive, container::ByteSpan{good.data(), good.size()}, lanes, &stored,
                                levels).ok());
  EXPECT_EQ(levels[0].count, 256u);
  EXPECT_EQ(levels[1].count, 5u);
  EXPECT_EQ(levels[2].count, 256u);
  EXPECT_EQ(lanes[1].size, 2u);
  // A damaged second set names its sample.
  const std::vector<uint8_t> bad = {0, 4, 0, 1, 2, 0xAA, 0xBB, 0xCC};
  Status status = SplitGroupPayload(rgb, 1, kMethodAdaptive, container::ByteSpan{bad.data(), bad.size()}, lanes,
                                    &stored, levels);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("group 1, sample 1:"), std::string::npos) << status.message();
  // The model method codes gray only.
  const std::vector<uint8_t> model = {1, 2, 0xAA, 0xBB, 0xCC};
  status = SplitGroupPayload(rgb, 1, kMethodModel, container::ByteSpan{model.data(), model.size()}, lanes, &stored,
                             levels);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("coding method 1 (model) in a RGB file"), std::string::npos)
      << status.message();
}

TEST(CodingMethodsTest, AMethodNoReaderKnowsIsUnsupportedByName) {
  container::ByteSpan lanes[2], stored;
  const Status status = Split(7, {1, 2, 3}, lanes, &stored);
  EXPECT_EQ(status.code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(status.message()).find("group 1: coding method 7 is not known to this reader (it knows 0 stored, 1 model, 2 adaptive)"),
            std::string::npos)
      << status.message();
}

TEST(CodingMethodsTest, StoredHoldsExactlyTheGroupsSamples) {
  container::ByteSpan lanes[2], stored;
  const std::vector<uint8_t> samples(32, 9);
  ASSERT_TRUE(Split(kMethodStored, samples, lanes, &stored).ok());
  EXPECT_EQ(stored.data, samples.data());
  EXPECT_EQ(stored.size, 32u);
  const Status status = Split(kMethodStored, std::vector<uint8_t>(31), lanes, &stored);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("31 bytes of samples where its rows hold 32"), std::string::npos);
}

TEST(CodingMethodsTest, ModelLanesMustTileThePayload) {
  container::ByteSpan lanes[2], stored;
  const std::vector<uint8_t> good = {2, 3, 'a', 'b', 'c', 'd', 'e'};
  ASSERT_TRUE(Split(kMethodModel, good, lanes, &stored).ok());
  EXPECT_EQ(lanes[0].data, good.data() + 2);
  EXPECT_EQ(lanes[0].size, 2u);
  EXPECT_EQ(lanes[1].data, good.data() + 4);
  EXPECT_EQ(lanes[1].size, 3u);
  EXPECT_TRUE(Split(kMethodModel, {0, 0}, lanes, &stored).ok());  // two empty lanes
  struct Case {
    std::vector<uint8_t> payload;
    const char* message;
  };
  for (const Case& c : {Case{{}, "lane 0 length runs past the block"}, Case{{2}, "lane 0 (2 bytes) runs past"},
                        Case{{0}, "lane 1 length runs past the block"}, Case{{0x81, 0x00, 0}, "not minimal"},
                        Case{{1, 1, 'a', 'b', 'c'}, "1 bytes after the last lane"},
                        Case{{1, 3, 'a', 'b'}, "lane 1 (3 bytes) runs past"}}) {
    const Status status = Split(kMethodModel, c.payload, lanes, &stored);
    EXPECT_EQ(status.code(), StatusCode::kCorrupt) << c.message;
    EXPECT_NE(std::string(status.message()).find(c.message), std::string::npos) << status.message();
  }
  const uint64_t lengths[] = {300, 0};
  EXPECT_EQ(ModelPayloadBytes(lengths, 2), 2u + 1u + 300u);
}

TEST(StoredRowsTest, EveryDepthRoundTripsAndPacksMostSignificantBitFirst) {
  for (uint32_t depth = 1; depth <= 8; ++depth) {
    for (std::size_t count : {1u, 2u, 7u, 8u, 9u, 17u}) {
      std::vector<uint8_t> samples(count);
      for (std::size_t i = 0; i < count; ++i) samples[i] = static_cast<uint8_t>((i * 37 + depth) % (1u << depth));
      std::vector<uint8_t> packed(PackedRowBytes(count, depth), 0xEE);
      PackRow(samples.data(), count, depth, packed.data());
      std::vector<uint8_t> back(count);
      const Status status = UnpackRow(packed.data(), count, depth, (1u << depth) - 1, back.data());
      ASSERT_TRUE(status.ok()) << depth << " " << count << ": " << status.message();
      EXPECT_EQ(back, samples) << depth << " " << count;
    }
  }
  const uint8_t bits[] = {1, 0, 1, 1, 0, 0, 0, 1, 1};
  uint8_t packed[2];
  PackRow(bits, 9, 1, packed);
  EXPECT_EQ(packed[0], 0xB1);
  EXPECT_EQ(packed[1], 0x80);
}

TEST(StoredRowsTest, SamplesAboveMaxvalAndPaddingBitsAreCorrupt) {
  const uint8_t above[] = {0x7F, 0x65};  // 7 bits: 63, 89 > 80
  uint8_t samples[2];
  Status status = UnpackRow(above, 2, 7, 80, samples);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("stored sample 89 at column 1 exceeds maxval 80"), std::string::npos)
      << status.message();
  const uint8_t padded[] = {0xB1, 0x81};  // nine 1-bit samples, then a set padding bit
  uint8_t bits[9];
  status = UnpackRow(padded, 9, 1, 1, bits);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("padding bits"), std::string::npos) << status.message();
  const uint8_t eight_bit[] = {254, 255};
  EXPECT_EQ(UnpackRow(eight_bit, 2, 8, 254, samples).code(), StatusCode::kCorrupt);
}

TEST(SampleCodesTest, EveryMaxvalMapsInjectivelyAndBackExactly) {
  for (uint32_t maxval = 1; maxval <= 255; ++maxval) {
    const SampleCodes codes(maxval);
    std::set<uint8_t> seen;
    for (uint32_t s = 0; s <= maxval; ++s) {
      const uint8_t code = codes.Code(static_cast<uint8_t>(s));
      // round(s · 255 / maxval), halves up, in exact arithmetic.
      EXPECT_EQ(code, (510 * s + maxval) / (2 * maxval)) << maxval << " " << s;
      EXPECT_TRUE(codes.IsCode(code));
      EXPECT_EQ(codes.Sample(code), s) << maxval << " " << s;
      seen.insert(code);
    }
    EXPECT_EQ(seen.size(), maxval + 1) << maxval;
    EXPECT_EQ(codes.Code(0), 0);
    EXPECT_EQ(codes.Code(static_cast<uint8_t>(maxval)), 255);
    int valid = 0;
    for (uint32_t v = 0; v < 256; ++v) valid += codes.IsCode(static_cast<uint8_t>(v)) ? 1 : 0;
    EXPECT_EQ(valid, static_cast<int>(maxval + 1));
  }
  // PNG's depths: the codes are libpng's bit replication (4-bit 0xA -> 0xAA).
  for (uint32_t depth : {1u, 2u, 4u}) {
    const uint32_t maxval = (1u << depth) - 1;
    const SampleCodes codes(maxval);
    for (uint32_t s = 0; s <= maxval; ++s) EXPECT_EQ(codes.Code(static_cast<uint8_t>(s)), s * (255 / maxval));
  }
  std::vector<uint8_t> row = {0, 1, 2, 3};
  const SampleCodes two_bits(3);
  two_bits.CodeRow(row.data(), row.size());
  EXPECT_EQ(row, (std::vector<uint8_t>{0, 85, 170, 255}));
  EXPECT_TRUE(two_bits.SampleRow(row.data(), row.size()));
  EXPECT_EQ(row, (std::vector<uint8_t>{0, 1, 2, 3}));
  row = {85, 86};
  EXPECT_FALSE(two_bits.SampleRow(row.data(), row.size()));
}

}  // namespace
}  // namespace ride::codec
