// Shards of image sets (trainer/src/image_shard.h) and the pairs they give (trainer/src/dataset.h).
#include "trainer/src/image_shard.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/trainer/thread_ranks.h"
#include "trainer/src/dataset.h"

namespace ride::trainer {
namespace {

std::vector<GrayImage> Images(int count) {
  std::vector<GrayImage> images;
  for (int i = 0; i < count; ++i) {
    GrayImage image{5 + i % 3, 4 + i % 2, {}};
    for (int k = 0; k < image.width * image.height; ++k) image.pixels.push_back(static_cast<uint8_t>(k * 7 + i * 31));
    images.push_back(image);
  }
  return images;
}

TEST(ImageShardTest, RanksHoldContiguousBlocksAndKnowEverySize) {
  const std::vector<GrayImage> all = Images(5);
  std::vector<int> held;
  for (int r = 0; r < 3; ++r) {
    const ImageShard<GrayImage> shard = TakeShard(all, r, 3);
    ASSERT_EQ(shard.count(), 5);
    for (int i = 0; i < 5; ++i) {
      EXPECT_EQ(shard.sizes[i].width, all[i].width);
      EXPECT_EQ(shard.sizes[i].height, all[i].height);
      EXPECT_EQ(shard.Holds(i), shard.Owner(i) == r);
    }
    for (int i = shard.first(); i < shard.end(); ++i) {
      EXPECT_EQ(shard.Get(i).pixels, all[i].pixels);
      held.push_back(i);
    }
  }
  EXPECT_EQ(held, (std::vector<int>{0, 1, 2, 3, 4}));
  // More ranks than images: some hold none.
  EXPECT_TRUE(TakeShard(Images(2), 0, 3).images.empty());
  EXPECT_EQ(WholeSet(all).images.size(), 5u);
}

TEST(ImageShardTest, EachRankReadsOnlyItsFilesAndLearnsTheOthersSizes) {
  const std::string dir = ::testing::TempDir() + "/image_shard_test";
  std::filesystem::create_directories(dir);
  const std::vector<GrayImage> all = Images(4);
  std::vector<std::string> paths;
  for (int i = 0; i < 4; ++i) {
    paths.push_back(dir + "/image-" + std::to_string(i) + ".pgm");
    WriteGrayImage(all[i], paths.back(), true);
  }
  testing::RunRanks(3, [&](Communicator& comm) {
    std::vector<std::string> mine = paths;
    // A file of another rank's shard that this rank cannot read: it must never try.
    for (int i = 0; i < 4; ++i) {
      if (ShardOwner(4, 3, i) != comm.rank()) mine[i] = dir + "/missing-" + std::to_string(i) + ".pgm";
    }
    const ImageShard<GrayImage> shard = ReadImageShard(mine, comm);
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(shard.sizes[i].width, all[i].width);
      EXPECT_EQ(shard.sizes[i].height, all[i].height);
    }
    for (int i = shard.first(); i < shard.end(); ++i) EXPECT_EQ(shard.Get(i).pixels, all[i].pixels);
  });
}

TEST(ImageShardTest, DownscaledCopiesFollowTheirImageOnItsRank) {
  GrayImage image{4, 3, {10, 20, 30, 41, 50, 60, 70, 80, 90, 100, 110, 120}};
  const std::vector<GrayImage> all = {image, Images(1)[0], image};
  const std::vector<int> factors = {1, 2};
  std::vector<GrayImage> whole;
  for (int r = 0; r < 2; ++r) {
    const ImageShard<GrayImage> copies = WithDownscaledCopies(TakeShard(all, r, 2), factors);
    ASSERT_EQ(copies.count(), 6);
    EXPECT_EQ(copies.sizes[1].width, 2);   // 4x3 halved: the last row does not fill a block
    EXPECT_EQ(copies.sizes[1].height, 1);
    EXPECT_EQ(copies.sizes[3].width, 2);   // Images(1)[0] is 5x4
    EXPECT_EQ(copies.sizes[3].height, 2);
    for (int i = copies.first(); i < copies.end(); ++i) {
      EXPECT_EQ(copies.Get(i).width, copies.sizes[i].width);
      EXPECT_EQ(copies.Get(i).height, copies.sizes[i].height);
      whole.push_back(copies.Get(i));
    }
  }
  ASSERT_EQ(whole.size(), 6u);
  EXPECT_EQ(whole[0].pixels, image.pixels);
  // (10 + 20 + 50 + 60 + 2) / 4 and (30 + 41 + 70 + 80 + 2) / 4: block means, rounded half up.
  EXPECT_EQ(whole[1].pixels, (std::vector<uint8_t>{35, 55}));
  EXPECT_EQ(whole[5].pixels, whole[1].pixels);
  EXPECT_THROW(WithDownscaledCopies(WholeSet(all), {4}), std::invalid_argument);  // 4x3 holds no 4x4 block
  EXPECT_THROW(WithDownscaledCopies(WholeSet(all), {0}), std::invalid_argument);
}

TEST(BuildPairsTest, ShardsOneAfterTheOtherAreThePairsOfTheWholeSet) {
  const std::vector<GrayImage> all = Images(5);
  const CausalWindow window{3, 2};
  for (int64_t wanted : {int64_t{37}, int64_t{1000}}) {
    const PairSet whole = BuildPairs(all, window, kPadding, wanted, 9);
    for (int ranks : {1, 2, 3, 7}) {
      Eigen::MatrixXd inputs(window.Inputs(), 0);
      Eigen::RowVectorXd outputs(0);
      for (int r = 0; r < ranks; ++r) {
        const PairSet part = BuildPairs(TakeShard(all, r, ranks), window, kPadding, wanted, 9);
        Eigen::MatrixXd joined(window.Inputs(), inputs.cols() + part.size());
        joined << inputs, part.inputs;
        Eigen::RowVectorXd joined_outputs(outputs.size() + part.size());
        joined_outputs << outputs, part.outputs;
        inputs = joined;
        outputs = joined_outputs;
      }
      EXPECT_EQ(inputs, whole.inputs) << ranks << " ranks, " << wanted << " pairs";
      EXPECT_EQ(outputs, whole.outputs) << ranks << " ranks, " << wanted << " pairs";
    }
  }
}

}  // namespace
}  // namespace ride::trainer
