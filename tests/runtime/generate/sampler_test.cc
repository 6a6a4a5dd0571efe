// Samples from the built-in model: reproducible from the seed on every target (the golden hash is
// checked by the x86-64 and the aarch64 builds alike), whatever the threads and band heights.
#include "runtime/src/generate/sampler.h"
#include "runtime/src/generate/pixel_drawer.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/runtime/engine/random_engine_model.h"
#include "tests/runtime/generate/builtin_model_fixture.h"

namespace ride::generate {
namespace {

using testing::BuiltinModelTest;
using testing::Fnv1a64;

constexpr uint32_t kWidth = 32, kHeight = 24;
constexpr uint64_t kSeed = 7;
// FNV-1a of the 32 × 24 sample with seed 7 from models/default.ride. Remake after the default model
// changes (print Fnv1a64 of the sample).
constexpr uint64_t kGoldenHash = 0xa90157331ab25317ull;

class SamplerTest : public BuiltinModelTest {
 protected:
  std::vector<uint8_t> Sample(uint64_t seed, uint32_t threads = 1, uint32_t band_rows = kDefaultBandRows) {
    std::vector<uint8_t> pixels(std::size_t{kWidth} * kHeight, 0);
    SampleOptions options;
    options.seed = seed;
    options.threads = threads;
    options.band_rows = band_rows;
    const Status status = SampleImage(model(), kWidth, kHeight, options, pixels.data());
    EXPECT_TRUE(status.ok()) << status.message();
    return pixels;
  }
};

TEST_F(SamplerTest, GoldenSampleIsTheSameOnEveryTarget) {
  const std::vector<uint8_t> pixels = Sample(kSeed);
  EXPECT_EQ(Fnv1a64(pixels), kGoldenHash) << std::hex << "got 0x" << Fnv1a64(pixels);
}

TEST_F(SamplerTest, ThreadsAndBandHeightsDoNotChangeTheSample) {
  const std::vector<uint8_t> reference = Sample(kSeed);
  for (uint32_t threads : {1u, 2u, 3u}) {
    for (uint32_t band_rows : {1u, 3u, 16u, 24u, 100u}) {
      EXPECT_EQ(Sample(kSeed, threads, band_rows), reference) << threads << " threads, " << band_rows << " rows";
    }
  }
}

TEST_F(SamplerTest, SeedsGiveDifferentSamplesThatVary) {
  const std::vector<uint8_t> a = Sample(1), b = Sample(2);
  EXPECT_NE(a, b);
  uint32_t low = 255, high = 0;
  for (uint8_t v : a) {
    low = v < low ? v : low;
    high = v > high ? v : high;
  }
  EXPECT_GT(high - low, 4u) << "a sample should not be flat";
}

TEST_F(SamplerTest, ContextPixelsAreKeptAndTheRestIsSampled) {
  const std::vector<uint8_t> crop = testing::ReadCrop();
  ASSERT_FALSE(crop.empty());
  std::vector<uint8_t> pixels(std::size_t{kWidth} * kHeight);
  for (uint32_t r = 0; r < kHeight; ++r) {
    for (uint32_t c = 0; c < kWidth; ++c) pixels[r * kWidth + c] = crop[r * testing::kCropWidth + c];
  }
  const std::vector<uint8_t> context = pixels;
  SampleOptions options;
  options.seed = 3;
  options.context_rows = 10;
  options.context_columns = 4;
  double bits = 0;
  ASSERT_TRUE(SampleImage(model(), kWidth, kHeight, options, pixels.data(), &bits).ok());
  EXPECT_GT(bits, 0.0);
  uint32_t changed = 0;
  for (uint32_t r = 0; r < kHeight; ++r) {
    for (uint32_t c = 0; c < kWidth; ++c) {
      if (r < 10 || c < 4) {
        ASSERT_EQ(pixels[r * kWidth + c], context[r * kWidth + c]) << r << "," << c;
      } else {
        changed += pixels[r * kWidth + c] != context[r * kWidth + c] ? 1 : 0;
      }
    }
  }
  EXPECT_GT(changed, 100u);
  // The same with two threads and one-row bands.
  std::vector<uint8_t> again = context;
  options.threads = 2;
  options.band_rows = 1;
  ASSERT_TRUE(SampleImage(model(), kWidth, kHeight, options, again.data()).ok());
  EXPECT_EQ(again, pixels);
}

TEST_F(SamplerTest, AbsurdSizesAreRefusedBeforeAllocating) {
  uint8_t pixel = 0;
  EXPECT_EQ(SampleImage(model(), 0, 5, SampleOptions(), &pixel).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SampleImage(model(), kMaxSampleSide + 1, 1, SampleOptions(), &pixel).code(),
            StatusCode::kResourceExhausted);
  SampleOptions no_threads;
  no_threads.threads = 0;
  EXPECT_EQ(SampleImage(model(), 1, 1, no_threads, &pixel).code(), StatusCode::kInvalidArgument);
}

TEST(SamplerColourTest, AColourSampleIsTheSameForAnyThreadsAndBandsAndScoresItself) {
  engine::testing::ModelShape colour;
  colour.hidden = {};
  colour.channels = 3;
  const engine::EngineModel model = engine::testing::RandomEngineModel(colour, 2);
  std::vector<uint8_t> first(24 * 17 * 3), second(24 * 17 * 3);
  SampleOptions options;
  options.seed = 11;
  double bits = 0, again_bits = 0;
  ASSERT_TRUE(SampleImage(model, 24, 17, options, first.data(), &bits).ok());
  options.threads = 2;
  options.band_rows = 3;
  ASSERT_TRUE(SampleImage(model, 24, 17, options, second.data(), &again_bits).ok());
  EXPECT_EQ(first, second);
  EXPECT_EQ(bits, again_bits);
  // The three channels are drawn, not copies of one another.
  std::size_t differing = 0;
  for (std::size_t i = 0; i < first.size(); i += 3) differing += first[i] != first[i + 1] || first[i + 1] != first[i + 2];
  EXPECT_GT(differing, first.size() / 6);
  // Scoring the sample gives the bits it was drawn with.
  DrawRequest score;
  score.width = 24;
  score.height = 17;
  score.pixels = second.data();
  score.draw = false;
  DrawResult result;
  ASSERT_TRUE(DrawPixels(model, score, &result).ok());
  EXPECT_NEAR(result.bits, bits, 1e-6 * bits);
  EXPECT_EQ(second, first);
  options.seed = 12;
  ASSERT_TRUE(SampleImage(model, 24, 17, options, second.data(), nullptr).ok());
  EXPECT_NE(second, first);
}

}  // namespace
}  // namespace ride::generate
