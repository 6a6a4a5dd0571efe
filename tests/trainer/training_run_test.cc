// The whole training runs of ride-train (mcgsm_run.h, ride_run.h) on a folder of small images: the
// files they write, the notes, stopping and resuming. (That the program and the Python module give
// the same checkpoints through them is python/tests/test_train.py's.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "trainer/src/checkpoint.h"
#include "trainer/src/distributed.h"
#include "trainer/src/image_io.h"
#include "trainer/src/mcgsm_run.h"
#include "trainer/src/ride_checkpoint.h"
#include "trainer/src/ride_run.h"
#include "trainer/src/training_images.h"

namespace ride::trainer {
namespace {

namespace fs = std::filesystem;

// A folder of its own for the test (process and test name), with `count` random 24 × 20 images.
fs::path ImageFolder(int count) {
  const fs::path dir = fs::temp_directory_path() /
                       ("ride_training_run_" + std::to_string(::getpid()) + "_" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir / "images");
  for (int i = 0; i < count; ++i) {
    std::mt19937_64 rng(i + 1);
    GrayImage image;
    image.width = 24;
    image.height = 20;
    int previous = 128;
    for (int k = 0; k < image.width * image.height; ++k) {  // a little correlation, like a photograph
      previous = std::clamp(previous + static_cast<int>(rng() % 41) - 20, 0, 255);
      image.pixels.push_back(static_cast<uint8_t>(previous));
    }
    WriteGrayImage(image, (dir / "images" / ("image-" + std::to_string(i) + ".pgm")).string(), false);
  }
  return dir;
}

int Lines(const fs::path& path) {
  std::ifstream in(path);
  return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

McgsmRunOptions TinyMcgsm(const fs::path& dir) {
  McgsmRunOptions options;
  options.train_dirs = {(dir / "images").string()};
  options.val_count = 1;
  options.pixels = 1500;
  options.val_pixels = 400;
  options.window = "5x3";
  options.components = options.scales = options.features = 2;
  options.max_iter = 6;
  options.validate_every = 2;
  options.threads = 1;
  options.output = (dir / "mcgsm.ckpt.json").string();
  options.metrics = (dir / "mcgsm.jsonl").string();
  options.command = "test";
  return options;
}

TEST(TrainingRunTest, McgsmRunWritesItsCheckpointMetricsAndNotes) {
  LocalCommunicator alone;
  const fs::path dir = ImageFolder(4);
  std::vector<std::string> notes;
  int iterations = 0;
  McgsmRunHooks hooks;
  hooks.note = [&](const std::string& line) { notes.push_back(line); };
  hooks.on_iteration = [&](const TrainProgress& p) { iterations = p.iteration; };
  const McgsmRunResult result = RunMcgsmTraining(TinyMcgsm(dir), hooks, alone);
  EXPECT_EQ(result.train.iterations, 6);
  EXPECT_EQ(iterations, 6);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0], "reading 3 training and 1 validation images from " + (dir / "images").string());
  EXPECT_EQ(notes[1].rfind("1440 training, 400 validation pairs of 12 inputs (window 5x3); data ready in", 0), 0u)
      << notes[1];
  const McgsmModel model = LoadCheckpoint((dir / "mcgsm.ckpt.json").string());
  EXPECT_EQ(model.training.command, "test");
  EXPECT_EQ(model.training.iterations, 6);
  EXPECT_EQ(model.training.validation_bits_per_pixel, result.train.val_bpp);
  EXPECT_EQ(model.training.data, (dir / "images").string());
  EXPECT_EQ(Lines(dir / "mcgsm.jsonl"), 7);  // one per iteration and {"done": true, ...}
  fs::remove_all(dir);
}

TEST(TrainingRunTest, McgsmRunStoppedByTheHookKeepsTheBestCheckpoint) {
  LocalCommunicator alone;
  const fs::path dir = ImageFolder(4);
  McgsmRunHooks hooks;
  int asked = 0;
  hooks.should_stop = [&] { return ++asked == 2; };
  const McgsmRunResult result = RunMcgsmTraining(TinyMcgsm(dir), hooks, alone);
  EXPECT_TRUE(result.train.cancelled);
  EXPECT_EQ(result.train.iterations, 2);
  EXPECT_EQ(LoadCheckpoint((dir / "mcgsm.ckpt.json").string()).training.iterations, 2);
  fs::remove_all(dir);
}

TEST(TrainingRunTest, McgsmRunNeedsAFolderOrATexture) {
  LocalCommunicator alone;
  McgsmRunOptions options;
  EXPECT_THROW(RunMcgsmTraining(options, {}, alone), std::invalid_argument);
  options.train_dirs = {"a"};
  options.texture = "b";
  EXPECT_THROW(RunMcgsmTraining(options, {}, alone), std::invalid_argument);
  options.train_dirs.clear();
  options.downscales = {1, 2};  // a texture validates on its own region, at its own scale
  EXPECT_THROW(RunMcgsmTraining(options, {}, alone), std::invalid_argument);
}

TEST(TrainingRunTest, FoldersTrainWithDownscaledCopiesAndValidationFoldersValidateAsTheyAre) {
  const fs::path dir = ImageFolder(3);
  fs::create_directories(dir / "more");
  fs::create_directories(dir / "val");
  fs::rename(dir / "images" / "image-2.pgm", dir / "more" / "image-2.pgm");
  WriteGrayImage(GrayImage{8, 6, std::vector<uint8_t>(48, 7)}, (dir / "val" / "flat.pgm").string(), false);
  LocalCommunicator alone;
  TrainingImageSource source;
  source.train_dirs = {(dir / "images").string(), (dir / "more").string()};
  source.val_dirs = {(dir / "val").string()};
  source.downscales = {1, 2, 4};
  const TrainingImages images = ReadTrainingImages(source, alone);
  ASSERT_EQ(images.train.count(), 9);  // 3 images at 3 scales
  EXPECT_EQ(images.train.sizes[0].width, 24);
  EXPECT_EQ(images.train.sizes[1].width, 12);
  EXPECT_EQ(images.train.sizes[2].width, 6);
  EXPECT_EQ(images.train.sizes[2].height, 5);
  ASSERT_EQ(images.validation.count(), 1);
  EXPECT_EQ(images.validation.sizes[0].width, 8);
  EXPECT_EQ(images.data, (dir / "images").string() + " + " + (dir / "more").string() +
                             " (each image at area-averaging downscales 1, 2, 4); validation " + (dir / "val").string());
  // Without validation folders the last val_count files of the folders, in order, validate.
  source.val_dirs.clear();
  source.downscales = {1};
  source.val_count = 1;
  const TrainingImages split = ReadTrainingImages(source, alone);
  EXPECT_EQ(split.train.count(), 2);
  EXPECT_EQ(split.validation.count(), 1);
  EXPECT_EQ(split.data, (dir / "images").string() + " + " + (dir / "more").string());
  fs::remove_all(dir);
}

RideRunOptions TinyRide(const fs::path& dir) {
  RideRunOptions options;
  options.train_dirs = {(dir / "images").string()};
  options.val_count = 1;
  options.hidden = {3};
  options.components = options.scales = options.features = 2;
  RideTrainOptions& t = options.train;
  t.patch_sizes = {4, 5};
  t.learning_rates = {0.05, 0.02};
  t.batch_size = 4;
  t.epoch_pixels = 300;
  t.refit_pixels = 400;
  t.refit_iterations = 3;
  t.validation_patches = 2;
  t.validation_patch_size = 8;
  t.threads = 1;
  t.seed = 3;
  options.output = (dir / "ride.ckpt.json").string();
  options.checkpoint_dir = (dir / "stages").string();
  options.metrics = (dir / "ride.jsonl").string();
  options.curve = (dir / "ride.svg").string();
  options.command = "test";
  return options;
}

TEST(TrainingRunTest, RideRunStoppedAfterAStageResumesToTheUninterruptedModel) {
  LocalCommunicator alone;
  const fs::path dir = ImageFolder(4);
  RideRunOptions straight_options = TinyRide(dir);
  straight_options.checkpoint_dir.clear();
  straight_options.metrics.clear();
  straight_options.output = (dir / "straight.ckpt.json").string();
  const RideRunResult straight = RunRideTraining(straight_options, {}, alone);
  EXPECT_FALSE(straight.cancelled);
  EXPECT_TRUE(straight.output_written);

  // Stop in stage 2's SGD: the checkpoints are stage 1's.
  RideRunHooks hooks;
  bool in_stage_2 = false;
  hooks.progress = [&](const RideStageReport& r) { in_stage_2 = r.stage == 1; };
  hooks.should_stop = [&] { return in_stage_2; };
  const RideRunResult stopped = RunRideTraining(TinyRide(dir), hooks, alone);
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_TRUE(stopped.output_written);
  EXPECT_EQ(stopped.state.stages_done, 1);
  EXPECT_EQ(stopped.stages, 2);
  EXPECT_TRUE(fs::exists(dir / "stages" / "stage-01.ckpt.json"));
  EXPECT_FALSE(fs::exists(dir / "stages" / "stage-02.ckpt.json"));
  EXPECT_EQ(Lines(dir / "ride.jsonl"), 1);

  std::vector<std::string> notes;
  RideRunHooks resume;
  resume.note = [&](const std::string& line) { notes.push_back(line); };
  const RideRunResult resumed = RunRideTraining(TinyRide(dir), resume, alone);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0], "resuming from " + (dir / "stages" / "latest.ckpt.json").string() + " after stage 1");
  EXPECT_EQ(resumed.state.validation_bpp, straight.state.validation_bpp);
  RideTrainState a, b;
  const RideModel resumed_model = LoadRideCheckpoint((dir / "ride.ckpt.json").string(), &a);
  const RideModel straight_model = LoadRideCheckpoint((dir / "straight.ckpt.json").string(), &b);
  EXPECT_EQ(resumed_model.slstm.Parameters(), straight_model.slstm.Parameters());
  EXPECT_EQ(resumed_model.mcgsm.Pack(), straight_model.mcgsm.Pack());
  EXPECT_EQ(Lines(dir / "ride.jsonl"), resumed.state.stages_done);  // appended, a line per stage
  EXPECT_TRUE(fs::exists(dir / "ride.svg"));
  fs::remove_all(dir);
}

// Runs TinyRide in `dir` until stage 1 is checkpointed, then stops.
void RunOneStage(const fs::path& dir) {
  LocalCommunicator alone;
  RideRunHooks hooks;
  bool in_stage_2 = false;
  hooks.progress = [&](const RideStageReport& r) { in_stage_2 = r.stage == 1; };
  hooks.should_stop = [&] { return in_stage_2; };
  ASSERT_TRUE(RunRideTraining(TinyRide(dir), hooks, alone).cancelled);
}

std::string ResumeError(const RideRunOptions& options) {
  LocalCommunicator alone;
  try {
    RunRideTraining(options, {}, alone);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(TrainingRunTest, RideResumeWithOtherSettingsIsRefusedNamingEach) {
  const fs::path dir = ImageFolder(4);
  RunOneStage(dir);
  RideRunOptions other = TinyRide(dir);
  other.hidden = {4};
  other.train.learning_rates = {0.05, 0.01};
  const std::string error = ResumeError(other);
  EXPECT_NE(error.find("stages/latest.ckpt.json"), std::string::npos) << error;
  EXPECT_NE(error.find("--hidden: the checkpoint has 3, this run asks for 4"), std::string::npos) << error;
  EXPECT_NE(error.find("--learning-rates: the checkpoint has 0.05 0.02, this run asks for 0.05 0.01"),
            std::string::npos)
      << error;
  // The flag re-baselines validation only: other settings stay refused.
  other.rebaseline_validation = true;
  EXPECT_NE(ResumeError(other).find("--hidden"), std::string::npos);

  // Threads are not a setting of the run.
  RideRunOptions more_threads = TinyRide(dir);
  more_threads.train.threads = 2;
  LocalCommunicator alone;
  EXPECT_EQ(RunRideTraining(more_threads, {}, alone).state.stages_done, 2);
  fs::remove_all(dir);
}

TEST(TrainingRunTest, RideResumeWithOtherValidationNeedsTheFlagAndThenRebaselines) {
  const fs::path dir = ImageFolder(4);
  RunOneStage(dir);
  RideRunOptions other = TinyRide(dir);
  other.train.validation_patches = 3;
  const std::string error = ResumeError(other);
  EXPECT_NE(error.find("--validation-patches: the checkpoint has 2, this run asks for 3"), std::string::npos) << error;
  EXPECT_NE(error.find("--rebaseline-validation"), std::string::npos) << error;

  other.rebaseline_validation = true;
  std::vector<std::string> notes;
  RideRunHooks hooks;
  hooks.note = [&](const std::string& line) { notes.push_back(line); };
  LocalCommunicator alone;
  const RideRunResult resumed = RunRideTraining(other, hooks, alone);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[1].rfind("validation re-baselined (--validation-patches: the checkpoint has 2", 0), 0u) << notes[1];
  EXPECT_EQ(resumed.state.stages_done, 2);
  // The stage-1 model measured on the new validation is the baseline stage 2 was compared with.
  const std::size_t at = notes[1].find("validates at ");
  ASSERT_NE(at, std::string::npos) << notes[1];
  const double baseline = std::stod(notes[1].substr(at + 13));
  const RideTrainState& s = resumed.state;
  if (s.stopped) {
    EXPECT_EQ(s.best_stage, 0);
    EXPECT_NEAR(s.best_validation_bpp, baseline, 1e-4);
  } else {
    EXPECT_EQ(s.best_stage, 1);
    EXPECT_GT(s.validation_bpp[1], baseline - 1e-4);
  }
  // The new settings are recorded: resuming again with them needs no flag.
  RideTrainState latest;
  LoadRideCheckpoint((dir / "stages" / "latest.ckpt.json").string(), &latest);
  EXPECT_EQ(latest.settings["validation"]["--validation-patches"], 3);
  fs::remove_all(dir);
}

TEST(TrainingRunTest, RideCheckpointWithoutSettingsResumesWithANote) {
  const fs::path dir = ImageFolder(4);
  RunOneStage(dir);
  const std::string latest = (dir / "stages" / "latest.ckpt.json").string();
  RideTrainState state;
  const RideModel model = LoadRideCheckpoint(latest, &state);
  ASSERT_TRUE(state.settings.is_object());
  state.settings = nullptr;  // as an earlier trainer wrote it
  SaveRideCheckpoint(model, &state, latest);
  std::vector<std::string> notes;
  RideRunHooks hooks;
  hooks.note = [&](const std::string& line) { notes.push_back(line); };
  LocalCommunicator alone;
  EXPECT_EQ(RunRideTraining(TinyRide(dir), hooks, alone).state.stages_done, 2);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_NE(notes[1].find("records no settings"), std::string::npos) << notes[1];
  fs::remove_all(dir);
}

TEST(TrainingRunTest, RideRunStoppedInItsFirstStageWritesNoOutput) {
  LocalCommunicator alone;
  const fs::path dir = ImageFolder(4);
  RideRunHooks hooks;
  hooks.should_stop = [] { return true; };
  const RideRunResult stopped = RunRideTraining(TinyRide(dir), hooks, alone);
  EXPECT_TRUE(stopped.cancelled);
  EXPECT_FALSE(stopped.output_written);
  EXPECT_FALSE(fs::exists(dir / "ride.ckpt.json"));
  fs::remove_all(dir);
}

TEST(TrainingRunTest, TextureDefaultsFollowThePapersRecipeUnlessGiven) {
  RideRunOptions options;
  ApplyTextureDefaults(160, 160, 15, &options);
  EXPECT_EQ(options.train.patch_sizes, (std::vector<int>{20, 24, 28, 32, 36, 40}));
  EXPECT_EQ(options.train.learning_rates.size(), 6u);
  EXPECT_EQ(options.train.epoch_pixels, kMinTextureEpochPixels);
  EXPECT_EQ(options.train.max_gradient_norm, 1);
  EXPECT_EQ(options.train.validation_patch_size, 160);
  EXPECT_EQ(options.train.validation_patches, 1);
  RideRunOptions given;
  given.patch_sizes_given = given.epoch_pixels_given = true;
  given.train.patch_sizes = {8};
  given.train.epoch_pixels = 1000;
  ApplyTextureDefaults(100, 50, 15, &given);
  EXPECT_EQ(given.train.patch_sizes, std::vector<int>{8});
  EXPECT_EQ(given.train.learning_rates, std::vector<double>{1});
  EXPECT_EQ(given.train.epoch_pixels, 1000);
  EXPECT_EQ(given.train.validation_patch_size, 50);
  EXPECT_EQ(given.train.validation_patches, 2);
}

}  // namespace
}  // namespace ride::trainer
