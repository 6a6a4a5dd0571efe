// Colour training (colour_image.h, colour_dataset.h, colour_checkpoint.h, colour_run.h): the
// transforms are bijections, downscaling averages, the heads' inputs are laid out as the runtime
// reads them, the gradients of a colour head are right, checkpoints round-trip, and a stopped run
// resumes to the uninterrupted model.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_output.h"
#include "trainer/src/checkpoint_json.h"
#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/colour_dataset.h"
#include "trainer/src/colour_image.h"
#include "trainer/src/colour_run.h"
#include "trainer/src/distributed.h"
#include "trainer/src/image_io.h"
#include "trainer/src/mcgsm.h"

namespace ride::trainer {
namespace {

namespace fs = std::filesystem;

ColourImage RandomColourImage(int width, int height, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ColourImage image;
  image.width = width;
  image.height = height;
  for (int c = 0; c < 3; ++c) {
    int previous = 100 + 20 * c;
    for (int k = 0; k < width * height; ++k) {  // a little correlation, like a photograph
      previous = std::clamp(previous + static_cast<int>(rng() % 31) - 15, 0, 255);
      image.planes[c].push_back(previous);
    }
  }
  return image;
}

void WriteRgbPng(const ColourImage& image, const std::string& path) {
  tools::ImageWriteOptions options;
  options.channels = 3;
  tools::ImageOutput out = tools::CreateImageOutput(path, false, "", tools::ImageFormat::kPng, image.width,
                                                    image.height, options);
  std::vector<uint8_t> row(3 * static_cast<size_t>(image.width));
  for (int r = 0; r < image.height; ++r) {
    for (int x = 0; x < image.width; ++x)
      for (int c = 0; c < 3; ++c) row[3 * x + c] = static_cast<uint8_t>(image.at(c, r, x));
    out.writer->WriteRow(row.data());
  }
  out.writer->Finish();
  out.file->Commit();
}

// A folder of its own for the test, with `count` random 24 × 20 RGB PNGs and one gray PGM.
fs::path ColourFolder(int count) {
  const fs::path dir = fs::temp_directory_path() /
                       ("ride_colour_" + std::to_string(::getpid()) + "_" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir / "train");
  fs::create_directories(dir / "val");
  for (int i = 0; i < count; ++i) {
    WriteRgbPng(RandomColourImage(24, 20, i + 1), (dir / (i + 1 < count ? "train" : "val") / ("c" + std::to_string(i) + ".png")).string());
  }
  GrayImage gray;
  gray.width = gray.height = 8;
  gray.pixels.assign(64, 7);
  WriteGrayImage(gray, (dir / "train" / "gray.pgm").string(), false);
  return dir;
}

TEST(ColourImageTest, YcocgRIsABijectionOnEightBitRgb) {
  ColourImage rgb;
  rgb.width = 1 << 12;
  rgb.height = 1 << 12;
  for (auto& plane : rgb.planes) plane.resize(size_t{1} << 24);
  for (uint32_t v = 0; v < (1u << 24); ++v) {
    rgb.planes[0][v] = static_cast<int>(v >> 16);
    rgb.planes[1][v] = static_cast<int>((v >> 8) & 255);
    rgb.planes[2][v] = static_cast<int>(v & 255);
  }
  const ColourImage ycocg = ApplyColourTransform(rgb, ColourTransform::kYcocgR);
  EXPECT_EQ(*std::min_element(ycocg.planes[0].begin(), ycocg.planes[0].end()), 0);
  EXPECT_EQ(*std::max_element(ycocg.planes[0].begin(), ycocg.planes[0].end()), 255);
  for (int c = 1; c < 3; ++c) {
    EXPECT_EQ(*std::min_element(ycocg.planes[c].begin(), ycocg.planes[c].end()), -255);
    EXPECT_EQ(*std::max_element(ycocg.planes[c].begin(), ycocg.planes[c].end()), 255);
  }
  const ColourImage back = InvertColourTransform(ycocg, ColourTransform::kYcocgR);
  for (int c = 0; c < 3; ++c) EXPECT_TRUE(back.planes[c] == rgb.planes[c]) << "plane " << c;
  // White and a pure red, by hand: Co = R − B, Cg = G − (B + ⌊Co/2⌋), Y = B + ⌊Co/2⌋ + ⌊Cg/2⌋.
  EXPECT_EQ(ycocg.planes[0][0xFFFFFF], 255);
  EXPECT_EQ(ycocg.planes[1][0xFFFFFF], 0);
  EXPECT_EQ(ycocg.planes[1][0xFF0000], 255);
  EXPECT_EQ(ycocg.planes[2][0xFF0000], -127);
  EXPECT_EQ(ycocg.planes[0][0xFF0000], 127 - 64);
  EXPECT_EQ(ParseColourTransform("ycocg-r"), ColourTransform::kYcocgR);
  EXPECT_THROW(ParseColourTransform("yuv"), std::invalid_argument);
}

TEST(ColourImageTest, DownscalingAveragesEachBlockRoundingHalfUp) {
  ColourImage image;
  image.width = 5;  // the last column and row fill no 2 × 2 block: dropped
  image.height = 3;
  image.planes[0] = {0, 1, 10, 10, 99, 0, 0, 10, 11, 99, 99, 99, 99, 99, 99};
  image.planes[1].assign(15, 200);
  image.planes[2] = {255, 255, 0, 0, 7, 255, 254, 0, 1, 7, 7, 7, 7, 7, 7};
  const ColourImage half = DownscaleByArea(image, 2);
  EXPECT_EQ(half.width, 2);
  EXPECT_EQ(half.height, 1);
  EXPECT_EQ(half.planes[0], (std::vector<int>{0, 10}));  // 1/4 rounds to 0, 41/4 to 10
  EXPECT_EQ(half.planes[1], (std::vector<int>{200, 200}));
  EXPECT_EQ(half.planes[2], (std::vector<int>{255, 0}));  // 1019/4 = 254.75 -> 255, 1/4 -> 0
  EXPECT_EQ(DownscaleByArea(image, 1).planes[0], image.planes[0]);
  EXPECT_THROW(DownscaleByArea(image, 4), std::invalid_argument);
  EXPECT_THROW(DownscaleByArea(image, 0), std::invalid_argument);
}

TEST(ColourImageTest, ReadsRgbAndRefusesGray) {
  const fs::path dir = ColourFolder(2);
  const ColourImage expected = RandomColourImage(24, 20, 1);
  const std::string path = (dir / "train" / "c0.png").string();
  EXPECT_TRUE(IsColourImageFile(path));
  const ColourImage read = ReadRgbImage(path);
  for (int c = 0; c < 3; ++c) EXPECT_EQ(read.planes[c], expected.planes[c]);
  EXPECT_FALSE(IsColourImageFile((dir / "train" / "gray.pgm").string()));
  EXPECT_THROW(ReadRgbImage((dir / "train" / "gray.pgm").string()), tools::FileError);
  fs::remove_all(dir);
}

TEST(ColourDatasetTest, InputsAreEveryPlanesWindowThenTheEarlierChannels) {
  const CausalWindow window = CausalWindow::Parse("3x2");  // N = 4: three above, one to the left
  const ColourImage image = RandomColourImage(5, 4, 3);
  const auto values = MidpointPlanes(image);
  std::vector<double> out(static_cast<size_t>(ColourInputs(window, 2)));
  ASSERT_EQ(out.size(), 14u);
  ExtractColourInputs(values, 5, 4, window, ColourTransform::kRgb, 2, 2, 1, out.data());
  for (int plane = 0; plane < 3; ++plane) {
    std::vector<double> expected(4);
    ExtractNeighborhood(values[plane].data(), 5, 4, window, 0.5, 2, 1, expected.data());
    for (int k = 0; k < 4; ++k) EXPECT_EQ(out[4 * plane + k], expected[k]) << "plane " << plane << " input " << k;
  }
  EXPECT_EQ(out[12], values[0][2 * 5 + 1]);  // the pixel's own R, then G
  EXPECT_EQ(out[13], values[1][2 * 5 + 1]);
  // YCoCg-R's chroma planes read 0 outside the image, luma the mid grey.
  ExtractColourInputs(values, 5, 4, window, ColourTransform::kYcocgR, 0, 0, 0, out.data());
  EXPECT_EQ(out[0], 0.5);
  EXPECT_EQ(out[4], 0.0);
  EXPECT_EQ(out[8], 0.0);
}

TEST(ColourDatasetTest, ChannelsShareTheirPixelsAndTheirNoise) {
  std::vector<ColourImage> images = {RandomColourImage(12, 10, 1), RandomColourImage(9, 7, 2)};
  const ImageShard<ColourImage> shard = WholeSet(images);
  const CausalWindow window = CausalWindow::Parse("3x2");
  const PairSet red = BuildColourPairs(shard, window, ColourTransform::kRgb, 0, 50, 5);
  const PairSet green = BuildColourPairs(shard, window, ColourTransform::kRgb, 1, 50, 5);
  const PairSet blue = BuildColourPairs(shard, window, ColourTransform::kRgb, 2, 50, 5);
  ASSERT_EQ(red.size(), 50);
  EXPECT_EQ(red.inputs.rows(), 12);
  EXPECT_EQ(blue.inputs.rows(), 14);
  EXPECT_EQ(red.inputs, green.inputs.topRows(12));     // the same pixels, the same dequantised windows
  EXPECT_EQ(green.inputs.row(12), red.outputs);        // G's head sees the R it follows ...
  EXPECT_EQ(blue.inputs.row(13), green.outputs);       // ... and B's the G
  for (Eigen::Index k = 0; k < red.size(); ++k) {
    EXPECT_GE(red.outputs[k] * 256, std::floor(red.outputs[k] * 256));
  }
}

TEST(ColourHeadTest, GradientsMatchCentralDifferencesOnColourInputs) {
  // A head of the blue channel: inputs from every plane's window and the pixel's R and G.
  const ImageShard<ColourImage> shard = WholeSet(std::vector<ColourImage>{RandomColourImage(10, 8, 4)});
  const CausalWindow window = CausalWindow::Parse("3x2");
  PairSet pairs = BuildColourPairs(shard, window, ColourTransform::kRgb, 2, 40, 1);
  const Whitening whitening = Whitening::Fit(pairs.inputs, pairs.outputs);
  whitening.WhitenInPlace(&pairs.inputs, &pairs.outputs);
  const Eigen::MatrixXd z = pairs.inputs.leftCols(5);
  const Eigen::RowVectorXd y = pairs.outputs.leftCols(5);
  McgsmParams p = McgsmParams::Initial({14, 2, 2, 3}, 7);
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  Eigen::VectorXd theta = p.Pack();
  for (Eigen::Index k = 0; k < theta.size(); ++k) theta[k] += u(rng);
  p.Unpack(theta);
  Eigen::VectorXd grad;
  Eigen::MatrixXd dz;
  McgsmLogLikelihoodGradient(p, z, y, &grad, &dz);
  auto sum = [&](const McgsmParams& q, const Eigen::MatrixXd& inputs) { return McgsmLogLikelihood(q, inputs, y).sum(); };
  const double eps = 1e-6;
  for (Eigen::Index k = 0; k < theta.size(); ++k) {
    Eigen::VectorXd plus = theta, minus = theta;
    plus[k] += eps;
    minus[k] -= eps;
    McgsmParams a = p, b = p;
    a.Unpack(plus);
    b.Unpack(minus);
    const double numeric = (sum(a, z) - sum(b, z)) / (2 * eps);
    EXPECT_NEAR(grad[k], numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << "parameter " << k;
  }
  for (Eigen::Index k = 0; k < z.size(); ++k) {  // the cross-channel inputs and the earlier channels too
    Eigen::MatrixXd plus = z, minus = z;
    plus.data()[k] += eps;
    minus.data()[k] -= eps;
    const double numeric = (sum(p, plus) - sum(p, minus)) / (2 * eps);
    EXPECT_NEAR(dz.data()[k], numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << "input " << k;
  }
}

ColourRunOptions TinyColour(const fs::path& dir) {
  ColourRunOptions options;
  options.train_dirs = {(dir / "train").string()};
  options.val_dirs = {(dir / "val").string()};
  options.downscale = 2;
  options.pixels = 300;
  options.val_pixels = 100;
  options.window = "3x2";
  options.components = options.scales = options.features = 2;
  options.max_iter = 4;
  options.validate_every = 2;
  options.threads = 1;
  options.output = (dir / "colour.ckpt.json").string();
  options.command = "test";
  return options;
}

TEST(ColourRunTest, TrainsThreeHeadsAndNotesWhatItRead) {
  LocalCommunicator alone;
  const fs::path dir = ColourFolder(4);
  std::vector<std::string> notes;
  ColourRunHooks hooks;
  hooks.note = [&](const std::string& line) { notes.push_back(line); };
  const ColourMcgsmModel model = RunColourTraining(TinyColour(dir), hooks, alone);
  ASSERT_TRUE(model.complete());
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes[0],
            "reading 3 training images (1 gray ones skipped), downscaled 2x, and 1 validation images (0 gray skipped); "
            "transform rgb");
  EXPECT_EQ(model.training.train_pixels, 300);
  const ColourMcgsmModel loaded = LoadColourCheckpoint((dir / "colour.ckpt.json").string());
  EXPECT_EQ(ColourModelToJson(loaded).dump(), ColourModelToJson(model).dump());
  for (int c = 0; c < 3; ++c) EXPECT_EQ(loaded.heads[c].mcgsm.shape.inputs, 12 + c);
  fs::remove_all(dir);
}

TEST(ColourRunTest, StoppedInAHeadResumesToTheUninterruptedModel) {
  LocalCommunicator alone;
  const fs::path dir = ColourFolder(4);
  const ColourMcgsmModel whole = RunColourTraining(TinyColour(dir), {}, alone);
  ColourRunOptions options = TinyColour(dir);
  options.output = (dir / "stopped.ckpt.json").string();
  ColourRunHooks hooks;
  int asked = 0;
  hooks.should_stop = [&] { return ++asked == 6; };  // in the second head (4 iterations each)
  const ColourMcgsmModel stopped = RunColourTraining(options, hooks, alone);
  EXPECT_EQ(stopped.heads.size(), 1u);
  EXPECT_EQ(LoadColourCheckpoint(options.output).heads.size(), 1u);
  options.resume = true;
  const ColourMcgsmModel resumed = RunColourTraining(options, {}, alone);
  ASSERT_TRUE(resumed.complete());
  nlohmann::json a = ColourModelToJson(resumed), b = ColourModelToJson(whole);
  a.erase("training");
  b.erase("training");
  EXPECT_EQ(a.dump(), b.dump());
  fs::remove_all(dir);
}

TEST(ColourCheckpointTest, RefusesHeadsThatDisagreeWithTheWindow) {
  ColourMcgsmModel model;
  model.window = CausalWindow::Parse("3x2");
  ColourHead head;
  const ImageShard<ColourImage> shard = WholeSet(std::vector<ColourImage>{RandomColourImage(10, 8, 4)});
  const PairSet pairs = BuildColourPairs(shard, model.window, ColourTransform::kRgb, 1, 80, 1);
  head.whitening = Whitening::Fit(pairs.inputs, pairs.outputs);
  head.mcgsm = McgsmParams::Initial({13, 2, 2, 2}, 1);
  model.heads.push_back(head);  // a channel-1 head in channel 0's place
  EXPECT_THROW(model.Check(), std::invalid_argument);
  nlohmann::json j = ColourModelToJson(ColourMcgsmModel{model.window, ColourTransform::kRgb, 2, {}, {}});
  j["transform"] = "hsv";
  EXPECT_THROW(ColourModelFromJson(j), std::runtime_error);
}

}  // namespace
}  // namespace ride::trainer
