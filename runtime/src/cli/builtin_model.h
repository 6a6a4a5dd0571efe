// The model built into the ride binary (models/default.ride at build time), so that compressing an
// image needs no model file.
#ifndef RIDE_RUNTIME_SRC_CLI_BUILTIN_MODEL_H_
#define RIDE_RUNTIME_SRC_CLI_BUILTIN_MODEL_H_

#include <cstddef>
#include <cstdint>

namespace ride::cli {

struct BuiltinModel {
  const uint8_t* data = nullptr;  // null when this build has no built-in model
  std::size_t size = 0;
};

BuiltinModel GetBuiltinModel();

}  // namespace ride::cli

#endif  // RIDE_RUNTIME_SRC_CLI_BUILTIN_MODEL_H_
