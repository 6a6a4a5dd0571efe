// The ride subcommands end to end on files: round trips, and the promises about outputs (never
// partial, never overwritten without -f, never the input) under bad input.
#include "tools/ride/commands.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "runtime/src/model/model_writer.h"
#include "tests/model_file_bytes.h"
#include "tools/common/image_file.h"
#include "tests/tools/common/tool_test_files.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::cli {
namespace {

using tools::testing::Pgm;
using tools::testing::ReadBytes;
using tools::testing::ScratchDirectory;
using tools::testing::WriteBytes;

class CommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine::testing::ModelShape shape;
    shape.hidden = {6};
    model_path_ = dir_.File("model.ride");
    other_model_path_ = dir_.File("other.ride");
    WriteModel(engine::testing::RandomEngineModel(shape, 1), model_path_);
    WriteModel(engine::testing::RandomEngineModel(shape, 2), other_model_path_);
    pixels_ = engine::testing::RandomImage(kWidth, kHeight, 3);
    image_path_ = dir_.File("image.pgm");
    ASSERT_TRUE(WriteBytes(image_path_, Pgm(kWidth, kHeight, pixels_)));
  }

  static void WriteModel(const engine::EngineModel& model, const std::string& path) {
    const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(model, model::ModelProvenance());
    ASSERT_TRUE(WriteBytes(path, std::string(bytes.begin(), bytes.end())));
  }

  int Compress(const std::string& input, const std::string& output, bool force = false, bool gray = false) {
    CompressOptions options;
    options.inputs = {input};
    options.output = output;
    options.model_path = model_path_;
    options.force = force;
    options.gray = gray;
    options.quiet = true;
    options.threads = 2;
    return RunCompress(options);
  }

  int Decompress(const std::string& input, const std::string& output, const std::string& model = "",
                 bool force = false) {
    DecompressOptions options;
    options.inputs = {input};
    options.output = output;
    options.model_path = model.empty() ? model_path_ : model;
    options.force = force;
    options.quiet = true;
    return RunDecompress(options);
  }

  static constexpr uint32_t kWidth = 37, kHeight = 23;
  ScratchDirectory dir_;
  std::string model_path_, other_model_path_, image_path_;
  std::vector<uint8_t> pixels_;
};

TEST_F(CommandsTest, CompressThenDecompressGivesThePixelsBackAsPgmAndPng) {
  ASSERT_EQ(Compress(image_path_, dir_.File("image.rim")), 0);
  ASSERT_EQ(Decompress(dir_.File("image.rim"), dir_.File("back.pgm")), 0);
  EXPECT_EQ(ReadBytes(dir_.File("back.pgm")), Pgm(kWidth, kHeight, pixels_));
  ASSERT_EQ(Decompress(dir_.File("image.rim"), dir_.File("back.png")), 0);
  ASSERT_EQ(Compress(dir_.File("back.png"), dir_.File("again.rim")), 0);
  // The same coded bytes, but the file says it came from a PNG (the header's source format).
  EXPECT_EQ(ReadBytes(dir_.File("again.rim")).size(), ReadBytes(dir_.File("image.rim")).size());
  EXPECT_EQ(ReadBytes(dir_.File("again.rim")).substr(59), ReadBytes(dir_.File("image.rim")).substr(59));
}

TEST_F(CommandsTest, ExistingOutputsAreKeptWithoutForce) {
  ASSERT_TRUE(WriteBytes(dir_.File("taken.rim"), "keep me"));
  EXPECT_NE(Compress(image_path_, dir_.File("taken.rim")), 0);
  EXPECT_EQ(ReadBytes(dir_.File("taken.rim")), "keep me");
  EXPECT_EQ(Compress(image_path_, dir_.File("taken.rim"), /*force=*/true), 0);
  EXPECT_NE(ReadBytes(dir_.File("taken.rim")), "keep me");
}

TEST_F(CommandsTest, NeverWritesOverItsInputEvenWithForce) {
  ASSERT_EQ(Compress(image_path_, dir_.File("image.rim")), 0);
  const std::string before = ReadBytes(dir_.File("image.rim"));
  EXPECT_NE(Decompress(dir_.File("image.rim"), dir_.File("image.rim"), "", /*force=*/true), 0);
  EXPECT_EQ(ReadBytes(dir_.File("image.rim")), before);
}

TEST_F(CommandsTest, ColourNeedsTheGrayFlag) {
  tools::testing::TestPng png;
  png.width = 4;
  png.height = 2;
  png.color_type = PNG_COLOR_TYPE_RGB;
  png.rows.assign(2, std::vector<uint8_t>(12, 200));
  ASSERT_TRUE(tools::testing::WriteTestPng(dir_.File("colour.png"), png));
  EXPECT_NE(Compress(dir_.File("colour.png"), dir_.File("colour.rim")), 0);
  EXPECT_TRUE(ReadBytes(dir_.File("colour.rim")).empty());
  EXPECT_EQ(Compress(dir_.File("colour.png"), dir_.File("colour.rim"), false, /*gray=*/true), 0);
}

TEST_F(CommandsTest, NetpbmColourAndGrayInputsFollowTheColourRule) {
  std::string rgb;
  for (uint8_t v : pixels_) rgb += {static_cast<char>(v), static_cast<char>(v), static_cast<char>(v)};
  const std::string size = std::to_string(kWidth) + " " + std::to_string(kHeight);
  ASSERT_TRUE(WriteBytes(dir_.File("colour.ppm"), "P6\n" + size + "\n255\n" + rgb));
  EXPECT_NE(Compress(dir_.File("colour.ppm"), dir_.File("ppm.rim")), 0);
  EXPECT_TRUE(ReadBytes(dir_.File("ppm.rim")).empty());
  ASSERT_EQ(Compress(dir_.File("colour.ppm"), dir_.File("ppm.rim"), false, /*gray=*/true), 0);
  // Gray R = G = B converts to itself, so the file codes the same pixels as the PGM (only the
  // header's source format differs).
  ASSERT_EQ(Compress(image_path_, dir_.File("image.rim")), 0);
  EXPECT_EQ(ReadBytes(dir_.File("ppm.rim")).substr(59), ReadBytes(dir_.File("image.rim")).substr(59));

  const std::string pam = "P7\nWIDTH " + std::to_string(kWidth) + "\nHEIGHT " + std::to_string(kHeight) +
                          "\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n" +
                          std::string(pixels_.begin(), pixels_.end());
  ASSERT_TRUE(WriteBytes(dir_.File("gray.pam"), pam));
  ASSERT_EQ(Compress(dir_.File("gray.pam"), dir_.File("pam.rim")), 0);
  ASSERT_EQ(Decompress(dir_.File("pam.rim"), dir_.File("pam.pgm")), 0);
  EXPECT_EQ(ReadBytes(dir_.File("pam.pgm")), Pgm(kWidth, kHeight, pixels_));
}

TEST_F(CommandsTest, DamagedTruncatedOrForeignFilesLeaveNoOutput) {
  ASSERT_EQ(Compress(image_path_, dir_.File("image.rim")), 0);
  const std::string file = ReadBytes(dir_.File("image.rim"));
  std::string damaged = file;
  damaged[damaged.size() - 3] ^= 0x20;
  ASSERT_TRUE(WriteBytes(dir_.File("damaged.rim"), damaged));
  ASSERT_TRUE(WriteBytes(dir_.File("short.rim"), file.substr(0, file.size() - 5)));
  const std::vector<std::string> before = dir_.Entries();
  EXPECT_NE(Decompress(dir_.File("damaged.rim"), dir_.File("out.png")), 0);
  EXPECT_NE(Decompress(dir_.File("short.rim"), dir_.File("out.png")), 0);
  EXPECT_NE(Decompress(dir_.File("image.rim"), dir_.File("out.png"), other_model_path_), 0);
  EXPECT_EQ(dir_.Entries().size(), before.size()) << "an output or a temporary was left behind";
}

TEST_F(CommandsTest, InfoAndEvalRunAndTheMapIsAPng) {
  ASSERT_EQ(Compress(image_path_, dir_.File("image.rim")), 0);
  InfoOptions info;
  info.inputs = {dir_.File("image.rim")};
  info.model_path = model_path_;
  EXPECT_EQ(RunInfo(info), 0);
  EvalOptions eval;
  eval.inputs = {image_path_};
  eval.model_path = model_path_;
  eval.map_path = dir_.File("map.png");
  eval.quiet = true;
  EXPECT_EQ(RunEval(eval), 0);
  EXPECT_EQ(ReadBytes(dir_.File("map.png")).substr(1, 3), "PNG");
}

TEST_F(CommandsTest, TheTrustMapColoursEachPixelByTheComponentTheMixerTrusted) {
  // Stripes of two levels: after a few rows the counts of exact contexts know them better than
  // the (random) learned model, and until they have cost anything every component ties.
  std::vector<uint8_t> stripes(std::size_t{kWidth} * kHeight);
  for (std::size_t i = 0; i < stripes.size(); ++i) stripes[i] = (i % kWidth) / 3 % 2 != 0 ? 200 : 20;
  ASSERT_TRUE(WriteBytes(dir_.File("stripes.pgm"), Pgm(kWidth, kHeight, stripes)));
  EvalOptions eval;
  eval.inputs = {dir_.File("stripes.pgm")};
  eval.model_path = model_path_;
  eval.trust_map_path = dir_.File("trust.png");
  eval.quiet = true;
  ASSERT_EQ(RunEval(eval), 0);
  tools::ImageReadOptions keep;
  keep.keep_channels = true;
  const std::unique_ptr<tools::ImageReader> map = tools::OpenImageReader(dir_.File("trust.png"), keep);
  ASSERT_EQ(map->channels(), 3);
  EXPECT_EQ(map->width(), std::max<uint32_t>(kWidth, 480));
  EXPECT_EQ(map->height(), kHeight + 24u);
  const std::vector<uint8_t> rgb = tools::ReadAllRows(map.get());
  const uint8_t kLearned[3] = {0, 114, 178}, kTie[3] = {200, 200, 200};
  std::size_t learned = 0, tie = 0, other = 0;
  for (uint32_t y = 0; y < kHeight; ++y)
    for (uint32_t x = 0; x < kWidth; ++x) {
      const uint8_t* pixel = &rgb[(std::size_t{y} * map->width() + x) * 3];
      if (std::equal(pixel, pixel + 3, kLearned)) {
        ++learned;
      } else if (std::equal(pixel, pixel + 3, kTie)) {
        ++tie;
      } else {
        ++other;
      }
    }
  EXPECT_GT(tie, 0u);
  EXPECT_GT(other, learned) << "the counts should win on stripes";
  // One image only, and not into the heat map's file.
  eval.inputs = {dir_.File("stripes.pgm"), image_path_};
  EXPECT_EQ(RunEval(eval), 2);
  eval.inputs = {image_path_};
  eval.map_path = eval.trust_map_path;
  eval.force = true;
  EXPECT_EQ(RunEval(eval), 2);
}

}  // namespace
}  // namespace ride::cli
