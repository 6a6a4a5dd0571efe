// PNG files keep what ride's container keeps: the samples at their depth and the ancillary chunks
// (colour space, physical size, text, Exif) before and after the image data, in order; the writer
// writes them back so that a file read and written again has the same chunks and samples. With
// keep_channels every colour type reads as its own channels, and every channel count writes back.
#include <gtest/gtest.h>
#include <png.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tests/tools/common/image_test_cases.h"
#include "tests/tools/common/tool_test_files.h"

namespace ride::tools {
namespace {

using testing::PngChunks;
using testing::ScratchDirectory;
using testing::TestPng;
using testing::WriteTestPng;

ImageReadOptions Keeping(bool to_gray = false) {
  ImageReadOptions options;
  options.keep_depth = true;
  options.keep_chunks = true;
  options.to_gray = to_gray;
  return options;
}

// A 1-bit 4 × 2 PNG with chunks of the kept kinds around its image data, and one that is not kept.
TestPng OneBitPngWithChunks() {
  TestPng png;
  png.width = 4;
  png.height = 2;
  png.bit_depth = 1;
  png.rows = {{0xB0}, {0x40}};
  png.chunks = {{"gAMA", std::string("\x00\x00\xb1\x8f", 4)},
                {"pHYs", std::string("\x00\x00\x0b\x13\x00\x00\x0b\x13\x01", 9)},
                {"tEXt", std::string("Title\0a picture", 15)},
                {"bKGD", std::string("\x00\x01", 2)},
                {"zTXt", std::string("Comment\0\0x\x9c\x03\x00\x00\x00\x00\x01", 17), true},
                {"tEXt", std::string("Author\0me", 9), true}};
  return png;
}

TEST(PngImageFileTest, KeepsTheStoredSamplesAndTheChunksInOrder) {
  ScratchDirectory dir;
  const std::string path = dir.File("one-bit.png");
  ASSERT_TRUE(WriteTestPng(path, OneBitPngWithChunks()));
  const auto reader = OpenImageReader(path, Keeping());
  EXPECT_EQ(reader->maxval(), 1u);
  EXPECT_EQ(reader->source(), ImageSource::kPng);
  std::vector<uint8_t> row(4);
  reader->ReadRow(row.data());
  EXPECT_EQ(row, (std::vector<uint8_t>{1, 0, 1, 1}));
  reader->ReadRow(row.data());
  EXPECT_EQ(row, (std::vector<uint8_t>{0, 1, 0, 0}));
  ASSERT_EQ(reader->chunks().size(), 3u);  // before IDAT; bKGD is not kept
  reader->ReadEnd();
  const std::vector<ImageChunk>& chunks = reader->chunks();
  ASSERT_EQ(chunks.size(), 5u);
  const char* types[] = {"gAMA", "pHYs", "tEXt", "zTXt", "tEXt"};
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_EQ(std::string(chunks[i].type.data(), 4), types[i]) << i;
    EXPECT_EQ(chunks[i].after_image, i >= 3) << i;
  }
  EXPECT_EQ(std::string(chunks[2].data.begin(), chunks[2].data.end()), std::string("Title\0a picture", 15));
  EXPECT_THROW(reader->ReadEnd(), std::logic_error);

  // Without keep_depth the samples are scaled to 8 bits, as always; without keep_chunks none are kept.
  const auto plain = OpenImageReader(path);
  EXPECT_EQ(plain->maxval(), 255u);
  plain->ReadRow(row.data());
  EXPECT_EQ(row, (std::vector<uint8_t>{255, 0, 255, 255}));
  EXPECT_TRUE(plain->chunks().empty());
}

TEST(PngImageFileTest, WritingBackGivesTheSameSamplesAndChunks) {
  ScratchDirectory dir;
  const std::string input = dir.File("in.png"), output = dir.File("out.png");
  ASSERT_TRUE(WriteTestPng(input, OneBitPngWithChunks()));
  const auto reader = OpenImageReader(input, Keeping());
  std::vector<uint8_t> pixels(8);
  reader->ReadRow(pixels.data());
  reader->ReadRow(pixels.data() + 4);
  ImageWriteOptions options;
  options.maxval = reader->maxval();
  options.chunks = reader->chunks();  // those before the image; the rest at Finish
  ImageOutput out = CreateImageOutput(output, false, input, ImageFormat::kPng, 4, 2, options);
  out.writer->WriteRow(pixels.data());
  out.writer->WriteRow(pixels.data() + 4);
  reader->ReadEnd();
  std::vector<ImageChunk> after;
  for (const ImageChunk& chunk : reader->chunks()) {
    if (chunk.after_image) after.push_back(chunk);
  }
  out.writer->Finish(after);
  out.file->Commit();

  const std::string written = testing::ReadBytes(output);
  auto expected = testing::PngAncillaryChunks(testing::ReadBytes(input));
  expected.erase(expected.begin() + 3);  // bKGD
  EXPECT_EQ(testing::PngAncillaryChunks(written), expected);
  EXPECT_EQ(PngChunks(written)[0].second[8], 1);  // IHDR bit depth
  const auto again = OpenImageReader(output, Keeping());
  EXPECT_EQ(again->maxval(), 1u);
  std::vector<uint8_t> row(4);
  again->ReadRow(row.data());
  EXPECT_EQ(row, (std::vector<uint8_t>{1, 0, 1, 1}));
}

TEST(PngImageFileTest, MaxvalsArePngDepthsOrScaledToEightBits) {
  ScratchDirectory dir;
  struct Case {
    uint32_t maxval;
    int depth;
    std::vector<uint8_t> samples, stored;  // stored: what an 8-bit reader sees
  };
  for (const Case& c : {Case{1, 1, {1, 0}, {255, 0}}, Case{3, 2, {3, 1}, {255, 85}}, Case{15, 4, {15, 10}, {255, 170}},
                        Case{255, 8, {200, 7}, {200, 7}}, Case{100, 8, {100, 1}, {255, 3}}}) {
    const std::string path = dir.File("maxval" + std::to_string(c.maxval) + ".png");
    ImageWriteOptions options;
    options.maxval = c.maxval;
    ImageOutput out = CreateImageOutput(path, false, "", ImageFormat::kPng, 2, 1, options);
    out.writer->WriteRow(c.samples.data());
    out.writer->Finish();
    out.file->Commit();
    EXPECT_EQ(PngChunks(testing::ReadBytes(path))[0].second[8], c.depth) << c.maxval;
    std::vector<uint8_t> row(2);
    OpenImageReader(path)->ReadRow(row.data());
    EXPECT_EQ(row, c.stored) << c.maxval;
  }
  std::vector<uint8_t> row = {1};
  ImageWriteOptions bad;
  bad.maxval = 0;
  EXPECT_THROW(CreateImageOutput(dir.File("bad.png"), false, "", ImageFormat::kPng, 1, 1, bad), std::invalid_argument);
}

TEST(PngImageFileTest, PgmWriterWritesTheMaxval) {
  ScratchDirectory dir;
  const std::string path = dir.File("fifteen.pgm");
  ImageWriteOptions options;
  options.maxval = 15;
  ImageOutput out = CreateImageOutput(path, false, "", ImageFormat::kPgm, 3, 1, options);
  const uint8_t row[] = {0, 15, 7};
  out.writer->WriteRow(row);
  out.writer->Finish();
  out.file->Commit();
  EXPECT_EQ(testing::ReadBytes(path), std::string("P5\n3 1\n15\n\x00\x0f\x07", 13));
}

TEST(PngImageFileTest, AColourImageMadeGrayLosesItsProfileOnly) {
  ScratchDirectory dir;
  TestPng png;
  png.color_type = PNG_COLOR_TYPE_RGB;
  png.rows = {{10, 20, 30}};
  png.chunks = {{"sRGB", std::string("\x00", 1)}, {"iCCP", std::string("icc\0\0x\x9c\x03\x00\x00\x00\x00\x01", 13)}};
  const std::string path = dir.File("rgb.png");
  ASSERT_TRUE(WriteTestPng(path, png));
  const auto reader = OpenImageReader(path, Keeping(true));
  ASSERT_EQ(reader->chunks().size(), 1u);
  EXPECT_EQ(std::string(reader->chunks()[0].type.data(), 4), "sRGB");
  EXPECT_EQ(reader->maxval(), 255u);
}

// keep_channels: the rows hold the file's own channels, interleaved, whatever the colour type.
TEST(PngImageFileTest, KeepChannelsGivesEachColourTypesOwnSamples) {
  struct Case {
    const char* name;
    TestPng png;
    int channels;
    bool colour;
    std::vector<uint8_t> samples;
  };
  auto png = [](int color_type, uint32_t width, std::vector<uint8_t> row) {
    TestPng made;
    made.color_type = color_type;
    made.width = width;
    made.rows = {std::move(row)};
    return made;
  };
  TestPng palette = png(PNG_COLOR_TYPE_PALETTE, 3, {1, 0, 2});
  palette.palette = {{10, 20, 30}, {40, 50, 60}, {70, 80, 90}};
  TestPng palette_trns = palette;
  palette_trns.trns_alpha = {0, 128};  // entries past the list are opaque
  TestPng gray_trns = png(PNG_COLOR_TYPE_GRAY, 3, {7, 9, 7});
  gray_trns.trns_gray = 7;
  TestPng interlaced = png(PNG_COLOR_TYPE_RGB, 3, {});
  interlaced.height = 3;
  interlaced.interlaced = true;
  interlaced.rows.clear();
  std::vector<uint8_t> interlaced_samples;
  for (uint8_t r = 0; r < 3; ++r) {
    interlaced.rows.emplace_back();
    for (uint8_t i = 0; i < 9; ++i) interlaced.rows.back().push_back(static_cast<uint8_t>(r * 50 + i));
    interlaced_samples.insert(interlaced_samples.end(), interlaced.rows.back().begin(), interlaced.rows.back().end());
  }
  const Case cases[] = {
      {"gray", png(PNG_COLOR_TYPE_GRAY, 2, {1, 250}), 1, false, {1, 250}},
      {"gray_alpha", png(PNG_COLOR_TYPE_GRAY_ALPHA, 2, {1, 255, 2, 0}), 2, false, {1, 255, 2, 0}},
      {"rgb", png(PNG_COLOR_TYPE_RGB, 2, {1, 2, 3, 4, 5, 6}), 3, true, {1, 2, 3, 4, 5, 6}},
      {"rgba", png(PNG_COLOR_TYPE_RGB_ALPHA, 2, {1, 2, 3, 0, 4, 5, 6, 128}), 4, true, {1, 2, 3, 0, 4, 5, 6, 128}},
      {"palette", palette, 3, true, {40, 50, 60, 10, 20, 30, 70, 80, 90}},
      {"palette_trns", palette_trns, 4, true, {40, 50, 60, 128, 10, 20, 30, 0, 70, 80, 90, 255}},
      {"gray_trns", gray_trns, 2, false, {7, 0, 9, 255, 7, 0}},
      {"interlaced_rgb", interlaced, 3, true, interlaced_samples},
  };
  ScratchDirectory dir;
  for (const Case& c : cases) {
    const std::string path = dir.File(std::string(c.name) + ".png");
    ASSERT_TRUE(WriteTestPng(path, c.png)) << c.name;
    const testing::ChannelRead read = testing::ReadKeepingChannels(path);
    EXPECT_EQ(read.channels, c.channels) << c.name;
    EXPECT_EQ(read.colour, c.colour) << c.name;
    EXPECT_EQ(read.samples, c.samples) << c.name;
    EXPECT_EQ(OpenImageReader(path, ImageReadOptions{true})->channels(), 1) << c.name;  // to_gray: one channel
  }
}

TEST(PngImageFileTest, KeepChannelsRefusesNeitherColourNorTransparency) {
  ScratchDirectory dir;
  TestPng rgb;
  rgb.color_type = PNG_COLOR_TYPE_RGB;
  rgb.rows = {{1, 2, 3}};
  TestPng transparent;
  transparent.color_type = PNG_COLOR_TYPE_GRAY_ALPHA;
  transparent.rows = {{5, 0}};
  for (const auto& [name, png, refusal] : {std::make_tuple("rgb.png", rgb, "colour image (RGB)"),
                                           std::make_tuple("transparent.png", transparent, "transparent pixel")}) {
    const std::string path = dir.File(name);
    ASSERT_TRUE(WriteTestPng(path, png));
    std::optional<FileError> error;
    testing::ReadPixels(path, {}, &error);
    EXPECT_TRUE(testing::Contains(error, refusal)) << name << ": " << (error ? error->what() : "none");
    ImageReadOptions both = testing::KeepChannels();
    both.to_gray = true;  // keep_channels wins
    for (const ImageReadOptions& options : {testing::KeepChannels(), both}) {
      testing::ReadPixels(path, options, &error);
      EXPECT_EQ(testing::KindOf(error), "none") << name << ": " << (error ? error->what() : "");
      EXPECT_EQ(testing::ReadKeepingChannels(path, options).samples, png.rows[0]) << name;
    }
  }
}

TEST(PngImageFileTest, KeepChannelsKeepsTheColourProfile) {
  ScratchDirectory dir;
  TestPng png;
  png.color_type = PNG_COLOR_TYPE_RGB;
  png.rows = {{10, 20, 30}};
  const std::string profile("icc\0\0x\x9c\x03\x00\x00\x00\x00\x01", 13);
  png.chunks = {{"sRGB", std::string("\x00", 1)}, {"iCCP", profile}};
  const std::string path = dir.File("rgb.png");
  ASSERT_TRUE(WriteTestPng(path, png));
  ImageReadOptions options = Keeping();
  options.keep_channels = true;
  const auto reader = OpenImageReader(path, options);
  ASSERT_EQ(reader->chunks().size(), 2u);
  EXPECT_EQ(std::string(reader->chunks()[1].type.data(), 4), "iCCP");
  EXPECT_EQ(std::string(reader->chunks()[1].data.begin(), reader->chunks()[1].data.end()), profile);
  EXPECT_EQ(reader->channels(), 3);
}

TEST(PngImageFileTest, SixteenBitPngIsRefusedByNameEvenWithKeepChannels) {
  ScratchDirectory dir;
  for (const auto& [color_type, name] : {std::make_pair(PNG_COLOR_TYPE_RGB, "RGB"), std::make_pair(PNG_COLOR_TYPE_GRAY, "gray")}) {
    TestPng png;
    png.bit_depth = 16;
    png.color_type = color_type;
    png.rows = {std::vector<uint8_t>(color_type == PNG_COLOR_TYPE_RGB ? 6 : 2, 1)};
    const std::string path = dir.File(std::string(name) + ".png");
    ASSERT_TRUE(WriteTestPng(path, png));
    std::optional<FileError> error;
    testing::ReadPixels(path, testing::KeepChannels(), &error);
    EXPECT_EQ(testing::KindOf(error), "input") << name;
    EXPECT_TRUE(testing::Contains(error, path + ": 16-bit PNG (" + name + "); ride codes samples of 1 to 8 bits"))
        << (error ? error->what() : "none");
  }
}

// Each channel count written as the PNG colour type of the same name and read back sample for sample.
TEST(PngImageFileTest, EveryChannelCountRoundTripsExactly) {
  ScratchDirectory dir;
  const int kColourTypes[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                              PNG_COLOR_TYPE_RGB_ALPHA};
  for (int channels = 1; channels <= 4; ++channels) {
    const uint32_t width = 5, height = 3;
    std::vector<uint8_t> samples(std::size_t{width} * height * channels);
    for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = static_cast<uint8_t>(i * 37 + 11);
    const std::string path = dir.File("c" + std::to_string(channels) + ".png");
    ImageWriteOptions options;
    options.channels = channels;
    ImageOutput out = CreateImageOutput(path, false, "", ImageFormat::kPng, width, height, options);
    for (uint32_t r = 0; r < height; ++r) out.writer->WriteRow(samples.data() + std::size_t{r} * width * channels);
    out.writer->Finish();
    out.file->Commit();
    const auto ihdr = PngChunks(testing::ReadBytes(path))[0].second;
    EXPECT_EQ(ihdr[8], 8) << channels;  // bit depth
    EXPECT_EQ(ihdr[9], kColourTypes[channels - 1]) << channels;
    const testing::ChannelRead read = testing::ReadKeepingChannels(path);
    EXPECT_EQ(read.channels, channels);
    EXPECT_EQ(read.colour, channels >= 3);
    EXPECT_EQ(read.samples, samples) << channels;
  }
}

TEST(PngImageFileTest, ChannelCountsOutsideOneToFourAreRefused) {
  ScratchDirectory dir;
  for (int channels : {0, 5}) {
    ImageWriteOptions options;
    options.channels = channels;
    EXPECT_THROW(CreateImageOutput(dir.File("bad.png"), false, "", ImageFormat::kPng, 1, 1, options),
                 std::invalid_argument)
        << channels;
  }
  EXPECT_TRUE(dir.Entries().empty());  // nothing committed
}

TEST(PngImageFileTest, ADamagedEndIsAnInputErrorWhenReadEndReadsIt) {
  ScratchDirectory dir;
  const std::string path = dir.File("cut.png");
  ASSERT_TRUE(WriteTestPng(path, OneBitPngWithChunks()));
  std::string bytes = testing::ReadBytes(path);
  bytes.resize(bytes.size() - 14);  // inside the last tEXt
  ASSERT_TRUE(testing::WriteBytes(path, bytes));
  const auto reader = OpenImageReader(path, Keeping());
  std::vector<uint8_t> row(4);
  reader->ReadRow(row.data());
  reader->ReadRow(row.data());
  const auto error = testing::Caught([&] { reader->ReadEnd(); });
  EXPECT_EQ(testing::KindOf(error), "input");
  EXPECT_TRUE(testing::Contains(error, "cannot read the end of the PNG")) << (error ? error->what() : "");
}

}  // namespace
}  // namespace ride::tools
