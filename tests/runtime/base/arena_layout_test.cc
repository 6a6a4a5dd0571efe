#include "runtime/src/base/arena_layout.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ride {
namespace {

struct Pair {
  uint32_t a;
  uint32_t b;
};

// The same sequence of Takes, measured and then placed.
struct Layout {
  float* floats;
  Pair* pairs;
  std::atomic<uint64_t>* counters;
  const float** pointers;
  void Take(ArenaLayout* arena) {
    floats = arena->Take<float>(5);
    pairs = arena->Take<Pair>(3);
    counters = arena->Take<std::atomic<uint64_t>>(2);
    pointers = arena->Take<const float*>(7);
  }
};

TEST(ArenaLayoutTest, MeasuringGivesTheBytesThatPlacingUses) {
  ArenaLayout measure;
  Layout measured;
  measured.Take(&measure);
  EXPECT_EQ(measured.floats, nullptr);
  EXPECT_EQ(measured.pointers, nullptr);
  // Four arrays, each starting on its own 64-byte boundary, the last of 56 bytes.
  EXPECT_EQ(measure.bytes(), 4u * 64u);
  EXPECT_FALSE(measure.overflowed());

  alignas(64) unsigned char block[4 * 64 + 64];
  std::memset(block, 0xff, sizeof block);
  ArenaLayout place(block);
  Layout placed;
  placed.Take(&place);
  EXPECT_EQ(place.bytes(), measure.bytes());
  EXPECT_EQ(reinterpret_cast<unsigned char*>(placed.floats), block);
  EXPECT_EQ(reinterpret_cast<unsigned char*>(placed.pairs), block + 64);
  EXPECT_EQ(reinterpret_cast<unsigned char*>(placed.counters), block + 128);
  EXPECT_EQ(reinterpret_cast<unsigned char*>(placed.pointers), block + 192);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(placed.floats[i], 0.0f);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(placed.pairs[i].a + placed.pairs[i].b, 0u);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(placed.counters[i].load(), 0u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(placed.pointers[i], nullptr);
  EXPECT_EQ(block[4 * 64], 0xff);  // nothing written past the measured bytes
}

TEST(ArenaLayoutTest, EmptyArraysTakeNoBytesButKeepTheirAlignment) {
  ArenaLayout measure;
  EXPECT_EQ(measure.bytes(), 0u);
  measure.Take<float>(0);
  EXPECT_EQ(measure.bytes(), 0u);
  measure.Take<float>(1);
  measure.Take<float>(0);
  measure.Take<float>(1);
  EXPECT_EQ(measure.bytes(), 128u);
}

TEST(ArenaLayoutTest, SizesThatOverflowAreReportedNotWrapped) {
  ArenaLayout measure;
  measure.Take<float>(16);
  EXPECT_EQ(measure.Take<float>(SIZE_MAX / 2), nullptr);
  EXPECT_TRUE(measure.overflowed());
  EXPECT_EQ(measure.bytes(), 0u);
  EXPECT_EQ(measure.Take<float>(1), nullptr);
  EXPECT_TRUE(measure.overflowed());

  ArenaLayout near_limit;
  near_limit.Take<unsigned char>(SIZE_MAX - 200);
  EXPECT_FALSE(near_limit.overflowed());
  EXPECT_GE(near_limit.bytes(), SIZE_MAX - 200);
  near_limit.Take<unsigned char>(300);  // its start alone still fits; its end does not
  EXPECT_TRUE(near_limit.overflowed());
}

TEST(ArenaLayoutTest, ProductSaturatesInsteadOfWrapping) {
  EXPECT_EQ(ArenaLayout::Product(3, 5), 15u);
  EXPECT_EQ(ArenaLayout::Product(0, SIZE_MAX), 0u);
  EXPECT_EQ(ArenaLayout::Product(SIZE_MAX / 2, 3), SIZE_MAX);
  ArenaLayout measure;
  measure.Take<float>(ArenaLayout::Product(SIZE_MAX / 2, 3));
  EXPECT_TRUE(measure.overflowed());
}

}  // namespace
}  // namespace ride
