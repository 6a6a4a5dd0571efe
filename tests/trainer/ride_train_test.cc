// RIDE in the trainer: the batch objective's gradients against central differences, the whole-image
// evaluation against the patch objective, and training that resumes to the same model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/trainer/thread_ranks.h"
#include "trainer/src/dataset.h"
#include "trainer/src/random.h"
#include "trainer/src/ride_checkpoint.h"
#include "trainer/src/ride_evaluation.h"
#include "trainer/src/ride_objective.h"
#include "trainer/src/ride_train.h"

namespace ride::trainer {
namespace {

GrayImage RandomGray(int width, int height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  GrayImage image;
  image.width = width;
  image.height = height;
  int previous = 128;
  for (int k = 0; k < width * height; ++k) {  // a little correlation, like a photograph
    previous = std::clamp(previous + static_cast<int>(rng() % 41) - 20, 0, 255);
    image.pixels.push_back(static_cast<uint8_t>(previous));
  }
  return image;
}

ValueImage Values(const GrayImage& image, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ValueImage values;
  values.width = image.width;
  values.height = image.height;
  values.values = Dequantize(image, rng);
  return values;
}

RideModel TinyModel(const std::vector<ValueImage>& images, bool extended) {
  RideModel model;
  model.window = CausalWindow::Parse("3x2");
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  ExtractAllPairs(images[0].values.data(), images[0].width, images[0].height, model.window, model.padding, &x, &y);
  model.whitening = Whitening::Fit(x, y);
  model.slstm = SpatialLstm(model.window.Inputs(), {3, 2}, extended, false, 5);
  McgsmShape shape;
  shape.inputs = 2;
  shape.components = 2;
  shape.scales = 2;
  shape.features = 2;
  model.mcgsm = McgsmParams::Initial(shape, 7);
  // Perturb every parameter so that no derivative is trivially zero.
  std::mt19937_64 rng(9);
  Eigen::VectorXd theta = model.slstm.Parameters();
  for (Eigen::Index k = 0; k < theta.size(); ++k) theta[k] += 0.3 * (Uniform01(rng) - 0.5);
  model.slstm.SetParameters(theta);
  return model;
}

void ExpectGradientsMatch(bool extended) {
  const std::vector<ValueImage> images = {Values(RandomGray(9, 8, 1), 2)};
  RideModel model = TinyModel(images, extended);
  std::mt19937_64 rng(4);
  const PatchBatch batch = BuildPatchBatch(images, SamplePatchOrigins(images, 3, 3, rng), 3, model.window,
                                           model.padding, model.whitening);
  Eigen::VectorXd slstm_gradient, mcgsm_gradient;
  RideBatchLogLikelihood(model, batch, 2, &slstm_gradient, &mcgsm_gradient);
  constexpr double kStep = 1e-6;
  const Eigen::VectorXd theta = model.slstm.Parameters();
  for (Eigen::Index k = 0; k < theta.size(); ++k) {
    RideModel shifted = model;
    Eigen::VectorXd t = theta;
    t[k] += kStep;
    shifted.slstm.SetParameters(t);
    const double up = RideBatchLogLikelihood(shifted, batch, 1, nullptr, nullptr);
    t[k] -= 2 * kStep;
    shifted.slstm.SetParameters(t);
    const double down = RideBatchLogLikelihood(shifted, batch, 1, nullptr, nullptr);
    ASSERT_NEAR(slstm_gradient[k], (up - down) / (2 * kStep), 1e-5 * (1 + std::fabs(slstm_gradient[k])))
        << "spatial LSTM parameter " << k;
  }
  const Eigen::VectorXd phi = model.mcgsm.Pack();
  for (Eigen::Index k = 0; k < phi.size(); ++k) {
    RideModel shifted = model;
    Eigen::VectorXd p = phi;
    p[k] += kStep;
    shifted.mcgsm.Unpack(p);
    const double up = RideBatchLogLikelihood(shifted, batch, 1, nullptr, nullptr);
    p[k] -= 2 * kStep;
    shifted.mcgsm.Unpack(p);
    const double down = RideBatchLogLikelihood(shifted, batch, 1, nullptr, nullptr);
    ASSERT_NEAR(mcgsm_gradient[k], (up - down) / (2 * kStep), 1e-5 * (1 + std::fabs(mcgsm_gradient[k])))
        << "MCGSM parameter " << k;
  }
}

TEST(RideObjectiveTest, GradientsMatchCentralDifferences) { ExpectGradientsMatch(false); }
TEST(RideObjectiveTest, ExtendedGradientsMatchCentralDifferences) { ExpectGradientsMatch(true); }

TEST(RideObjectiveTest, ThreadCountOnlyRegroupsTheSum) {
  const std::vector<ValueImage> images = {Values(RandomGray(12, 10, 3), 4)};
  const RideModel model = TinyModel(images, false);
  std::mt19937_64 rng(5);
  const PatchBatch batch = BuildPatchBatch(images, SamplePatchOrigins(images, 4, 6, rng), 4, model.window,
                                           model.padding, model.whitening);
  const double one = RideBatchLogLikelihood(model, batch, 1, nullptr, nullptr);
  EXPECT_NEAR(RideBatchLogLikelihood(model, batch, 3, nullptr, nullptr), one, 1e-9 * std::fabs(one));
}

TEST(RideModelTest, WholeImageLikelihoodEqualsTheImageAsOnePatch) {
  const std::vector<ValueImage> images = {Values(RandomGray(7, 5, 5), 6)};
  const RideModel model = TinyModel(images, false);
  const Eigen::MatrixXd per_pixel = RideImageLogLikelihoods(model, {images[0].values.data()}, 7, 5);
  const PatchBatch batch = BuildPatchBatch(images, {PatchOrigin{0, 0, 0}}, 5, model.window, model.padding,
                                           model.whitening);
  // A 5 × 5 patch at the origin is the image's left part: compare those pixels.
  const PatchBatch whole_left = batch;
  double expected = RideBatchLogLikelihood(model, whole_left, 1, nullptr, nullptr) + 25 * model.whitening.LogJacobian();
  double actual = 0;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) actual += per_pixel(0, i * 7 + j);
  // Pixels left of column 5 see the same inputs and states in both (states flow left to right and down).
  EXPECT_NEAR(actual, expected, 1e-9 * std::fabs(expected));
}

TEST(RideModelTest, InteriorProtocolReadsNoPaddingAndCountsTheInteriorGrid) {
  const std::vector<ValueImage> images = {Values(RandomGray(7, 5, 5), 6)};
  RideModel model = TinyModel(images, false);  // window 3x2: one row above, one column each side
  const Eigen::MatrixXd interior = RideImageLogLikelihoods(model, {images[0].values.data()}, 7, 5, true);
  const Eigen::MatrixXd padded = RideImageLogLikelihoods(model, {images[0].values.data()}, 7, 5, false);
  ASSERT_EQ(interior.cols(), 4 * 5);  // rows 1..4, columns 1..5
  RideModel other_padding = model;
  other_padding.padding = 0.9;
  // No window reaches outside the image, so the padding value cannot matter; it does for all pixels.
  EXPECT_EQ(RideImageLogLikelihoods(other_padding, {images[0].values.data()}, 7, 5, true), interior);
  EXPECT_NE(RideImageLogLikelihoods(other_padding, {images[0].values.data()}, 7, 5, false), padded);
  EXPECT_THROW(RideImageLogLikelihoods(model, {images[0].values.data()}, 2, 5, true), std::invalid_argument);
}

TEST(RideEvaluationTest, EnsembleIsTheLogOfTheMeanLikelihood) {
  EXPECT_DOUBLE_EQ(EnsembleLogLikelihood({-5.0, -5.0, -5.0}), -5.0);
  EXPECT_NEAR(EnsembleLogLikelihood({-1.0, -3.0}), std::log((std::exp(-1.0) + std::exp(-3.0)) / 2), 1e-12);
  // Totals of whole images are thousands of nats: no underflow.
  EXPECT_NEAR(EnsembleLogLikelihood({-20000.0, -20000.0 + std::log(3.0)}), -20000.0 + std::log(2.0), 1e-9);
}

// A small run on two training images and one validation image.
struct SmallRun {
  std::vector<GrayImage> train = {RandomGray(24, 20, 7), RandomGray(20, 24, 8)};
  std::vector<GrayImage> validation_gray = {RandomGray(20, 20, 9)};
  std::vector<ValueImage> validation = {Values(validation_gray[0], 10)};
  RideTrainOptions options;
  RideModel initial;
  SmallRun() {
    options.patch_sizes = {4, 5, 6};
    options.learning_rates = {0.05, 0.02, 0.01};
    options.batch_size = 4;
    options.epoch_pixels = 300;
    options.refit_pixels = 400;
    options.refit_iterations = 3;
    options.validation_patches = 2;
    options.validation_patch_size = 8;
    options.threads = 1;
    options.seed = 3;
    initial = TinyModel({Values(train[0], 11)}, false);
  }
  RideTrainOptions Stages(int stages) const {  // the first `stages` of the schedule
    RideTrainOptions o = options;
    o.patch_sizes.resize(stages);
    o.learning_rates.resize(stages);
    return o;
  }
  // TrainRide on `ranks` thread ranks, each with its shards; the state and model from rank 0.
  void OnRanks(int ranks, RideModel* model, RideTrainState* state, int stages) const {
    testing::RunRanks(ranks, [&](Communicator& comm) {
      RideModel mine = *model;
      RideTrainState my_state = *state;
      TrainRide(&mine, &my_state, TakeShard(train, comm.rank(), ranks),
                TakeShard(validation, comm.rank(), ranks), Stages(stages), nullptr, nullptr, comm);
      comm.Barrier();  // every rank is done with *model before rank 0 replaces it
      if (comm.is_root()) {
        *model = mine;
        *state = my_state;
      }
    });
  }
};

TEST(RideTrainTest, ResumedTrainingEndsWithTheSameModel) {
  SmallRun run;
  run.options.threads = 2;
  RideModel straight = run.initial;
  RideTrainState straight_state;
  ASSERT_NO_THROW(TrainRide(&straight, &straight_state, run.train, run.validation, run.Stages(3), nullptr, nullptr));

  RideModel resumed = run.initial;
  RideTrainState resumed_state;
  TrainRide(&resumed, &resumed_state, run.train, run.validation, run.Stages(1), nullptr, nullptr);
  // Through a checkpoint file, as a killed run restarts.
  const std::string path = ::testing::TempDir() + "/ride-resume.ckpt.json";
  SaveRideCheckpoint(resumed, &resumed_state, path);
  RideTrainState reloaded_state;
  RideModel reloaded = LoadRideCheckpoint(path, &reloaded_state);
  EXPECT_EQ(reloaded_state.stages_done, 1);
  TrainRide(&reloaded, &reloaded_state, run.train, run.validation, run.Stages(3), nullptr, nullptr);
  EXPECT_EQ(reloaded.slstm.Parameters(), straight.slstm.Parameters());
  EXPECT_EQ(reloaded.mcgsm.Pack(), straight.mcgsm.Pack());
  EXPECT_EQ(reloaded_state.validation_bpp, straight_state.validation_bpp);
}

TEST(RideTrainTest, RanksTrainOnTheSamePatchesAsOneProcess) {
  const SmallRun run;
  RideModel alone = run.initial;
  RideTrainState alone_state;
  TrainRide(&alone, &alone_state, run.train, run.validation, run.Stages(1), nullptr, nullptr);
  // Three ranks, one without a training image, two without a validation image.
  RideModel ranks = run.initial, again = run.initial;
  RideTrainState ranks_state, again_state;
  run.OnRanks(3, &ranks, &ranks_state, 1);
  run.OnRanks(3, &again, &again_state, 1);
  EXPECT_EQ(ranks.slstm.Parameters(), again.slstm.Parameters());
  EXPECT_EQ(ranks.mcgsm.Pack(), again.mcgsm.Pack());
  EXPECT_EQ(ranks_state.validation_bpp, again_state.validation_bpp);
  // Other noise or other patches would move the parameters by far more than the sums' rounding.
  EXPECT_LT((ranks.slstm.Parameters() - alone.slstm.Parameters()).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_LT((ranks.mcgsm.Pack() - alone.mcgsm.Pack()).cwiseAbs().maxCoeff(), 1e-7);
  EXPECT_NEAR(ranks_state.validation_bpp[0], alone_state.validation_bpp[0], 1e-9);
}

TEST(RideTrainTest, ACheckpointOfTwoRanksResumesOnThree) {
  const SmallRun run;
  RideModel straight = run.initial;
  RideTrainState straight_state;
  TrainRide(&straight, &straight_state, run.train, run.validation, run.Stages(3), nullptr, nullptr);

  RideModel model = run.initial;
  RideTrainState state;
  run.OnRanks(2, &model, &state, 1);
  const std::string path = ::testing::TempDir() + "/ride-ranks.ckpt.json";
  SaveRideCheckpoint(model, &state, path);
  RideTrainState reloaded_state;
  RideModel reloaded = LoadRideCheckpoint(path, &reloaded_state);
  run.OnRanks(3, &reloaded, &reloaded_state, 3);
  EXPECT_EQ(reloaded_state.stages_done, straight_state.stages_done);
  EXPECT_EQ(reloaded_state.stopped, straight_state.stopped);
  ASSERT_EQ(reloaded_state.validation_bpp.size(), straight_state.validation_bpp.size());
  for (std::size_t k = 0; k < straight_state.validation_bpp.size(); ++k) {
    EXPECT_NEAR(reloaded_state.validation_bpp[k], straight_state.validation_bpp[k], 1e-6) << "stage " << k + 1;
  }
}

// options.should_stop abandons the stage under way, in its SGD or in its MCGSM refit: the model and
// the state are those after the last finished stage, and resuming from them ends with the model of
// a run that was never stopped.
TEST(RideTrainTest, StoppedTrainingKeepsTheLastStageAndResumesToTheSameModel) {
  std::vector<GrayImage> train = {RandomGray(24, 20, 7), RandomGray(20, 24, 8)};
  const std::vector<ValueImage> validation = {Values(RandomGray(20, 20, 9), 10)};
  RideTrainOptions options;
  options.patch_sizes = {4, 5};
  options.learning_rates = {0.05, 0.02};
  options.batch_size = 4;
  options.epoch_pixels = 300;  // stage 1: max(4, 300 / 16) = 18 patches in 5 batches
  options.refit_pixels = 400;
  options.refit_iterations = 3;
  options.validation_patches = 2;
  options.validation_patch_size = 8;
  options.threads = 2;
  options.seed = 3;
  const RideModel initial = TinyModel({Values(train[0], 11)}, false);

  RideModel straight = initial;
  RideTrainState straight_state;
  TrainRide(&straight, &straight_state, train, validation, options, nullptr, nullptr);
  RideModel first_stage = initial;
  RideTrainState first_stage_state;
  RideTrainOptions one_stage = options;
  one_stage.patch_sizes.resize(1);
  one_stage.learning_rates.resize(1);
  TrainRide(&first_stage, &first_stage_state, train, validation, one_stage, nullptr, nullptr);

  // Stopped at the 3rd batch of stage 1, in its refit (the 6th question), in stage 2's SGD.
  for (const auto& [stop_at, stages_done] : std::vector<std::pair<int, int>>{{3, 0}, {6, 0}, {10, 1}}) {
    RideModel model = initial;
    RideTrainState state;
    RideTrainOptions stopping = options;
    int asked = 0;
    int after_stage_calls = 0;
    stopping.should_stop = [&] { return ++asked == stop_at; };
    TrainRide(&model, &state, train, validation, stopping,
              [&](const RideModel&, const RideTrainState&) { ++after_stage_calls; }, nullptr);
    EXPECT_EQ(asked, stop_at);
    EXPECT_EQ(state.stages_done, stages_done) << "stopped at " << stop_at;
    EXPECT_EQ(after_stage_calls, stages_done);
    EXPECT_FALSE(state.stopped);
    const RideModel& expected = stages_done == 0 ? initial : first_stage;
    EXPECT_EQ(model.slstm.Parameters(), expected.slstm.Parameters()) << "stopped at " << stop_at;
    EXPECT_EQ(model.mcgsm.Pack(), expected.mcgsm.Pack()) << "stopped at " << stop_at;
    TrainRide(&model, &state, train, validation, options, nullptr, nullptr);
    EXPECT_EQ(model.slstm.Parameters(), straight.slstm.Parameters()) << "stopped at " << stop_at;
    EXPECT_EQ(model.mcgsm.Pack(), straight.mcgsm.Pack()) << "stopped at " << stop_at;
    EXPECT_EQ(state.validation_bpp, straight_state.validation_bpp);
  }
}

// One rank's should_stop ends every rank's training at the same batch, each back at the last
// finished stage, as one process stopped there would be.
TEST(RideTrainTest, OneRanksStopEndsEveryRankAtTheSameStep) {
  const SmallRun run;
  RideModel first_stage = run.initial;
  RideTrainState first_stage_state;
  TrainRide(&first_stage, &first_stage_state, run.train, run.validation, run.Stages(1), nullptr, nullptr);
  std::vector<int> asked(3, 0), stages_done(3, -1);
  std::vector<Eigen::VectorXd> mcgsm(3);
  testing::RunRanks(3, [&](Communicator& comm) {
    const int r = comm.rank();
    RideModel model = run.initial;
    RideTrainState state;
    RideTrainOptions options = run.Stages(2);
    // Rank 1 alone asks to stop, at its 10th question (stage 2's SGD).
    options.should_stop = [&, r] { return ++asked[r] == 10 && r == 1; };
    TrainRide(&model, &state, TakeShard(run.train, r, 3), TakeShard(run.validation, r, 3), options, nullptr,
              nullptr, comm);
    stages_done[r] = state.stages_done;
    mcgsm[r] = model.mcgsm.Pack();
  });
  EXPECT_EQ(asked, std::vector<int>(3, 10));
  EXPECT_EQ(stages_done, std::vector<int>(3, 1));
  for (int r = 0; r < 3; ++r) {
    EXPECT_EQ(mcgsm[r], mcgsm[0]) << "rank " << r;
    EXPECT_LT((mcgsm[r] - first_stage.mcgsm.Pack()).cwiseAbs().maxCoeff(), 1e-7) << "rank " << r;
  }
}

// Loading a RIDE checkpoint checks what it reads, and names the field that is wrong.
TEST(RideCheckpointTest, RejectsBadFieldsByName) {
  const std::vector<ValueImage> images = {Values(RandomGray(9, 8, 12), 13)};
  const RideModel model = TinyModel(images, false);
  const nlohmann::json good = RideModelToJson(model, nullptr);
  auto expect_error = [&](nlohmann::json bad, const std::string& field) {
    try {
      RideModelFromJson(bad, nullptr);
      ADD_FAILURE() << "accepted a checkpoint with a bad " << field;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  };
  nlohmann::json short_weights = good;
  short_weights["slstm"]["layers"][0]["weights"].erase(0);
  expect_error(short_weights, "slstm.layers[0].weights");
  nlohmann::json no_layers = good;
  no_layers["slstm"]["layers"] = nlohmann::json::array();
  expect_error(no_layers, "slstm.layers");
  nlohmann::json wrong_mcgsm = good;
  wrong_mcgsm["mcgsm"]["inputs"] = 3;
  expect_error(wrong_mcgsm, "mcgsm.inputs");
  nlohmann::json bad_bounded = good;
  bad_bounded["slstm"]["layers"][1]["bounded"] = 1;
  expect_error(bad_bounded, "slstm.layers[1].bounded");
  nlohmann::json mixed_bounded = good;
  mixed_bounded["slstm"]["layers"][1]["bounded"] = true;
  expect_error(mixed_bounded, "slstm.layers[1].bounded");
  // Checkpoints from before bounded cells have no "bounded": their cells are unbounded.
  nlohmann::json older = good;
  for (auto& layer : older["slstm"]["layers"]) layer.erase("bounded");
  EXPECT_FALSE(RideModelFromJson(older, nullptr).slstm.layers()[0].bounded);
  nlohmann::json bounded = good;
  for (auto& layer : bounded["slstm"]["layers"]) layer["bounded"] = true;
  EXPECT_TRUE(RideModelFromJson(bounded, nullptr).slstm.layers()[1].bounded);
  EXPECT_EQ(RideModelToJson(RideModelFromJson(bounded, nullptr), nullptr), bounded);
  // An MCGSM reader refuses a RIDE checkpoint by its kind.
  try {
    McgsmModelFromJson(good);
    ADD_FAILURE() << "the MCGSM reader accepted a RIDE checkpoint";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("model"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ride::trainer
