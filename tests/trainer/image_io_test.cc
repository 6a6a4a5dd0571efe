#include "trainer/src/image_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "tools/common/file_error.h"
#include "tests/shared_data.h"

namespace ride::trainer {
namespace {

const std::string kData = RIDE_SHARED_DATA_DIR;

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  const std::string path = (std::filesystem::path(::testing::TempDir()) / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The trainer always converts: expected values from an independent PNG decoder, RGB at the pixel,
// then the BT.601 formula.
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

TEST(ReadGrayImageTest, AlphaIsDroppedAndMaxvalScaled) {
  // A PAM with a transparent pixel, which the ride tool refuses without --gray.
  const GrayImage alpha = ReadGrayImage(WriteTemp(
      "ride_trainer_alpha.pam",
      "P7\nWIDTH 2\nHEIGHT 1\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n" + std::string("\x10\x00\x20\xff", 4)));
  EXPECT_EQ(alpha.pixels, (std::vector<uint8_t>{0x10, 0x20}));
  const GrayImage ascii = ReadGrayImage(WriteTemp("ride_trainer_p2.pgm", "P2 2 2 15\n0 15\n7 8\n"));
  ASSERT_EQ(ascii.width, 2);
  ASSERT_EQ(ascii.height, 2);
  EXPECT_EQ(ascii.pixels, (std::vector<uint8_t>{0, 255, 119, 136}));  // round(v * 255 / 15)
}

TEST(ReadGrayImageTest, ErrorsNameTheFile) {
  const std::string path = WriteTemp("ride_trainer_junk.png", "not an image");
  try {
    ReadGrayImage(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ": ", 0), 0u) << e.what();
  }
  EXPECT_THROW(ReadGrayImage(WriteTemp("ride_trainer_trunc.pgm", "P5 4 4 255\nab")), tools::FileError);
}

TEST(WriteGrayImageTest, WrittenPngAndPgmReadBackUnchanged) {
  GrayImage image;
  image.width = 7;
  image.height = 5;
  for (int i = 0; i < 35; ++i) image.pixels.push_back(static_cast<uint8_t>(i * 37 % 256));
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "ride-write-gray-image";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const char* name : {"image.png", "image.pgm"}) {
    const std::string path = (dir / name).string();
    WriteGrayImage(image, path, /*overwrite=*/false);
    const GrayImage read = ReadGrayImage(path);
    EXPECT_EQ(read.width, 7);
    EXPECT_EQ(read.height, 5);
    EXPECT_EQ(read.pixels, image.pixels) << name;
    EXPECT_THROW(WriteGrayImage(image, path, /*overwrite=*/false), tools::FileError) << "exists";
    WriteGrayImage(image, path, /*overwrite=*/true);
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 2)
      << "a temporary is left";
  std::filesystem::remove_all(dir);
}

TEST(WriteGrayImageTest, InconsistentImageIsRefused) {
  GrayImage image;
  image.width = 4;
  image.height = 4;
  image.pixels.resize(15);
  EXPECT_THROW(WriteGrayImage(image, "never.png", true), std::invalid_argument);
  image.width = 0;
  image.pixels.clear();
  EXPECT_THROW(WriteGrayImage(image, "never.png", true), std::invalid_argument);
}

}  // namespace
}  // namespace ride::trainer
