// The models built into the runtime: every model a release has shipped as a built-in, embedded at
// build time from models/*.ride, so that coding an image needs no model file and every file a
// release wrote can be decoded by every later one. Entries are only ever added, never removed or
// renamed. Their order is the order of preference: the first model of a kind (gray, colour) codes
// new images of that kind, and the first of all is the default. Files name their model by its
// fingerprint, never by its place, so a new model may go in front.
#ifndef RIDE_RUNTIME_SRC_MODEL_BUILTIN_MODELS_H_
#define RIDE_RUNTIME_SRC_MODEL_BUILTIN_MODELS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/model/model_fingerprint.h"

namespace ride::model {

struct BuiltinModel {
  const char* name = nullptr;     // stable, e.g. "gray-mcgsm-v1"
  const uint8_t* data = nullptr;  // the .ride file's bytes, 16-byte aligned
  std::size_t size = 0;
};

// How many models this build carries (0 for a build made without models/).
std::size_t BuiltinModelCount();

// Entry `index` < BuiltinModelCount(); entry 0 is the default model.
const BuiltinModel& GetBuiltinModel(std::size_t index);

// The entry named `name`, or "default" for entry 0; null when there is none.
const BuiltinModel* FindBuiltinModel(const char* name);

// The entry whose model has `fingerprint` (as stored in its file), null when there is none: how a
// decoder finds the model a compressed file names.
const BuiltinModel* FindBuiltinModelByFingerprint(const ModelFingerprint& fingerprint);

// Effort levels, as `cjxl -e`: each trades speed for smaller files by choosing the model that codes
// new images. Decoding never needs the level: a file names its model.
constexpr uint32_t kFastestEffort = 1, kDefaultEffort = 2, kBestEffort = 3;

// The name of the built-in model that codes new images of `channels` modelled channels (1: gray and
// gray+alpha; 3: RGB and RGBA) at `effort` (kFastestEffort..kBestEffort), null for another channel
// count or level, or when this build lacks that model. At kDefaultEffort it is the first built-in
// model of its kind.
const char* BuiltinModelNameFor(uint32_t channels, uint32_t effort);

}  // namespace ride::model

#endif  // RIDE_RUNTIME_SRC_MODEL_BUILTIN_MODELS_H_
