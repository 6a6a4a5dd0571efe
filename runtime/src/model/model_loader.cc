#include "runtime/src/model/model_loader.h"

#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "runtime/src/model/model_bytes.h"
#include "runtime/src/model/model_fingerprint.h"
#include "schema/ride_model_generated.h"

namespace ride::model {
namespace {

namespace fbs = ::ride::schema;
using FloatVector = flatbuffers::Vector<float>;

bool IsFinite(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits & 0x7F800000u) != 0x7F800000u;
}

// a * b, false on overflow.
bool CheckedMul(std::size_t a, std::size_t b, std::size_t* out) {
  if (a != 0 && b > SIZE_MAX / a) return false;
  *out = a * b;
  return true;
}

// "layer 3 " for layer 3, "" for -1; from a static table so that messages need no allocation.
const char* LayerPrefix(int layer) {
  static const char* const kLayers[kModelMaxLayers] = {
      "layer 0 ",  "layer 1 ",  "layer 2 ",  "layer 3 ", "layer 4 ",  "layer 5 ",
      "layer 6 ",  "layer 7 ",  "layer 8 ",  "layer 9 ", "layer 10 ", "layer 11 ",
      "layer 12 ", "layer 13 ", "layer 14 ", "layer 15 "};
  return layer < 0 ? "" : kLayers[layer];
}

// "head " for channel 0's head, "channel 1 head " for the next: static, like LayerPrefix.
const char* HeadPrefix(std::size_t channel) {
  static const char* const kHeads[] = {"head ", "channel 1 head ", "channel 2 head "};
  return kHeads[channel];
}

// One float array of the file and the length its dimensions require. `layer` is -1 − c for
// channel c's head.
struct ArraySpec {
  const char* field = nullptr;
  int layer = -1;
  const FloatVector* values = nullptr;
  std::size_t expected = 0;
  bool positive = false;  // every value must be > 0
};

constexpr std::size_t kMaxArrays = 2 * kModelMaxLayers + 8 * 3;

// Every array of a model, with expected lengths computed overflow-checked and summed against the
// parameter cap before any length is compared, so absurd shapes read as "too big", not "mismatch".
class ArrayPlan {
 public:
  Status Add(const char* field, int layer, const FloatVector* values, std::size_t rows,
             std::size_t cols, bool positive = false) {
    std::size_t expected = 0;
    if (!CheckedMul(rows, cols, &expected) || expected > kModelMaxParameters ||
        total_ + expected > kModelMaxParameters) {
      return Status::Error(
          StatusCode::kResourceExhausted,
          "model file: %s%s needs %zu x %zu values, more than the %zu parameters a model may have",
          Where(layer), field, rows, cols, kModelMaxParameters);
    }
    total_ += expected;
    specs_[count_++] = ArraySpec{field, layer, values, expected, positive};
    return Status::Ok();
  }

  // Lengths, then values: finite everywhere, positive where required.
  Status CheckValues() const {
    for (std::size_t a = 0; a < count_; ++a) {
      const ArraySpec& spec = specs_[a];
      const std::size_t actual = spec.values == nullptr ? 0 : spec.values->size();
      if (actual != spec.expected) {
        return Status::Error(StatusCode::kCorrupt,
                             "model file: %s%s has %zu values, its shape needs %zu",
                             Where(spec.layer), spec.field, actual, spec.expected);
      }
      for (std::size_t i = 0; i < actual; ++i) {
        const float v = spec.values->Get(static_cast<flatbuffers::uoffset_t>(i));
        if (!IsFinite(v)) {
          return Status::Error(StatusCode::kCorrupt, "model file: %s%s[%zu] is not finite (%g)",
                               Where(spec.layer), spec.field, i, static_cast<double>(v));
        }
        if (spec.positive && !(v > 0.0f)) {
          return Status::Error(StatusCode::kCorrupt, "model file: %s%s[%zu] is %g, must be > 0",
                               Where(spec.layer), spec.field, i, static_cast<double>(v));
        }
      }
    }
    return Status::Ok();
  }

 private:
  static const char* Where(int layer) {
    return layer < 0 ? HeadPrefix(static_cast<std::size_t>(-1 - layer)) : LayerPrefix(layer);
  }

  ArraySpec specs_[kMaxArrays];
  std::size_t count_ = 0;
  std::size_t total_ = 0;
};

// Out of [1, max]: zero is impossible (kCorrupt), too many is a limit (kResourceExhausted).
// `prefix` names what the count belongs to ("layer 2 ", "head ", or "").
Status CheckCount(const char* prefix, const char* what, std::size_t value, std::size_t max) {
  if (value == 0) {
    return Status::Error(StatusCode::kCorrupt, "model file: %s%s is 0, must be at least 1",
                         prefix, what);
  }
  if (value > max) {
    return Status::Error(StatusCode::kResourceExhausted,
                         "model file: %s%s %zu exceeds the limit %zu", prefix, what,
                         value, max);
  }
  return Status::Ok();
}

Status CheckWindow(const fbs::Model& m, engine::CausalWindow* window) {
  const fbs::CausalWindow& w = *m.window();  // required: the verifier saw it
  RIDE_RETURN_IF_ERROR(CheckCount("", "window width", w.width(), kModelMaxWindowWidth));
  RIDE_RETURN_IF_ERROR(CheckCount("", "window height", w.height(), kModelMaxWindowHeight));
  if (w.width() % 2 == 0) {
    return Status::Error(StatusCode::kCorrupt, "model file: window width %u is even, must be odd",
                         w.width());
  }
  window->width = w.width();
  window->height = w.height();
  if (window->Inputs() == 0) {
    return Status::Error(StatusCode::kCorrupt,
                         "model file: window %ux%u sees no pixel (needs at least one input)",
                         w.width(), w.height());
  }
  const float padding = m.padding();
  if (!IsFinite(padding) || !(padding >= 0.0f && padding <= 1.0f)) {
    return Status::Error(StatusCode::kCorrupt, "model file: padding %g outside [0, 1]",
                         static_cast<double>(padding));
  }
  return Status::Ok();
}

// Channel c's head: `inputs` values feed it, and its predictors may also see the neighbourhood's
// `neighbourhood_inputs`.
Status CheckHeadShape(const fbs::McgsmHead& h, std::size_t channel, std::size_t inputs,
                      std::size_t neighbourhood_inputs, ArrayPlan* plan) {
  const char* prefix = HeadPrefix(channel);
  const int where = -1 - static_cast<int>(channel);
  if (h.inputs() != inputs) {
    return Status::Error(StatusCode::kCorrupt, "model file: %shas %u inputs, what feeds it has %zu", prefix,
                         h.inputs(), inputs);
  }
  RIDE_RETURN_IF_ERROR(CheckCount(prefix, "components", h.components(), kModelMaxComponents));
  RIDE_RETURN_IF_ERROR(CheckCount(prefix, "scales", h.scales(), kModelMaxScales));
  RIDE_RETURN_IF_ERROR(CheckCount(prefix, "features", h.features(), kModelMaxFeatures));
  const std::size_t c = h.components(), s = h.scales(), f = h.features();
  if (c * s > kModelMaxComponentsTimesScales) {
    return Status::Error(StatusCode::kResourceExhausted,
                         "model file: %scomponents x scales = %zu x %zu exceeds the limit %zu", prefix,
                         c, s, kModelMaxComponentsTimesScales);
  }
  const std::size_t predictor_inputs = inputs + (h.predictors_see_neighbourhood() ? neighbourhood_inputs : 0);
  RIDE_RETURN_IF_ERROR(plan->Add("feature_weights", where, h.feature_weights(), inputs, f));
  RIDE_RETURN_IF_ERROR(plan->Add("feature_bias", where, h.feature_bias(), 1, f));
  RIDE_RETURN_IF_ERROR(plan->Add("feature_weights_squared", where, h.feature_weights_squared(), f, c));
  RIDE_RETURN_IF_ERROR(plan->Add("gate_bias", where, h.gate_bias(), c, s));
  // gate_scale = 1/2 e^alpha: zero cannot come from a trained model, and the engine refuses it.
  RIDE_RETURN_IF_ERROR(plan->Add("gate_scale", where, h.gate_scale(), c, s, /*positive=*/true));
  RIDE_RETURN_IF_ERROR(plan->Add("predictor_weights", where, h.predictor_weights(), predictor_inputs, c));
  RIDE_RETURN_IF_ERROR(plan->Add("predictor_bias", where, h.predictor_bias(), 1, c));
  RIDE_RETURN_IF_ERROR(plan->Add("expert_inv_std", where, h.expert_inv_std(), c, s, /*positive=*/true));
  return Status::Ok();
}

// Shapes of the layers and the heads, chained from the neighbourhood's inputs; fills `plan`.
Status CheckShapes(const fbs::Model& m, const engine::CausalWindow& window, ArrayPlan* plan) {
  const std::size_t layer_count = m.layers() == nullptr ? 0 : m.layers()->size();
  if (layer_count > kModelMaxLayers) {
    return Status::Error(StatusCode::kResourceExhausted,
                         "model file: %zu layers exceed the limit %zu", layer_count,
                         kModelMaxLayers);
  }
  if (m.channels() != 1 && m.channels() != 3) {
    return Status::Error(StatusCode::kCorrupt, "model file: channels is %u, must be 1 (gray) or 3 (RGB)",
                         m.channels());
  }
  const std::size_t channels = m.channels();
  if (channels != 1 && m.schema_version() < 2) {
    return Status::Error(StatusCode::kCorrupt, "model file: %zu channels need schema version 2, the file says %u",
                         channels, m.schema_version());
  }
  const std::size_t extra_heads = m.channel_heads() == nullptr ? 0 : m.channel_heads()->size();
  if (extra_heads != channels - 1) {
    return Status::Error(StatusCode::kCorrupt, "model file: %zu channel heads for %zu channels (needs %zu)",
                         extra_heads, channels, channels - 1);
  }
  if (channels > 1 && layer_count > 0) {
    return Status::Error(StatusCode::kUnsupported,
                         "model file: a colour model with SLSTM layers, which this version cannot run");
  }
  std::size_t z = channels * window.Inputs();
  for (std::size_t l = 0; l < layer_count; ++l) {
    const fbs::SlstmLayer* layer = m.layers()->Get(static_cast<flatbuffers::uoffset_t>(l));
    const int li = static_cast<int>(l);
    if (layer->inputs() != z) {
      return Status::Error(StatusCode::kCorrupt,
                           "model file: layer %zu has %u inputs, what feeds it has %zu", l,
                           layer->inputs(), z);
    }
    RIDE_RETURN_IF_ERROR(CheckCount(LayerPrefix(li), "hidden", layer->hidden(), kModelMaxHidden));
    if (layer->bounded() && m.schema_version() < 3) {
      return Status::Error(StatusCode::kCorrupt,
                           "model file: layer %zu has bounded cells, which need schema version 3, the file says %u", l,
                           m.schema_version());
    }
    const std::size_t hidden = layer->hidden();
    const std::size_t recurrent_inputs = z + (layer->extended() ? 4 : 2) * hidden;
    RIDE_RETURN_IF_ERROR(plan->Add("weights", li, layer->weights(), recurrent_inputs, 5 * hidden));
    RIDE_RETURN_IF_ERROR(plan->Add("bias", li, layer->bias(), 1, 5 * hidden));
    z = hidden;
  }

  for (std::size_t c = 0; c < channels; ++c) {
    const fbs::McgsmHead* h = c == 0 ? m.head() : m.channel_heads()->Get(static_cast<flatbuffers::uoffset_t>(c - 1));
    RIDE_RETURN_IF_ERROR(CheckHeadShape(*h, c, z + c, channels * window.Inputs(), plan));
  }
  return Status::Ok();
}

// The file's floats are little-endian: a view reads them as they are only where floats are too.
constexpr bool kCanViewFloats = FLATBUFFERS_LITTLEENDIAN != 0;

void SetFloats(const FloatVector* values, bool in_place, engine::FloatArray* out) {
  if (values == nullptr) {
    *out = engine::FloatArray();
  } else if (in_place && kCanViewFloats) {
    *out = engine::FloatArray::View(values->data(), values->size());
  } else {
    std::vector<float> copy(values->size());
    for (flatbuffers::uoffset_t i = 0; i < values->size(); ++i) copy[i] = values->Get(i);
    *out = std::move(copy);
  }
}

std::string CopyString(const flatbuffers::String* s) {
  return s == nullptr ? std::string() : s->str();
}

void DecodeHead(const fbs::McgsmHead& h, bool in_place, engine::McgsmHead* head) {
  head->inputs = h.inputs();
  head->components = h.components();
  head->scales = h.scales();
  head->features = h.features();
  head->predictors_see_neighbourhood = h.predictors_see_neighbourhood();
  SetFloats(h.feature_weights(), in_place, &head->feature_weights);
  SetFloats(h.feature_bias(), in_place, &head->feature_bias);
  SetFloats(h.feature_weights_squared(), in_place, &head->feature_weights_squared);
  SetFloats(h.gate_bias(), in_place, &head->gate_bias);
  SetFloats(h.gate_scale(), in_place, &head->gate_scale);
  SetFloats(h.predictor_weights(), in_place, &head->predictor_weights);
  SetFloats(h.predictor_bias(), in_place, &head->predictor_bias);
  SetFloats(h.expert_inv_std(), in_place, &head->expert_inv_std);
}

// Only after every check: the model, with copies of the arrays or views of them.
void Decode(const fbs::Model& m, const engine::CausalWindow& window, bool in_place, LoadedModel* out) {
  engine::EngineModel& model = out->model;
  model.window = window;
  model.padding = m.padding();
  model.layers.clear();
  const std::size_t layer_count = m.layers() == nullptr ? 0 : m.layers()->size();
  model.layers.resize(layer_count);
  for (std::size_t l = 0; l < layer_count; ++l) {
    const fbs::SlstmLayer& in = *m.layers()->Get(static_cast<flatbuffers::uoffset_t>(l));
    engine::SlstmLayer& layer = model.layers[l];
    layer.inputs = in.inputs();
    layer.hidden = in.hidden();
    layer.extended = in.extended();
    layer.bounded = in.bounded();
    SetFloats(in.weights(), in_place, &layer.weights);
    SetFloats(in.bias(), in_place, &layer.bias);
  }
  model.channels = m.channels();
  DecodeHead(*m.head(), in_place, &model.head);
  model.channel_heads.clear();
  model.channel_heads.resize(model.channels - 1);
  for (std::size_t c = 1; c < model.channels; ++c) {
    DecodeHead(*m.channel_heads()->Get(static_cast<flatbuffers::uoffset_t>(c - 1)), in_place, &model.channel_heads[c - 1]);
  }

  ModelProvenance& p = out->provenance;
  p = ModelProvenance();
  if (const fbs::Provenance* in = m.provenance()) {
    p.training_data = CopyString(in->training_data());
    p.validation_bits_per_pixel = in->validation_bits_per_pixel();
    p.test_bits_per_pixel = in->test_bits_per_pixel();
    p.trainer_version = CopyString(in->trainer_version());
    p.created = CopyString(in->created());
    p.command = CopyString(in->command());
    p.notes = CopyString(in->notes());
  }
  std::memcpy(out->fingerprint.data(), m.fingerprint()->data(), out->fingerprint.size());
  out->weights_in_place = in_place && kCanViewFloats;
}

// Steps 2 to 4 of the header's list on a buffer that is 8-byte aligned and within the cap.
Status VerifyAligned(const uint8_t* data, std::size_t size) {
  if (!fbs::ModelBufferHasIdentifier(data)) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "not a ride model file (file identifier is not \"%s\")",
                         fbs::ModelIdentifier());
  }
  flatbuffers::Verifier::Options options;
  options.max_depth = kModelVerifierMaxDepth;
  options.max_tables = kModelVerifierMaxTables;
  options.check_alignment = true;
  options.check_nested_flatbuffers = true;
  flatbuffers::Verifier verifier(data, size, options);
  if (!fbs::VerifyModelBuffer(verifier)) {
    return Status::Error(
        StatusCode::kCorrupt,
        "model file: FlatBuffer verification failed (offsets, sizes or required fields "
        "window/head/fingerprint are broken)");
  }
  const fbs::Model& m = *fbs::GetModel(data);
  if (m.schema_version() == 0) {
    return Status::Error(StatusCode::kCorrupt, "model file: schema_version is missing or 0");
  }
  if (m.schema_version() > kModelSchemaVersion) {
    return Status::Error(
        StatusCode::kUnsupported,
        "model schema version %u is newer than this build supports (%u); upgrade ride",
        m.schema_version(), kModelSchemaVersion);
  }
  if (m.fingerprint()->size() != model::kModelFingerprintBytes) {
    return Status::Error(StatusCode::kCorrupt, "model file: fingerprint has %u bytes, expected %zu",
                         m.fingerprint()->size(), model::kModelFingerprintBytes);
  }
  return Status::Ok();
}

// Steps 2 to 7 on a buffer that is 8-byte aligned and within the cap.
Status LoadAligned(const uint8_t* data, std::size_t size, bool in_place, LoadedModel* out) {
  RIDE_RETURN_IF_ERROR(VerifyAligned(data, size));
  const fbs::Model& m = *fbs::GetModel(data);
  engine::CausalWindow window;
  RIDE_RETURN_IF_ERROR(CheckWindow(m, &window));
  ArrayPlan plan;
  RIDE_RETURN_IF_ERROR(CheckShapes(m, window, &plan));
  RIDE_RETURN_IF_ERROR(plan.CheckValues());

  Decode(m, window, in_place, out);
  out->file_bytes = size;
  const Status engine_check = out->model.Check();
  if (!engine_check.ok()) {
    return Status::Error(StatusCode::kCorrupt, "model file: %s", engine_check.message());
  }
  const model::ModelFingerprint computed = ComputeModelFingerprint(out->model);
  if (computed != out->fingerprint) {
    char stored_hex[2 * model::kModelFingerprintBytes + 1];
    char computed_hex[2 * model::kModelFingerprintBytes + 1];
    model::FingerprintToHex(out->fingerprint, stored_hex);
    model::FingerprintToHex(computed, computed_hex);
    return Status::Error(
        StatusCode::kCorrupt,
        "model file: fingerprint mismatch (stored %s, weights give %s); the file is damaged",
        stored_hex, computed_hex);
  }
  return Status::Ok();
}

}  // namespace

Status CheckModelFileSize(std::size_t size, std::size_t max_bytes) {
  const std::size_t cap = max_bytes < kModelFileMaxBytes ? max_bytes : kModelFileMaxBytes;
  if (size > cap) {
    return Status::Error(StatusCode::kResourceExhausted,
                         "model file: %zu bytes exceed the size cap of %zu bytes", size, cap);
  }
  if (size < kModelFileMinBytes) {
    return Status::Error(StatusCode::kTruncated,
                         "model file: %zu bytes is too small (a model file has at least %zu)", size,
                         kModelFileMinBytes);
  }
  return Status::Ok();
}

namespace {

Status CheckAlignment(const uint8_t* data) {
  if (reinterpret_cast<uintptr_t>(data) % 8 != 0) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "model file: a buffer used in place must be 8-byte aligned (it is at %p)",
                         static_cast<const void*>(data));
  }
  return Status::Ok();
}

// 8-byte aligned storage: FlatBuffers reads scalars in place, and the verifier checks alignment
// relative to the buffer's start.
std::vector<uint64_t> AlignedCopy(const uint8_t* data, std::size_t size) {
  std::vector<uint64_t> storage((size + 7) / 8);
  std::memcpy(storage.data(), data, size);
  return storage;
}

}  // namespace

Status LoadModelFromBuffer(const uint8_t* data, std::size_t size, LoadedModel* out,
                           std::size_t max_bytes) {
  RIDE_RETURN_IF_ERROR(CheckModelFileSize(size, max_bytes));
  if (reinterpret_cast<uintptr_t>(data) % 8 == 0) return LoadAligned(data, size, /*in_place=*/false, out);
  const std::vector<uint64_t> storage = AlignedCopy(data, size);
  return LoadAligned(reinterpret_cast<const uint8_t*>(storage.data()), size, /*in_place=*/false, out);
}

Status LoadModelInPlace(const uint8_t* data, std::size_t size, LoadedModel* out, std::size_t max_bytes) {
  RIDE_RETURN_IF_ERROR(CheckModelFileSize(size, max_bytes));
  RIDE_RETURN_IF_ERROR(CheckAlignment(data));
  return LoadAligned(data, size, /*in_place=*/true, out);
}

Status ReadStoredModelFingerprint(const uint8_t* data, std::size_t size, model::ModelFingerprint* out) {
  RIDE_RETURN_IF_ERROR(CheckModelFileSize(size, kModelFileMaxBytes));
  RIDE_RETURN_IF_ERROR(CheckAlignment(data));
  RIDE_RETURN_IF_ERROR(VerifyAligned(data, size));
  std::memcpy(out->data(), fbs::GetModel(data)->fingerprint()->data(), out->size());
  return Status::Ok();
}

Status LoadModelFromFile(const char* path, LoadedModel* out, std::size_t max_bytes) {
  ModelBytes bytes;
  RIDE_RETURN_IF_ERROR(bytes.ReadFile(path, max_bytes));
  const Status status = LoadAligned(bytes.data(), bytes.size(), /*in_place=*/false, out);
  if (status.ok()) return status;
  return Status::Error(status.code(), "%s: %s", path, status.message());
}

}  // namespace ride::model
