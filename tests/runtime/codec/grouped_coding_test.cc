// Container version 2 through the codec: groups written as they are coded, the stored method where
// the model would expand a group, samples of any depth restored exactly, metadata carried verbatim,
// and a stream decoded a group at a time with the same pixels as a file in memory.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "runtime/src/codec/coding_methods.h"
#include "runtime/src/codec/group_source.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/image_decoder.h"
#include "runtime/src/codec/image_encoder.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_stream_reader.h"
#include "runtime/src/model/builtin_models.h"
#include "runtime/src/model/model_loader.h"
#include "tests/runtime/codec/codec_test_rows.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::codec {
namespace {

using testing::ImageRows;

// The built-in model: a trained one, which codes photographs in fewer bits than their samples
// and noise in more, so that both methods show up.
class GroupedCodingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const model::BuiltinModel* builtin = model::FindBuiltinModel("default");
    ASSERT_NE(builtin, nullptr) << "this build has no built-in model";
    const Status status = model::LoadModelFromBuffer(builtin->data, builtin->size, &loaded_);
    ASSERT_TRUE(status.ok()) << status.message();
    model_.model = &loaded_.model;
    model_.fingerprint = loaded_.fingerprint;
  }

  // Smooth rows (a photograph's statistics, roughly) where `noise_from` is beyond the row, uniform
  // noise from row `noise_from` on; samples 0..maxval.
  static std::vector<uint8_t> Image(uint32_t width, uint32_t height, uint32_t noise_from, uint32_t maxval = 255) {
    std::vector<uint8_t> pixels(std::size_t{width} * height);
    uint64_t state = 99;
    for (uint32_t r = 0; r < height; ++r) {
      for (uint32_t c = 0; c < width; ++c) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        const uint32_t noise = static_cast<uint32_t>(state >> 33);
        const uint32_t smooth = (r * 3 + c * 2) % 200 + 20 + (noise % 3);
        const uint32_t value = r >= noise_from ? noise % 256 : smooth;
        pixels[std::size_t{r} * width + c] = static_cast<uint8_t>(value * maxval / 255);
      }
    }
    return pixels;
  }

  std::vector<uint8_t> Encode(const std::vector<uint8_t>& image, uint32_t width, uint32_t height,
                              const EncodeOptions& options, EncodeResult* result = nullptr, Status* status = nullptr) {
    ImageRows rows(width, image);
    coder::VectorByteSink sink;
    const Status encoded = EncodeImage(model_, width, height, &rows, options, &sink, result);
    if (status != nullptr) *status = encoded;
    else EXPECT_TRUE(encoded.ok()) << encoded.message();
    return sink.bytes();
  }

  Status DecodeMemory(const std::vector<uint8_t>& file, uint32_t width, std::vector<uint8_t>* pixels,
                      uint32_t threads = 1) {
    ImageRows rows(width);
    DecodeOptions options;
    options.threads = threads;
    const Status status = DecodeImage(model_, file.data(), file.size(), &rows, options);
    *pixels = rows.written;
    return status;
  }

  // Decodes through the stream path: header, leading metadata, then a group at a time.
  Status DecodeStream(const std::vector<uint8_t>& file, uint32_t width, std::vector<uint8_t>* pixels,
                      uint32_t threads = 1, std::vector<std::string>* metadata = nullptr) {
    container::RimHeader header;
    std::size_t header_bytes = 0;
    RIDE_RETURN_IF_ERROR(container::ParseRimHeader(file.data(), file.size(), &header, &header_bytes));
    coder::SpanByteSource source(file.data() + header_bytes, file.size() - header_bytes);
    container::RimStreamReader reader(header, header_bytes, &source);
    Metadata store;
    RIDE_RETURN_IF_ERROR(ReadLeadingMetadata(&reader, &store));
    StreamGroupSource groups(&reader, &header, &store);
    DecodeOptions options;
    options.threads = threads;
    options.group_buffer_bytes = groups.buffer_bytes();
    ImageDecoder decoder;
    RIDE_RETURN_IF_ERROR(decoder.Init(model_, header, options));
    ImageRows rows(width);
    const Status status = decoder.Decode(&groups, &rows);
    *pixels = rows.written;
    if (metadata != nullptr) *metadata = store.blocks;
    return status;
  }

  class Metadata final : public MetadataSink {
   public:
    Status Reserve(std::size_t size, bool after_image, uint8_t** payload) override {
      blocks.emplace_back(size, '\0');
      if (after_image) blocks.back() = "after:" + blocks.back();
      *payload = reinterpret_cast<uint8_t*>(&blocks.back()[after_image ? 6 : 0]);
      return Status();
    }
    std::vector<std::string> blocks;  // "after:" + tag + bytes for blocks after the image
  };

  model::LoadedModel loaded_;
  CodecModel model_;
};

TEST_F(GroupedCodingTest, SmoothRowsUseTheModelNoiseIsStoredAndBothDecode) {
  const uint32_t width = 64, height = 96;
  const std::vector<uint8_t> image = Image(width, height, 48);
  EncodeOptions options;
  options.lanes = 4;
  options.group_rows = 16;
  EncodeResult result;
  const std::vector<uint8_t> file = Encode(image, width, height, options, &result);
  EXPECT_EQ(result.groups, 6u);
  EXPECT_EQ(result.stored_groups, 3u);  // the three groups of noise
  container::RimReader reader;
  ASSERT_TRUE(reader.Open(file.data(), file.size()).ok());
  EXPECT_EQ(reader.groups_with_method(kMethodAdaptive), 3u);
  EXPECT_EQ(reader.groups_with_method(kMethodStored), 3u);
  for (uint32_t threads : {1u, 2u, 3u}) {
    std::vector<uint8_t> decoded;
    Status status = DecodeMemory(file, width, &decoded, threads);
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(decoded, image) << "threads " << threads;
    status = DecodeStream(file, width, &decoded, threads);
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(decoded, image) << "stream, threads " << threads;
    options.threads = threads;
    EXPECT_EQ(Encode(image, width, height, options), file) << "threads " << threads;
  }
}

TEST_F(GroupedCodingTest, NoiseNeverExpandsBeyondTheSamplesAndTheContainer) {
  const uint32_t width = 512, height = 640;
  const std::vector<uint8_t> image = Image(width, height, 0);
  EncodeResult result;
  const std::vector<uint8_t> file = Encode(image, width, height, EncodeOptions(), &result);
  EXPECT_EQ(result.group_rows, 512u);  // 256 KiB of samples
  EXPECT_EQ(result.groups, 2u);
  EXPECT_EQ(result.stored_groups, 2u);
  EXPECT_GT(result.model_bits, 8.0 * width * height);  // what the model alone would cost
  // Header, each group block's head (kind, three-byte size, method), the end block.
  const std::size_t raw = std::size_t{width} * height;
  EXPECT_EQ(file.size(), raw + 59 + 2 * 5 + 18);
  EXPECT_LE(file.size(), raw + 59 + raw / 1000);
  EXPECT_LE(8.0 * file.size() / raw, 8.01);
  std::vector<uint8_t> decoded;
  ASSERT_TRUE(DecodeMemory(file, width, &decoded).ok());
  EXPECT_EQ(decoded, image);
}

TEST_F(GroupedCodingTest, EveryMaxvalRoundTripsExactlyAndLowDepthsAreStoredAtTheirDepth) {
  const uint32_t width = 37, height = 21;
  for (uint32_t maxval : {1u, 3u, 7u, 15u, 100u, 127u, 200u, 255u}) {
    const std::vector<uint8_t> image = Image(width, height, 10, maxval);
    EncodeOptions options;
    options.maxval = maxval;
    options.lanes = 3;
    options.group_rows = 5;  // rounded up to 6
    EncodeResult result;
    const std::vector<uint8_t> file = Encode(image, width, height, options, &result);
    EXPECT_EQ(result.group_rows, 6u);
    container::RimReader reader;
    ASSERT_TRUE(reader.Open(file.data(), file.size()).ok());
    EXPECT_EQ(reader.header().maxval, maxval);
    // No group costs more than its samples at their depth.
    const uint64_t depth = container::RimBitDepth(maxval);
    EXPECT_LE(file.size(), 59 + 18 + 4 * (4 + (width * depth + 7) / 8 * 6)) << "maxval " << maxval;
    std::vector<uint8_t> decoded;
    Status status = DecodeMemory(file, width, &decoded);
    ASSERT_TRUE(status.ok()) << "maxval " << maxval << ": " << status.message();
    EXPECT_EQ(decoded, image) << "maxval " << maxval;
    status = DecodeStream(file, width, &decoded, 2);
    ASSERT_TRUE(status.ok()) << "maxval " << maxval << ": " << status.message();
    EXPECT_EQ(decoded, image) << "maxval " << maxval;
  }
}

TEST_F(GroupedCodingTest, SampleAboveMaxvalIsRefusedNamingIt) {
  std::vector<uint8_t> image(10 * 4, 3);
  image[2 * 10 + 7] = 16;
  EncodeOptions options;
  options.maxval = 15;
  Status status;
  Encode(image, 10, 4, options, nullptr, &status);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("row 2, column 7: sample 16 exceeds maxval 15"), std::string::npos)
      << status.message();
}

TEST_F(GroupedCodingTest, OptionsOutOfRangeAreRefused) {
  const std::vector<uint8_t> image(16, 0);
  struct Case {
    uint32_t layout, maxval, source;
    StatusCode code;
  };
  for (const Case& c : {Case{0, 255, 0, StatusCode::kInvalidArgument}, Case{5, 255, 0, StatusCode::kInvalidArgument},
                        Case{3, 255, 0, StatusCode::kInvalidArgument}, Case{1, 0, 0, StatusCode::kInvalidArgument},
                        Case{1, 256, 0, StatusCode::kInvalidArgument}, Case{1, 255, 6, StatusCode::kInvalidArgument}}) {
    EncodeOptions options;
    options.layout = c.layout;
    options.maxval = c.maxval;
    options.source_format = c.source;
    Status status;
    Encode(image, 4, 4, options, nullptr, &status);
    EXPECT_EQ(status.code(), c.code) << c.layout << " " << c.maxval << " " << c.source << ": " << status.message();
  }
}

TEST_F(GroupedCodingTest, MetadataIsCarriedVerbatimBeforeAndAfterTheImage) {
  const uint32_t width = 20, height = 30;
  const std::vector<uint8_t> image = Image(width, height, 100);
  const std::string icc = "a colour profile", text = std::string("Title\0x", 7), late = "after IDAT";
  container::RimMetadataView blocks[3];
  std::memcpy(blocks[0].tag.data(), "iCCP", 4);
  blocks[0].data = container::ByteSpan{reinterpret_cast<const uint8_t*>(icc.data()), icc.size()};
  std::memcpy(blocks[1].tag.data(), "tEXt", 4);
  blocks[1].data = container::ByteSpan{reinterpret_cast<const uint8_t*>(text.data()), text.size()};
  std::memcpy(blocks[2].tag.data(), "zTXt", 4);
  blocks[2].after_image = true;
  blocks[2].data = container::ByteSpan{reinterpret_cast<const uint8_t*>(late.data()), late.size()};
  class Trailing final : public TrailingMetadata {
   public:
    Status Blocks(const container::RimMetadataView** blocks, std::size_t* count) override {
      std::memcpy(block_.tag.data(), "tIME", 4);
      *blocks = &block_;
      *count = 1;
      return Status();
    }
    container::RimMetadataView block_;
  } trailing;
  EncodeOptions options;
  options.group_rows = 16;
  options.metadata = blocks;
  options.metadata_count = 3;
  options.trailing_metadata = &trailing;
  const std::vector<uint8_t> file = Encode(image, width, height, options);

  container::RimReader reader;
  ASSERT_TRUE(reader.Open(file.data(), file.size()).ok());
  ASSERT_EQ(reader.metadata().size(), 4u);
  const char* tags[] = {"iCCP", "tEXt", "zTXt", "tIME"};
  const std::string bytes[] = {icc, text, late, ""};
  for (std::size_t i = 0; i < 4; ++i) {
    const container::RimMetadataView& block = reader.metadata()[i];
    EXPECT_EQ(std::memcmp(block.tag.data(), tags[i], 4), 0) << i;
    EXPECT_EQ(block.after_image, i >= 2) << i;
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(block.data.data), block.data.size), bytes[i]) << i;
  }
  std::vector<uint8_t> decoded;
  std::vector<std::string> streamed;
  const Status status = DecodeStream(file, width, &decoded, 1, &streamed);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(decoded, image);
  EXPECT_EQ(streamed, (std::vector<std::string>{"iCCP" + icc, "tEXt" + text, "after:zTXt" + late, "after:tIME"}));
}

TEST_F(GroupedCodingTest, AStreamCutShortIsTruncatedWhereverItEnds) {
  const uint32_t width = 24, height = 40;
  const std::vector<uint8_t> image = Image(width, height, 30);
  EncodeOptions options;
  options.lanes = 2;
  options.group_rows = 8;
  const std::vector<uint8_t> file = Encode(image, width, height, options);
  for (std::size_t size = 59; size < file.size(); size += (size < 80 || size + 30 > file.size()) ? 1 : 7) {
    const std::vector<uint8_t> prefix(file.begin(), file.begin() + size);
    std::vector<uint8_t> decoded;
    const Status status = DecodeStream(prefix, width, &decoded, 2);
    EXPECT_EQ(status.code(), StatusCode::kTruncated) << size << " of " << file.size() << ": " << status.message();
    container::RimReader reader;
    EXPECT_EQ(reader.Open(prefix.data(), prefix.size()).code(), StatusCode::kTruncated) << size;
  }
}

TEST_F(GroupedCodingTest, DamageAnywhereAfterTheHeaderEndsInAnError) {
  const uint32_t width = 24, height = 40;
  const std::vector<uint8_t> image = Image(width, height, 30);
  EncodeOptions options;
  options.lanes = 2;
  options.group_rows = 8;
  const std::vector<uint8_t> file = Encode(image, width, height, options);
  for (std::size_t at = 59; at < file.size(); at += 3) {
    std::vector<uint8_t> damaged = file;
    damaged[at] ^= 0x21;
    std::vector<uint8_t> decoded;
    EXPECT_FALSE(DecodeMemory(damaged, width, &decoded).ok()) << "byte " << at;
    EXPECT_FALSE(DecodeStream(damaged, width, &decoded).ok()) << "byte " << at;
  }
}

TEST_F(GroupedCodingTest, StreamDecoderMemoryDoesNotGrowWithTheHeight) {
  auto needed = [&](uint32_t height, bool stream) {
    container::RimHeader header;
    header.width = 768;
    header.height = height;
    header.lanes = 16;
    header.group_rows = 352;
    DecodeOptions options;
    if (stream) options.group_buffer_bytes = container::RimMaxStoredGroupBytes(header) + 1;
    std::size_t bytes = 0;
    header.model_fingerprint = model_.fingerprint;
    EXPECT_TRUE(DecoderMemoryNeeded(model_, header, options, &bytes).ok());
    return bytes;
  };
  EXPECT_EQ(needed(512, true), needed(65536, true));
  EXPECT_EQ(needed(512, false), needed(65536, false));
  EXPECT_GT(needed(512, true), needed(512, false) + 2 * 352 * 768);
}

}  // namespace
}  // namespace ride::codec
