// Model files for tests: model::WriteModelFile's bytes, or a test failure naming the writer's reason.
#ifndef RIDE_TESTS_MODEL_FILE_BYTES_H_
#define RIDE_TESTS_MODEL_FILE_BYTES_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "runtime/src/model/model_writer.h"

namespace ride::testing {

inline std::vector<uint8_t> ModelFileBytes(const engine::EngineModel& model,
                                           const model::ModelProvenance& provenance) {
  std::vector<uint8_t> bytes;
  const Status status = model::WriteModelFile(model, provenance, &bytes);
  EXPECT_TRUE(status.ok()) << status.message();
  return bytes;
}

}  // namespace ride::testing

#endif  // RIDE_TESTS_MODEL_FILE_BYTES_H_
