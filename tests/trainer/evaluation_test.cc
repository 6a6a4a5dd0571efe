#include "trainer/src/evaluation.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "trainer/src/dataset.h"

namespace ride::trainer {
namespace {

McgsmModel SmallModel() {
  McgsmModel model;
  model.window = CausalWindow{3, 2};
  const int d = model.window.Inputs();
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(d, 300).array() * 0.5 + 0.5;
  Eigen::RowVectorXd y = 0.25 * x.colwise().sum() + 0.1 * Eigen::RowVectorXd::Random(300);
  model.whitening = Whitening::Fit(x, y);
  model.mcgsm = McgsmParams::Initial({d, 2, 2, 2}, 5);
  return model;
}

// A 130 × 70 gray image: two whole 64 × 64 patches fit (the rest is dropped).
GrayImage TestImage() {
  GrayImage image{130, 70, {}};
  for (int r = 0; r < 70; ++r) {
    for (int c = 0; c < 130; ++c)
      image.pixels.push_back(static_cast<uint8_t>((r * 7 + c * 3) % 256));
  }
  return image;
}

// A file of this process and this test: ctest runs tests in parallel, and other builds of the
// project may run theirs at the same time.
std::string WritePgm(const GrayImage& image) {
  const std::string name = std::string("ride_trainer_eval_") + std::to_string(::getpid()) + "_" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".pgm";
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << image.width << " " << image.height << "\n255\n";
  out.write(reinterpret_cast<const char*>(image.pixels.data()), image.pixels.size());
  return path;
}

TEST(EvaluationTest, PatchesAreEvaluatedAsImagesOfTheirOwn) {
  const McgsmModel model = SmallModel();
  const GrayImage image = TestImage();
  EvalOptions options;
  options.midpoint = true;
  const EvalReport report = EvaluateImageFiles(model, {WritePgm(image)}, options);
  EXPECT_EQ(report.images, 1);
  EXPECT_EQ(report.whole.count, 1);
  ASSERT_EQ(report.patches.count, 2);

  const std::vector<double> values = Midpoints(image);
  const double whole = ImageLogLikelihood(model, values.data(), 130, 70).mean() / std::log(2.0);
  EXPECT_NEAR(report.whole.mean, whole, 1e-12);
  double patch_sum = 0;
  for (int c0 : {0, 64}) {
    std::vector<double> patch;
    for (int r = 0; r < 64; ++r) {
      for (int c = 0; c < 64; ++c) patch.push_back(values[r * 130 + c0 + c]);
    }
    patch_sum += ImageLogLikelihood(model, patch.data(), 64, 64).mean() / std::log(2.0);
  }
  EXPECT_NEAR(report.patches.mean, patch_sum / 2, 1e-12);
}

TEST(EvaluationTest, InteriorCountsOnlyPixelsWithTheirWholeWindowInside) {
  const McgsmModel model = SmallModel();  // window 3x2: rows >= 1, columns 1 .. width - 2
  const GrayImage image = TestImage();
  EvalOptions options;
  options.midpoint = true;
  options.interior_only = true;
  options.patch_size = 0;
  const EvalReport report = EvaluateImageFiles(model, {WritePgm(image)}, options);
  const std::vector<double> values = Midpoints(image);
  const Eigen::RowVectorXd ll = ImageLogLikelihood(model, values.data(), 130, 70);
  double sum = 0;
  for (int r = 1; r < 70; ++r) {
    for (int c = 1; c < 129; ++c) sum += ll[r * 130 + c];
  }
  EXPECT_NEAR(report.whole.mean, sum / (69 * 128) / std::log(2.0), 1e-12);
}

TEST(EvaluationTest, ImageLogLikelihoodMatchesPairsThroughTheModel) {
  const McgsmModel model = SmallModel();
  const std::vector<double> values = Midpoints(TestImage());
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  ExtractAllPairs(values.data(), 130, 70, model.window, model.padding, &x, &y);
  const Eigen::MatrixXd xw = model.whitening.WhitenInputs(x);
  const Eigen::RowVectorXd expected =
      McgsmLogLikelihood(model.mcgsm, xw, model.whitening.WhitenOutputs(xw, y)).array() +
      model.whitening.LogJacobian();
  EXPECT_LT((ImageLogLikelihood(model, values.data(), 130, 70) - expected).cwiseAbs().maxCoeff(),
            1e-9);
}

}  // namespace
}  // namespace ride::trainer
