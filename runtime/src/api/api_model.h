// Opening models inside the API, for the model functions and for a decoder that picks the built-in
// model a file names.
#ifndef RIDE_RUNTIME_SRC_API_API_MODEL_H_
#define RIDE_RUNTIME_SRC_API_API_MODEL_H_

#include "ride/ride.h"
#include "runtime/src/base/status.h"
#include "runtime/src/model/builtin_models.h"
#include "runtime/src/model/model_fingerprint.h"

namespace ride::api {

// Opens built-in model `entry` in place into a new model (*out owns it; null on failure).
Status OpenBuiltinModel(const model::BuiltinModel& entry, ride_model** out);

// The built-in model with `fingerprint`: kModelMismatch, giving the fingerprint in hex, when none has it.
Status OpenBuiltinModelByFingerprint(const model::ModelFingerprint& fingerprint, ride_model** out);

}  // namespace ride::api

#endif  // RIDE_RUNTIME_SRC_API_API_MODEL_H_
