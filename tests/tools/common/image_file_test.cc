#include "tools/common/image_file.h"

#include <gtest/gtest.h>
#include <png.h>

#include <array>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_output.h"
#include "tests/tools/common/image_test_cases.h"
#include "tests/tools/common/tool_test_files.h"

namespace ride::tools {
namespace {

using testing::Caught;
using testing::Contains;
using testing::KindOf;
using testing::ScratchDirectory;
using testing::TestPng;
using testing::WriteBytes;
using testing::WriteTestPng;

using Image = std::vector<std::vector<uint8_t>>;

Image ReadAll(const std::string& path, bool to_gray, uint32_t* width = nullptr) {
  const std::unique_ptr<ImageReader> reader = OpenImageReader(path, ImageReadOptions{to_gray});
  Image image(reader->height(), std::vector<uint8_t>(reader->width()));
  if (width != nullptr) *width = reader->width();
  for (auto& row : image) reader->ReadRow(row.data());
  return image;
}

void WriteAll(const std::string& path, const Image& image, uint32_t width) {
  std::vector<uint8_t> pixels;
  for (const auto& row : image) pixels.insert(pixels.end(), row.begin(), row.end());
  WriteImageFile(path, width, static_cast<uint32_t>(image.size()), pixels.data());
}

Image RandomImage(uint32_t width, uint32_t height, uint32_t seed) {
  std::mt19937 rng(seed);
  Image image(height, std::vector<uint8_t>(width));
  for (auto& row : image) {
    for (auto& v : row) v = static_cast<uint8_t>(rng());
  }
  return image;
}

TEST(ImageFileTest, GrayFromRgbIsBt601RoundingHalvesUp) {
  EXPECT_EQ(GrayFromRgb(255, 255, 255), 255);
  EXPECT_EQ(GrayFromRgb(0, 0, 0), 0);
  EXPECT_EQ(GrayFromRgb(255, 0, 0), 76);   // 76.245
  EXPECT_EQ(GrayFromRgb(0, 255, 0), 150);  // 149.685
  EXPECT_EQ(GrayFromRgb(0, 0, 255), 29);   // 29.07
  EXPECT_EQ(GrayFromRgb(1, 0, 1), 0);      // 0.413
  EXPECT_EQ(GrayFromRgb(0, 0, 250), 29);   // 28.5, half up
}

TEST(ImageFileTest, PngAndPgmRoundTripEdgeShapes) {
  ScratchDirectory dir;
  const std::pair<uint32_t, uint32_t> shapes[] = {{1, 1}, {1, 300}, {300, 1}, {16384, 1}, {97, 61}};
  int index = 0;
  for (const auto& [width, height] : shapes) {
    const Image image = RandomImage(width, height, static_cast<uint32_t>(index));
    for (const char* extension : {".png", ".pgm", ".PNG"}) {
      const std::string path = dir.File("image" + std::to_string(index++) + extension);
      WriteAll(path, image, width);
      uint32_t read_width = 0;
      const Image read = ReadAll(path, false, &read_width);
      EXPECT_EQ(read_width, width);
      EXPECT_EQ(read, image) << path;
    }
  }
}

TEST(ImageFileTest, PgmWriterWritesBinaryP5) {
  ScratchDirectory dir;
  const std::string path = dir.File("tiny.pgm");
  WriteAll(path, Image{{0, 255, 7}}, 3);
  EXPECT_EQ(testing::ReadBytes(path), std::string("P5\n3 1\n255\n\x00\xff\x07", 14));
}

TEST(ImageFileTest, OutputFormatComesFromTheExtension) {
  EXPECT_EQ(ImageFormatForPath("a/b.Png"), ImageFormat::kPng);
  EXPECT_EQ(ImageFormatForPath("x.PGM"), ImageFormat::kPgm);
  for (const char* bad : {"x.jpg", "x", "dir.png/x", "x.png.tmp"}) {
    const auto error = Caught([&] { ImageFormatForPath(bad); });
    EXPECT_EQ(KindOf(error), "usage") << bad;
    EXPECT_TRUE(Contains(error, std::string(bad) + ": unknown image format")) << bad;
  }
}

TEST(ImageFileTest, LowBitDepthGrayPngIsScaledToEightBits) {
  ScratchDirectory dir;
  // One row of 4 pixels at depths 1, 2 and 4: the largest code maps to 255, the others by replication.
  struct Case {
    int depth;
    uint8_t packed;           // first byte of the row
    std::vector<uint8_t> expected;
  };
  const Case cases[] = {{1, 0xA0, {255, 0, 255, 0}}, {2, 0x1B, {0, 85, 170, 255}}, {4, 0xF1, {255, 17, 0, 0}}};
  for (const Case& c : cases) {
    TestPng png;
    png.width = 4;
    png.bit_depth = c.depth;
    png.rows = {{c.packed, 0}};
    const std::string path = dir.File("depth" + std::to_string(c.depth) + ".png");
    ASSERT_TRUE(WriteTestPng(path, png));
    EXPECT_EQ(ReadAll(path, false)[0], c.expected) << "depth " << c.depth;
  }
}

TEST(ImageFileTest, SixteenBitPngIsRefused) {
  ScratchDirectory dir;
  TestPng png;
  png.width = 2;
  png.bit_depth = 16;
  png.rows = {{0, 1, 2, 3}};
  const std::string path = dir.File("deep.png");
  ASSERT_TRUE(WriteTestPng(path, png));
  for (bool to_gray : {false, true}) {
    const auto error = Caught([&] { ReadAll(path, to_gray); });
    EXPECT_EQ(KindOf(error), "input");
    EXPECT_TRUE(Contains(error, path + ": 16-bit PNG")) << KindOf(error);
  }
}

TEST(ImageFileTest, ColourPngIsRefusedWithoutGrayAndConvertedWithIt) {
  ScratchDirectory dir;
  // Hand-made pixels with BT.601 values worked out by hand: 0.299*255 = 76.245 -> 76,
  // 0.587*255 = 149.685 -> 150, 0.114*255 = 29.07 -> 29, 0.114*250 = 28.5 -> 29 (half up),
  // 0.114*249 = 28.386 -> 28, 0.587*12 + 0.114*4 = 7.5 -> 8, 10/20/30 -> 18.15 -> 18.
  const std::vector<std::array<uint8_t, 3>> pixels = {{255, 0, 0},   {0, 255, 0},   {0, 0, 255}, {0, 0, 250},
                                                      {0, 0, 249},   {0, 12, 4},    {10, 20, 30}, {255, 255, 255},
                                                      {0, 0, 0},     {77, 77, 77}};
  const std::vector<uint8_t> expected = {76, 150, 29, 29, 28, 8, 18, 255, 0, 77};
  TestPng rgb;
  rgb.width = static_cast<uint32_t>(pixels.size());
  rgb.color_type = PNG_COLOR_TYPE_RGB;
  TestPng rgba = rgb;
  rgba.color_type = PNG_COLOR_TYPE_RGB_ALPHA;
  TestPng palette = rgb;
  palette.color_type = PNG_COLOR_TYPE_PALETTE;
  rgb.rows.resize(1);
  rgba.rows.resize(1);
  palette.rows.resize(1);
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    rgb.rows[0].insert(rgb.rows[0].end(), pixels[i].begin(), pixels[i].end());
    rgba.rows[0].insert(rgba.rows[0].end(), pixels[i].begin(), pixels[i].end());
    rgba.rows[0].push_back(static_cast<uint8_t>(i * 20));  // alpha is ignored by --gray
    palette.palette.push_back(png_color{pixels[i][0], pixels[i][1], pixels[i][2]});
    palette.rows[0].push_back(static_cast<uint8_t>(i));
  }
  palette.trns_alpha = {0, 128};
  const std::pair<const TestPng*, const char*> cases[] = {{&rgb, "RGB"}, {&rgba, "RGBA"}, {&palette, "palette"}};
  for (const auto& [png, name] : cases) {
    const std::string path = dir.File(std::string(name) + ".png");
    ASSERT_TRUE(WriteTestPng(path, *png));
    const auto refused = Caught([&] { ReadAll(path, false); });
    EXPECT_EQ(KindOf(refused), "input") << name;
    EXPECT_TRUE(Contains(refused, path + ": colour image (" + name + "); ride codes 8-bit grayscale, pass --gray"))
        << name;
    EXPECT_EQ(ReadAll(path, true)[0], expected) << name;
  }
}

TEST(ImageFileTest, GrayAlphaMustBeOpaqueUnlessGrayDropsIt) {
  ScratchDirectory dir;
  TestPng opaque;
  opaque.width = 3;
  opaque.height = 2;
  opaque.color_type = PNG_COLOR_TYPE_GRAY_ALPHA;
  opaque.rows = {{10, 255, 20, 255, 30, 255}, {40, 255, 50, 255, 60, 255}};
  TestPng transparent = opaque;
  transparent.rows[1][3] = 0;
  const std::string opaque_path = dir.File("opaque.png");
  const std::string transparent_path = dir.File("transparent.png");
  ASSERT_TRUE(WriteTestPng(opaque_path, opaque));
  ASSERT_TRUE(WriteTestPng(transparent_path, transparent));
  EXPECT_EQ(ReadAll(opaque_path, false), (Image{{10, 20, 30}, {40, 50, 60}}));
  const auto refused = Caught([&] { ReadAll(transparent_path, false); });
  EXPECT_EQ(KindOf(refused), "input");
  EXPECT_TRUE(Contains(refused, transparent_path + ": transparent pixel at row 1, column 1 (alpha 0)"));
  EXPECT_TRUE(Contains(refused, "--gray"));
  EXPECT_EQ(ReadAll(transparent_path, true), (Image{{10, 20, 30}, {40, 50, 60}}));

  // A gray tRNS colour is alpha too.
  TestPng keyed;
  keyed.width = 2;
  keyed.trns_gray = 7;
  keyed.rows = {{6, 7}};
  const std::string keyed_path = dir.File("keyed.png");
  ASSERT_TRUE(WriteTestPng(keyed_path, keyed));
  EXPECT_EQ(KindOf(Caught([&] { ReadAll(keyed_path, false); })), "input");
  EXPECT_EQ(ReadAll(keyed_path, true), (Image{{6, 7}}));
}

TEST(ImageFileTest, InterlacedPngReadsLikeTheImage) {
  ScratchDirectory dir;
  const Image image = RandomImage(13, 11, 5);
  TestPng png;
  png.width = 13;
  png.height = 11;
  png.interlaced = true;
  png.rows = image;
  const std::string path = dir.File("interlaced.png");
  ASSERT_TRUE(WriteTestPng(path, png));
  EXPECT_EQ(ReadAll(path, false), image);
}

TEST(ImageFileTest, TruncatedPngReportsAnErrorNamingTheFile) {
  ScratchDirectory dir;
  const std::string path = dir.File("whole.png");
  WriteAll(path, RandomImage(200, 50, 3), 200);
  const std::string bytes = testing::ReadBytes(path);
  for (std::size_t keep : {std::size_t{9}, std::size_t{40}, bytes.size() / 2, bytes.size() - 20}) {
    const std::string cut = dir.File("cut.png");
    ASSERT_TRUE(WriteBytes(cut, bytes.substr(0, keep)));
    const auto error = Caught([&] { ReadAll(cut, false); });
    EXPECT_EQ(KindOf(error), "input") << keep;
    EXPECT_TRUE(Contains(error, cut + ": ")) << keep;
  }
}

TEST(ImageFileTest, ReadErrorsAreSticky) {
  ScratchDirectory dir;
  const std::string path = dir.File("short.pgm");
  ASSERT_TRUE(WriteBytes(path, std::string("P5\n2 3\n255\n\x01\x02\x03", 13)));
  const std::unique_ptr<ImageReader> reader = OpenImageReader(path);
  std::vector<uint8_t> row(2);
  reader->ReadRow(row.data());
  const auto first = Caught([&] { reader->ReadRow(row.data()); });
  const auto again = Caught([&] { reader->ReadRow(row.data()); });
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(again.has_value());
  EXPECT_STREQ(first->what(), again->what());
}

TEST(ImageFileTest, MissingInputIsAnIoErrorNamingTheFile) {
  const auto error = Caught([] { OpenImageReader("/nonexistent/in.png"); });
  EXPECT_EQ(KindOf(error), "I/O");
  EXPECT_TRUE(Contains(error, "/nonexistent/in.png: cannot open: No such file or directory"));
}

std::string SharedData(const std::string& relative) {
  return std::string(RIDE_SHARED_DATA_DIR) + "/" + relative;
}

TEST(ImageFileTest, KodakColourIsRefusedAndConvertsWithGray) {
  const std::string path = SharedData("kodak/kodim23.png");
  if (::access(path.c_str(), R_OK) != 0) GTEST_SKIP() << "no " << path;
  const auto refused = Caught([&] { ReadAll(path, false); });
  EXPECT_EQ(KindOf(refused), "input");
  EXPECT_TRUE(Contains(refused, "colour image (RGB)"));
  uint32_t width = 0;
  const Image read = ReadAll(path, true, &width);
  EXPECT_EQ(width, 768u);
  EXPECT_EQ(read.size(), 512u);
  // Independent check through libpng's simplified API (RGB), converted with the BT.601 rule.
  png_image image = {};
  image.version = PNG_IMAGE_VERSION;
  ASSERT_NE(png_image_begin_read_from_file(&image, path.c_str()), 0);
  image.format = PNG_FORMAT_RGB;
  std::vector<uint8_t> rgb(PNG_IMAGE_SIZE(image));
  ASSERT_NE(png_image_finish_read(&image, nullptr, rgb.data(), 0, nullptr), 0);
  std::size_t mismatches = 0;
  for (uint32_t y = 0; y < 512; ++y) {
    for (uint32_t x = 0; x < 768; ++x) {
      const uint8_t* p = &rgb[(y * 768 + x) * 3];
      mismatches += read[y][x] != GrayFromRgb(p[0], p[1], p[2]);
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(ImageFileTest, BrodatzGrayPngReadsWithoutConversion) {
  const std::string path = SharedData("brodatz/D73.png");
  if (::access(path.c_str(), R_OK) != 0) GTEST_SKIP() << "no " << path;
  uint32_t width = 0;
  const Image read = ReadAll(path, false, &width);
  EXPECT_EQ(width, 640u);
  EXPECT_EQ(read.size(), 640u);
}

}  // namespace
}  // namespace ride::tools
