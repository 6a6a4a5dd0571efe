// ImageEncoder and ImageDecoder: setting a session up apart from running it gives the one-call
// functions' bytes and pixels, and each session runs once.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/group_source.h"
#include "runtime/src/codec/image_decoder.h"
#include "runtime/src/codec/image_encoder.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"
#include "tests/runtime/codec/codec_test_rows.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::codec {
namespace {

using engine::testing::ModelShape;
using engine::testing::RandomEngineModel;
using engine::testing::RandomImage;
using testing::ImageRows;

constexpr uint32_t kWidth = 17, kHeight = 11;


class ImageEncoderDecoderTest : public ::testing::Test {
 protected:
  ImageEncoderDecoderTest() : engine_model_(RandomEngineModel(ModelShape(), 21)) {
    model_.model = &engine_model_;
    model_.fingerprint[0] = 0x21;
  }
  engine::EngineModel engine_model_;
  CodecModel model_;
  std::vector<uint8_t> image_ = RandomImage(kWidth, kHeight, 5);
};

TEST_F(ImageEncoderDecoderTest, TwoStepsGiveTheOneCallBytesAndPixels) {
  EncodeOptions options;
  options.lanes = 4;
  ImageRows one_call_rows(kWidth, image_);
  coder::VectorByteSink one_call;
  ASSERT_TRUE(EncodeImage(model_, kWidth, kHeight, &one_call_rows, options, &one_call, nullptr).ok());

  ImageEncoder encoder;
  ASSERT_TRUE(encoder.Init(model_, kWidth, kHeight, options).ok());
  EXPECT_EQ(encoder.lanes(), 4u);
  ImageRows rows(kWidth, image_);
  coder::VectorByteSink file;
  EncodeResult result;
  ASSERT_TRUE(encoder.Encode(&rows, &file, &result).ok());
  EXPECT_EQ(file.bytes(), one_call.bytes());
  EXPECT_EQ(result.file_bytes, file.bytes().size());

  container::RimReader reader;
  ASSERT_TRUE(reader.Open(file.bytes().data(), file.bytes().size()).ok());
  ImageDecoder decoder;
  ASSERT_TRUE(decoder.Init(model_, reader.header(), DecodeOptions()).ok());
  ImageRows decoded(kWidth);
  MemoryGroupSource source(&reader);
  const Status status = decoder.Decode(&source, &decoded);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(decoded.written, image_);
}

TEST_F(ImageEncoderDecoderTest, EachSessionRunsOnce) {
  ImageEncoder encoder;
  ASSERT_TRUE(encoder.Init(model_, kWidth, kHeight, EncodeOptions()).ok());
  ImageRows rows(kWidth, image_), again(kWidth, image_);
  coder::VectorByteSink file, second;
  ASSERT_TRUE(encoder.Encode(&rows, &file, nullptr).ok());
  EXPECT_EQ(encoder.Encode(&again, &second, nullptr).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(second.bytes().empty());

  container::RimReader reader;
  ASSERT_TRUE(reader.Open(file.bytes().data(), file.bytes().size()).ok());
  ImageDecoder decoder;
  ASSERT_TRUE(decoder.Init(model_, reader.header(), DecodeOptions()).ok());
  ImageRows decoded(kWidth), decoded_again(kWidth);
  MemoryGroupSource source(&reader), again_source(&reader);
  ASSERT_TRUE(decoder.Decode(&source, &decoded).ok());
  EXPECT_EQ(decoder.Decode(&again_source, &decoded_again).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(decoded_again.written.empty());
}

TEST_F(ImageEncoderDecoderTest, DecoderRefusesAnotherModelAtInitAndAnotherFileAtDecode) {
  EncodeOptions options;
  options.lanes = 2;
  ImageRows rows(kWidth, image_);
  coder::VectorByteSink file;
  ASSERT_TRUE(EncodeImage(model_, kWidth, kHeight, &rows, options, &file, nullptr).ok());
  container::RimReader reader;
  ASSERT_TRUE(reader.Open(file.bytes().data(), file.bytes().size()).ok());
  const container::RimHeader& header = reader.header();

  CodecModel other = model_;
  other.fingerprint[0] ^= 1;
  ImageDecoder refused;
  EXPECT_EQ(refused.Init(other, header, DecodeOptions()).code(), StatusCode::kModelMismatch);

  container::RimHeader changed = header;
  changed.source_format = container::kRimSourcePng;
  ImageDecoder decoder;
  ASSERT_TRUE(decoder.Init(model_, changed, DecodeOptions()).ok());
  ImageRows decoded(kWidth);
  MemoryGroupSource source(&reader);
  EXPECT_EQ(decoder.Decode(&source, &decoded).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(decoded.written.empty());
}

}  // namespace
}  // namespace ride::codec
