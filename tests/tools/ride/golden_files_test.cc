// Golden files: a real image crop, the .rim 0.1.0 made of it and the .v3.rim this release makes of
// it with the built-in model. Every target must decode both to the same pixels and encode the
// pixels to the same bytes, so files move between x86-64 and ARM (tests/data/golden/README.md).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "runtime/src/model/builtin_models.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/model/model_loader.h"
#include "tests/tools/common/tool_test_files.h"

namespace ride::cli {
namespace {

const std::string kGolden = std::string(RIDE_TEST_DATA_DIR) + "/golden/bsds300-crop-96x64";
constexpr uint32_t kWidth = 96, kHeight = 64;

class Rows final : public codec::RowSource, public codec::RowSink {
 public:
  explicit Rows(std::string pixels) : pixels_(std::move(pixels)) {}
  Status ReadRow(uint8_t* row) override {
    std::memcpy(row, pixels_.data() + next_, kWidth);
    next_ += kWidth;
    return Status();
  }
  Status WriteRow(const uint8_t* row) override {
    written.append(reinterpret_cast<const char*>(row), kWidth);
    return Status();
  }
  std::string written;

 private:
  std::string pixels_;
  std::size_t next_ = 0;
};

class GoldenFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const model::BuiltinModel* builtin = model::FindBuiltinModel("default");
    ASSERT_NE(builtin, nullptr) << "this build has no built-in model (models/gray-mcgsm-v1.ride)";
    const Status status = model::LoadModelFromBuffer(builtin->data, builtin->size, &loaded_);
    ASSERT_TRUE(status.ok()) << status.message();
    model_.model = &loaded_.model;
    model_.fingerprint = loaded_.fingerprint;
    // 0.1.0's file names the default of its day.
    const model::BuiltinModel* v1 = model::FindBuiltinModel("gray-mcgsm-v1");
    ASSERT_NE(v1, nullptr);
    ASSERT_TRUE(model::LoadModelFromBuffer(v1->data, v1->size, &loaded_v1_).ok());
    model_v1_.model = &loaded_v1_.model;
    model_v1_.fingerprint = loaded_v1_.fingerprint;
    const std::string pgm = tools::testing::ReadBytes(kGolden + ".pgm");
    const std::string header = "P5\n96 64\n255\n";
    ASSERT_EQ(pgm.substr(0, header.size()), header);
    pixels_ = pgm.substr(header.size());
    ASSERT_EQ(pixels_.size(), std::size_t{kWidth} * kHeight);
    rim_ = tools::testing::ReadBytes(kGolden + ".rim");
    ASSERT_FALSE(rim_.empty());
    rim_current_ = tools::testing::ReadBytes(kGolden + ".v3.rim");
    ASSERT_FALSE(rim_current_.empty());
  }

  model::LoadedModel loaded_, loaded_v1_;
  codec::CodecModel model_, model_v1_;  // the default, and the model of 0.1.0's file
  std::string pixels_;
  std::string rim_;     // 0.1.0's file (container version 1)
  std::string rim_current_;  // this release's
};

TEST_F(GoldenFilesTest, DecodesToTheSamePixelsOnEveryTarget) {
  for (const std::string* file : {&rim_, &rim_current_}) {
    const codec::CodecModel& model = file == &rim_ ? model_v1_ : model_;
    for (uint32_t threads : {1u, 2u}) {
      Rows rows("");
      codec::DecodeOptions options;
      options.threads = threads;
      const Status status =
          codec::DecodeImage(model, reinterpret_cast<const uint8_t*>(file->data()), file->size(), &rows, options);
      ASSERT_TRUE(status.ok()) << status.message();
      EXPECT_EQ(rows.written, pixels_);
    }
  }
}

TEST_F(GoldenFilesTest, EncodesToTheSameBytesOnEveryTarget) {
  for (uint32_t threads : {1u, 2u}) {
    Rows rows(pixels_);
    coder::VectorByteSink sink;
    codec::EncodeOptions options;
    options.threads = threads;
    options.source_format = container::kRimSourcePgm;
    const Status status = codec::EncodeImage(model_, kWidth, kHeight, &rows, options, &sink, nullptr);
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(std::string(sink.bytes().begin(), sink.bytes().end()), rim_current_) << "threads " << threads;
  }
}

class VectorRows final : public codec::RowSource, public codec::RowSink {
 public:
  VectorRows(const std::vector<uint8_t>& pixels, uint32_t width) : pixels_(pixels), width_(width) {}
  Status ReadRow(uint8_t* row) override {
    std::memcpy(row, pixels_.data() + next_, width_);
    next_ += width_;
    return Status();
  }
  Status WriteRow(const uint8_t* row) override {
    written.insert(written.end(), row, row + width_);
    return Status();
  }
  std::vector<uint8_t> written;

 private:
  const std::vector<uint8_t>& pixels_;
  uint32_t width_;
  std::size_t next_ = 0;
};

// The shapes and contents a codec gets wrong first, with the model people actually use.
TEST_F(GoldenFilesTest, BuiltInModelRoundTripsEdgeCases) {
  struct Case {
    const char* name;
    uint32_t width, height;
    int content;  // 0 black, 1 white, 2 uniform noise, 3 the golden crop's pixels repeated
  };
  const Case cases[] = {{"1x1", 1, 1, 3},          {"1xN", 1, 300, 3},        {"Nx1", 300, 1, 3},
                        {"black", 64, 64, 0},      {"white", 64, 64, 1},      {"noise", 64, 64, 2},
                        {"wide strip", 16384, 2, 3}};
  uint64_t state = 12345;
  for (const Case& c : cases) {
    std::vector<uint8_t> image(std::size_t{c.width} * c.height);
    for (std::size_t i = 0; i < image.size(); ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      image[i] = c.content == 0   ? 0
                 : c.content == 1 ? 255
                 : c.content == 2 ? static_cast<uint8_t>(state >> 56)
                                  : static_cast<uint8_t>(pixels_[i % pixels_.size()]);
    }
    for (uint32_t threads : {1u, 2u}) {
      VectorRows source(image, c.width);
      coder::VectorByteSink sink;
      codec::EncodeOptions options;
      options.threads = threads;
      codec::EncodeResult result;
      Status status = codec::EncodeImage(model_, c.width, c.height, &source, options, &sink, &result);
      ASSERT_TRUE(status.ok()) << c.name << ": " << status.message();
      VectorRows sink_rows(image, c.width);
      codec::DecodeOptions decode_options;
      decode_options.threads = threads;
      status = codec::DecodeImage(model_, sink.bytes().data(), sink.bytes().size(), &sink_rows, decode_options);
      ASSERT_TRUE(status.ok()) << c.name << ": " << status.message();
      EXPECT_EQ(sink_rows.written, image) << c.name << " threads " << threads;
    }
  }
}

}  // namespace
}  // namespace ride::cli
