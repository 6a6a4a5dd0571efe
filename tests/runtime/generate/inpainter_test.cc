// Inpainting a real image (the BSDS300 crop of the golden files) with the built-in model: pixels
// outside the mask never change, masked pixels are filled plausibly, and the result is a function
// of the seed alone.
#include "runtime/src/generate/inpainter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "tests/runtime/generate/builtin_model_fixture.h"

namespace ride::generate {
namespace {

using testing::kCropHeight;
using testing::kCropWidth;

constexpr uint32_t kSweeps = 2;

class Recorder final : public InpaintObserver {
 public:
  void InitialFill(uint32_t candidate, uint32_t candidates, double bits) override {
    fills.push_back(candidate);
    EXPECT_EQ(candidates, kDefaultCandidates);
    EXPECT_GT(bits, 0.0);
  }
  void SweepDone(const SweepReport& report) override { sweeps.push_back(report); }
  std::vector<uint32_t> fills;
  std::vector<SweepReport> sweeps;
};

class InpainterTest : public testing::BuiltinModelTest {
 protected:
  void SetUp() override {
    BuiltinModelTest::SetUp();
    image_ = testing::ReadCrop();
    ASSERT_FALSE(image_.empty());
    mask_.assign(image_.size(), 0);
    // A 14 × 10 hole, a vertical scratch, and the two corners (patches clipped by the borders).
    for (uint32_t r = 20; r < 30; ++r) {
      for (uint32_t c = 40; c < 54; ++c) mask_[r * kCropWidth + c] = 255;
    }
    for (uint32_t r = 5; r < 25; ++r) mask_[r * kCropWidth + 80] = 1;
    mask_[0] = 7;
    mask_.back() = 7;
  }

  std::vector<uint8_t> Run(uint64_t seed, uint32_t threads, InpaintResult* result = nullptr,
                           InpaintObserver* observer = nullptr) {
    std::vector<uint8_t> pixels = image_;
    for (std::size_t i = 0; i < pixels.size(); ++i) {
      if (mask_[i] != 0) pixels[i] = 0;  // what was there must not matter
    }
    InpaintOptions options;
    options.seed = seed;
    options.sweeps = kSweeps;
    options.threads = threads;
    options.observer = observer;
    const Status status = Inpaint(model(), kCropWidth, kCropHeight, mask_.data(), options, pixels.data(), result);
    EXPECT_TRUE(status.ok()) << status.message();
    return pixels;
  }

  std::vector<uint8_t> image_, mask_;
};

TEST_F(InpainterTest, FillsTheMaskedPixelsAndNoOthers) {
  InpaintResult result;
  Recorder recorder;
  const std::vector<uint8_t> pixels = Run(5, 1, &result, &recorder);
  uint64_t masked = 0;
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    if (mask_[i] == 0) {
      ASSERT_EQ(pixels[i], image_[i]) << "pixel " << i;
    } else {
      ++masked;
    }
  }
  EXPECT_EQ(result.masked, masked);

  double filled = 0, original = 0, count = 0;
  for (uint32_t r = 20; r < 30; ++r) {
    for (uint32_t c = 40; c < 54; ++c) {
      filled += pixels[r * kCropWidth + c];
      original += image_[r * kCropWidth + c];
      ++count;
    }
  }
  // The input's hole was 0: a fill that ignored the context, or was never written, would stay dark.
  EXPECT_NEAR(filled / count, original / count, 40.0);
  EXPECT_GT(filled / count, 10.0);

  EXPECT_EQ(recorder.fills.size(), kDefaultCandidates);
  ASSERT_EQ(recorder.sweeps.size(), kSweeps);
  for (const SweepReport& report : recorder.sweeps) {
    EXPECT_GT(report.proposals, 0u);
    EXPECT_LE(report.accepted, report.proposals);
  }
  EXPECT_GT(result.accepted, 0u) << "some proposals should be accepted";
  EXPECT_GE(result.best_candidate, 1u);
  EXPECT_LE(result.best_candidate, kDefaultCandidates);
}

TEST_F(InpainterTest, TheSeedAloneDecidesTheResult) {
  const std::vector<uint8_t> a = Run(9, 1);
  EXPECT_EQ(Run(9, 2), a) << "the same seed, with threads or without, gives the same result";
  EXPECT_NE(Run(10, 1), a);
}

TEST_F(InpainterTest, AnEmptyMaskLeavesTheImageAlone) {
  std::vector<uint8_t> pixels = image_;
  const std::vector<uint8_t> none(image_.size(), 0);
  InpaintResult result;
  ASSERT_TRUE(Inpaint(model(), kCropWidth, kCropHeight, none.data(), InpaintOptions(), pixels.data(), &result).ok());
  EXPECT_EQ(pixels, image_);
  EXPECT_EQ(result.masked, 0u);
}

TEST_F(InpainterTest, ImagesSmallerThanAPatchWork) {
  constexpr uint32_t kWidth = 7, kHeight = 6;
  std::vector<uint8_t> pixels(kWidth * kHeight), mask(kWidth * kHeight, 0);
  for (uint32_t r = 0; r < kHeight; ++r) {
    for (uint32_t c = 0; c < kWidth; ++c) pixels[r * kWidth + c] = image_[(r + 30) * kCropWidth + c + 30];
  }
  const std::vector<uint8_t> before = pixels;
  mask[2 * kWidth + 3] = mask[3 * kWidth + 3] = mask[0] = 1;
  InpaintOptions options;
  options.sweeps = 3;
  InpaintResult result;
  ASSERT_TRUE(Inpaint(model(), kWidth, kHeight, mask.data(), options, pixels.data(), &result).ok());
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    if (mask[i] == 0) {
      EXPECT_EQ(pixels[i], before[i]);
    }
  }
  EXPECT_GT(result.proposals, 0u);
}

TEST_F(InpainterTest, BadOptionsAreRefused) {
  std::vector<uint8_t> pixels = image_;
  InpaintOptions options;
  options.candidates = 0;
  EXPECT_EQ(Inpaint(model(), kCropWidth, kCropHeight, mask_.data(), options, pixels.data()).code(),
            StatusCode::kInvalidArgument);
  options = InpaintOptions();
  options.sweeps = kMaxSweeps + 1;
  EXPECT_EQ(Inpaint(model(), kCropWidth, kCropHeight, mask_.data(), options, pixels.data()).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Inpaint(model(), kCropWidth, kCropHeight, nullptr, InpaintOptions(), pixels.data()).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(pixels, image_);
}

}  // namespace
}  // namespace ride::generate
