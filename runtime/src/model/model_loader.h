// Loads a frozen model file (*.ride, schema/ride_model.fbs, docs/model_format.md) into an
// engine::EngineModel. A model file is hostile input: loading is validation, in this order, and
// nothing is allocated for the model before every check on the file's bytes has passed.
//
//   1. size: at most the cap (kResourceExhausted), at least kModelFileMinBytes (kTruncated)
//   2. file identifier "RIDM" (kInvalidArgument, "not a ride model file")
//   3. flatbuffers::Verifier with depth, table and size limits (kCorrupt)
//   4. schema_version: 0 is kCorrupt, newer than kModelSchemaVersion is kUnsupported, naming both
//   5. semantic checks, each message naming the field:
//        impossible values (zero or even sizes, shapes that do not chain, array lengths that differ
//        from the product of their dimensions, non-finite or out-of-range values): kCorrupt;
//        counts beyond the limits below: kResourceExhausted
//   6. the EngineModel: copies of the weight arrays, or views of them in place (LoadModelInPlace);
//      EngineModel::Check() (kCorrupt if it fails)
//   7. the stored fingerprint equals the one recomputed from the decoded weights (kCorrupt)
// On error `*out` is left in an unspecified but valid state; only a model that passed every step
// is handed out.
#ifndef RIDE_RUNTIME_SRC_MODEL_MODEL_LOADER_H_
#define RIDE_RUNTIME_SRC_MODEL_MODEL_LOADER_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "runtime/src/base/status.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/engine/engine_model.h"

namespace ride::model {

// The newest schema_version this build reads and writes (revision history: the .fbs). Writers
// stamp the oldest version that holds the model (ModelSchemaVersionFor).
inline constexpr uint32_t kModelSchemaVersion = 3;

// Limits. A model beyond them is refused with kResourceExhausted before anything is allocated.
inline constexpr std::size_t kModelFileMaxBytes = std::size_t{256} << 20;
inline constexpr std::size_t kModelFileMinBytes = 8;      // root offset + file identifier
inline constexpr std::size_t kModelMaxWindowWidth = 63;   // odd, >= 1
inline constexpr std::size_t kModelMaxWindowHeight = 32;  // >= 1
inline constexpr std::size_t kModelMaxLayers = 16;
inline constexpr std::size_t kModelMaxHidden = 4096;
inline constexpr std::size_t kModelMaxComponents = 1024;
inline constexpr std::size_t kModelMaxScales = 1024;
inline constexpr std::size_t kModelMaxFeatures = 1024;
inline constexpr std::size_t kModelMaxComponentsTimesScales = 4096;
inline constexpr std::size_t kModelMaxParameters = std::size_t{64} << 20;  // floats in all arrays
// Verifier limits: a valid model nests tables 2 deep and has at most kModelMaxLayers + 4 tables;
// the slack lets a file with too many layers reach the clearer "layers" message.
inline constexpr uint32_t kModelVerifierMaxDepth = 16;
inline constexpr uint32_t kModelVerifierMaxTables = 256;

// Where a model came from; not part of the fingerprint. Absent strings are empty, absent
// bits-per-pixel figures are NaN.
struct ModelProvenance {
  std::string training_data;
  double validation_bits_per_pixel = std::numeric_limits<double>::quiet_NaN();
  double test_bits_per_pixel = std::numeric_limits<double>::quiet_NaN();
  std::string trainer_version;
  std::string created;  // ISO 8601 date
  std::string command;
  std::string notes;
};

struct LoadedModel {
  engine::EngineModel model;
  ModelProvenance provenance;
  model::ModelFingerprint fingerprint = {};  // stored in the file and verified
  std::size_t file_bytes = 0;
  // True when model's weight arrays are views of the loaded buffer (LoadModelInPlace on a
  // little-endian target), false when they are copies.
  bool weights_in_place = false;
};

// Step 1: kResourceExhausted above min(max_bytes, kModelFileMaxBytes), kTruncated below
// kModelFileMinBytes.
Status CheckModelFileSize(std::size_t size, std::size_t max_bytes = kModelFileMaxBytes);

// Loads a model from `size` bytes at `data` (any alignment; the caller keeps ownership, nothing
// points into it afterwards). `max_bytes` lowers the size cap; it cannot raise it above
// kModelFileMaxBytes.
Status LoadModelFromBuffer(const uint8_t* data, std::size_t size, LoadedModel* out,
                           std::size_t max_bytes = kModelFileMaxBytes);

// Loads as above without copying the weights: model's float arrays view the FlatBuffer's float
// vectors, which the verifier has checked are 4-byte aligned inside `data`. `data` must be 8-byte
// aligned (else kInvalidArgument) and stay alive and unchanged while the model, or a copy of it, is
// used. On a big-endian target the file's little-endian floats cannot be used as they are: the
// weights are copied (and weights_in_place is false). Every check runs as for a copy.
Status LoadModelInPlace(const uint8_t* data, std::size_t size, LoadedModel* out,
                        std::size_t max_bytes = kModelFileMaxBytes);

// The fingerprint stored in a model file, after the size, identifier, verifier and version checks
// (steps 1 to 4) but without the semantic checks or the recomputation: for telling which of several
// trusted buffers (the built-in models) is which. `data` must be 8-byte aligned.
Status ReadStoredModelFingerprint(const uint8_t* data, std::size_t size, model::ModelFingerprint* out);

// Reads the file at `path` and loads it as above. The size is checked against `max_bytes` before
// anything is read. kIoError if the file cannot be opened or read.
Status LoadModelFromFile(const char* path, LoadedModel* out,
                         std::size_t max_bytes = kModelFileMaxBytes);

}  // namespace ride::model

#endif  // RIDE_RUNTIME_SRC_MODEL_MODEL_LOADER_H_
