// libFuzzer target: loads arbitrary bytes as a frozen model file (*.ride) and checks that the
// loader stays inside its contract: every refusal is a status of a documented kind with a message,
// and an accepted model passes EngineModel::Check(), stays within the limits and carries the
// fingerprint of its own weights.
//
// A mutated file almost never keeps a matching fingerprint, which would hide the accepting path
// from the fuzzer: when only the fingerprint is wrong, a copy with the fingerprint rewritten is
// loaded too, and if accepted must give the same model. Every input is also loaded in place (from
// an aligned copy), which must give the same status and message.
//
// Build, seed and run (docs/model_format.md, docs/fuzzing.md):
//   cmake --preset host-fuzz && cmake --build build/host-fuzz --target model_loader_fuzz
//   model_loader_fuzz_seeds mkdir -p build/fuzz-corpus/model_loader
//   build/host-fuzz/tests/fuzz/model_loader_fuzz_seeds build/fuzz-corpus/model_loader
//   build/host-fuzz/tests/fuzz/model_loader_fuzz build/fuzz-corpus/model_loader -max_total_time=60
//   -rss_limit_mb=2048
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "runtime/src/model/model_fingerprint.h"
#include "runtime/src/model/model_loader.h"
#include "schema/ride_model_generated.h"

namespace {

using namespace ride::model;
using ride::Status;
using ride::StatusCode;

std::size_t ParameterCount(const ride::engine::EngineModel& m) {
  std::size_t n = 0;
  for (const auto& layer : m.layers) n += layer.weights.size() + layer.bias.size();
  const auto& h = m.head;
  n += h.feature_weights.size() + h.feature_bias.size() + h.feature_weights_squared.size() +
       h.gate_bias.size() + h.gate_scale.size() + h.predictor_weights.size() +
       h.predictor_bias.size() + h.expert_inv_std.size();
  return n;
}

void CheckAccepted(const LoadedModel& loaded, std::size_t size) {
  const ride::engine::EngineModel& m = loaded.model;
  if (!m.Check().ok()) std::abort();
  if (loaded.fingerprint != ComputeModelFingerprint(m)) std::abort();
  if (loaded.file_bytes != size) std::abort();
  if (m.window.width > kModelMaxWindowWidth || m.window.height > kModelMaxWindowHeight ||
      m.layers.size() > kModelMaxLayers || m.head.components > kModelMaxComponents ||
      m.head.scales > kModelMaxScales || m.head.features > kModelMaxFeatures ||
      ParameterCount(m) > kModelMaxParameters) {
    std::abort();
  }
  for (const auto& layer : m.layers) {
    if (layer.hidden > kModelMaxHidden) std::abort();
  }
}

bool IsRefusal(StatusCode code) {
  return code == StatusCode::kTruncated || code == StatusCode::kInvalidArgument ||
         code == StatusCode::kCorrupt || code == StatusCode::kUnsupported ||
         code == StatusCode::kResourceExhausted;
}

bool SameFloats(const ride::engine::FloatArray& a, const ride::engine::FloatArray& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

bool SameHead(const ride::engine::McgsmHead& a, const ride::engine::McgsmHead& b) {
  return a.inputs == b.inputs && a.components == b.components && a.scales == b.scales &&
         a.features == b.features &&
         a.predictors_see_neighbourhood == b.predictors_see_neighbourhood &&
         SameFloats(a.feature_weights, b.feature_weights) &&
         SameFloats(a.feature_bias, b.feature_bias) &&
         SameFloats(a.feature_weights_squared, b.feature_weights_squared) &&
         SameFloats(a.gate_bias, b.gate_bias) && SameFloats(a.gate_scale, b.gate_scale) &&
         SameFloats(a.predictor_weights, b.predictor_weights) &&
         SameFloats(a.predictor_bias, b.predictor_bias) &&
         SameFloats(a.expert_inv_std, b.expert_inv_std);
}

// Rewrites the stored fingerprint of a verified buffer to `fingerprint` and loads it again.
void ReloadWithFingerprint(const uint8_t* data, std::size_t size, const LoadedModel& first) {
  std::vector<uint8_t> copy(data, data + size);
  const ride::schema::Model* model = ride::schema::GetModel(copy.data());
  const std::size_t at = static_cast<std::size_t>(model->fingerprint()->Data() - copy.data());
  const ride::model::ModelFingerprint fingerprint = ComputeModelFingerprint(first.model);
  std::memcpy(copy.data() + at, fingerprint.data(), fingerprint.size());
  LoadedModel second;
  const Status status = LoadModelFromBuffer(copy.data(), copy.size(), &second);
  // FlatBuffers lets fields share bytes, so in a mutated file the rewrite may change another field;
  // then a refusal is fine. Otherwise it is accepted and nothing else changed.
  if (!status.ok()) {
    if (!IsRefusal(status.code()) || status.message()[0] == '\0') std::abort();
    return;
  }
  CheckAccepted(second, size);
  if (second.model.layers.size() != first.model.layers.size() ||
      !SameHead(second.model.head, first.model.head)) {
    std::abort();
  }
  for (std::size_t l = 0; l < first.model.layers.size(); ++l) {
    if (!SameFloats(second.model.layers[l].weights, first.model.layers[l].weights) ||
        !SameFloats(second.model.layers[l].bias, first.model.layers[l].bias)) {
      std::abort();
    }
  }
}

// Loading in place runs every check a copying load runs: the same bytes give the same status.
void CheckInPlaceAgrees(const uint8_t* data, std::size_t size, const Status& copied) {
  std::vector<uint64_t> aligned(size / 8 + 1);
  if (size > 0) std::memcpy(aligned.data(), data, size);
  LoadedModel in_place;
  const Status viewed = LoadModelInPlace(reinterpret_cast<const uint8_t*>(aligned.data()), size, &in_place);
  if (viewed.code() != copied.code() || std::strcmp(viewed.message(), copied.message()) != 0) std::abort();
  if (viewed.ok()) CheckAccepted(in_place, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  LoadedModel loaded;
  const Status status = LoadModelFromBuffer(data, size, &loaded);
  CheckInPlaceAgrees(data, size, status);
  if (status.ok()) {
    CheckAccepted(loaded, size);
    return 0;
  }
  if (!IsRefusal(status.code()) || status.message()[0] == '\0') std::abort();
  // Only a fingerprint mismatch leaves a fully decoded model behind; everything before it passed.
  if (std::strstr(status.message(), "fingerprint mismatch") != nullptr) {
    ReloadWithFingerprint(data, size, loaded);
  }
  return 0;
}
