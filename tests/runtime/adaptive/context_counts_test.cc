// Exact-context counts: a context finds only its own slot, counts grow by a step and halve past
// the limit, a fifth value replaces the rarest, and another context claiming the slot starts it anew.
#include "runtime/src/adaptive/context_counts.h"

#include <gtest/gtest.h>

#include <vector>

namespace ride::adaptive {
namespace {

struct Table {
  std::vector<CountSlot> slots = std::vector<CountSlot>(std::size_t{1} << 12);
  ContextCounts counts{slots.data(), 12};
  Table() { counts.Clear(); }
};

uint32_t CountOf(const CountSlot* slot, uint8_t value) {
  for (uint32_t k = 0; k < kSlotValues; ++k) {
    if (slot->count[k] != 0 && slot->value[k] == value) return slot->count[k];
  }
  return 0;
}

TEST(ContextCountsTest, CountsFollowTheirContext) {
  Table t;
  EXPECT_EQ(t.counts.Find(42), nullptr);
  t.counts.Add(42, 7);
  t.counts.Add(42, 7);
  t.counts.Add(42, 9);
  const CountSlot* slot = t.counts.Find(42);
  ASSERT_NE(slot, nullptr);
  EXPECT_EQ(CountOf(slot, 7), 2 * kCountStep);
  EXPECT_EQ(CountOf(slot, 9), kCountStep);
  EXPECT_EQ(slot->total, 3 * kCountStep);
  EXPECT_EQ(t.counts.Find(43), nullptr);
}

TEST(ContextCountsTest, AFifthValueReplacesTheRarest) {
  Table t;
  for (uint8_t v : {1, 1, 2, 2, 3, 4, 4}) t.counts.Add(5, v);
  t.counts.Add(5, 9);
  const CountSlot* slot = t.counts.Find(5);
  EXPECT_EQ(CountOf(slot, 3), 0u);
  EXPECT_EQ(CountOf(slot, 9), kCountStep);
  EXPECT_EQ(slot->total, 7 * kCountStep);
}

TEST(ContextCountsTest, CountsHalvePastTheLimit) {
  Table t;
  uint32_t highest = 0;
  for (uint32_t i = 0; i < 2000; ++i) {
    t.counts.Add(8, static_cast<uint8_t>(i % 3 == 0 ? 1 : 2));
    highest = std::max<uint32_t>(highest, t.counts.Find(8)->total);
  }
  EXPECT_LE(highest, kCountLimit);
  EXPECT_GT(t.counts.Find(8)->total, kCountLimit / 2 - kCountStep);
}

TEST(ContextCountsTest, AnotherContextInTheSlotStartsItAnew) {
  Table t;
  t.counts.Add(100, 3);
  // Find a key that lands in the same slot with another tag.
  const CountSlot* first = t.counts.Find(100);
  for (uint64_t key = 101;; ++key) {
    t.counts.Add(key, 4);
    if (t.counts.Find(100) == nullptr && t.counts.Find(key) == first) {
      EXPECT_EQ(CountOf(first, 3), 0u);
      EXPECT_EQ(first->total, kCountStep);
      break;
    }
    ASSERT_LT(key, 1000000u);
  }
}

}  // namespace
}  // namespace ride::adaptive
