// ride sample and ride inpaint end to end on files, with the built-in model: outputs appear only
// when complete, are never overwritten without -f, never replace the input, and bad arguments are
// refused with no output.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tools/ride/commands.h"
#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "tests/tools/common/tool_test_files.h"
#include "tests/runtime/generate/builtin_model_fixture.h"

namespace ride::cli {
namespace {

using tools::testing::Pgm;
using tools::testing::ReadBytes;
using tools::testing::ScratchDirectory;
using tools::testing::WriteBytes;

// The pixels of a PNG or PGM file; empty when it cannot be read.
std::vector<uint8_t> ReadPixels(const std::string& path, uint32_t* width = nullptr, uint32_t* height = nullptr) {
  try {
    const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(path);
    std::vector<uint8_t> pixels = tools::ReadAllRows(reader.get());
    if (width != nullptr) *width = reader->width();
    if (height != nullptr) *height = reader->height();
    return pixels;
  } catch (const tools::FileError&) {
    return {};
  }
}

class GenerateCommandsTest : public ::testing::Test {
 protected:
  int Sample(const std::string& size, const std::string& output, uint64_t seed = 1, bool force = false,
             uint32_t threads = 1) {
    SampleOptions options;
    options.size = size;
    options.output = output;
    options.seed = seed;
    options.force = force;
    options.quiet = true;
    options.threads = threads;
    return RunSample(options);
  }
  int Inpaint(const std::string& image, const std::string& mask, const std::string& output, bool force = false) {
    InpaintOptions options;
    options.input = image;
    options.mask_path = mask;
    options.output = output;
    options.sweeps = 1;
    options.force = force;
    options.quiet = true;
    return RunInpaint(options);
  }
  void WriteCropAndMask() {
    crop_ = generate::testing::ReadCrop();
    ASSERT_FALSE(crop_.empty());
    ASSERT_TRUE(WriteBytes(dir_.File("crop.pgm"), Pgm(96, 64, crop_)));
    mask_.assign(crop_.size(), 0);
    for (uint32_t r = 30; r < 36; ++r) {
      for (uint32_t c = 10; c < 17; ++c) mask_[r * 96 + c] = 255;
    }
    ASSERT_TRUE(WriteBytes(dir_.File("mask.pgm"), Pgm(96, 64, mask_)));
  }

  ScratchDirectory dir_;
  std::vector<uint8_t> crop_, mask_;
};

TEST_F(GenerateCommandsTest, SampleWritesTheSameImageForTheSameSeed) {
  ASSERT_EQ(Sample("20x9", dir_.File("a.png")), 0);
  ASSERT_EQ(Sample("20x9", dir_.File("b.pgm"), 1, false, 2), 0);
  ASSERT_EQ(Sample("20x9", dir_.File("c.pgm"), 2), 0);
  uint32_t width = 0, height = 0;
  const std::vector<uint8_t> a = ReadPixels(dir_.File("a.png"), &width, &height);
  EXPECT_EQ(width, 20u);
  EXPECT_EQ(height, 9u);
  EXPECT_EQ(ReadPixels(dir_.File("b.pgm")), a);
  EXPECT_NE(ReadPixels(dir_.File("c.pgm")), a);
  EXPECT_EQ(dir_.Entries().size(), 3u) << "no temporary files are left behind";
}

TEST_F(GenerateCommandsTest, SampleKeepsExistingOutputsWithoutForce) {
  ASSERT_TRUE(WriteBytes(dir_.File("taken.png"), "keep me"));
  EXPECT_NE(Sample("8x8", dir_.File("taken.png")), 0);
  EXPECT_EQ(ReadBytes(dir_.File("taken.png")), "keep me");
  EXPECT_EQ(Sample("8x8", dir_.File("taken.png"), 1, /*force=*/true), 0);
  EXPECT_EQ(ReadPixels(dir_.File("taken.png")).size(), 64u);
  EXPECT_EQ(dir_.Entries().size(), 1u);
}

TEST_F(GenerateCommandsTest, SampleRefusesBadSizesAndLeavesNoOutput) {
  for (const char* size : {"", "0x5", "5x0", "70000x10", "10x70000", "abc", "10x", "10x10x10"}) {
    EXPECT_NE(Sample(size, dir_.File("out.png")), 0) << size;
  }
  EXPECT_NE(Sample("8x8", dir_.File("out.jpg")), 0) << "unknown output format";
  EXPECT_TRUE(dir_.Entries().empty());
}

TEST_F(GenerateCommandsTest, SampleKeepsTheContextRowsAndColumns) {
  WriteCropAndMask();
  SampleOptions options;
  options.output = dir_.File("continued.pgm");
  options.context_path = dir_.File("crop.pgm");
  options.context_rows = 40;
  options.context_columns = 8;
  options.quiet = true;
  ASSERT_EQ(RunSample(options), 0);
  const std::vector<uint8_t> pixels = ReadPixels(options.output);
  ASSERT_EQ(pixels.size(), crop_.size());
  for (uint32_t r = 0; r < 64; ++r) {
    for (uint32_t c = 0; c < 96; ++c) {
      if (r < 40 || c < 8) {
        ASSERT_EQ(pixels[r * 96 + c], crop_[r * 96 + c]) << r << "," << c;
      }
    }
  }
  EXPECT_NE(pixels, crop_);
  // Context options that do not fit are refused.
  options.output = dir_.File("bad.pgm");
  options.size = "20x20";
  EXPECT_NE(RunSample(options), 0) << "size differs from the context image";
  options.size.clear();
  options.context_rows = 65;
  EXPECT_NE(RunSample(options), 0) << "more context rows than the image has";
  options.context_rows = options.context_columns = 0;
  EXPECT_NE(RunSample(options), 0) << "--context without rows or columns";
  options.context_path.clear();
  options.context_rows = 3;
  options.size = "8x8";
  EXPECT_NE(RunSample(options), 0) << "--context-rows without --context";
  EXPECT_TRUE(ReadBytes(dir_.File("bad.pgm")).empty());
}

TEST_F(GenerateCommandsTest, InpaintChangesOnlyTheMaskedPixels) {
  WriteCropAndMask();
  ASSERT_EQ(Inpaint(dir_.File("crop.pgm"), dir_.File("mask.pgm"), dir_.File("filled.png")), 0);
  const std::vector<uint8_t> pixels = ReadPixels(dir_.File("filled.png"));
  ASSERT_EQ(pixels.size(), crop_.size());
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    if (mask_[i] == 0) {
      ASSERT_EQ(pixels[i], crop_[i]) << i;
    }
  }
  EXPECT_EQ(dir_.Entries().size(), 3u);
}

TEST_F(GenerateCommandsTest, InpaintRefusesAMaskOfAnotherSize) {
  WriteCropAndMask();
  ASSERT_TRUE(WriteBytes(dir_.File("small.pgm"), Pgm(4, 4, std::vector<uint8_t>(16, 1))));
  EXPECT_NE(Inpaint(dir_.File("crop.pgm"), dir_.File("small.pgm"), dir_.File("out.png")), 0);
  EXPECT_TRUE(ReadBytes(dir_.File("out.png")).empty());
}

TEST_F(GenerateCommandsTest, InpaintNeverOverwritesWithoutForceNorItsInput) {
  WriteCropAndMask();
  ASSERT_TRUE(WriteBytes(dir_.File("taken.png"), "keep me"));
  EXPECT_NE(Inpaint(dir_.File("crop.pgm"), dir_.File("mask.pgm"), dir_.File("taken.png")), 0);
  EXPECT_EQ(ReadBytes(dir_.File("taken.png")), "keep me");
  const std::string before = ReadBytes(dir_.File("crop.pgm"));
  EXPECT_NE(Inpaint(dir_.File("crop.pgm"), dir_.File("mask.pgm"), dir_.File("crop.pgm"), /*force=*/true), 0);
  EXPECT_EQ(ReadBytes(dir_.File("crop.pgm")), before);
  EXPECT_EQ(Inpaint(dir_.File("crop.pgm"), dir_.File("mask.pgm"), dir_.File("taken.png"), /*force=*/true), 0);
  EXPECT_NE(ReadBytes(dir_.File("taken.png")), "keep me");
  EXPECT_EQ(dir_.Entries().size(), 3u);
}

}  // namespace
}  // namespace ride::cli
