// Model files for the loader's tests, made by the compiler's writer (compiled into the test, so the
// tests need no compiler library and run in cross builds), plus ways to damage them.
#ifndef RIDE_TESTS_RUNTIME_MODEL_MODEL_TEST_FILES_H_
#define RIDE_TESTS_RUNTIME_MODEL_MODEL_TEST_FILES_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/src/model/model_writer.h"
#include "runtime/src/model/model_fingerprint.h"
#include "runtime/src/model/model_loader.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::model::testing {

using engine::testing::ModelShape;
using engine::testing::RandomEngineModel;

inline ModelProvenance TestProvenance() {
  ModelProvenance p;
  p.training_data = "van Hateren, 1000 patches";
  p.validation_bits_per_pixel = 4.125;
  p.test_bits_per_pixel = 4.25;
  p.trainer_version = "ride-train 0.1.0";
  p.created = "2026-11-29";
  p.command = "ride-train --layers 1 --hidden 8";
  p.notes = "made by a test";
  return p;
}

// A small valid model: one SLSTM layer of 4 units on a 3x2 window, 2 components, 2 scales.
inline engine::EngineModel SmallModel(uint64_t seed = 7) {
  ModelShape shape;
  shape.window_width = 3;
  shape.window_height = 2;
  shape.hidden = {4};
  shape.components = 2;
  shape.scales = 2;
  shape.features = 3;
  return RandomEngineModel(shape, seed);
}

// Serialises `model` as it is (no checks): the fingerprint is computed from it unless given.
inline std::vector<uint8_t> RawModelFile(const engine::EngineModel& model,
                                         uint32_t schema_version = kModelSchemaVersion) {
  flatbuffers::FlatBufferBuilder builder(1024);
  model::BuildModelBuffer(model, TestProvenance(), schema_version,
                             ComputeModelFingerprint(model), &builder);
  return std::vector<uint8_t>(builder.GetBufferPointer(),
                              builder.GetBufferPointer() + builder.GetSize());
}

inline std::vector<uint8_t> RawModelFileWithFingerprint(
    const engine::EngineModel& model, const model::ModelFingerprint& fingerprint) {
  flatbuffers::FlatBufferBuilder builder(1024);
  model::BuildModelBuffer(model, TestProvenance(), kModelSchemaVersion, fingerprint, &builder);
  return std::vector<uint8_t>(builder.GetBufferPointer(),
                              builder.GetBufferPointer() + builder.GetSize());
}

// Loads `bytes` with a copy of the weights and again in place (from an 8-byte aligned copy of the
// bytes): every check runs in both modes, so both must give the same status and message.
inline Status Load(const std::vector<uint8_t>& bytes, std::size_t max_bytes = kModelFileMaxBytes) {
  LoadedModel loaded;
  const Status copied = LoadModelFromBuffer(bytes.data(), bytes.size(), &loaded, max_bytes);
  std::vector<uint64_t> aligned((bytes.size() + 7) / 8 + 1);
  if (!bytes.empty()) std::memcpy(aligned.data(), bytes.data(), bytes.size());
  LoadedModel in_place;
  const Status viewed =
      LoadModelInPlace(reinterpret_cast<const uint8_t*>(aligned.data()), bytes.size(), &in_place, max_bytes);
  EXPECT_EQ(viewed.code(), copied.code()) << "in place: " << viewed.message() << "; copied: " << copied.message();
  EXPECT_STREQ(viewed.message(), copied.message());
  return copied;
}

// Asserts that loading `bytes` fails with `code` and a message containing `fragment`.
inline void ExpectLoadError(const std::vector<uint8_t>& bytes, StatusCode code,
                            const char* fragment) {
  const Status status = Load(bytes);
  EXPECT_EQ(status.code(), code) << StatusCodeName(status.code()) << ": " << status.message();
  EXPECT_NE(std::string(status.message()).find(fragment), std::string::npos)
      << "message \"" << status.message() << "\" lacks \"" << fragment << "\"";
}

// Writes `bytes` to a fresh file under the test temp dir and returns its path.
inline std::string WriteTempFile(const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string path = ::testing::TempDir() + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  EXPECT_NE(f, nullptr) << path;
  if (f == nullptr) return path;
  EXPECT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), f), bytes.size());
  std::fclose(f);
  return path;
}

}  // namespace ride::model::testing

#endif  // RIDE_TESTS_RUNTIME_MODEL_MODEL_TEST_FILES_H_
