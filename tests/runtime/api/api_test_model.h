// The model of tests/data/api/random-mcgsm-5x3.ride: random weights, not built in, so the C API's
// tests have a file made with another model. api_test_model_test.cc checks the file holds it and
// can write it again.
#ifndef RIDE_TESTS_RUNTIME_API_API_TEST_MODEL_H_
#define RIDE_TESTS_RUNTIME_API_API_TEST_MODEL_H_

#include <string>

#include "runtime/src/engine/engine_model.h"
#include "runtime/src/model/model_loader.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::api::testing {

inline const std::string kApiTestModelPath = std::string(RIDE_TEST_DATA_DIR) + "/api/random-mcgsm-5x3.ride";

inline engine::EngineModel ApiTestModel() {
  engine::testing::ModelShape shape;
  shape.window_width = 5;
  shape.window_height = 3;
  shape.hidden = {};
  shape.components = 4;
  shape.scales = 2;
  shape.features = 4;
  return engine::testing::RandomEngineModel(shape, 2027);
}

inline model::ModelProvenance ApiTestProvenance() {
  model::ModelProvenance provenance;
  provenance.training_data = "none: random weights (RandomEngineModel, seed 2027)";
  provenance.notes = "a model that is not built in, for the C API's tests";
  return provenance;
}

}  // namespace ride::api::testing

#endif  // RIDE_TESTS_RUNTIME_API_API_TEST_MODEL_H_
