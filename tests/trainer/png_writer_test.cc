// Gray PNG files written by the trainer read back pixel for pixel.
#include "trainer/src/png_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

namespace ride::trainer {
namespace {

TEST(PngWriterTest, WrittenFileReadsBackUnchanged) {
  GrayImage image;
  image.width = 7;
  image.height = 5;
  for (int i = 0; i < 35; ++i) image.pixels.push_back(static_cast<uint8_t>(i * 37 % 256));
  const std::string path = (std::filesystem::path(::testing::TempDir()) / "ride-png-writer.png").string();
  WriteGrayPng(image, path);
  const GrayImage read = ReadGrayImage(path);
  EXPECT_EQ(read.width, 7);
  EXPECT_EQ(read.height, 5);
  EXPECT_EQ(read.pixels, image.pixels);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(PngWriterTest, InconsistentImageIsRefused) {
  GrayImage image;
  image.width = 4;
  image.height = 4;
  image.pixels.resize(15);
  EXPECT_THROW(EncodeGrayPng(image), std::invalid_argument);
  image.width = 0;
  image.pixels.clear();
  EXPECT_THROW(EncodeGrayPng(image), std::invalid_argument);
}

}  // namespace
}  // namespace ride::trainer
