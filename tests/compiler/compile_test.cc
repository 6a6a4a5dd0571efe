// The compiler end to end on small trained models: fold, write, load through the runtime's loader,
// and the runtime must give the trainer's per-pixel log-likelihoods on real image patches.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiler/src/fold_model.h"
#include "tests/model_file_bytes.h"
#include "compiler/src/trainer_bridge.h"
#include "compiler/src/verify_model.h"
#include "runtime/src/model/model_loader.h"
#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/colour_dataset.h"
#include "trainer/src/dataset.h"
#include "trainer/src/mcgsm_train.h"
#include "trainer/src/ride_train.h"
#include "tests/shared_data.h"
#include "tools/common/image_folder.h"

namespace ride::compiler {
namespace {

const std::string kData = RIDE_SHARED_DATA_DIR;

struct Data {
  std::vector<trainer::GrayImage> train;
  trainer::CausalWindow window = trainer::CausalWindow::Parse("5x3");
  trainer::Whitening whitening;
  std::vector<trainer::GrayImage> patches;
  Data() {
    std::vector<std::string> paths = tools::ListImageFiles(kData + "/bsds300/train");
    paths.resize(2);
    train = trainer::ReadGrayImages(paths);
    const trainer::PairSet pairs = trainer::BuildPairs(train, window, trainer::kPadding, 20000, 1);
    whitening = trainer::Whitening::Fit(pairs.inputs, pairs.outputs);
    patches = VerificationPatches(kData + "/bsds300/test", 2, 32);
  }
};

engine::EngineModel Load(const TrainedModel& trained) {
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(FoldModel(trained), model::ModelProvenance());
  model::LoadedModel loaded;
  const Status status = model::LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded);
  EXPECT_TRUE(status.ok()) << status.message();
  return loaded.model;
}

TEST(CompileTest, McgsmOnlyModelMatchesTheTrainer) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  const Data data;
  trainer::McgsmModel model;
  model.window = data.window;
  model.whitening = data.whitening;
  trainer::McgsmShape shape;
  shape.inputs = data.window.Inputs();
  shape.components = 4;
  shape.scales = 2;
  shape.features = 4;
  model.mcgsm = trainer::McgsmParams::Initial(shape, 3);
  trainer::PairSet pairs = trainer::BuildPairs(data.train, data.window, trainer::kPadding, 20000, 2);
  data.whitening.WhitenInPlace(&pairs.inputs, &pairs.outputs);
  trainer::McgsmTrainOptions options;
  options.max_iterations = 20;
  trainer::TrainMcgsm(&model.mcgsm, pairs.inputs, pairs.outputs, Eigen::MatrixXd(), Eigen::RowVectorXd(),
                      data.whitening.LogJacobian(), options);

  const VerifyReport report = CompareWithTrainer(model, Load(FromCheckpoint(model)), data.patches);
  EXPECT_EQ(report.pixels, 2 * 32 * 32);
  EXPECT_LE(report.max_abs_difference, kMaxLogDensityError);
  EXPECT_GT(report.trainer_bits_per_pixel, 1.0);  // trained: far better than uniform (0 bit/px)
}

void ExpectRideMatches(bool extended, bool bounded = false) {
  const Data data;
  trainer::RideModel model;
  model.window = data.window;
  model.whitening = data.whitening;
  model.slstm = trainer::SpatialLstm(data.window.Inputs(), {6, 5}, extended, bounded, 4);
  trainer::McgsmShape shape;
  shape.inputs = 5;
  shape.components = 3;
  shape.scales = 2;
  shape.features = 3;
  model.mcgsm = trainer::McgsmParams::Initial(shape, 5);
  trainer::RideTrainOptions options;
  options.patch_sizes = {6};
  options.learning_rates = {0.05};
  options.batch_size = 8;
  options.epoch_pixels = 3000;
  options.refit_pixels = 3000;
  options.refit_iterations = 10;
  options.validation_patches = 2;
  options.validation_patch_size = 16;
  options.exact_neighbours = bounded;  // the codec's way of training goes with the codec's cells
  std::vector<trainer::ValueImage> validation(1);
  validation[0].width = data.train[1].width;
  validation[0].height = data.train[1].height;
  validation[0].values = trainer::Midpoints(data.train[1]);
  trainer::RideTrainState state;
  trainer::TrainRide(&model, &state, {data.train[0]}, validation, options, nullptr, nullptr);

  const VerifyReport report = CompareWithTrainer(model, Load(FromRideModel(model)), data.patches);
  EXPECT_EQ(report.pixels, 2 * 32 * 32);
  EXPECT_LE(report.max_abs_difference, kMaxLogDensityError);
}

TEST(CompileTest, TwoLayerRideMatchesTheTrainer) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  ExpectRideMatches(false);
}
TEST(CompileTest, TwoLayerExtendedRideMatchesTheTrainer) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  ExpectRideMatches(true);
}
TEST(CompileTest, TwoLayerBoundedRideMatchesTheTrainer) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  ExpectRideMatches(false, true);
}

// A colour MCGSM trained a little on two Kodak images, a quarter size.
trainer::ColourMcgsmModel SmallColourModel() {
  trainer::ColourMcgsmModel model;
  model.window = trainer::CausalWindow::Parse("5x3");
  model.downscale = 4;
  std::vector<trainer::ColourImage> images;
  for (const char* name : {"/kodak/kodim01.png", "/kodak/kodim02.png"}) {
    images.push_back(trainer::DownscaleByArea(trainer::ReadRgbImage(kData + name), 4));
  }
  const auto shard = trainer::WholeSet(std::move(images));
  for (int c = 0; c < 3; ++c) {
    trainer::PairSet pairs = trainer::BuildColourPairs(shard, model.window, model.transform, c, 20000, 1);
    trainer::ColourHead head;
    head.whitening = trainer::Whitening::Fit(pairs.inputs, pairs.outputs);
    head.whitening.WhitenInPlace(&pairs.inputs, &pairs.outputs);
    head.mcgsm = trainer::McgsmParams::Initial({trainer::ColourInputs(model.window, c), 4, 2, 4}, 3 + c);
    trainer::McgsmTrainOptions options;
    options.max_iterations = 20;
    trainer::TrainMcgsm(&head.mcgsm, pairs.inputs, pairs.outputs, Eigen::MatrixXd(), Eigen::RowVectorXd(),
                        head.whitening.LogJacobian(), options);
    model.heads.push_back(std::move(head));
  }
  return model;
}

TEST(CompileTest, ColourModelMatchesTheTrainerInEveryChannel) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  const trainer::ColourMcgsmModel model = SmallColourModel();
  const std::vector<uint8_t> bytes =
      ride::testing::ModelFileBytes(FoldColourModel(FromColourCheckpoint(model)), model::ModelProvenance());
  model::LoadedModel loaded;
  const Status status = model::LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(loaded.model.channels, 3u);
  const auto patches = ColourVerificationPatches(kData + "/kodak", 2, 32);
  ASSERT_EQ(patches.size(), 2u);
  const VerifyReport report = CompareWithTrainer(model, loaded.model, patches);
  EXPECT_EQ(report.pixels, 2 * 32 * 32 * 3);
  EXPECT_EQ(report.limit, kMaxColourLogDensityError);
  EXPECT_LE(report.max_abs_difference, kMaxColourLogDensityError);
  EXPECT_GT(report.trainer_bits_per_pixel, 1.0);
}

TEST(CompileTest, ColourCheckpointsThatTheRuntimeCannotCodeAreRefused) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  trainer::ColourMcgsmModel model = SmallColourModel();
  model.transform = trainer::ColourTransform::kYcocgR;
  EXPECT_THROW(FromColourCheckpoint(model), std::invalid_argument);
  model.transform = trainer::ColourTransform::kRgb;
  model.heads.pop_back();
  EXPECT_THROW(FromColourCheckpoint(model), std::invalid_argument);
}

}  // namespace
}  // namespace ride::compiler
