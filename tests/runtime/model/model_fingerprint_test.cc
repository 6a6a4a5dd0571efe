// The fingerprint: XXH3-128 of the documented canonical bytes, sensitive to every value that
// affects a probability and blind to provenance; pinned by a golden value so every target agrees.
#include <gtest/gtest.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>
#include <string>
#include <vector>

#include "runtime/src/model/model_fingerprint.h"
#include "tests/model_file_bytes.h"
#include "tests/runtime/model/model_test_files.h"

namespace ride::model {
namespace {

using namespace ::ride::model::testing;

std::string Hex(const model::ModelFingerprint& fingerprint) {
  char hex[2 * model::kModelFingerprintBytes + 1];
  model::FingerprintToHex(fingerprint, hex);
  return hex;
}

// The smallest model there is: a 1x2 window (one input), no layer, one component and scale.
engine::EngineModel TinyModel() {
  engine::EngineModel model;
  model.window.width = 1;
  model.window.height = 2;
  model.padding = 0.5f;
  engine::McgsmHead& h = model.head;
  h.inputs = 1;
  h.components = 1;
  h.scales = 1;
  h.features = 1;
  h.feature_weights = {1.0f};
  h.feature_bias = {0.0f};
  h.feature_weights_squared = {0.25f};
  h.gate_bias = {0.0f};
  h.gate_scale = {0.5f};
  h.predictor_weights = {0.75f};
  h.predictor_bias = {0.125f};
  h.expert_inv_std = {16.0f};
  return model;
}

TEST(ModelFingerprintTest, CanonicalBytesFollowTheDocumentedLayout) {
  std::vector<uint8_t> bytes;
  AppendCanonicalModelBytes(TinyModel(), &bytes);
  // tag 8 + window 8 + 8 + padding 4 + layer count 8 + head dims 5 * 8 + 8 arrays * (8 + 4).
  ASSERT_EQ(bytes.size(), 8u + 16 + 4 + 8 + 40 + 8 * 12);
  EXPECT_EQ(std::memcmp(bytes.data(), "ride-fp1", 8), 0);
  const uint8_t width_height_padding[] = {1, 0, 0, 0, 0, 0, 0,    0,    2,    0,
                                          0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x3F};
  EXPECT_EQ(std::memcmp(bytes.data() + 8, width_height_padding, sizeof width_height_padding), 0);
  // Last: expert_inv_std, count 1 then 16.0f = 0x41800000.
  const uint8_t tail[] = {1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x80, 0x41};
  EXPECT_EQ(std::memcmp(bytes.data() + bytes.size() - sizeof tail, tail, sizeof tail), 0);
}

TEST(ModelFingerprintTest, IsXxh3Of128BitsOfTheCanonicalBytesInCanonicalForm) {
  const engine::EngineModel model = SmallModel();
  std::vector<uint8_t> bytes;
  AppendCanonicalModelBytes(model, &bytes);
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size()));
  model::ModelFingerprint expected;
  std::memcpy(expected.data(), canonical.digest, expected.size());
  EXPECT_EQ(ComputeModelFingerprint(model), expected);
}

TEST(ModelFingerprintTest, GoldenValueOfTheTinyModel) {
  // Pins the canonical bytes and the hash on every target (docs/model_format.md quotes it).
  EXPECT_EQ(Hex(ComputeModelFingerprint(TinyModel())), "9db03e67d79157faa6fd5ba81dac000d");
}

TEST(ModelFingerprintTest, ChangesWithEveryValueThatAffectsProbabilities) {
  const engine::EngineModel base = SmallModel();
  const model::ModelFingerprint reference = ComputeModelFingerprint(base);
  auto differs = [&](auto edit) {
    engine::EngineModel model = base;
    edit(&model);
    return ComputeModelFingerprint(model) != reference;
  };
  auto next_up = [](float* v) {
    uint32_t bits;
    std::memcpy(&bits, v, 4);
    ++bits;
    std::memcpy(v, &bits, 4);
  };
  EXPECT_TRUE(differs([](engine::EngineModel* m) { m->padding = 0.25f; }));
  EXPECT_TRUE(differs([](engine::EngineModel* m) { m->window.width = 5; }));
  EXPECT_TRUE(differs([](engine::EngineModel* m) { m->layers[0].extended = true; }));
  EXPECT_TRUE(differs([](engine::EngineModel* m) { m->layers[0].bounded = true; }));
  EXPECT_TRUE(differs([&](engine::EngineModel* m) { next_up(&m->layers[0].weights.back()); }));
  EXPECT_TRUE(differs([&](engine::EngineModel* m) { next_up(&m->layers[0].bias[0]); }));
  EXPECT_TRUE(
      differs([](engine::EngineModel* m) { m->head.predictors_see_neighbourhood ^= true; }));
  EXPECT_TRUE(differs([&](engine::EngineModel* m) { next_up(&m->head.feature_weights[1]); }));
  EXPECT_TRUE(
      differs([&](engine::EngineModel* m) { next_up(&m->head.feature_weights_squared[0]); }));
  EXPECT_TRUE(differs([&](engine::EngineModel* m) { next_up(&m->head.gate_scale[3]); }));
  EXPECT_TRUE(differs([&](engine::EngineModel* m) { next_up(&m->head.expert_inv_std[0]); }));
  EXPECT_TRUE(differs(
      [](engine::EngineModel* m) { m->head.predictor_bias[0] = -m->head.predictor_bias[0]; }));
  // Moving a value from one array to the next changes the counts, so the bytes differ too.
  EXPECT_TRUE(differs([](engine::EngineModel* m) {
    m->head.feature_bias.push_back(m->head.feature_weights_squared.front());
    m->head.feature_weights_squared.erase(m->head.feature_weights_squared.begin());
  }));
  // Zero and negative zero are different weights.
  engine::EngineModel zero = base, negative_zero = base;
  zero.head.gate_bias[0] = 0.0f;
  negative_zero.head.gate_bias[0] = -0.0f;
  EXPECT_NE(ComputeModelFingerprint(zero), ComputeModelFingerprint(negative_zero));
}

TEST(ModelFingerprintTest, ColourModelsCoverEveryChannelHead) {
  engine::testing::ModelShape shape;
  shape.hidden = {};
  shape.channels = 3;
  const engine::EngineModel base = engine::testing::RandomEngineModel(shape, 4);
  const model::ModelFingerprint reference = ComputeModelFingerprint(base);
  engine::EngineModel changed = base;
  changed.channel_heads[1].gate_bias[2] += 1.0f;
  EXPECT_NE(ComputeModelFingerprint(changed), reference);
  // The gray part of a colour model alone is another model.
  engine::EngineModel channel_zero = base;
  channel_zero.channels = 1;
  channel_zero.channel_heads.clear();
  EXPECT_NE(ComputeModelFingerprint(channel_zero), reference);
}

TEST(ModelFingerprintTest, IgnoresProvenance) {
  const engine::EngineModel model = SmallModel();
  ModelProvenance other = TestProvenance();
  other.notes = "something else entirely";
  other.validation_bits_per_pixel = 9.0;
  LoadedModel a, b;
  const std::vector<uint8_t> file_a = ride::testing::ModelFileBytes(model, TestProvenance());
  const std::vector<uint8_t> file_b = ride::testing::ModelFileBytes(model, other);
  ASSERT_TRUE(LoadModelFromBuffer(file_a.data(), file_a.size(), &a).ok());
  ASSERT_TRUE(LoadModelFromBuffer(file_b.data(), file_b.size(), &b).ok());
  EXPECT_NE(file_a, file_b);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
}

TEST(ModelFingerprintTest, IsDeterministic) {
  EXPECT_EQ(ComputeModelFingerprint(SmallModel(3)), ComputeModelFingerprint(SmallModel(3)));
  EXPECT_NE(ComputeModelFingerprint(SmallModel(3)), ComputeModelFingerprint(SmallModel(4)));
}

}  // namespace
}  // namespace ride::model
