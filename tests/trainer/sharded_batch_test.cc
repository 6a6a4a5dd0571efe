// Patches of sharded images (trainer/src/sharded_batch.h): crops carry exactly what a patch's
// neighbourhoods read, and the ranks compute balanced parts of the same batch.
#include "trainer/src/sharded_batch.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "tests/trainer/thread_ranks.h"
#include "trainer/src/random.h"

namespace ride::trainer {
namespace {

std::vector<ValueImage> Images() {
  std::vector<ValueImage> images;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 5; ++i) {
    ValueImage image;
    image.width = 9 + i;
    image.height = 8 + i % 2;
    for (int k = 0; k < image.width * image.height; ++k) image.values.push_back(Uniform01(rng));
    images.push_back(image);
  }
  return images;
}

Whitening SomeWhitening(int d) {
  Whitening w;
  w.mean_x = Eigen::VectorXd::LinSpaced(d, 0.4, 0.6);
  w.mean_y = 0.5;
  w.whiten_x = Eigen::MatrixXd::Identity(d, d) * 3 + Eigen::MatrixXd::Constant(d, d, 0.1);
  w.regression = Eigen::RowVectorXd::LinSpaced(d, 0.1, 0.3);
  w.p_out = 4;
  return w;
}

TEST(PatchCropTest, BatchFromCropsEqualsBatchFromImagesBitForBit) {
  const std::vector<ValueImage> images = Images();
  const CausalWindow window{5, 3};
  const Whitening whitening = SomeWhitening(window.Inputs());
  // Patches at every corner and edge (their neighbourhoods read padding), and inside.
  const std::vector<PatchOrigin> origins = {{0, 0, 0}, {1, 0, 5}, {2, 3, 0}, {3, 4, 7}, {4, 2, 3}};
  std::vector<ValueImage> crops;
  for (const PatchOrigin& o : origins) crops.push_back(PatchCrop(images[o.image], o, 5, window, 0.5));
  const PatchBatch direct = BuildPatchBatch(images, origins, 5, window, 0.5, whitening);
  const PatchBatch cropped = BuildCropBatch(crops, 0, crops.size(), 5, window, 0.5, whitening);
  ASSERT_EQ(cropped.patches(), 5);
  for (std::size_t p = 0; p < direct.inputs.at.size(); ++p) {
    EXPECT_EQ(cropped.inputs.at[p], direct.inputs.at[p]) << "position " << p;
    EXPECT_EQ(cropped.outputs[p], direct.outputs[p]) << "position " << p;
  }
}

// Exact neighbours (ride_train.h): the neighbourhoods read `values`, the predicted pixels `targets`,
// and the targets travel with the crops.
TEST(PatchCropTest, NeighbourhoodsReadTheValuesAndTheTargetsArePredicted) {
  const std::vector<ValueImage> plain = Images();
  std::vector<ValueImage> with_targets = plain, targets_only = plain;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    for (double v : plain[i].values) with_targets[i].targets.push_back(v + 0.001);
    targets_only[i].values = with_targets[i].targets;
  }
  const CausalWindow window{3, 2};
  // No regression on the neighbourhood, so that a whitened target depends on the target alone.
  Whitening whitening = SomeWhitening(window.Inputs());
  whitening.regression.setZero();
  std::mt19937_64 rng(4);
  const std::vector<PatchOrigin> origins = SamplePatchOrigins(plain, 4, 6, rng);
  const PatchBatch batch = BuildPatchBatch(with_targets, origins, 4, window, 0.5, whitening);
  const PatchBatch inputs_of = BuildPatchBatch(plain, origins, 4, window, 0.5, whitening);
  const PatchBatch outputs_of = BuildPatchBatch(targets_only, origins, 4, window, 0.5, whitening);
  for (std::size_t p = 0; p < batch.inputs.at.size(); ++p) {
    EXPECT_EQ(batch.inputs.at[p], inputs_of.inputs.at[p]) << "position " << p;
    EXPECT_EQ(batch.outputs[p], outputs_of.outputs[p]) << "position " << p;
  }
  testing::RunRanks(2, [&](Communicator& comm) {
    const ImageShard<ValueImage> shard = TakeShard(with_targets, comm.rank(), 2);
    const std::vector<ValueImage> crops = GatherPatchCrops(shard, origins, 4, window, 0.5, true, comm);
    const std::size_t first = static_cast<std::size_t>(ShardBegin(6, 2, comm.rank()));
    const PatchBatch part = BuildCropBatch(crops, 0, crops.size(), 4, window, 0.5, whitening);
    for (std::size_t p = 0; p < part.outputs.size(); ++p) {
      EXPECT_EQ(part.outputs[p], batch.outputs[p].segment(first, crops.size())) << "position " << p;
    }
  });
}

TEST(ShardedBatchTest, RanksComputeBalancedPartsOfTheSameBatch) {
  const std::vector<ValueImage> images = Images();
  const CausalWindow window{3, 2};
  std::mt19937_64 rng(8);
  const std::vector<PatchOrigin> origins = SamplePatchOrigins(images, 4, 11, rng);
  std::vector<ValueImage> expected;
  for (const PatchOrigin& o : origins) expected.push_back(PatchCrop(images[o.image], o, 4, window, 0.5));
  for (int ranks : {1, 2, 3, 4}) {
    testing::RunRanks(ranks, [&](Communicator& comm) {
      const ImageShard<ValueImage> shard = TakeShard(images, comm.rank(), ranks);
      const std::vector<ValueImage> crops = GatherPatchCrops(shard, origins, 4, window, 0.5, false, comm);
      const int64_t first = ShardBegin(11, ranks, comm.rank());
      ASSERT_EQ(static_cast<int64_t>(crops.size()), ShardBegin(11, ranks, comm.rank() + 1) - first);
      for (std::size_t k = 0; k < crops.size(); ++k) EXPECT_EQ(crops[k].values, expected[first + k].values);
    });
  }
}

}  // namespace
}  // namespace ride::trainer
