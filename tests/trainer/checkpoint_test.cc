#include "trainer/src/checkpoint.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "trainer/src/evaluation.h"

namespace ride::trainer {
namespace {

McgsmModel SmallModel() {
  McgsmModel model;
  model.window = CausalWindow{3, 2};  // 4 inputs
  const int d = model.window.Inputs();
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(d, 200);
  Eigen::RowVectorXd y = 0.3 * x.colwise().sum() + 0.1 * Eigen::RowVectorXd::Random(200);
  model.whitening = Whitening::Fit(x, y);
  model.mcgsm = McgsmParams::Initial({d, 3, 2, 2}, 5);
  model.training.data = "somewhere";
  model.training.train_pixels = 200;
  model.training.validation_bits_per_pixel = 3.25;
  model.training.seed = 99;
  model.training.date = "2026-01-02";
  return model;
}

// Names of this process only: other builds of the project may run the same tests at the same time.
std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_" + name)).string();
}

TEST(CheckpointTest, SaveLoadRoundTripIsExact) {
  const McgsmModel model = SmallModel();
  const std::string path = TempPath("ride_trainer_roundtrip.ckpt.json");
  SaveCheckpoint(model, path);
  // The temporary beside it (tools/common/output_file.h names it) is gone.
  const std::string temporary =
      "." + std::filesystem::path(path).filename().string() + ".ride-tmp-" + std::to_string(::getpid()) + "-";
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    EXPECT_NE(entry.path().filename().string().rfind(temporary, 0), 0u) << entry.path();
  }
  const McgsmModel back = LoadCheckpoint(path);
  EXPECT_EQ(back.window.width, 3);
  EXPECT_EQ(back.window.height, 2);
  EXPECT_EQ(back.padding, kPadding);
  EXPECT_EQ(back.whitening.mean_x, model.whitening.mean_x);
  EXPECT_EQ(back.whitening.whiten_x, model.whitening.whiten_x);
  EXPECT_EQ(back.whitening.regression, model.whitening.regression);
  EXPECT_EQ(back.whitening.mean_y, model.whitening.mean_y);
  EXPECT_EQ(back.whitening.p_out, model.whitening.p_out);
  EXPECT_EQ(back.mcgsm.Pack(), model.mcgsm.Pack());
  EXPECT_EQ(back.training.seed, 99u);
  EXPECT_EQ(back.training.validation_bits_per_pixel, 3.25);
  EXPECT_EQ(back.training.data, "somewhere");
}

TEST(CheckpointTest, LayoutIsRowMajorAsDocumented) {
  const McgsmModel model = SmallModel();
  const nlohmann::json j = McgsmModelToJson(model);
  EXPECT_EQ(j["format"], "ride-checkpoint");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["mcgsm"]["eta"].size(), 6u);
  EXPECT_EQ(j["mcgsm"]["eta"][1].get<double>(), model.mcgsm.eta(0, 1));                // c * S + s
  EXPECT_EQ(j["mcgsm"]["features_b"][1].get<double>(), model.mcgsm.features(0, 1));    // d * F + n
  EXPECT_EQ(j["mcgsm"]["predictors"][4].get<double>(), model.mcgsm.predictors(1, 1));  // d * C + c
  EXPECT_EQ(j["whitening"]["whiten_x"][1].get<double>(), model.whitening.whiten_x(0, 1));
}

void ExpectLoadErrorMentions(nlohmann::json j, const std::string& field) {
  try {
    McgsmModelFromJson(j);
    FAIL() << "expected an error about " << field;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

TEST(CheckpointTest, LoadRejectsBadFieldsByName) {
  const nlohmann::json good = McgsmModelToJson(SmallModel());
  nlohmann::json j = good;
  j["version"] = 2;
  ExpectLoadErrorMentions(j, "version");
  j = good;
  j["mcgsm"]["alpha"].erase(0);
  ExpectLoadErrorMentions(j, "mcgsm.alpha");
  j = good;
  j["whitening"]["whiten_x"][0] = "x";
  ExpectLoadErrorMentions(j, "whitening.whiten_x");
  j = good;
  j["window"]["width"] = 4;
  ExpectLoadErrorMentions(j, "window");
  j = good;
  j.erase("mcgsm");
  ExpectLoadErrorMentions(j, "mcgsm");
  j = good;
  j["format"] = "other";
  ExpectLoadErrorMentions(j, "format");
}

TEST(CheckpointTest, LoadedModelGivesTheSameLikelihoods) {
  const McgsmModel model = SmallModel();
  const std::string path = TempPath("ride_trainer_same.ckpt.json");
  SaveCheckpoint(model, path);
  const McgsmModel back = LoadCheckpoint(path);
  std::vector<double> image(5 * 4);
  for (size_t i = 0; i < image.size(); ++i) image[i] = (i * 37 % 256 + 0.5) / 256.0;
  EXPECT_EQ(ImageLogLikelihood(model, image.data(), 5, 4),
            ImageLogLikelihood(back, image.data(), 5, 4));
}

}  // namespace
}  // namespace ride::trainer
