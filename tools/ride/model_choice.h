// Which model a command runs: the file given with --model, or the one built into the binary.
#ifndef RIDE_RUNTIME_SRC_CLI_MODEL_CHOICE_H_
#define RIDE_RUNTIME_SRC_CLI_MODEL_CHOICE_H_

#include <string>

#include "runtime/src/base/status.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/model/model_loader.h"

namespace ride::cli {

// Loads `path`, or the built-in model when `path` is empty (kUnsupported if this build has none).
Status LoadChosenModel(const std::string& path, model::LoadedModel* out);

// The codec's view of a loaded model (valid while `loaded` lives).
codec::CodecModel CodecModelOf(const model::LoadedModel& loaded);

}  // namespace ride::cli

#endif  // RIDE_RUNTIME_SRC_CLI_MODEL_CHOICE_H_
