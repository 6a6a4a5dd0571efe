// Round trips: EngineModel -> writer -> file bytes -> loader gives back the identical model,
// provenance and fingerprint, for every shape the engine supports.
#include "runtime/src/model/model_loader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "flatbuffers/base.h"
#include "runtime/src/model/model_writer.h"
#include "tests/model_file_bytes.h"
#include "runtime/src/model/model_fingerprint.h"
#include "tests/runtime/model/model_test_files.h"

namespace ride::model {
namespace {

using namespace ::ride::model::testing;

// Bit-for-bit equality of two float arrays (so -0 != +0 and every ulp counts).
void ExpectSameFloats(const engine::FloatArray& a, const engine::FloatArray& b, const char* field) {
  ASSERT_EQ(a.size(), b.size()) << field;
  if (!a.empty()) {
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0) << field;
  }
}

void ExpectSameModelButChannelHeads(const engine::EngineModel& a, const engine::EngineModel& b) {
  EXPECT_EQ(a.window.width, b.window.width);
  EXPECT_EQ(a.window.height, b.window.height);
  EXPECT_EQ(a.padding, b.padding);
  ASSERT_EQ(a.layers.size(), b.layers.size());
  for (std::size_t l = 0; l < a.layers.size(); ++l) {
    EXPECT_EQ(a.layers[l].inputs, b.layers[l].inputs);
    EXPECT_EQ(a.layers[l].hidden, b.layers[l].hidden);
    EXPECT_EQ(a.layers[l].extended, b.layers[l].extended);
    EXPECT_EQ(a.layers[l].bounded, b.layers[l].bounded);
    ExpectSameFloats(a.layers[l].weights, b.layers[l].weights, "weights");
    ExpectSameFloats(a.layers[l].bias, b.layers[l].bias, "bias");
  }
  const engine::McgsmHead& x = a.head;
  const engine::McgsmHead& y = b.head;
  EXPECT_EQ(x.inputs, y.inputs);
  EXPECT_EQ(x.components, y.components);
  EXPECT_EQ(x.scales, y.scales);
  EXPECT_EQ(x.features, y.features);
  EXPECT_EQ(x.predictors_see_neighbourhood, y.predictors_see_neighbourhood);
  ExpectSameFloats(x.feature_weights, y.feature_weights, "feature_weights");
  ExpectSameFloats(x.feature_bias, y.feature_bias, "feature_bias");
  ExpectSameFloats(x.feature_weights_squared, y.feature_weights_squared, "feature_weights_squared");
  ExpectSameFloats(x.gate_bias, y.gate_bias, "gate_bias");
  ExpectSameFloats(x.gate_scale, y.gate_scale, "gate_scale");
  ExpectSameFloats(x.predictor_weights, y.predictor_weights, "predictor_weights");
  ExpectSameFloats(x.predictor_bias, y.predictor_bias, "predictor_bias");
  ExpectSameFloats(x.expert_inv_std, y.expert_inv_std, "expert_inv_std");
}

void ExpectSameModel(const engine::EngineModel& a, const engine::EngineModel& b) {
  ExpectSameModelButChannelHeads(a, b);
  EXPECT_EQ(a.channels, b.channels);
  ASSERT_EQ(a.channel_heads.size(), b.channel_heads.size());
  for (std::size_t c = 1; c < a.channels; ++c) {
    engine::EngineModel x = a, y = b;
    x.head = a.Head(c);
    y.head = b.Head(c);
    ExpectSameModelButChannelHeads(x, y);
  }
}

struct RoundTripCase {
  const char* name;
  ModelShape shape;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const RoundTripCase& c, std::ostream* os) { *os << c.name; }

class ModelRoundTripTest : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(ModelRoundTripTest, LoadGivesBackTheWrittenModelAndFingerprint) {
  const engine::EngineModel model = RandomEngineModel(GetParam().shape, 42);
  ASSERT_TRUE(model.Check().ok()) << model.Check().message();
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(model, TestProvenance());

  LoadedModel loaded;
  const Status status = LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded);
  ASSERT_TRUE(status.ok()) << status.message();
  ExpectSameModel(model, loaded.model);
  EXPECT_EQ(loaded.fingerprint, ComputeModelFingerprint(model));
  EXPECT_EQ(loaded.file_bytes, bytes.size());

  const ModelProvenance expected = TestProvenance();
  EXPECT_EQ(loaded.provenance.training_data, expected.training_data);
  EXPECT_EQ(loaded.provenance.validation_bits_per_pixel, expected.validation_bits_per_pixel);
  EXPECT_EQ(loaded.provenance.test_bits_per_pixel, expected.test_bits_per_pixel);
  EXPECT_EQ(loaded.provenance.trainer_version, expected.trainer_version);
  EXPECT_EQ(loaded.provenance.created, expected.created);
  EXPECT_EQ(loaded.provenance.command, expected.command);
  EXPECT_EQ(loaded.provenance.notes, expected.notes);
}

// Every weight array of `model`, for checks that go over all of them.
std::vector<const engine::FloatArray*> WeightArrays(const engine::EngineModel& model) {
  std::vector<const engine::FloatArray*> arrays;
  for (const engine::SlstmLayer& layer : model.layers) {
    arrays.push_back(&layer.weights);
    arrays.push_back(&layer.bias);
  }
  const engine::McgsmHead& h = model.head;
  for (const engine::FloatArray* array :
       {&h.feature_weights, &h.feature_bias, &h.feature_weights_squared, &h.gate_bias, &h.gate_scale,
        &h.predictor_weights, &h.predictor_bias, &h.expert_inv_std}) {
    arrays.push_back(array);
  }
  return arrays;
}

TEST_P(ModelRoundTripTest, InPlaceLoadViewsTheBufferAndGivesTheSameModel) {
  const engine::EngineModel model = RandomEngineModel(GetParam().shape, 42);
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(model, TestProvenance());
  std::vector<uint64_t> buffer((bytes.size() + 7) / 8);
  std::memcpy(buffer.data(), bytes.data(), bytes.size());
  const uint8_t* begin = reinterpret_cast<const uint8_t*>(buffer.data());

  LoadedModel loaded;
  const Status status = LoadModelInPlace(begin, bytes.size(), &loaded);
  ASSERT_TRUE(status.ok()) << status.message();
  ExpectSameModel(model, loaded.model);
  EXPECT_EQ(loaded.fingerprint, ComputeModelFingerprint(model));
  const bool little_endian = FLATBUFFERS_LITTLEENDIAN != 0;
  EXPECT_EQ(loaded.weights_in_place, little_endian);
  for (const engine::FloatArray* array : WeightArrays(loaded.model)) {
    if (!little_endian || array->empty()) continue;
    EXPECT_TRUE(array->is_view());
    const uint8_t* data = reinterpret_cast<const uint8_t*>(array->data());
    EXPECT_GE(data, begin);
    EXPECT_LE(data + array->size() * sizeof(float), begin + bytes.size());
  }
  // A copy of an in-place model reads the same buffer.
  const LoadedModel copy = loaded;
  EXPECT_EQ(copy.model.head.gate_bias.data(), loaded.model.head.gate_bias.data());
}

TEST(ModelLoaderTest, CopyingLoadOwnsItsWeights) {
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(SmallModel(), TestProvenance());
  LoadedModel loaded;
  ASSERT_TRUE(LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded).ok());
  EXPECT_FALSE(loaded.weights_in_place);
  for (const engine::FloatArray* array : WeightArrays(loaded.model)) EXPECT_FALSE(array->is_view());
}

TEST(ModelLoaderTest, InPlaceLoadRefusesAMisalignedBuffer) {
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(SmallModel(), TestProvenance());
  std::vector<uint64_t> buffer(bytes.size() / 8 + 2);
  uint8_t* shifted = reinterpret_cast<uint8_t*>(buffer.data()) + 4;
  std::memcpy(shifted, bytes.data(), bytes.size());
  LoadedModel loaded;
  const Status status = LoadModelInPlace(shifted, bytes.size(), &loaded);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("8-byte aligned"), std::string::npos) << status.message();
}

TEST(ModelLoaderTest, StoredFingerprintIsReadWithoutLoading) {
  const engine::EngineModel model = SmallModel();
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(model, TestProvenance());
  std::vector<uint64_t> buffer((bytes.size() + 7) / 8);
  std::memcpy(buffer.data(), bytes.data(), bytes.size());
  ModelFingerprint stored = {};
  const Status status =
      ReadStoredModelFingerprint(reinterpret_cast<const uint8_t*>(buffer.data()), bytes.size(), &stored);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(stored, ComputeModelFingerprint(model));
  const std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
  std::vector<uint64_t> png_buffer(2);
  std::memcpy(png_buffer.data(), png.data(), png.size());
  EXPECT_EQ(ReadStoredModelFingerprint(reinterpret_cast<const uint8_t*>(png_buffer.data()), png.size(), &stored).code(),
            StatusCode::kInvalidArgument);
}

ModelShape Shape(std::size_t width, std::size_t height, std::vector<std::size_t> hidden,
                 bool extended, std::size_t c, std::size_t s, std::size_t f, std::size_t channels = 1) {
  ModelShape shape;
  shape.channels = channels;
  shape.window_width = width;
  shape.window_height = height;
  shape.hidden = hidden;
  shape.extended = extended;
  shape.components = c;
  shape.scales = s;
  shape.features = f;
  return shape;
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, ModelRoundTripTest,
    ::testing::Values(RoundTripCase{"McgsmOnly", Shape(5, 3, {}, false, 4, 3, 5)},
                      RoundTripCase{"OneLayer", Shape(5, 3, {8}, false, 4, 3, 5)},
                      RoundTripCase{"TwoLayers", Shape(7, 4, {8, 6}, false, 3, 2, 4)},
                      RoundTripCase{"TwoExtendedLayers", Shape(3, 2, {5, 7}, true, 2, 4, 3)},
                      RoundTripCase{"SingleRowWindow", Shape(3, 1, {2}, true, 1, 1, 1)},
                      RoundTripCase{"Colour", Shape(5, 3, {}, false, 4, 3, 5, 3)}),
    [](const ::testing::TestParamInfo<RoundTripCase>& param) {
      return std::string(param.param.name);
    });

TEST(ModelLoaderTest, FileRoundTripReadsTheSameModel) {
  const engine::EngineModel model = SmallModel();
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(model, TestProvenance());
  const std::string path = WriteTempFile("model_loader_round_trip.ride", bytes);
  LoadedModel loaded;
  const Status status = LoadModelFromFile(path.c_str(), &loaded);
  ASSERT_TRUE(status.ok()) << status.message();
  ExpectSameModel(model, loaded.model);
  EXPECT_EQ(loaded.file_bytes, bytes.size());
  std::remove(path.c_str());
}

TEST(ModelLoaderTest, MisalignedBufferLoads) {
  const engine::EngineModel model = SmallModel();
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(model, TestProvenance());
  std::vector<uint8_t> shifted(bytes.size() + 1);
  std::memcpy(shifted.data() + 1, bytes.data(), bytes.size());
  LoadedModel loaded;
  const Status status = LoadModelFromBuffer(shifted.data() + 1, bytes.size(), &loaded);
  ASSERT_TRUE(status.ok()) << status.message();
  ExpectSameModel(model, loaded.model);
}

TEST(ModelLoaderTest, AbsentProvenanceReadsAsEmptyAndNan) {
  const engine::EngineModel model = SmallModel();
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(model, ModelProvenance());
  LoadedModel loaded;
  ASSERT_TRUE(LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded).ok());
  EXPECT_TRUE(loaded.provenance.training_data.empty());
  EXPECT_TRUE(loaded.provenance.created.empty());
  EXPECT_TRUE(std::isnan(loaded.provenance.validation_bits_per_pixel));
  EXPECT_TRUE(std::isnan(loaded.provenance.test_bits_per_pixel));
}

TEST(ModelLoaderTest, OlderSchemaVersionsAreAccepted) {
  // Version 1 is the oldest there is; the rule "accept <= ours" is exercised at the boundary.
  const std::vector<uint8_t> bytes = RawModelFile(SmallModel(), kModelSchemaVersion);
  EXPECT_TRUE(Load(bytes).ok());
}

TEST(ModelWriterTest, StampsTheOldestSchemaVersionThatHoldsTheModel) {
  // Gray models stay readable by readers of schema 1; colour needs 2.
  EXPECT_EQ(ModelSchemaVersionFor(SmallModel()), 1u);
  ModelShape colour;
  colour.hidden = {};
  colour.channels = 3;
  const engine::EngineModel model = RandomEngineModel(colour, 3);
  EXPECT_EQ(ModelSchemaVersionFor(model), 2u);
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(WriteModelFile(model, TestProvenance(), &bytes).ok());
  LoadedModel loaded;
  ASSERT_TRUE(LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded).ok());
  EXPECT_EQ(loaded.model.channels, 3u);
}

TEST(ModelWriterTest, BoundedCellsNeedSchemaThreeAndAreReadBack) {
  engine::EngineModel model = SmallModel();
  ASSERT_FALSE(model.layers.empty());
  model.layers[0].bounded = true;
  EXPECT_EQ(ModelSchemaVersionFor(model), 3u);
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(WriteModelFile(model, TestProvenance(), &bytes).ok());
  LoadedModel loaded;
  ASSERT_TRUE(LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded).ok());
  EXPECT_TRUE(loaded.model.layers[0].bounded);
  ExpectSameModel(model, loaded.model);
}

TEST(ModelLoaderTest, FileStartsWithTheRidmIdentifier) {
  const std::vector<uint8_t> bytes = ride::testing::ModelFileBytes(SmallModel(), TestProvenance());
  ASSERT_GE(bytes.size(), 8u);
  EXPECT_EQ(std::memcmp(bytes.data() + 4, "RIDM", 4), 0);
}

TEST(ModelWriterTest, RefusesAModelThatFailsItsCheck) {
  engine::EngineModel model = SmallModel();
  model.head.gate_bias.pop_back();
  std::vector<uint8_t> bytes;
  const Status status = model::WriteModelFile(model, TestProvenance(), &bytes);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(bytes.empty());
}

TEST(ModelWriterTest, RefusesAModelTheLoaderWouldRefuse) {
  engine::EngineModel model = SmallModel();
  model.layers[0].bias[1] = std::nanf("");
  std::vector<uint8_t> bytes;
  const Status status = model::WriteModelFile(model, TestProvenance(), &bytes);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("not finite"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace ride::model
