#include "trainer/src/dataset.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace ride::trainer {
namespace {

std::vector<GrayImage> TwoImages() {
  GrayImage a{6, 5, {}}, b{4, 7, {}};
  for (int i = 0; i < 30; ++i) a.pixels.push_back(static_cast<uint8_t>(i * 8));
  for (int i = 0; i < 28; ++i) b.pixels.push_back(static_cast<uint8_t>(255 - i * 9));
  return {a, b};
}

TEST(DequantizeTest, ValuesStayInTheirBin) {
  const GrayImage image = TwoImages()[0];
  std::mt19937_64 rng(1);
  const std::vector<double> x = Dequantize(image, rng);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_GE(x[i] * 256, image.pixels[i]);
    EXPECT_LT(x[i] * 256, image.pixels[i] + 1);
  }
  EXPECT_EQ(Midpoints(image)[1], (8 + 0.5) / 256);
}

TEST(BuildPairsTest, ExactCountDeterministicAndSeedDependent) {
  const std::vector<GrayImage> images = TwoImages();
  const CausalWindow window{3, 2};
  const PairSet a = BuildPairs(images, window, kPadding, 20, 3);
  const PairSet b = BuildPairs(images, window, kPadding, 20, 3);
  const PairSet c = BuildPairs(images, window, kPadding, 20, 4);
  ASSERT_EQ(a.size(), 20);
  EXPECT_EQ(a.inputs.rows(), window.Inputs());
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.outputs, b.outputs);
  EXPECT_NE(a.outputs, c.outputs);
  // Asking for more than there are gives every pixel.
  EXPECT_EQ(BuildPairs(images, window, kPadding, 1000, 3).size(), 58);
}

TEST(BuildPairsTest, TargetsAndNeighboursShareOneDequantisation) {
  // With every pixel taken, pixel (r, c)'s left neighbour input equals pixel (r, c-1)'s target.
  const std::vector<GrayImage> images = TwoImages();
  const PairSet all =
      BuildPairs(images, CausalWindow{3, 1}, kPadding, 1000, 8);  // input: left pixel
  ASSERT_EQ(all.inputs.rows(), 1);
  for (int i = 1; i < 6; ++i) EXPECT_EQ(all.inputs(0, i), all.outputs[i - 1]);
  EXPECT_EQ(all.inputs(0, 0), kPadding);
}

TEST(SplitTest, LastFilesValidate) {
  std::vector<std::string> train, val;
  SplitTrainValidation({"a", "b", "c", "d"}, 1, &train, &val);
  EXPECT_EQ(train, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(val, (std::vector<std::string>{"d"}));
  EXPECT_THROW(SplitTrainValidation({"a"}, 1, &train, &val), std::invalid_argument);
}

}  // namespace
}  // namespace ride::trainer
