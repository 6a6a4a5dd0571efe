// JPEG files made here with libjpeg's encoder, read through OpenImageReader, compared with a whole
// image decoded by libjpeg directly (the reader streams rows; the pixels must be the same).
#include <stdio.h>  // jpeglib.h needs FILE and size_t declared first

#include <gtest/gtest.h>
#include <jpeglib.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "tools/common/image_file.h"
#include "tests/shared_data.h"
#include "tests/tools/common/image_test_cases.h"

namespace ride::tools {
namespace {

using testing::Contains;
using testing::KindOf;
using testing::ReadPixels;
using testing::ScratchDirectory;
using testing::WriteBytes;

struct TestJpeg {
  uint32_t width = 16, height = 16;
  int components = 1;
  J_COLOR_SPACE input = JCS_GRAYSCALE;    // what `pixels` holds
  J_COLOR_SPACE stored = JCS_GRAYSCALE;   // what the file holds
  bool progressive = false;
  int quality = 90;
  std::vector<uint8_t> pixels;  // width * height * components
};

// The bytes of a JPEG file; libjpeg's own error handling ends the test binary on a broken test.
std::string EncodeJpeg(const TestJpeg& jpeg) {
  jpeg_compress_struct info;
  jpeg_error_mgr error;
  info.err = jpeg_std_error(&error);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = jpeg.width;
  info.image_height = jpeg.height;
  info.input_components = jpeg.components;
  info.in_color_space = jpeg.input;
  jpeg_set_defaults(&info);
  jpeg_set_colorspace(&info, jpeg.stored);
  jpeg_set_quality(&info, jpeg.quality, TRUE);
  if (jpeg.progressive) jpeg_simple_progression(&info);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(&jpeg.pixels[std::size_t{info.next_scanline} * jpeg.width * jpeg.components]);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string bytes(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return bytes;
}

// The whole image decoded at once by libjpeg with its defaults, gray or RGB as the file holds it.
std::vector<uint8_t> DecodeWholeSamples(const std::string& bytes, int* components) {
  jpeg_decompress_struct info;
  jpeg_error_mgr error;
  info.err = jpeg_std_error(&error);
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  jpeg_read_header(&info, TRUE);
  info.out_color_space = info.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(&info);
  const std::size_t stride = std::size_t{info.output_width} * info.output_components;
  std::vector<uint8_t> samples(stride * info.output_height);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = &samples[info.output_scanline * stride];
    jpeg_read_scanlines(&info, &row, 1);
  }
  *components = info.output_components;
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return samples;
}

// The same as gray (GrayFromRgb for colour).
std::vector<uint8_t> DecodeWhole(const std::string& bytes) {
  int components = 0;
  const std::vector<uint8_t> samples = DecodeWholeSamples(bytes, &components);
  std::vector<uint8_t> gray(samples.size() / static_cast<std::size_t>(components));
  for (std::size_t i = 0; i < gray.size(); ++i) {
    const uint8_t* p = &samples[i * components];
    gray[i] = components == 1 ? p[0] : GrayFromRgb(p[0], p[1], p[2]);
  }
  return gray;
}

// A smooth colour picture of width × height (odd sizes exercise the partial blocks at the edges).
TestJpeg ColourPicture(uint32_t width, uint32_t height) {
  TestJpeg jpeg;
  jpeg.width = width;
  jpeg.height = height;
  jpeg.components = 3;
  jpeg.input = JCS_RGB;
  jpeg.stored = JCS_YCbCr;
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      jpeg.pixels.push_back(static_cast<uint8_t>(x * 255 / width));
      jpeg.pixels.push_back(static_cast<uint8_t>(y * 255 / height));
      jpeg.pixels.push_back(static_cast<uint8_t>((x + y) * 4));
    }
  }
  return jpeg;
}

ImageReadOptions ToGray() {
  ImageReadOptions options;
  options.to_gray = true;
  return options;
}

TEST(JpegImageFileTest, GrayJpegReadsAsIs) {
  // Flat 8×8 blocks at quality 100 keep only an exact DC term: the decoded pixels are the stored ones.
  TestJpeg jpeg;
  jpeg.quality = 100;
  const uint8_t levels[4] = {10, 100, 200, 250};
  for (uint32_t y = 0; y < 16; ++y)
    for (uint32_t x = 0; x < 16; ++x) jpeg.pixels.push_back(levels[(y / 8) * 2 + x / 8]);
  ScratchDirectory dir;
  const std::string path = dir.File("gray.jpg");
  ASSERT_TRUE(WriteBytes(path, EncodeJpeg(jpeg)));
  std::optional<FileError> error;
  EXPECT_EQ(ReadPixels(path, {}, &error), jpeg.pixels);
  EXPECT_EQ(KindOf(error), "none");
  EXPECT_EQ(OpenImageReader(path)->description(), "JPEG, 8-bit gray");
}

TEST(JpegImageFileTest, ColourJpegIsRefusedWithoutGrayAndConvertedLikeAWholeDecode) {
  ScratchDirectory dir;
  for (J_COLOR_SPACE stored : {JCS_YCbCr, JCS_RGB}) {
    TestJpeg jpeg = ColourPicture(37, 23);
    jpeg.stored = stored;
    const std::string bytes = EncodeJpeg(jpeg);
    const std::string name = stored == JCS_YCbCr ? "YCbCr" : "RGB";
    const std::string path = dir.File(name + ".jpg");
    ASSERT_TRUE(WriteBytes(path, bytes));
    std::optional<FileError> error;
    ReadPixels(path, {}, &error);
    EXPECT_EQ(KindOf(error), "input") << name;
    EXPECT_TRUE(Contains(error, path + ": colour image (" + name + " JPEG); ride codes 8-bit grayscale, pass --gray"))
        << (error ? error->what() : "");
    EXPECT_EQ(ReadPixels(path, ToGray(), &error), DecodeWhole(bytes)) << name;
    EXPECT_EQ(KindOf(error), "none") << name;
    EXPECT_EQ(OpenImageReader(path, ToGray())->description(), "JPEG, 8-bit " + name);
  }
}

// keep_channels: a colour JPEG reads as libjpeg's RGB (nothing refused), a gray one as one channel.
TEST(JpegImageFileTest, KeepChannelsGivesRgbOrGrayLikeAWholeDecode) {
  ScratchDirectory dir;
  TestJpeg gray;
  gray.pixels.assign(16 * 16, 0);
  for (std::size_t i = 0; i < gray.pixels.size(); ++i) gray.pixels[i] = static_cast<uint8_t>(i);
  TestJpeg progressive = ColourPicture(40, 33);
  progressive.progressive = true;
  const std::tuple<const char*, TestJpeg, int, bool> cases[] = {
      {"colour.jpg", ColourPicture(37, 23), 3, true},
      {"progressive.jpg", progressive, 3, true},
      {"gray.jpg", gray, 1, false},
  };
  for (const auto& [name, jpeg, channels, colour] : cases) {
    const std::string bytes = EncodeJpeg(jpeg);
    const std::string path = dir.File(name);
    ASSERT_TRUE(WriteBytes(path, bytes));
    int components = 0;
    const std::vector<uint8_t> expected = DecodeWholeSamples(bytes, &components);
    ASSERT_EQ(components, channels) << name;
    const testing::ChannelRead read = testing::ReadKeepingChannels(path);
    EXPECT_EQ(read.channels, channels) << name;
    EXPECT_EQ(read.colour, colour) << name;
    EXPECT_EQ(read.samples, expected) << name;
  }
}

TEST(JpegImageFileTest, ProgressiveJpegReadsLikeAWholeDecode) {
  TestJpeg jpeg = ColourPicture(40, 33);
  jpeg.progressive = true;
  const std::string bytes = EncodeJpeg(jpeg);
  ScratchDirectory dir;
  const std::string path = dir.File("progressive.jpg");
  ASSERT_TRUE(WriteBytes(path, bytes));
  std::optional<FileError> error;
  EXPECT_EQ(ReadPixels(path, ToGray(), &error), DecodeWhole(bytes));
  EXPECT_EQ(KindOf(error), "none");
  EXPECT_EQ(OpenImageReader(path, ToGray())->description(), "JPEG, 8-bit YCbCr, progressive");
}

TEST(JpegImageFileTest, CmykJpegIsRefusedByNameEvenWithGray) {
  TestJpeg jpeg;
  jpeg.components = 4;
  jpeg.input = JCS_CMYK;
  jpeg.stored = JCS_CMYK;
  jpeg.pixels.assign(16 * 16 * 4, 100);
  ScratchDirectory dir;
  const std::string path = dir.File("cmyk.jpg");
  ASSERT_TRUE(WriteBytes(path, EncodeJpeg(jpeg)));
  std::optional<FileError> error;
  ReadPixels(path, ToGray(), &error);
  EXPECT_EQ(KindOf(error), "input");
  EXPECT_TRUE(Contains(error, path + ": JPEG with CMYK; ride reads gray, YCbCr and RGB JPEG only"))
      << (error ? error->what() : "");
}

TEST(JpegImageFileTest, TruncatedJpegIsAnInputErrorNamingTheFile) {
  const std::string bytes = EncodeJpeg(ColourPicture(64, 48));
  ScratchDirectory dir;
  const std::string path = dir.File("cut.jpg");
  for (std::size_t keep : {std::size_t{3}, std::size_t{200}, bytes.size() / 2, bytes.size() - 10}) {
    ASSERT_TRUE(WriteBytes(path, bytes.substr(0, keep)));
    std::optional<FileError> error;
    ReadPixels(path, ToGray(), &error);
    EXPECT_EQ(KindOf(error), "input") << keep;
    EXPECT_TRUE(Contains(error, path + ": cannot ")) << keep << ": " << (error ? error->what() : "");
  }
  ASSERT_TRUE(WriteBytes(path, bytes.substr(0, bytes.size() - 10)));  // in the entropy-coded data
  std::optional<FileError> error;
  ReadPixels(path, ToGray(), &error);
  EXPECT_TRUE(Contains(error, "cannot decode the JPEG: Premature end of JPEG file")) << (error ? error->what() : "");
}

TEST(JpegImageFileTest, BsdsJpegReadsWithItsSizeLikeAWholeDecode) {
  RIDE_SKIP_WITHOUT_SHARED_DATA();
  const std::string path = std::string(RIDE_SHARED_DATA_DIR) + "/bsds300/test/101085.jpg";
  std::optional<FileError> error;
  const std::vector<uint8_t> pixels = ReadPixels(path, ToGray(), &error);
  ASSERT_EQ(KindOf(error), "none") << (error ? error->what() : "");
  const auto reader = OpenImageReader(path, ToGray());
  EXPECT_EQ(reader->width() * reader->height(), 481u * 321u);
  EXPECT_EQ(pixels, DecodeWhole(testing::ReadBytes(path)));
}

}  // namespace
}  // namespace ride::tools
