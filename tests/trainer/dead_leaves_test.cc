#include "trainer/src/dead_leaves.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ride::trainer {
namespace {

TEST(DeadLeavesTest, SameSeedGivesTheSameImageAndOtherSeedsDiffer) {
  DeadLeavesParams params;
  params.width = 64;
  params.height = 48;
  const auto a = GenerateDeadLeaves(params, 1);
  EXPECT_EQ(a.size(), 64u * 48u);
  EXPECT_EQ(a, GenerateDeadLeaves(params, 1));
  EXPECT_NE(a, GenerateDeadLeaves(params, 2));
}

TEST(DeadLeavesTest, LooksLikeOccludingDisks) {
  DeadLeavesParams params;
  const auto image = GenerateDeadLeaves(params, 7);
  // Disks make large flat regions: most horizontal neighbours are equal; grey levels span the range.
  std::size_t equal = 0, pairs = 0;
  double mean = 0;
  int lowest = 255, highest = 0;
  for (int y = 0; y < params.height; ++y) {
    for (int x = 0; x < params.width; ++x) {
      const int v = image[y * params.width + x];
      mean += v;
      lowest = std::min(lowest, v);
      highest = std::max(highest, v);
      if (x > 0) {
        ++pairs;
        equal += image[y * params.width + x - 1] == v;
      }
    }
  }
  mean /= image.size();
  EXPECT_GT(static_cast<double>(equal) / pairs, 0.6);
  EXPECT_LT(static_cast<double>(equal) / pairs, 0.99);
  EXPECT_LT(lowest, 40);
  EXPECT_GT(highest, 215);
  EXPECT_NEAR(mean, 127.5, 40);
}

TEST(DeadLeavesTest, RejectsParametersOutOfRange) {
  DeadLeavesParams params;
  params.min_radius = 0;
  EXPECT_THROW(params.Check(), std::invalid_argument);
  params = DeadLeavesParams();
  params.max_radius = 0.5;
  EXPECT_THROW(params.Check(), std::invalid_argument);
  params = DeadLeavesParams();
  params.width = 0;
  EXPECT_THROW(GenerateDeadLeaves(params, 1), std::invalid_argument);
}

}  // namespace
}  // namespace ride::trainer
