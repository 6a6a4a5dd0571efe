#include "runtime/src/generate/counter_rng.h"

#include <gtest/gtest.h>

#include <set>

namespace ride::generate {
namespace {

TEST(CounterRngTest, ValuesArePureFunctionsOfSeedAndCounter) {
  const CounterRng a(7), b(7), c(8);
  for (uint64_t i = 0; i < 100; ++i) {
    EXPECT_EQ(a.Bits64(i), b.Bits64(i));
    EXPECT_NE(a.Bits64(i), c.Bits64(i));
  }
  EXPECT_NE(a.Child(1).Bits64(0), a.Child(2).Bits64(0));
  EXPECT_NE(a.Child(1).Bits64(0), a.Bits64(0));
}

TEST(CounterRngTest, MixIsSplitMix64) {
  // SplitMix64 seeded with 0 yields Mix64(γ) first: 0xE220A8397B1DCDAF.
  EXPECT_EQ(Mix64(kGoldenGamma), 0xE220A8397B1DCDAFull);
}

TEST(CounterRngTest, RangesHold) {
  const CounterRng rng(1);
  double sum = 0;
  std::set<uint32_t> seen;
  for (uint64_t i = 0; i < 20000; ++i) {
    EXPECT_LT(rng.Bits24(i), 1u << 24);
    const double u = rng.Unit(i);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    const uint32_t k = rng.Below(i, 5);
    ASSERT_LT(k, 5u);
    seen.insert(k);
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_NEAR(sum / 20000, 0.5, 0.01);  // standard error 0.002
}

TEST(CounterRngTest, PixelCountersAreDistinct) {
  EXPECT_NE(CounterRng::PixelCounter(0, 1), CounterRng::PixelCounter(1, 0));
  EXPECT_EQ(CounterRng::PixelCounter(2, 3), (uint64_t{2} << 32) | 3);
}

}  // namespace
}  // namespace ride::generate
