// Test helpers: a built-in model (a trained MCGSM, models/gray-mcgsm-v1.ride, by name: the
// samples' fingerprints below are its own, whatever the default becomes) and a real image crop.
#ifndef RIDE_TESTS_RUNTIME_GENERATE_BUILTIN_MODEL_FIXTURE_H_
#define RIDE_TESTS_RUNTIME_GENERATE_BUILTIN_MODEL_FIXTURE_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/src/model/builtin_models.h"
#include "runtime/src/model/model_loader.h"

namespace ride::generate::testing {

class BuiltinModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const model::BuiltinModel* builtin = model::FindBuiltinModel("gray-mcgsm-v1");
    ASSERT_NE(builtin, nullptr) << "this build has no built-in model gray-mcgsm-v1 (models/gray-mcgsm-v1.ride)";
    const Status status = model::LoadModelFromBuffer(builtin->data, builtin->size, &loaded_);
    ASSERT_TRUE(status.ok()) << status.message();
  }
  const engine::EngineModel& model() const { return loaded_.model; }

  model::LoadedModel loaded_;
};

// FNV-1a, 64 bits: a fingerprint of pixels that is trivially the same on every target.
inline uint64_t Fnv1a64(const std::vector<uint8_t>& bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (uint8_t byte : bytes) hash = (hash ^ byte) * 0x100000001b3ull;
  return hash;
}

// The 96 × 64 BSDS300 crop of the golden files (tests/data/golden).
constexpr uint32_t kCropWidth = 96, kCropHeight = 64;
inline std::vector<uint8_t> ReadCrop() {
  const std::string path = std::string(RIDE_TEST_DATA_DIR) + "/golden/bsds300-crop-96x64.pgm";
  const std::string header = "P5\n96 64\n255\n";
  std::vector<uint8_t> pixels;
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return pixels;
  std::vector<char> head(header.size());
  if (std::fread(head.data(), 1, head.size(), file) == head.size() && std::string(head.begin(), head.end()) == header) {
    pixels.resize(std::size_t{kCropWidth} * kCropHeight);
    if (std::fread(pixels.data(), 1, pixels.size(), file) != pixels.size()) pixels.clear();
  }
  std::fclose(file);
  return pixels;
}

}  // namespace ride::generate::testing

#endif  // RIDE_TESTS_RUNTIME_GENERATE_BUILTIN_MODEL_FIXTURE_H_
