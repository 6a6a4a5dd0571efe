// The codec's session memory: EncoderMemoryNeeded and DecoderMemoryNeeded are known before a
// session exists and exact, a caller's block is used in place (refused when too small or
// misaligned, never written past its size) and gives the bytes and pixels of a self-allocated one.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
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

constexpr uint32_t kWidth = 29, kHeight = 19;
constexpr uint8_t kGuard = 0xA5;
constexpr std::size_t kGuardBytes = 256;


// `bytes` at a 64-byte boundary (or `offset` past one), then guard bytes that must stay untouched.
class Block {
 public:
  explicit Block(std::size_t bytes, std::size_t offset = 0) : storage_(bytes + offset + kGuardBytes + 64, kGuard) {
    const uintptr_t start = reinterpret_cast<uintptr_t>(storage_.data());
    data_ = storage_.data() + ((64 - start % 64) % 64) + offset;
    bytes_ = bytes;
  }
  void* data() { return data_; }
  std::size_t bytes() const { return bytes_; }
  bool GuardIntact() const {
    for (std::size_t i = 0; i < kGuardBytes; ++i) {
      if (data_[bytes_ + i] != kGuard) return false;
    }
    return true;
  }

 private:
  std::vector<uint8_t> storage_;
  uint8_t* data_ = nullptr;
  std::size_t bytes_ = 0;
};

class CodecMemoryTest : public ::testing::Test {
 protected:
  CodecMemoryTest() : engine_model_(RandomEngineModel(ModelShape(), 31)) {
    model_.model = &engine_model_;
    model_.fingerprint[3] = 0x31;
  }

  std::vector<uint8_t> Encode(const EncodeOptions& options, Status* status) {
    ImageRows rows(kWidth, image_);
    coder::VectorByteSink sink;
    *status = EncodeImage(model_, kWidth, kHeight, &rows, options, &sink, nullptr);
    return sink.bytes();
  }

  engine::EngineModel engine_model_;
  CodecModel model_;
  std::vector<uint8_t> image_ = RandomImage(kWidth, kHeight, 9);
};

TEST_F(CodecMemoryTest, EncoderUsesExactlyTheReportedBlockAndGivesTheSameBytes) {
  for (uint32_t threads : {1u, 2u}) {
    EncodeOptions options;
    options.lanes = 4;
    options.threads = threads;
    std::size_t needed = 0;
    ASSERT_TRUE(EncoderMemoryNeeded(model_, kWidth, kHeight, options, &needed).ok());
    ASSERT_GT(needed, 0u);
    Status status;
    const std::vector<uint8_t> expected = Encode(options, &status);
    ASSERT_TRUE(status.ok()) << status.message();

    ImageEncoder self_allocated;
    ASSERT_TRUE(self_allocated.Init(model_, kWidth, kHeight, options).ok());
    EXPECT_EQ(self_allocated.memory_bytes(), needed);

    Block block(needed);
    options.memory = block.data();
    options.memory_bytes = block.bytes();
    EXPECT_EQ(Encode(options, &status), expected) << "threads " << threads;
    EXPECT_TRUE(status.ok()) << status.message();
    EXPECT_TRUE(block.GuardIntact());
  }
}

TEST_F(CodecMemoryTest, EncoderRefusesASmallOrMisalignedBlock) {
  EncodeOptions options;
  std::size_t needed = 0;
  ASSERT_TRUE(EncoderMemoryNeeded(model_, kWidth, kHeight, options, &needed).ok());
  Block small(needed - 1);
  options.memory = small.data();
  options.memory_bytes = small.bytes();
  Status status;
  EXPECT_TRUE(Encode(options, &status).empty());
  EXPECT_EQ(status.code(), StatusCode::kBufferTooSmall);
  EXPECT_NE(std::string(status.message()).find(std::to_string(needed) + " needed"), std::string::npos)
      << status.message();
  EXPECT_TRUE(small.GuardIntact());

  Block misaligned(needed, 8);
  options.memory = misaligned.data();
  options.memory_bytes = misaligned.bytes();
  EXPECT_TRUE(Encode(options, &status).empty());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
}

TEST_F(CodecMemoryTest, SessionMemoryDoesNotGrowWithTheHeight) {
  EncodeOptions options;
  std::size_t short_image = 0, tall_image = 0;
  // Beyond a group (kDefaultGroupBytes of samples: 9 040 rows of 29 pixels), the height no longer
  // matters; below it, the encoder needs less.
  std::size_t one_row = 0;
  ASSERT_TRUE(EncoderMemoryNeeded(model_, kWidth, 1, options, &one_row).ok());
  ASSERT_TRUE(EncoderMemoryNeeded(model_, kWidth, 20000, options, &short_image).ok());
  ASSERT_TRUE(EncoderMemoryNeeded(model_, kWidth, 1u << 30, options, &tall_image).ok());
  EXPECT_EQ(short_image, tall_image);
  EXPECT_LT(one_row, short_image);
  std::size_t two_threads = 0;
  options.threads = 2;
  ASSERT_TRUE(EncoderMemoryNeeded(model_, kWidth, 20000, options, &two_threads).ok());
  EXPECT_GT(two_threads, short_image);
}

TEST_F(CodecMemoryTest, MemoryNeededRefusesWhatInitRefuses) {
  std::size_t bytes = 123;
  EXPECT_EQ(EncoderMemoryNeeded(model_, 0, kHeight, EncodeOptions(), &bytes).code(), StatusCode::kCorrupt);
  EXPECT_EQ(EncoderMemoryNeeded(model_, (1u << 24) + 1, kHeight, EncodeOptions(), &bytes).code(),
            StatusCode::kResourceExhausted);
  EncodeOptions no_threads;
  no_threads.threads = 0;
  EXPECT_EQ(EncoderMemoryNeeded(model_, kWidth, kHeight, no_threads, &bytes).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(EncoderMemoryNeeded(CodecModel(), kWidth, kHeight, EncodeOptions(), &bytes).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(bytes, 123u);
}

TEST_F(CodecMemoryTest, DecoderUsesExactlyTheReportedBlockAndGivesThePixels) {
  EncodeOptions encode_options;
  encode_options.lanes = 6;
  Status status;
  const std::vector<uint8_t> file = Encode(encode_options, &status);
  ASSERT_TRUE(status.ok()) << status.message();
  container::RimReader reader;
  ASSERT_TRUE(reader.Open(file.data(), file.size()).ok());
  const container::RimHeader& header = reader.header();

  for (uint32_t threads : {1u, 3u}) {
    DecodeOptions options;
    options.threads = threads;
    std::size_t needed = 0;
    ASSERT_TRUE(DecoderMemoryNeeded(model_, header, options, &needed).ok());
    Block block(needed);
    options.memory = block.data();
    options.memory_bytes = block.bytes();
    ImageDecoder decoder;
    ASSERT_TRUE(decoder.Init(model_, header, options).ok());
    EXPECT_EQ(decoder.memory_bytes(), needed);
    ImageRows decoded(kWidth);
    MemoryGroupSource source(&reader);
    status = decoder.Decode(&source, &decoded);
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(decoded.written, image_);
    EXPECT_TRUE(block.GuardIntact());

    Block small(needed - 64);
    options.memory = small.data();
    options.memory_bytes = small.bytes();
    ImageDecoder refused;
    EXPECT_EQ(refused.Init(model_, header, options).code(), StatusCode::kBufferTooSmall);
  }
  CodecModel other = model_;
  other.fingerprint[0] ^= 0xFF;
  std::size_t bytes = 0;
  EXPECT_EQ(DecoderMemoryNeeded(other, header, DecodeOptions(), &bytes).code(), StatusCode::kModelMismatch);
}

}  // namespace
}  // namespace ride::codec
