// The fixed model the .rim decoder fuzz target decodes with, shared with its seed writer.
#ifndef RIDE_TESTS_FUZZ_RIM_DECODER_FUZZ_MODEL_H_
#define RIDE_TESTS_FUZZ_RIM_DECODER_FUZZ_MODEL_H_

#include "tests/runtime/engine/random_engine_model.h"

namespace ride::fuzz {

inline engine::EngineModel RimDecoderFuzzModel() {
  engine::testing::ModelShape shape;
  shape.hidden = {4};
  shape.components = 2;
  shape.scales = 2;
  shape.features = 2;
  return engine::testing::RandomEngineModel(shape, 77);
}

}  // namespace ride::fuzz

#endif  // RIDE_TESTS_FUZZ_RIM_DECODER_FUZZ_MODEL_H_
