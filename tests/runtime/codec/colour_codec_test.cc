// The codec on colour and alpha layouts (docs/bitstream.md, "Colour"): every layout round-trips
// with the model that codes it, threads never change the bytes, an opaque or binary alpha costs
// little, stored colour groups keep the adaptive state in step, and a layout the model does not
// code is refused naming both.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/src/codec/image_codec.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_header.h"
#include "tests/runtime/codec/codec_test_rows.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::codec {
namespace {

using engine::testing::ModelShape;
using engine::testing::RandomEngineModel;
using engine::testing::RandomImage;
using testing::ImageRows;

struct ColourFixture {
  engine::EngineModel gray, colour;
  CodecModel gray_codec, colour_codec;
  ColourFixture() {
    ModelShape shape;
    shape.hidden = {};
    gray = RandomEngineModel(shape, 3);
    shape.channels = 3;
    colour = RandomEngineModel(shape, 4);
    gray_codec.model = &gray;
    colour_codec.model = &colour;
    for (std::size_t i = 0; i < colour_codec.fingerprint.size(); ++i) {
      gray_codec.fingerprint[i] = uint8_t(i);
      colour_codec.fingerprint[i] = uint8_t(100 + i);
    }
  }
  const CodecModel& For(uint32_t layout) const { return layout <= 2 ? gray_codec : colour_codec; }
};

Status Encode(const CodecModel& model, const std::vector<uint8_t>& image, uint32_t width, uint32_t height,
              EncodeOptions options, std::vector<uint8_t>* file, EncodeResult* result = nullptr) {
  ImageRows rows(width * options.layout, image);
  coder::VectorByteSink sink;
  const Status status = EncodeImage(model, width, height, &rows, options, &sink, result);
  *file = sink.bytes();
  return status;
}

std::vector<uint8_t> Decode(const CodecModel& model, const std::vector<uint8_t>& file, uint32_t row_bytes,
                            uint32_t threads = 1) {
  ImageRows rows(row_bytes);
  DecodeOptions options;
  options.threads = threads;
  const Status status = DecodeImage(model, file.data(), file.size(), &rows, options);
  EXPECT_TRUE(status.ok()) << status.message();
  return rows.written;
}

// The samples of `rgb` (3 a pixel) with an alpha sample after each: alpha(x, y).
template <typename Alpha>
std::vector<uint8_t> WithAlpha(const std::vector<uint8_t>& pixels, uint32_t width, uint32_t samples, Alpha alpha) {
  std::vector<uint8_t> out;
  for (std::size_t i = 0; i < pixels.size() / samples; ++i) {
    out.insert(out.end(), pixels.begin() + i * samples, pixels.begin() + (i + 1) * samples);
    out.push_back(alpha(static_cast<uint32_t>(i % width), static_cast<uint32_t>(i / width)));
  }
  return out;
}

TEST(ColourCodecTest, EveryLayoutRoundTripsAndThreadsNeverChangeTheBytes) {
  const ColourFixture f;
  struct Shape {
    uint32_t width, height, lanes;
  };
  for (uint32_t layout = 1; layout <= 4; ++layout) {
    for (const Shape shape : {Shape{1, 1, 1}, Shape{7, 3, 2}, Shape{33, 17, 4}}) {
      const auto image = RandomImage(shape.width, shape.height, layout * 10 + shape.width, layout);
      EncodeOptions options;
      options.layout = layout;
      options.lanes = shape.lanes;
      options.group_rows = shape.lanes;  // several groups, so the state crosses groups
      std::vector<uint8_t> one, two;
      ASSERT_TRUE(Encode(f.For(layout), image, shape.width, shape.height, options, &one).ok());
      options.threads = 2;
      ASSERT_TRUE(Encode(f.For(layout), image, shape.width, shape.height, options, &two).ok());
      EXPECT_EQ(one, two) << "layout " << layout << ", " << shape.width << "x" << shape.height;
      EXPECT_EQ(Decode(f.For(layout), one, shape.width * layout), image) << "layout " << layout;
      EXPECT_EQ(Decode(f.For(layout), one, shape.width * layout, 2), image) << "layout " << layout;
    }
  }
}

TEST(ColourCodecTest, AnOpaqueOrBinaryAlphaCostsLittle) {
  const ColourFixture f;
  const uint32_t width = 96, height = 64;
  const auto rgb = RandomImage(width, height, 7, 3);
  EncodeOptions options;
  options.layout = container::kRimLayoutRgb;
  std::vector<uint8_t> plain, opaque, cut;
  EncodeResult plain_result, opaque_result, cut_result;
  ASSERT_TRUE(Encode(f.colour_codec, rgb, width, height, options, &plain, &plain_result).ok());
  options.layout = container::kRimLayoutRgba;
  const auto opaque_image = WithAlpha(rgb, width, 3, [](uint32_t, uint32_t) { return uint8_t{255}; });
  ASSERT_TRUE(Encode(f.colour_codec, opaque_image, width, height, options, &opaque, &opaque_result).ok());
  // A disc cut out of the picture: alpha 0 or 255.
  const auto cut_image = WithAlpha(rgb, width, 3, [](uint32_t x, uint32_t y) {
    const int dx = static_cast<int>(x) - 48, dy = static_cast<int>(y) - 32;
    return uint8_t(dx * dx + dy * dy < 25 * 25 ? 255 : 0);
  });
  ASSERT_TRUE(Encode(f.colour_codec, cut_image, width, height, options, &cut, &cut_result).ok());
  // What the model codes (a random model stores these groups, so the files compare nothing).
  // Opaque: a one-value level set, nothing coded per pixel.
  EXPECT_EQ(opaque_result.model_bits, plain_result.model_bits);
  // Binary: its edge pixels, a small fraction of a bit per pixel in all.
  EXPECT_LE(cut_result.model_bits, plain_result.model_bits + width * height / 8.0) << plain_result.model_bits;
  EXPECT_EQ(Decode(f.colour_codec, opaque, width * 4), opaque_image);
  EXPECT_EQ(Decode(f.colour_codec, cut, width * 4), cut_image);
}

TEST(ColourCodecTest, StoredColourGroupsBetweenCodedOnesKeepTheStateInStep) {
  const ColourFixture f;
  const uint32_t width = 24, height = 24;
  // Few levels, which the adaptive method codes in far less than their samples, around rows of noise,
  // which it cannot.
  std::vector<uint8_t> image(std::size_t{width} * height * 3);
  engine::testing::Rng rng(5);
  for (std::size_t i = 0; i < image.size(); ++i) {
    const std::size_t row = i / (width * 3);
    image[i] = row >= 8 && row < 16 ? static_cast<uint8_t>(rng.Uniform() * 256) : static_cast<uint8_t>(60 * (i / 18 % 4));
  }
  EncodeOptions options;
  options.layout = container::kRimLayoutRgb;
  options.lanes = 4;
  options.group_rows = 8;
  std::vector<uint8_t> file;
  EncodeResult result;
  ASSERT_TRUE(Encode(f.colour_codec, image, width, height, options, &file, &result).ok());
  EXPECT_EQ(result.groups, 3u);
  EXPECT_EQ(result.stored_groups, 1u);
  EXPECT_EQ(Decode(f.colour_codec, file, width * 3), image);
}

TEST(ColourCodecTest, ALayoutTheModelDoesNotCodeIsRefusedNamingBoth) {
  const ColourFixture f;
  const auto image = RandomImage(8, 4, 1, 3);
  EncodeOptions options;
  options.layout = container::kRimLayoutRgb;
  std::vector<uint8_t> file;
  Status status = Encode(f.gray_codec, image, 8, 4, options, &file);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("the image is RGB but the model codes gray"), std::string::npos)
      << status.message();
  options.layout = container::kRimLayoutGrayAlpha;
  status = Encode(f.colour_codec, image, 8, 4, options, &file);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("the image is gray+alpha but the model codes colour"),
            std::string::npos)
      << status.message();
}

TEST(ColourCodecTest, AFileWhoseModelCannotCodeItsLayoutIsCorrupt) {
  ColourFixture f;
  const auto image = RandomImage(8, 4, 2, 3);
  EncodeOptions options;
  options.layout = container::kRimLayoutRgb;
  std::vector<uint8_t> file;
  ASSERT_TRUE(Encode(f.colour_codec, image, 8, 4, options, &file).ok());
  // A gray model under the colour model's fingerprint: the header names a model that cannot code RGB.
  f.gray_codec.fingerprint = f.colour_codec.fingerprint;
  ImageRows rows(8 * 3);
  const Status status = DecodeImage(f.gray_codec, file.data(), file.size(), &rows, DecodeOptions());
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(std::string(status.message()).find("the image is RGB but the model codes gray"), std::string::npos)
      << status.message();
  EXPECT_TRUE(rows.written.empty());
}

}  // namespace
}  // namespace ride::codec
