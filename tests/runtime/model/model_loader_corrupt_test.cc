// One hand-made bad file per failure kind of the loader, each with its own status code and a
// message fragment naming the field. The files come from the writer's unchecked path
// (BuildModelBuffer) or from editing a valid file's bytes, so each case reaches exactly the check
// it is about.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "runtime/src/model/model_fingerprint.h"
#include "runtime/src/model/model_loader.h"
#include "schema/ride_model_generated.h"
#include "tests/runtime/model/model_test_files.h"

namespace ride::model {
namespace {

using namespace ::ride::model::testing;

// Offset in `bytes` of the first element of a vector that lives in it.
template <typename T>
std::size_t OffsetOf(const std::vector<uint8_t>& bytes, const flatbuffers::Vector<T>* vector) {
  // As integers: pointer arithmetic across the generated accessors confuses GCC's bounds warnings.
  return static_cast<std::size_t>(reinterpret_cast<std::uintptr_t>(vector->Data()) -
                                  reinterpret_cast<std::uintptr_t>(bytes.data()));
}

void PutU32(std::vector<uint8_t>* bytes, std::size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*bytes)[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

TEST(ModelLoaderCorruptTest, EmptyBufferIsTooSmall) {
  ExpectLoadError({}, StatusCode::kTruncated, "0 bytes is too small");
}

TEST(ModelLoaderCorruptTest, FileCutBeforeItsIdentifierIsTooSmall) {
  std::vector<uint8_t> bytes = RawModelFile(SmallModel());
  bytes.resize(6);
  ExpectLoadError(bytes, StatusCode::kTruncated, "too small");
}

TEST(ModelLoaderCorruptTest, FileCutInTheMiddleFailsVerification) {
  std::vector<uint8_t> bytes = RawModelFile(SmallModel());
  bytes.resize(bytes.size() / 2);
  ExpectLoadError(bytes, StatusCode::kCorrupt, "verification failed");
}

TEST(ModelLoaderCorruptTest, WrongIdentifierIsNotARideModel) {
  std::vector<uint8_t> bytes = RawModelFile(SmallModel());
  std::memcpy(bytes.data() + 4, "RIDX", 4);
  ExpectLoadError(bytes, StatusCode::kInvalidArgument, "not a ride model file");
}

TEST(ModelLoaderCorruptTest, PngIsNotARideModel) {
  const std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A,
                                    0,    0,   0,   13,  'I',  'H',  'D',  'R'};
  ExpectLoadError(png, StatusCode::kInvalidArgument, "not a ride model file");
}

TEST(ModelLoaderCorruptTest, GarbageAfterTheIdentifierFailsVerification) {
  std::vector<uint8_t> bytes = {0xF0, 0xFF, 0xFF, 0x0F, 'R', 'I', 'D', 'M'};
  bytes.resize(64, 0xAB);
  ExpectLoadError(bytes, StatusCode::kCorrupt, "verification failed");
}

TEST(ModelLoaderCorruptTest, VectorLengthPastTheEndFailsVerification) {
  std::vector<uint8_t> bytes = RawModelFile(SmallModel());
  const schema::Model* m = schema::GetModel(bytes.data());
  PutU32(&bytes, OffsetOf(bytes, m->head()->expert_inv_std()) - 4, 0x3FFFFFFFu);
  ExpectLoadError(bytes, StatusCode::kCorrupt, "verification failed");
}

TEST(ModelLoaderCorruptTest, MissingRequiredHeadFailsVerification) {
  // Built field by field: the generated ModelBuilder asserts on a missing required field.
  flatbuffers::FlatBufferBuilder b;
  const auto window = schema::CreateCausalWindow(b, 3, 2);
  const uint8_t zeros[16] = {};
  const auto fingerprint = b.CreateVector(zeros, 16);
  const flatbuffers::uoffset_t start = b.StartTable();
  b.AddElement<uint32_t>(schema::Model::VT_SCHEMA_VERSION, kModelSchemaVersion, 0);
  b.AddOffset(schema::Model::VT_WINDOW, window);
  b.AddOffset(schema::Model::VT_FINGERPRINT, fingerprint);
  b.Finish(flatbuffers::Offset<schema::Model>(b.EndTable(start)), schema::ModelIdentifier());
  const std::vector<uint8_t> bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
  ExpectLoadError(bytes, StatusCode::kCorrupt, "verification failed");
}

TEST(ModelLoaderCorruptTest, NewerSchemaVersionIsUnsupportedNamingBothVersions) {
  ExpectLoadError(RawModelFile(SmallModel(), 4), StatusCode::kUnsupported,
                  "model schema version 4 is newer than this build supports (3); upgrade ride");
}

TEST(ModelLoaderCorruptTest, MissingSchemaVersionIsCorrupt) {
  ExpectLoadError(RawModelFile(SmallModel(), 0), StatusCode::kCorrupt,
                  "schema_version is missing or 0");
}

TEST(ModelLoaderCorruptTest, EvenWindowWidthIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.window.width = 4;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt, "window width 4 is even");
}

TEST(ModelLoaderCorruptTest, WindowBeyondTheLimitIsRefused) {
  engine::EngineModel model = SmallModel();
  model.window.width = 65;
  ExpectLoadError(RawModelFile(model), StatusCode::kResourceExhausted,
                  "window width 65 exceeds the limit 63");
}

TEST(ModelLoaderCorruptTest, WindowThatSeesNoPixelIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.window.width = 1;
  model.window.height = 1;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt, "sees no pixel");
}

TEST(ModelLoaderCorruptTest, PaddingOutsideTheUnitIntervalIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.padding = 1.5f;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt, "padding 1.5 outside [0, 1]");
}

TEST(ModelLoaderCorruptTest, LayerInputsThatDoNotChainAreCorrupt) {
  engine::EngineModel model = SmallModel();
  model.layers[0].inputs += 1;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt,
                  "layer 0 has 5 inputs, what feeds it has 4");
}

TEST(ModelLoaderCorruptTest, HeadInputsThatDoNotMatchTheTopLayerAreCorrupt) {
  engine::EngineModel model = SmallModel();
  model.head.inputs = 5;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt,
                  "head has 5 inputs, what feeds it has 4");
}

TEST(ModelLoaderCorruptTest, ZeroComponentsAreCorrupt) {
  engine::EngineModel model = SmallModel();
  model.head.components = 0;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt, "head components is 0");
}

TEST(ModelLoaderCorruptTest, ArrayLengthThatDiffersFromItsShapeIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.layers[0].weights.pop_back();
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt,
                  "layer 0 weights has 239 values, its shape needs 240");
}

TEST(ModelLoaderCorruptTest, MissingHeadArrayIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.head.predictor_bias.clear();
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt,
                  "head predictor_bias has 0 values, its shape needs 2");
}

TEST(ModelLoaderCorruptTest, HugeHiddenCountIsRefused) {
  engine::EngineModel model = SmallModel();
  model.layers[0].hidden = 5000;
  ExpectLoadError(RawModelFile(model), StatusCode::kResourceExhausted,
                  "layer 0 hidden 5000 exceeds the limit 4096");
}

TEST(ModelLoaderCorruptTest, ShapesNeedingTooManyParametersAreRefusedBeforeAllocating) {
  // Every count is within its own limit, but the product is far beyond the parameter cap; the
  // arrays themselves are empty, so only the shape arithmetic can notice.
  engine::EngineModel model = SmallModel();
  model.window.width = 63;
  model.window.height = 32;
  model.layers[0].inputs = model.window.Inputs();
  model.layers[0].hidden = 4096;
  model.layers[0].extended = true;
  ExpectLoadError(RawModelFile(model), StatusCode::kResourceExhausted,
                  "more than the 67108864 parameters");
}

TEST(ModelLoaderCorruptTest, TooManyLayersAreRefused) {
  engine::EngineModel model = SmallModel();
  model.layers.resize(kModelMaxLayers + 1, model.layers[0]);
  ExpectLoadError(RawModelFile(model), StatusCode::kResourceExhausted,
                  "17 layers exceed the limit 16");
}

TEST(ModelLoaderCorruptTest, TooManyComponentTimesScalesAreRefused) {
  engine::EngineModel model = SmallModel();
  model.head.components = 1000;
  model.head.scales = 1000;
  ExpectLoadError(RawModelFile(model), StatusCode::kResourceExhausted,
                  "components x scales = 1000 x 1000");
}

TEST(ModelLoaderCorruptTest, NanWeightIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.layers[0].weights[17] = std::numeric_limits<float>::quiet_NaN();
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt, "layer 0 weights[17] is not finite");
}

TEST(ModelLoaderCorruptTest, InfiniteHeadValueIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.head.gate_bias[3] = -std::numeric_limits<float>::infinity();
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt, "head gate_bias[3] is not finite");
}

TEST(ModelLoaderCorruptTest, NonPositiveInverseStdIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.head.expert_inv_std[2] = 0.0f;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt,
                  "head expert_inv_std[2] is 0, must be > 0");
  model.head.expert_inv_std[2] = -1.0f;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt,
                  "head expert_inv_std[2] is -1, must be > 0");
}

TEST(ModelLoaderCorruptTest, NegativeGateScaleIsCorrupt) {
  engine::EngineModel model = SmallModel();
  model.head.gate_scale[0] = -0.5f;
  ExpectLoadError(RawModelFile(model), StatusCode::kCorrupt,
                  "head gate_scale[0] is -0.5, must be > 0");
}

TEST(ModelLoaderCorruptTest, StoredFingerprintThatDiffersIsCorrupt) {
  const engine::EngineModel model = SmallModel();
  model::ModelFingerprint wrong = ComputeModelFingerprint(model);
  wrong[5] ^= 0x01;
  ExpectLoadError(RawModelFileWithFingerprint(model, wrong), StatusCode::kCorrupt,
                  "fingerprint mismatch");
}

TEST(ModelLoaderCorruptTest, ChangedWeightIsCaughtByTheFingerprint) {
  const engine::EngineModel model = SmallModel();
  std::vector<uint8_t> bytes = RawModelFile(model);
  // The stored bytes of expert_inv_std[0]; flipping its lowest mantissa bit keeps it valid.
  uint8_t pattern[4];
  std::memcpy(pattern, &model.head.expert_inv_std[0], 4);
  const auto it = std::search(bytes.begin(), bytes.end(), pattern, pattern + 4);
  ASSERT_NE(it, bytes.end());
  *it ^= 0x01;
  ExpectLoadError(bytes, StatusCode::kCorrupt, "fingerprint mismatch");
}

TEST(ModelLoaderCorruptTest, FingerprintOfTheWrongLengthIsCorrupt) {
  std::vector<uint8_t> bytes = RawModelFile(SmallModel());
  const schema::Model* m = schema::GetModel(bytes.data());
  PutU32(&bytes, OffsetOf(bytes, m->fingerprint()) - 4, 8);
  ExpectLoadError(bytes, StatusCode::kCorrupt, "fingerprint has 8 bytes, expected 16");
}

TEST(ModelLoaderCorruptTest, BufferOverTheSizeCapIsRefused) {
  const std::vector<uint8_t> bytes = RawModelFile(SmallModel());
  const Status status = Load(bytes, bytes.size() - 1);
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.message();
  EXPECT_NE(std::string(status.message()).find("exceed the size cap"), std::string::npos)
      << status.message();
  EXPECT_TRUE(Load(bytes, bytes.size()).ok());
}

TEST(ModelLoaderCorruptTest, FileOverTheSizeCapIsRefusedBeforeReading) {
  // A sparse file one byte over the cap: nothing of it is read, so it costs no memory.
  const std::string path = ::testing::TempDir() + "model_loader_over_cap.ride";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(std::fseek(f, static_cast<long>(kModelFileMaxBytes), SEEK_SET), 0);
  ASSERT_NE(std::fputc(0, f), EOF);
  std::fclose(f);
  LoadedModel loaded;
  const Status status = LoadModelFromFile(path.c_str(), &loaded);
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.message();
  EXPECT_NE(std::string(status.message()).find("268435457 bytes exceed the size cap of 268435456"),
            std::string::npos)
      << status.message();
  std::remove(path.c_str());
}

TEST(ModelLoaderCorruptTest, MissingFileIsAnIoErrorNamingThePath) {
  LoadedModel loaded;
  const std::string path = ::testing::TempDir() + "no_such_model.ride";
  const Status status = LoadModelFromFile(path.c_str(), &loaded);
  EXPECT_EQ(status.code(), StatusCode::kIoError) << status.message();
  EXPECT_NE(std::string(status.message()).find(path), std::string::npos) << status.message();
}

}  // namespace
}  // namespace ride::model

namespace ride::model {
namespace {

using namespace ::ride::model::testing;

engine::EngineModel ColourModel() {
  engine::testing::ModelShape shape;
  shape.hidden = {};
  shape.channels = 3;
  shape.window_width = 3;
  shape.window_height = 2;
  return engine::testing::RandomEngineModel(shape, 11);
}

TEST(ModelLoaderCorruptTest, ColourInASchemaOneFileIsCorrupt) {
  ExpectLoadError(RawModelFile(ColourModel(), 1), StatusCode::kCorrupt, "3 channels need schema version 2, the file says 1");
}

TEST(ModelLoaderCorruptTest, ChannelCountOtherThanOneOrThreeIsCorrupt) {
  engine::EngineModel model = ColourModel();
  model.channels = 2;
  model.channel_heads.pop_back();
  ExpectLoadError(RawModelFile(model, 2), StatusCode::kCorrupt, "channels is 2, must be 1 (gray) or 3 (RGB)");
}

TEST(ModelLoaderCorruptTest, MissingChannelHeadIsCorrupt) {
  engine::EngineModel model = ColourModel();
  model.channel_heads.pop_back();
  ExpectLoadError(RawModelFile(model, 2), StatusCode::kCorrupt, "1 channel heads for 3 channels (needs 2)");
}

TEST(ModelLoaderCorruptTest, ChannelHeadReadingTheWrongInputsIsCorrupt) {
  engine::EngineModel model = ColourModel();
  model.channel_heads[1] = model.channel_heads[0];  // reads 3N + 1, channel 2 needs 3N + 2
  ExpectLoadError(RawModelFile(model, 2), StatusCode::kCorrupt, "channel 2 head has 13 inputs, what feeds it has 14");
}

TEST(ModelLoaderCorruptTest, ChannelHeadArrayOfTheWrongLengthNamesItsChannel) {
  engine::EngineModel model = ColourModel();
  model.channel_heads[0].gate_bias.push_back(0.5f);
  ExpectLoadError(RawModelFile(model, 2), StatusCode::kCorrupt, "channel 1 head gate_bias has");
}

TEST(ModelLoaderCorruptTest, BoundedCellsInASchemaTwoFileAreCorrupt) {
  engine::EngineModel model = SmallModel();
  ASSERT_FALSE(model.layers.empty());
  model.layers.back().bounded = true;
  const std::string message = "layer " + std::to_string(model.layers.size() - 1) +
                              " has bounded cells, which need schema version 3, the file says 2";
  ExpectLoadError(RawModelFile(model, 2), StatusCode::kCorrupt, message.c_str());
}

TEST(ModelLoaderCorruptTest, ColourModelWithLayersIsUnsupported) {
  engine::EngineModel model = SmallModel();
  model.channels = 3;
  model.channel_heads = {model.head, model.head};
  ExpectLoadError(RawModelFile(model, 2), StatusCode::kUnsupported, "a colour model with SLSTM layers");
}

}  // namespace
}  // namespace ride::model
