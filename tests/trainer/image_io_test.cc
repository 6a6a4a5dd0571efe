#include "trainer/src/image_io.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "tests/shared_data.h"

namespace ride::trainer {
namespace {

const std::string kData = RIDE_SHARED_DATA_DIR;

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(GrayFromRgbTest, Bt601RoundsHalvesUp) {
  EXPECT_EQ(GrayFromRgb(255, 255, 255), 255);
  EXPECT_EQ(GrayFromRgb(0, 0, 0), 0);
  EXPECT_EQ(GrayFromRgb(255, 0, 0), 76);   // 76.245
  EXPECT_EQ(GrayFromRgb(0, 255, 0), 150);  // 149.685
  EXPECT_EQ(GrayFromRgb(0, 0, 255), 29);   // 29.07
  EXPECT_EQ(GrayFromRgb(1, 0, 1), 0);      // 0.413
}

// Expected values from an independent PNG decoder: RGB at the pixel, then the BT.601 formula.
TEST(ReadGrayImageTest, RgbPngBecomesBt601Gray) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  const GrayImage image = ReadGrayImage(kData + "/kodak/kodim23.png");
  ASSERT_EQ(image.width, 768);
  ASSERT_EQ(image.height, 512);
  EXPECT_EQ(image.at(0, 0), 113);      // RGB 116 116 88
  EXPECT_EQ(image.at(10, 20), 141);    // RGB 150 141 114
  EXPECT_EQ(image.at(200, 300), 164);  // RGB 166 169 135
  EXPECT_EQ(image.at(300, 400), 111);  // RGB 85 140 31
  EXPECT_EQ(image.at(100, 700), 62);   // RGB 67 63 46
}

TEST(ReadGrayImageTest, BsdsJpegReadsWithItsSize) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  const GrayImage image = ReadGrayImage(kData + "/bsds300/test/101085.jpg");
  EXPECT_EQ(image.width * image.height, 481 * 321);
  EXPECT_TRUE(image.width == 481 || image.width == 321);
  double mean = 0;
  for (uint8_t v : image.pixels) mean += v;
  mean /= image.pixels.size();
  EXPECT_GT(mean, 10);  // a photograph, not a black frame
  EXPECT_LT(mean, 245);
}

TEST(ReadGrayImageTest, PgmBinaryAndAsciiWithMaxvalScaling) {
  const GrayImage binary = ReadGrayImage(WriteTemp(
      "ride_trainer_p5.pgm", std::string("P5\n# c\n3 1\n255\n") + std::string("\x00\x80\xff", 3)));
  ASSERT_EQ(binary.width, 3);
  EXPECT_EQ(binary.pixels, (std::vector<uint8_t>{0, 128, 255}));
  const GrayImage ascii = ReadGrayImage(WriteTemp("ride_trainer_p2.pgm", "P2 2 2 15\n0 15\n7 8\n"));
  ASSERT_EQ(ascii.height, 2);
  EXPECT_EQ(ascii.pixels, (std::vector<uint8_t>{0, 255, 119, 136}));  // round(v * 255 / 15)
}

TEST(ReadGrayImageTest, ErrorsNameTheFile) {
  const std::string path = WriteTemp("ride_trainer_junk.png", "not an image");
  try {
    ReadGrayImage(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
  EXPECT_THROW(ReadGrayImage(WriteTemp("ride_trainer_trunc.pgm", "P5 4 4 255\nab")),
               std::runtime_error);
}

TEST(ListImageFilesTest, SortedAndFiltered) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  const auto files = ListImageFiles(kData + "/bsds300/train");
  ASSERT_EQ(files.size(), 200u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  EXPECT_EQ(std::filesystem::path(files.front()).filename(), "100075.jpg");
}

}  // namespace
}  // namespace ride::trainer
