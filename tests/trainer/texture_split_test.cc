// The texture protocol's split (4 × 4 regions, one held out) and a tiny MCGSM training on it.
#include "trainer/src/texture_split.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "trainer/src/checkpoint.h"
#include "trainer/src/dataset.h"
#include "trainer/src/evaluation.h"
#include "trainer/src/mcgsm_train.h"
#include "trainer/src/whitening.h"

namespace ride::trainer {
namespace {

// Pixel (r, c) = (r * 7 + c * 3) mod 256: every region differs from the others.
GrayImage Ramp(int width, int height) {
  GrayImage image;
  image.width = width;
  image.height = height;
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c) image.pixels.push_back(static_cast<uint8_t>((r * 7 + c * 3) % 256));
  return image;
}

void ExpectRegionIsCrop(const GrayImage& texture, const GrayImage& region, int top, int left) {
  for (int r = 0; r < region.height; ++r)
    for (int c = 0; c < region.width; ++c) ASSERT_EQ(region.at(r, c), texture.at(top + r, left + c)) << r << "," << c;
}

TEST(TextureSplitTest, SixteenEqualRegionsInRasterOrderWithTheLastHeldOutByDefault) {
  const GrayImage texture = Ramp(64, 48);
  const TextureSplit split = SplitTexture(texture);
  EXPECT_EQ(split.held_out_region, 15);
  EXPECT_EQ(split.region_width, 16);
  EXPECT_EQ(split.region_height, 12);
  ASSERT_EQ(split.train.size(), 15u);
  for (int k = 0; k < 15; ++k) {
    EXPECT_EQ(split.train[k].width, 16);
    EXPECT_EQ(split.train[k].height, 12);
    ExpectRegionIsCrop(texture, split.train[k], (k / 4) * 12, (k % 4) * 16);
  }
  ExpectRegionIsCrop(texture, split.held_out, 36, 48);  // bottom right
}

TEST(TextureSplitTest, OtherHeldOutRegionIsLeftOutOfTraining) {
  const GrayImage texture = Ramp(40, 40);
  const TextureSplit split = SplitTexture(texture, 5);  // row 1, column 1
  ExpectRegionIsCrop(texture, split.held_out, 10, 10);
  ASSERT_EQ(split.train.size(), 15u);
  ExpectRegionIsCrop(texture, split.train[4], 10, 0);   // region 4
  ExpectRegionIsCrop(texture, split.train[5], 10, 20);  // region 6 moves up one place
  ExpectRegionIsCrop(texture, split.train[14], 30, 30);
}

TEST(TextureSplitTest, RemainderRowsAndColumnsAreDropped) {
  const GrayImage texture = Ramp(643, 642);  // 160 × 160 regions, 3 columns and 2 rows left over
  const TextureSplit split = SplitTexture(texture);
  EXPECT_EQ(split.region_width, 160);
  EXPECT_EQ(split.region_height, 160);
  ExpectRegionIsCrop(texture, split.held_out, 480, 480);
  EXPECT_EQ(split.held_out.pixels.size(), 160u * 160u);
}

TEST(TextureSplitTest, BadHeldOutRegionOrTinyImageIsRefused) {
  const GrayImage texture = Ramp(16, 16);
  EXPECT_THROW(SplitTexture(texture, -1), std::invalid_argument);
  EXPECT_THROW(SplitTexture(texture, 16), std::invalid_argument);
  EXPECT_NO_THROW(SplitTexture(texture, 0));
  EXPECT_THROW(SplitTexture(Ramp(3, 16)), std::invalid_argument);
  EXPECT_NO_THROW(SplitTexture(Ramp(4, 4)));
}

TEST(TextureSplitTest, CropOutsideTheImageIsRefused) {
  const GrayImage texture = Ramp(10, 8);
  EXPECT_THROW(CropGray(texture, 0, 5, 6, 2), std::invalid_argument);
  EXPECT_THROW(CropGray(texture, -1, 0, 2, 2), std::invalid_argument);
  EXPECT_THROW(CropGray(texture, 0, 0, 0, 2), std::invalid_argument);
  EXPECT_EQ(CropGray(texture, 7, 9, 1, 1).at(0, 0), texture.at(7, 9));
}

TEST(TextureSplitTest, TinyMcgsmTrainsOnTheRegionsAndRatesTheHeldOutOne) {
  GrayImage texture = Ramp(64, 64);
  for (std::size_t i = 0; i < texture.pixels.size(); ++i)  // some texture on top of the ramp
    texture.pixels[i] = static_cast<uint8_t>((texture.pixels[i] / 2 + (i * 2654435761u >> 13) % 64) % 256);
  const TextureSplit split = SplitTexture(texture);
  McgsmModel model;
  model.window = CausalWindow::Parse("3x2");
  PairSet train = BuildPairs(split.train, model.window, kPadding, 100000, 1);
  PairSet val = BuildPairs({split.held_out}, model.window, kPadding, 100000, 2);
  EXPECT_EQ(train.size(), 15 * 16 * 16);
  EXPECT_EQ(val.size(), 16 * 16);
  model.whitening = Whitening::Fit(train.inputs, train.outputs);
  model.whitening.WhitenInPlace(&train.inputs, &train.outputs);
  model.whitening.WhitenInPlace(&val.inputs, &val.outputs);
  model.mcgsm = McgsmParams::Initial({model.window.Inputs(), 2, 2, 2}, 1);
  McgsmTrainOptions options;
  options.max_iterations = 5;
  options.validate_every = 1;
  const McgsmTrainResult result = TrainMcgsm(&model.mcgsm, train.inputs, train.outputs, val.inputs, val.outputs,
                                             model.whitening.LogJacobian(), options);
  EXPECT_TRUE(std::isfinite(result.val_bpp));
  const std::vector<double> values = Midpoints(split.held_out);
  const double held_out = ImageLogLikelihood(model, values.data(), 16, 16).mean();
  EXPECT_TRUE(std::isfinite(held_out));
}

}  // namespace
}  // namespace ride::trainer
