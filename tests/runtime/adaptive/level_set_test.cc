// The level set of a group: bins half way between present values, the shortest written form, and
// a reader that refuses every malformed form by name.
#include "runtime/src/adaptive/level_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ride::adaptive {
namespace {

LevelSet SetOf(const std::vector<uint32_t>& values) {
  bool present[kValues] = {};
  for (uint32_t v : values) present[v] = true;
  LevelSet set;
  BuildLevelSet(present, &set);
  return set;
}

LevelSet RoundTrip(const LevelSet& set, std::size_t* length) {
  uint8_t bytes[kMaxLevelSetBytes];
  *length = WriteLevelSet(set, bytes);
  LevelSet read;
  std::size_t consumed = 0;
  EXPECT_TRUE(ReadLevelSet(bytes, *length, &read, &consumed).ok());
  EXPECT_EQ(consumed, *length);
  return read;
}

TEST(LevelSetTest, BinsEndHalfWayToTheNextPresentValue) {
  const LevelSet set = SetOf({10, 13, 14, 200});
  ASSERT_EQ(set.count, 4u);
  EXPECT_EQ(set.edge[0], 0);
  EXPECT_EQ(set.edge[1], 12);  // 11 goes to 10's bin, 12 to 13's
  EXPECT_EQ(set.edge[2], 14);
  EXPECT_EQ(set.edge[3], 15 + (200 - 14 - 1) / 2);
  EXPECT_EQ(set.edge[4], 256);
  for (uint32_t i = 0; i < set.count; ++i) EXPECT_EQ(set.bin_of[set.level[i]], i);
  EXPECT_EQ(set.bin_of[0], 0);
  EXPECT_EQ(set.bin_of[255], 3);
}

TEST(LevelSetTest, EachSetIsWrittenInItsShortestFormAndReadBack) {
  std::vector<uint32_t> all, alternate, range;
  for (uint32_t v = 0; v < kValues; ++v) {
    all.push_back(v);
    if (v % 2 == 1) alternate.push_back(v);
    if (v >= 12 && v < 244) range.push_back(v);
  }
  struct Case {
    std::vector<uint32_t> values;
    std::size_t length;
  };
  // Runs of 128 or more take two bytes.
  const Case cases[] = {{all, 1}, {alternate, 33}, {range, 5}, {{0}, 5}, {{255}, 4}, {{0, 255}, 6}};
  for (const Case& c : cases) {
    const LevelSet set = SetOf(c.values);
    std::size_t length = 0;
    const LevelSet read = RoundTrip(set, &length);
    EXPECT_EQ(length, c.length) << c.values.size() << " values";
    ASSERT_EQ(read.count, set.count);
    for (uint32_t v = 0; v < kValues; ++v) EXPECT_EQ(read.present[v], set.present[v]);
  }
}

TEST(LevelSetTest, MalformedSetsAreRefusedByName) {
  struct Case {
    std::vector<uint8_t> bytes;
    const char* message;
  };
  const Case cases[] = {
      {{}, "missing"},
      {{3}, "form 3 is not known"},
      {{1, 0xff, 0xff}, "bitmap runs past the block"},
      {std::vector<uint8_t>(33, 0) = [] { std::vector<uint8_t> b(33, 0); b[0] = 1; return b; }(), "no value is present"},
      {{2, 10}, "run 1 is cut short"},
      {{2, 10, 0}, "run 1 is empty"},
      {{2, 10, 0x7f, 0x7f}, "runs pass value 255"},
      {{2, 0x80, 0x00}, "not a minimal varint"},
      {{2, 0x80, 0x02}, "no value is present"},
  };
  for (const Case& c : cases) {
    LevelSet set;
    std::size_t consumed = 0;
    const Status status = ReadLevelSet(c.bytes.data(), c.bytes.size(), &set, &consumed);
    EXPECT_EQ(status.code(), StatusCode::kCorrupt) << c.message;
    EXPECT_NE(std::string(status.message()).find(c.message), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace ride::adaptive
