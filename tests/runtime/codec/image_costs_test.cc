// EvaluateImage: per-pixel costs are what the encoder codes with, row by row, in order.
#include "runtime/src/codec/image_costs.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "tests/runtime/codec/codec_test_rows.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::codec {
namespace {

using engine::testing::ModelShape;
using engine::testing::RandomEngineModel;
using engine::testing::RandomImage;
using testing::ImageRows;

constexpr uint32_t kWidth = 13, kHeight = 21;


class Costs final : public CostSink {
 public:
  Status RowCosts(uint32_t row, const float* bits, uint32_t width) override {
    rows.push_back(row);
    values.insert(values.end(), bits, bits + width);
    return fail_at_row == static_cast<int>(row) ? Status::Error(StatusCode::kCallbackFailed, "stop") : Status();
  }
  std::vector<uint32_t> rows;
  std::vector<float> values;
  int fail_at_row = -1;
};

TEST(ImageCostsTest, CostsComeRowByRowAndSumToTheEncodersModelBits) {
  const engine::EngineModel model = RandomEngineModel(ModelShape(), 3);
  const std::vector<uint8_t> image = RandomImage(kWidth, kHeight, 4);
  ImageRows rows(kWidth, image);
  Costs costs;
  EvaluateResult result;
  const Status status = EvaluateImage(model, kWidth, kHeight, &rows, &costs, EvaluateOptions(), &result);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(costs.rows.size(), kHeight);
  for (uint32_t r = 0; r < kHeight; ++r) EXPECT_EQ(costs.rows[r], r);
  ASSERT_EQ(costs.values.size(), std::size_t{kWidth} * kHeight);
  double sum = 0;
  for (float bits : costs.values) {
    EXPECT_GT(bits, 0.0f);
    sum += bits;
  }
  EXPECT_NEAR(sum, result.total_bits, 1e-3);
  EXPECT_EQ(result.pixels, uint64_t{kWidth} * kHeight);
  EXPECT_GT(result.engine_memory_bytes, 0u);

  CodecModel codec_model;
  codec_model.model = &model;
  ImageRows encoded_rows(kWidth, image);
  coder::VectorByteSink sink;
  EncodeResult encoded;
  ASSERT_TRUE(EncodeImage(codec_model, kWidth, kHeight, &encoded_rows, EncodeOptions(), &sink, &encoded).ok());
  EXPECT_NEAR(encoded.model_bits, result.total_bits, 1e-9 * result.total_bits);
}

TEST(ImageCostsTest, ASinkErrorStopsTheRun) {
  const engine::EngineModel model = RandomEngineModel(ModelShape(), 3);
  const std::vector<uint8_t> image = RandomImage(kWidth, kHeight, 4);
  ImageRows rows(kWidth, image);
  Costs costs;
  costs.fail_at_row = 2;
  EXPECT_EQ(EvaluateImage(model, kWidth, kHeight, &rows, &costs, EvaluateOptions(), nullptr).code(),
            StatusCode::kCallbackFailed);
  EXPECT_EQ(costs.rows.size(), 3u);
}

TEST(ImageCostsTest, RefusesAnEmptyImage) {
  const engine::EngineModel model = RandomEngineModel(ModelShape(), 3);
  ImageRows rows(kWidth);
  EXPECT_EQ(EvaluateImage(model, 0, 4, &rows, nullptr, EvaluateOptions(), nullptr).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(EvaluateImage(model, 4, 0, &rows, nullptr, EvaluateOptions(), nullptr).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ride::codec
