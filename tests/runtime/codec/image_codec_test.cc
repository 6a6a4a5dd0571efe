// The codec end to end on random models: exact round trips for awkward shapes, every lane count,
// container and model checks, and damage that must end in an error rather than wrong pixels.
#include "runtime/src/codec/image_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/codec/band_workers.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/kernels/kernel_table.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::codec {
namespace {

using engine::testing::ModelShape;
using engine::testing::RandomEngineModel;
using engine::testing::RandomImage;

class VectorRowSource final : public RowSource {
 public:
  VectorRowSource(const std::vector<uint8_t>& pixels, uint32_t width) : pixels_(pixels), width_(width) {}
  Status ReadRow(uint8_t* row) override {
    std::memcpy(row, pixels_.data() + next_, width_);
    next_ += width_;
    return Status();
  }

 private:
  const std::vector<uint8_t>& pixels_;
  uint32_t width_;
  std::size_t next_ = 0;
};

class VectorRowSink final : public RowSink {
 public:
  explicit VectorRowSink(uint32_t width) : width_(width) {}
  Status WriteRow(const uint8_t* row) override {
    pixels.insert(pixels.end(), row, row + width_);
    return Status();
  }
  std::vector<uint8_t> pixels;

 private:
  uint32_t width_;
};

struct Fixture {
  engine::EngineModel model;
  CodecModel codec_model;
  explicit Fixture(const ModelShape& shape, uint64_t seed) : model(RandomEngineModel(shape, seed)) {
    codec_model.model = &model;
    for (std::size_t i = 0; i < codec_model.fingerprint.size(); ++i) codec_model.fingerprint[i] = uint8_t(seed + i);
  }
};

std::vector<uint8_t> Compress(const CodecModel& model, const std::vector<uint8_t>& image, uint32_t width,
                              uint32_t height, uint32_t lanes, EncodeResult* result = nullptr,
                              uint32_t threads = 1) {
  VectorRowSource source(image, width);
  coder::VectorByteSink sink;
  EncodeOptions options;
  options.lanes = lanes;
  options.threads = threads;
  const Status status = EncodeImage(model, width, height, &source, options, &sink, result);
  EXPECT_TRUE(status.ok()) << status.message();
  return sink.bytes();
}

Status Decompress(const CodecModel& model, const std::vector<uint8_t>& file, uint32_t width,
                  std::vector<uint8_t>* pixels, uint32_t threads = 1) {
  VectorRowSink sink(width);
  DecodeOptions options;
  options.threads = threads;
  const Status status = DecodeImage(model, file.data(), file.size(), &sink, options);
  *pixels = sink.pixels;
  return status;
}

TEST(ImageCodecTest, RoundTripsAwkwardShapesAndContents) {
  ModelShape shape;
  shape.hidden = {6};
  Fixture fixture(shape, 5);
  struct Case {
    uint32_t width, height;
    int content;  // 0 random, 1 black, 2 white
  };
  for (const Case& c : {Case{1, 1, 0}, Case{1, 9, 0}, Case{9, 1, 0}, Case{13, 7, 1}, Case{13, 7, 2},
                        Case{40, 17, 0}, Case{2048, 2, 0}}) {
    std::vector<uint8_t> image = RandomImage(c.width, c.height, c.width + c.height);
    if (c.content != 0) std::fill(image.begin(), image.end(), c.content == 1 ? 0 : 255);
    for (uint32_t lanes : {1u, 4u, 16u}) {
      const auto file = Compress(fixture.codec_model, image, c.width, c.height, lanes);
      std::vector<uint8_t> decoded;
      const Status status = Decompress(fixture.codec_model, file, c.width, &decoded);
      ASSERT_TRUE(status.ok()) << status.message();
      EXPECT_EQ(decoded, image) << c.width << "x" << c.height << " lanes " << lanes;
    }
  }
}

// The container's version says which normal CDF built the probabilities (CdfRuleOf): the same
// groups read under version 2's series CDF are not the image, and the end block's checksum says so.
TEST(ImageCodecTest, TheVersionChoosesTheNormalCdf) {
  container::RimHeader header;
  for (uint16_t version : {1, 2, 3}) {
    header.version = version;
    EXPECT_EQ(CdfRuleOf(header), version >= 3 ? engine::CdfRule::kTable : engine::CdfRule::kSeries) << version;
  }
  const kernels::KernelTable table = engine::KernelsForCdfRule(kernels::GetKernelTable(), engine::CdfRule::kTable);
  EXPECT_EQ(table.normal_cdf_f32, kernels::GetKernelTable().normal_cdf_table_f32);

  ModelShape shape;
  shape.hidden = {6};
  Fixture fixture(shape, 11);
  std::vector<uint8_t> image = RandomImage(40, 24, 3);
  for (uint8_t& v : image) v = static_cast<uint8_t>(100 + 10 * (v % 4));  // coded, not stored
  std::vector<uint8_t> file = Compress(fixture.codec_model, image, 40, 24, 4);
  std::size_t header_bytes = 0;
  ASSERT_TRUE(container::ParseRimHeader(file.data(), file.size(), &header, &header_bytes).ok());
  EXPECT_EQ(header.version, 3);
  std::vector<uint8_t> decoded;
  ASSERT_TRUE(Decompress(fixture.codec_model, file, 40, &decoded).ok());
  EXPECT_EQ(decoded, image);

  header.version = 2;
  coder::VectorByteSink relabelled;
  ASSERT_TRUE(container::WriteRimHeader(header, &relabelled).ok());
  ASSERT_EQ(relabelled.bytes().size(), header_bytes);
  std::copy(relabelled.bytes().begin(), relabelled.bytes().end(), file.begin());
  const Status status = Decompress(fixture.codec_model, file, 40, &decoded);
  EXPECT_TRUE(!status.ok() || decoded != image);
}

TEST(ImageCodecTest, ThreadsNeverChangeTheBytesOrThePixels) {
  ModelShape shape;
  shape.hidden = {6, 5};
  Fixture fixture(shape, 13);
  const uint32_t width = 57, height = 41;
  const auto image = RandomImage(width, height, 5);
  for (uint32_t lanes : {1u, 5u, 16u}) {
    const auto reference = Compress(fixture.codec_model, image, width, height, lanes);
    for (uint32_t threads : {2u, 3u, 8u}) {
      EXPECT_EQ(Compress(fixture.codec_model, image, width, height, lanes, nullptr, threads), reference)
          << "lanes " << lanes << " threads " << threads;
      std::vector<uint8_t> decoded;
      const Status status = Decompress(fixture.codec_model, reference, width, &decoded, threads);
      ASSERT_TRUE(status.ok()) << status.message();
      EXPECT_EQ(decoded, image) << "lanes " << lanes << " threads " << threads;
    }
  }
}

// Flat blocks of eight grays, a stripe of noise across the middle (its group is stored) and a
// repeating tile: what the adaptive method's level sets, matches and exact contexts learn.
std::vector<uint8_t> FewLevelImage(uint32_t width, uint32_t height) {
  std::vector<uint8_t> image(std::size_t{width} * height);
  uint32_t state = 7;
  for (uint32_t y = 0; y < height; ++y) {
    for (uint32_t x = 0; x < width; ++x) {
      uint8_t value = static_cast<uint8_t>(32 * ((x / 9 + y / 7) % 8));
      if (y >= height / 2 && y < height / 2 + 8) {
        state = state * 1664525u + 1013904223u;
        value = static_cast<uint8_t>(state >> 24);
      } else if (x > width / 2) {
        value = ((x % 4) ^ (y % 3)) != 0 ? 255 : 0;
      }
      image[std::size_t{y} * width + x] = value;
    }
  }
  return image;
}

TEST(ImageCodecTest, TheAdaptiveMethodLearnsFewLevelContentWhateverTheThreads) {
  ModelShape shape;
  shape.hidden = {6};
  Fixture fixture(shape, 21);
  const uint32_t width = 61, height = 64;
  const auto image = FewLevelImage(width, height);
  for (uint32_t lanes : {1u, 3u, 16u}) {
    EncodeResult result;
    const auto reference = Compress(fixture.codec_model, image, width, height, lanes, &result);
    // The learned model alone (a random one here) would cost several bits a pixel.
    EXPECT_LT(8.0 * reference.size(), 0.5 * result.component_bits[0]) << "lanes " << lanes;
    for (uint32_t threads : {2u, 3u}) {
      EXPECT_EQ(Compress(fixture.codec_model, image, width, height, lanes, nullptr, threads), reference)
          << "lanes " << lanes << " threads " << threads;
    }
    for (uint32_t threads : {1u, 2u, 3u}) {
      std::vector<uint8_t> decoded;
      const Status status = Decompress(fixture.codec_model, reference, width, &decoded, threads);
      ASSERT_TRUE(status.ok()) << status.message();
      EXPECT_EQ(decoded, image) << "lanes " << lanes << " threads " << threads;
    }
  }
}

class FailingRowSource final : public RowSource {
 public:
  explicit FailingRowSource(uint32_t fail_at) : fail_at_(fail_at) {}
  Status ReadRow(uint8_t* row) override {
    if (rows_++ == fail_at_) return Status::Error(StatusCode::kIoError, "disk went away");
    row[0] = static_cast<uint8_t>(rows_);
    return Status();
  }

 private:
  uint32_t fail_at_, rows_ = 0;
};

class FailingRowSink final : public RowSink {
 public:
  explicit FailingRowSink(uint32_t fail_at) : fail_at_(fail_at) {}
  Status WriteRow(const uint8_t*) override {
    return rows_++ == fail_at_ ? Status::Error(StatusCode::kIoError, "disk full") : Status();
  }

 private:
  uint32_t fail_at_, rows_ = 0;
};

TEST(ImageCodecTest, ReadAndWriteErrorsStopEveryThread) {
  ModelShape shape;
  Fixture fixture(shape, 14);
  for (uint32_t threads : {1u, 2u, 4u}) {
    FailingRowSource source(13);
    coder::VectorByteSink sink;
    EncodeOptions options;
    options.threads = threads;
    EXPECT_EQ(EncodeImage(fixture.codec_model, 1, 40, &source, options, &sink, nullptr).code(), StatusCode::kIoError);
    // The header went out before the rows, but never an end: what was written is not a file.
    container::RimReader partial;
    EXPECT_FALSE(partial.Open(sink.bytes().data(), sink.bytes().size()).ok());

    const auto image = RandomImage(3, 40, 1);
    const auto file = Compress(fixture.codec_model, image, 3, 40, 16);
    FailingRowSink failing(21);
    DecodeOptions decode_options;
    decode_options.threads = threads;
    EXPECT_EQ(DecodeImage(fixture.codec_model, file.data(), file.size(), &failing, decode_options).code(),
              StatusCode::kIoError);
  }
}

TEST(ImageCodecTest, McgsmOnlyModelRoundTrips) {
  ModelShape shape;
  shape.hidden = {};
  Fixture fixture(shape, 9);
  const auto image = RandomImage(31, 12, 3);
  const auto file = Compress(fixture.codec_model, image, 31, 12, 4);
  std::vector<uint8_t> decoded;
  ASSERT_TRUE(Decompress(fixture.codec_model, file, 31, &decoded).ok());
  EXPECT_EQ(decoded, image);
}

TEST(ImageCodecTest, FileSizeIsTheCrossEntropyPlusTheContainer) {
  ModelShape shape;
  Fixture fixture(shape, 6);
  const uint32_t width = 96, height = 64;
  const auto image = RandomImage(width, height, 4);
  EncodeResult result;
  const auto file = Compress(fixture.codec_model, image, width, height, 8, &result);
  EXPECT_EQ(result.file_bytes, file.size());
  EXPECT_EQ(result.lanes, 8u);
  ASSERT_EQ(result.groups, 1u);
  // The header (59 bytes), the group block's head (kind, two-byte size, method: 4 bytes), its
  // payload, the end block (18 bytes). A random model codes worse than the raw samples, so the
  // group is stored: the file is the samples and the container, whatever the model would take.
  const double container_bytes = 59 + 4 + 18;
  if (result.stored_groups == 1) {
    EXPECT_EQ(file.size(), width * height + container_bytes);
    EXPECT_GE(result.model_bits, 8.0 * width * height);
  } else {
    // Lane lengths (2 bytes) and at most two bytes of coder flush per lane.
    EXPECT_LE(8.0 * file.size(), result.model_bits * 1.001 + 8.0 * (container_bytes + 8 * 2 + 8 * 2));
    EXPECT_GE(8.0 * file.size(), result.model_bits);
  }
}

TEST(ImageCodecTest, RefusesAFileMadeWithAnotherModel) {
  ModelShape shape;
  Fixture fixture(shape, 7), other(shape, 8);
  const auto image = RandomImage(10, 10, 1);
  const auto file = Compress(fixture.codec_model, image, 10, 10, 2);
  std::vector<uint8_t> decoded;
  const Status status = Decompress(other.codec_model, file, 10, &decoded);
  EXPECT_EQ(status.code(), StatusCode::kModelMismatch);
  EXPECT_TRUE(decoded.empty());
}

TEST(ImageCodecTest, TruncatedFilesFailAtEveryLength) {
  ModelShape shape;
  Fixture fixture(shape, 10);
  const auto image = RandomImage(23, 9, 2);
  const auto file = Compress(fixture.codec_model, image, 23, 9, 3);
  for (std::size_t length = 0; length < file.size(); ++length) {
    const std::vector<uint8_t> prefix(file.begin(), file.begin() + length);
    std::vector<uint8_t> decoded;
    EXPECT_FALSE(Decompress(fixture.codec_model, prefix, 23, &decoded).ok()) << "length " << length;
  }
}

TEST(ImageCodecTest, DamagedBytesNeverDecodeToWrongPixelsSilently) {
  ModelShape shape;
  Fixture fixture(shape, 11);
  const auto image = RandomImage(23, 9, 3);
  const auto file = Compress(fixture.codec_model, image, 23, 9, 3);
  for (std::size_t i = 0; i < file.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80}) {
      std::vector<uint8_t> damaged = file;
      damaged[i] ^= flip;
      std::vector<uint8_t> decoded;
      const Status status = Decompress(fixture.codec_model, damaged, 23, &decoded);
      if (status.ok()) {
        EXPECT_EQ(decoded, image) << "byte " << i;
      }
    }
  }
}

TEST(ImageCodecTest, RefusesAbsurdDimensionsBeforeAllocating) {
  ModelShape shape;
  Fixture fixture(shape, 12);
  const std::vector<uint8_t> none;
  VectorRowSource source(none, 0);
  coder::VectorByteSink sink;
  EXPECT_FALSE(EncodeImage(fixture.codec_model, 0, 5, &source, EncodeOptions(), &sink, nullptr).ok());
  EXPECT_EQ(EncodeImage(fixture.codec_model, (1u << 24) + 1, 5, &source, EncodeOptions(), &sink, nullptr).code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(sink.bytes().empty());
}

}  // namespace
}  // namespace ride::codec
