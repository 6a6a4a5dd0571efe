// The content fingerprint of a frozen model: 16 bytes that change whenever anything that affects a
// probability changes, and never otherwise. Compressed files carry it (container::RimHeader) so
// that a decoder holding another model refuses instead of emitting garbage; model files carry it so
// that a loader can tell a damaged file from a good one.
//
// fingerprint = XXH3-128 (seed 0) of the canonical bytes below, in xxHash's canonical form (the
// high 64 bits big-endian, then the low 64 bits big-endian: the digest `xxh128sum` prints).
//
// Canonical bytes, version 1 (docs/model_format.md, "Fingerprint"); every integer is a u64 and
// every float its IEEE-754 binary32 bit pattern as a u32, all little-endian:
//   "ride-fp1" (8 ASCII bytes)
//   window.width, window.height, padding (float)
//   layer count; per layer, bottom first: inputs, hidden, extended (0 or 1),
//     weights (count, then values), bias (count, then values)
//   head: inputs, components, scales, features, predictors_see_neighbourhood (0 or 1), then each
//     array as (count, values): feature_weights, feature_bias, feature_weights_squared, gate_bias,
//     gate_scale, predictor_weights, predictor_bias, expert_inv_std
// Provenance (who trained it, when, how well) is not part of it.
#ifndef RIDE_RUNTIME_SRC_MODEL_MODEL_FINGERPRINT_H_
#define RIDE_RUNTIME_SRC_MODEL_MODEL_FINGERPRINT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/src/engine/engine_model.h"

namespace ride::model {

inline constexpr std::size_t kModelFingerprintBytes = 16;
using ModelFingerprint = std::array<uint8_t, kModelFingerprintBytes>;

// Lower-case hex of a fingerprint; `out` holds 2 * kModelFingerprintBytes + 1 chars.
void FingerprintToHex(const ModelFingerprint& fingerprint, char* out);

// Hashes `model` as it is (sizes need not be consistent). Does not allocate.
ModelFingerprint ComputeModelFingerprint(const engine::EngineModel& model);

// Appends the canonical bytes of `model` to `out`: for tests and for checking a second
// implementation; ComputeModelFingerprint streams the same bytes without building them.
void AppendCanonicalModelBytes(const engine::EngineModel& model, std::vector<uint8_t>* out);

}  // namespace ride::model

#endif  // RIDE_RUNTIME_SRC_MODEL_MODEL_FINGERPRINT_H_
