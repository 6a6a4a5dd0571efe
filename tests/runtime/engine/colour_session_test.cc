// A colour model in the wavefront session: each pixel's channels come in order, each head sees the
// window in every channel and the pixel's channels already known (engine_model.h).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "runtime/src/kernels/kernel_table.h"
#include "tests/runtime/engine/random_engine_model.h"
#include "tests/runtime/engine/recording_visitor.h"
#include "tests/runtime/engine/reference_head.h"

namespace ride::engine {
namespace {

using testing::ModelShape;
using testing::RandomEngineModel;
using testing::RandomImage;
using testing::RunModel;
using testing::Hash;

constexpr uint32_t kChannels = 3;

ModelShape ColourShape() {
  ModelShape shape;
  shape.hidden = {};
  shape.channels = kChannels;
  shape.window_width = 5;
  shape.window_height = 3;
  return shape;
}

// Straight from docs/model_format.md, "Colour models", in double precision.
std::vector<double> Reference(const EngineModel& m, const std::vector<uint8_t>& image, uint32_t width, uint32_t height) {
  const int64_t hw = static_cast<int64_t>(m.window.HalfWidth());
  auto x = [&](int64_t r, int64_t c, uint32_t k) -> double {
    if (r < 0 || c < 0 || c >= width) return m.padding;
    return (image[(r * width + c) * kChannels + k] + 0.5) / 256.0;
  };
  std::vector<double> out;
  for (int64_t r = 0; r < height; ++r) {
    for (int64_t c = 0; c < width; ++c) {
      std::vector<double> n;
      for (uint32_t k = 0; k < kChannels; ++k) {
        for (int64_t dy = static_cast<int64_t>(m.window.height) - 1; dy >= 1; --dy)
          for (int64_t dx = -hw; dx <= hw; ++dx) n.push_back(x(r - dy, c + dx, k));
        for (int64_t dx = -hw; dx < 0; ++dx) n.push_back(x(r, c + dx, k));
      }
      std::vector<double> z = n;
      for (uint32_t k = 0; k < kChannels; ++k) {
        out.push_back(testing::ReferenceHeadLogDensity(m.Head(k), z, n, x(r, c, k)));
        z.push_back(x(r, c, k));
      }
    }
  }
  return out;
}

TEST(ColourSessionTest, MatchesTheDefinitionInDoublePrecision) {
  const EngineModel model = RandomEngineModel(ColourShape(), 42);
  ASSERT_TRUE(model.Check().ok()) << model.Check().message();
  const uint32_t width = 13, height = 7;
  const auto image = RandomImage(width, height, 7, kChannels);
  const auto run = RunModel(model, image, width, height, 3);
  const auto reference = Reference(model, image, width, height);
  ASSERT_EQ(run.log_density_.size(), reference.size());
  for (std::size_t i = 0; i < reference.size(); ++i) {
    ASSERT_NEAR(run.log_density_[i], reference[i], 2e-3 + 1e-4 * std::fabs(reference[i])) << "sample " << i;
  }
}

TEST(ColourSessionTest, EveryChannelSeesTheEarlierChannelsOfItsPixel) {
  // Changing the red sample of one pixel changes the green and blue predictions of that pixel.
  const EngineModel model = RandomEngineModel(ColourShape(), 3);
  const uint32_t width = 6, height = 4;
  auto image = RandomImage(width, height, 2, kChannels);
  const auto before = RunModel(model, image, width, height, 2);
  const std::size_t pixel = (2 * width + 3) * kChannels;
  image[pixel] = static_cast<uint8_t>(image[pixel] ^ 0x40);
  const auto after = RunModel(model, image, width, height, 2);
  EXPECT_NE(before.log_density_[pixel + 1], after.log_density_[pixel + 1]);
  EXPECT_NE(before.log_density_[pixel + 2], after.log_density_[pixel + 2]);
  // Earlier pixels are untouched.
  for (std::size_t i = 0; i < pixel; ++i) EXPECT_EQ(before.log_density_[i], after.log_density_[i]) << i;
}

TEST(ColourSessionTest, BandHeightNeverChangesAProbability) {
  const EngineModel model = RandomEngineModel(ColourShape(), 5);
  const uint32_t width = 17, height = 11;
  const auto image = RandomImage(width, height, 3, kChannels);
  const uint64_t row_at_a_time = Hash(RunModel(model, image, width, height, 1).cdf_);
  for (uint32_t band : {2u, 4u, 11u, 16u}) {
    EXPECT_EQ(Hash(RunModel(model, image, width, height, band).cdf_), row_at_a_time) << "band " << band;
  }
}

TEST(ColourSessionTest, SimdKernelsGiveTheReferenceBits) {
  const EngineModel model = RandomEngineModel(ColourShape(), 9);
  const uint32_t width = 19, height = 9;
  const auto image = RandomImage(width, height, 4, kChannels);
  const kernels::KernelTable reference = kernels::MakeKernelTable(kernels::KernelVariant::kScalar);
  const uint64_t scalar = Hash(RunModel(model, image, width, height, 5, &reference).cdf_);
  EXPECT_EQ(Hash(RunModel(model, image, width, height, 5).cdf_), scalar);
}

// Every target must reproduce these bits (the value this commit computed on x86-64).
TEST(ColourSessionTest, FrequencyTablesHashTheSameOnEveryTarget) {
  const EngineModel model = RandomEngineModel(ColourShape(), 2026);
  const uint32_t width = 20, height = 8;
  const auto image = RandomImage(width, height, 1128, kChannels);
  EXPECT_EQ(Hash(RunModel(model, image, width, height, 4).cdf_), 286821432450407683ull);
}

TEST(ColourSessionTest, CheckRefusesColourWithLayersAndMissingHeads) {
  EngineModel model = RandomEngineModel(ColourShape(), 1);
  model.channel_heads.pop_back();
  EXPECT_FALSE(model.Check().ok());
  ModelShape layered = ColourShape();
  layered.channels = 1;
  layered.hidden = {4};
  EngineModel with_layers = RandomEngineModel(layered, 1);
  with_layers.channels = 3;
  EXPECT_FALSE(with_layers.Check().ok());
  EngineModel two = RandomEngineModel(ColourShape(), 1);
  two.channels = 2;
  EXPECT_FALSE(two.Check().ok());
}

}  // namespace
}  // namespace ride::engine
