// ride.h compiled as C++17, and what a C caller cannot see: a model opened from memory without
// RIDE_MODEL_COPY, or a built-in one, reads its weights where they lie, and gives a copied model's
// results bit for bit.
#include "ride/ride.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "flatbuffers/base.h"
#include "runtime/src/api/api_handles.h"
#include "runtime/src/model/builtin_models.h"
#include "tests/runtime/api/api_test_model.h"

namespace ride::api {
namespace {

std::vector<uint64_t> ReadAligned(const std::string& path, std::size_t* size) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  EXPECT_NE(file, nullptr) << path;
  std::vector<uint64_t> words;
  if (file == nullptr) return words;
  std::fseek(file, 0, SEEK_END);
  *size = static_cast<std::size_t>(std::ftell(file));
  std::fseek(file, 0, SEEK_SET);
  words.resize(*size / 8 + 1);
  EXPECT_EQ(std::fread(words.data(), 1, *size, file), *size);
  std::fclose(file);
  return words;
}

std::vector<const engine::FloatArray*> WeightArrays(const engine::EngineModel& m) {
  std::vector<const engine::FloatArray*> arrays;
  for (const engine::SlstmLayer& layer : m.layers) {
    arrays.push_back(&layer.weights);
    arrays.push_back(&layer.bias);
  }
  const engine::McgsmHead& h = m.head;
  for (const engine::FloatArray* array : {&h.feature_weights, &h.feature_bias, &h.feature_weights_squared,
                                          &h.gate_bias, &h.gate_scale, &h.predictor_weights, &h.predictor_bias,
                                          &h.expert_inv_std}) {
    arrays.push_back(array);
  }
  return arrays;
}

bool Inside(const engine::FloatArray& array, const void* begin, std::size_t size) {
  const auto* first = reinterpret_cast<const uint8_t*>(array.data());
  const auto* start = static_cast<const uint8_t*>(begin);
  return first >= start && first + array.size() * sizeof(float) <= start + size;
}

int GiveRows(void* user, uint32_t first_row, uint32_t count, uint8_t* rows, std::size_t stride) {
  const auto* image = static_cast<const std::vector<uint8_t>*>(user);
  const std::size_t width = image->size() / 16;
  for (uint32_t i = 0; i < count; ++i) std::memcpy(rows + i * stride, image->data() + (first_row + i) * width, width);
  return 0;
}

int KeepCosts(void* user, uint32_t row, const float* bits, uint32_t width) {
  auto* costs = static_cast<std::vector<float>*>(user);
  costs->insert(costs->end(), bits, bits + width);
  (void)row;
  return 0;
}

std::vector<float> Costs(const ride_model* model, const std::vector<uint8_t>& image) {
  std::vector<float> costs;
  EXPECT_EQ(ride_evaluate(model, static_cast<uint32_t>(image.size() / 16), 16, GiveRows,
                          const_cast<std::vector<uint8_t>*>(&image), KeepCosts, &costs, nullptr, nullptr),
            RIDE_OK)
      << ride_last_error();
  return costs;
}

TEST(ApiModelInPlaceTest, WeightsPointIntoTheCallersBytesAndGiveTheCopysResults) {
  std::size_t size = 0;
  const std::vector<uint64_t> bytes = ReadAligned(testing::kApiTestModelPath, &size);
  ride_model* in_place = nullptr;
  ride_model* copied = nullptr;
  ASSERT_EQ(ride_model_open_memory(bytes.data(), size, 0, &in_place), RIDE_OK) << ride_last_error();
  ASSERT_EQ(ride_model_open_memory(bytes.data(), size, RIDE_MODEL_COPY, &copied), RIDE_OK) << ride_last_error();
  const bool little_endian = FLATBUFFERS_LITTLEENDIAN != 0;
  for (const engine::FloatArray* array : WeightArrays(in_place->loaded.model)) {
    ASSERT_FALSE(array->empty());
    EXPECT_EQ(Inside(*array, bytes.data(), size), little_endian);
  }
  for (const engine::FloatArray* array : WeightArrays(copied->loaded.model)) {
    EXPECT_FALSE(Inside(*array, bytes.data(), size));
    EXPECT_TRUE(Inside(*array, copied->bytes.data(), copied->bytes.size()) == little_endian);
  }
  const std::vector<uint8_t> image = engine::testing::RandomImage(23, 16, 4);
  const std::vector<float> in_place_costs = Costs(in_place, image);
  const std::vector<float> copied_costs = Costs(copied, image);
  ASSERT_EQ(in_place_costs.size(), image.size());
  EXPECT_EQ(std::memcmp(in_place_costs.data(), copied_costs.data(), image.size() * sizeof(float)), 0);
  ride_model_close(in_place);
  ride_model_close(copied);
}

TEST(ApiModelInPlaceTest, BuiltinModelsReadTheLibrarysOwnBytes) {
  ride_model* model = nullptr;
  ASSERT_EQ(ride_model_open_builtin(nullptr, &model), RIDE_OK) << ride_last_error();
  const model::BuiltinModel& entry = model::GetBuiltinModel(0);
  for (const engine::FloatArray* array : WeightArrays(model->loaded.model)) {
    EXPECT_EQ(Inside(*array, entry.data, entry.size), FLATBUFFERS_LITTLEENDIAN != 0);
  }
  EXPECT_EQ(model->bytes.size(), 0u);
  ride_model_close(model);
}

TEST(ApiModelInPlaceTest, StatusCodesAreTheRuntimes) {
  EXPECT_EQ(static_cast<int>(RIDE_CALLBACK_FAILED), static_cast<int>(StatusCode::kCallbackFailed));
  EXPECT_STREQ(ride_status_name(RIDE_MODEL_MISMATCH), StatusCodeName(StatusCode::kModelMismatch));
  ride_encode_options options;
  ride_encode_options_init(&options);
  EXPECT_EQ(options.struct_size, sizeof options);
  EXPECT_EQ(options.threads, 1u);
}

}  // namespace
}  // namespace ride::api
