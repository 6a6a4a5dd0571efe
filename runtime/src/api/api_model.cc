// ride_model_*: opening, describing and closing models (ride.h, "Models").
#include <cstdint>
#include <cstring>
#include <new>

#include "ride/ride.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/api/api_structs.h"
#include "runtime/src/api/api_handles.h"
#include "runtime/src/api/api_model.h"
#include "runtime/src/model/builtin_models.h"
#include "runtime/src/model/model_loader.h"

namespace ride::api {
namespace {

static_assert(RIDE_FINGERPRINT_BYTES == model::kModelFingerprintBytes, "fingerprint size");
static_assert(RIDE_MAX_LAYERS == model::kModelMaxLayers, "layer limit");

Status NewModel(ride_model** out) {
  *out = new (std::nothrow) ride_model();
  if (*out == nullptr) return Status::Error(StatusCode::kResourceExhausted, "cannot allocate a model");
  return Status();
}

// Loads `bytes` (8-byte aligned, alive as long as the model) in place into a new model.
Status OpenInPlace(const uint8_t* data, std::size_t size, ride_model** out) {
  RIDE_RETURN_IF_ERROR(NewModel(out));
  const Status loaded = model::LoadModelInPlace(data, size, &(*out)->loaded);
  if (!loaded.ok()) {
    delete *out;
    *out = nullptr;
  }
  return loaded;
}

// Copies the bytes into the model's own aligned memory and loads them in place from there.
Status OpenCopy(const uint8_t* data, std::size_t size, ride_model** out) {
  RIDE_RETURN_IF_ERROR(NewModel(out));
  ride_model* opened = *out;
  Status status = opened->bytes.Copy(data, size, model::kModelFileMaxBytes);
  if (status.ok()) status = model::LoadModelInPlace(opened->bytes.data(), opened->bytes.size(), &opened->loaded);
  if (!status.ok()) {
    delete opened;
    *out = nullptr;
  }
  return status;
}

ride_status Finish(const char* function, const Status& status, ride_model* opened, ride_model** model) {
  *model = status.ok() ? opened : nullptr;
  return Report(function, status);
}

}  // namespace

Status OpenBuiltinModel(const model::BuiltinModel& entry, ride_model** out) {
  const Status status = OpenInPlace(entry.data, entry.size, out);
  if (!status.ok()) return Status::Error(status.code(), "built-in model %s: %s", entry.name, status.message());
  (*out)->builtin_name = entry.name;
  (*out)->weights_in_place = (*out)->loaded.weights_in_place;
  return status;
}

Status OpenBuiltinModelByFingerprint(const model::ModelFingerprint& fingerprint, ride_model** out) {
  *out = nullptr;
  const model::BuiltinModel* entry = model::FindBuiltinModelByFingerprint(fingerprint);
  if (entry == nullptr) {
    char hex[2 * model::kModelFingerprintBytes + 1];
    model::FingerprintToHex(fingerprint, hex);
    return Status::Error(StatusCode::kModelMismatch,
                         "no model built into this library has fingerprint %s: open that model and pass it", hex);
  }
  return OpenBuiltinModel(*entry, out);
}

}  // namespace ride::api

using ride::Status;
using ride::StatusCode;
using ride::api::CheckNotNull;
using ride::api::Report;

extern "C" {

ride_status ride_model_open_file(const char* path, ride_model** model) {
  constexpr const char* kFunction = "ride_model_open_file";
  if (model == nullptr) return Report(kFunction, CheckNotNull(model, "model"));
  *model = nullptr;
  if (path == nullptr) return Report(kFunction, CheckNotNull(path, "path"));
  ride_model* opened = nullptr;
  ride::Status status = ride::api::NewModel(&opened);
  if (status.ok()) status = opened->bytes.ReadFile(path, ride::model::kModelFileMaxBytes);
  if (status.ok()) {
    status = ride::model::LoadModelInPlace(opened->bytes.data(), opened->bytes.size(), &opened->loaded);
    if (!status.ok()) status = Status::Error(status.code(), "%s: %s", path, status.message());
  }
  if (!status.ok()) {
    delete opened;
    opened = nullptr;
  }
  return ride::api::Finish(kFunction, status, opened, model);
}

ride_status ride_model_open_memory(const void* data, size_t size, uint32_t flags, ride_model** model) {
  constexpr const char* kFunction = "ride_model_open_memory";
  if (model == nullptr) return Report(kFunction, CheckNotNull(model, "model"));
  *model = nullptr;
  if (data == nullptr) return Report(kFunction, CheckNotNull(data, "data"));
  if ((flags & ~RIDE_MODEL_COPY) != 0) {
    return Report(kFunction, Status::Error(StatusCode::kInvalidArgument, "unknown flags 0x%x (known: RIDE_MODEL_COPY)",
                                           static_cast<unsigned>(flags & ~RIDE_MODEL_COPY)));
  }
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  const bool aligned = reinterpret_cast<uintptr_t>(bytes) % 8 == 0;
  ride_model* opened = nullptr;
  ride::Status status;
  // In place needs 8-byte alignment; on a big-endian target the loader copies the weights anyway
  // (and says so), so the bytes need no copy of their own there.
  if ((flags & RIDE_MODEL_COPY) == 0 && aligned) {
    status = ride::api::OpenInPlace(bytes, size, &opened);
    if (status.ok()) opened->weights_in_place = opened->loaded.weights_in_place;
  } else {
    status = ride::api::OpenCopy(bytes, size, &opened);
  }
  return ride::api::Finish(kFunction, status, opened, model);
}

size_t ride_builtin_model_count(void) { return ride::model::BuiltinModelCount(); }

const char* ride_builtin_model_name(size_t index) {
  if (index >= ride::model::BuiltinModelCount()) return nullptr;
  return ride::model::GetBuiltinModel(index).name;
}

const char* ride_builtin_model_for(uint32_t channels, uint32_t effort) {
  static_assert(RIDE_FASTEST_EFFORT == ride::model::kFastestEffort &&
                RIDE_DEFAULT_EFFORT == ride::model::kDefaultEffort && RIDE_BEST_EFFORT == ride::model::kBestEffort);
  return ride::model::BuiltinModelNameFor(channels, effort);
}

ride_status ride_model_open_builtin(const char* name, ride_model** model) {
  constexpr const char* kFunction = "ride_model_open_builtin";
  if (model == nullptr) return Report(kFunction, CheckNotNull(model, "model"));
  *model = nullptr;
  if (ride::model::BuiltinModelCount() == 0) {
    return Report(kFunction, Status::Error(StatusCode::kUnsupported, "this build has no built-in model"));
  }
  const ride::model::BuiltinModel* entry = ride::model::FindBuiltinModel(name == nullptr ? "default" : name);
  if (entry == nullptr) {
    return Report(kFunction, Status::Error(StatusCode::kInvalidArgument,
                                           "no built-in model is named \"%s\" (ride_builtin_model_name lists them)",
                                           name));
  }
  ride_model* opened = nullptr;
  const Status status = ride::api::OpenBuiltinModel(*entry, &opened);
  return ride::api::Finish(kFunction, status, opened, model);
}

ride_status ride_model_open_builtin_by_fingerprint(const uint8_t* fingerprint, ride_model** model) {
  constexpr const char* kFunction = "ride_model_open_builtin_by_fingerprint";
  if (model == nullptr) return Report(kFunction, CheckNotNull(model, "model"));
  *model = nullptr;
  if (fingerprint == nullptr) return Report(kFunction, CheckNotNull(fingerprint, "fingerprint"));
  ride::model::ModelFingerprint wanted;
  std::memcpy(wanted.data(), fingerprint, wanted.size());
  ride_model* opened = nullptr;
  const Status status = ride::api::OpenBuiltinModelByFingerprint(wanted, &opened);
  return ride::api::Finish(kFunction, status, opened, model);
}

void ride_model_close(ride_model* model) { delete model; }

ride_status ride_model_describe(const ride_model* model, ride_model_info* info) {
  constexpr const char* kFunction = "ride_model_describe";
  if (model == nullptr) return Report(kFunction, CheckNotNull(model, "model"));
  const Status checked = ride::api::CheckStruct(info, "info", "ride_model_info");
  if (!checked.ok()) return Report(kFunction, checked);
  const ride::engine::EngineModel& m = model->loaded.model;
  const ride::model::ModelProvenance& p = model->loaded.provenance;
  ride::api::ResetResults(info, ride_model_info_init);
  ride_model_info& out = *info;
  out.builtin_name = model->builtin_name;
  std::memcpy(out.fingerprint, model->loaded.fingerprint.data(), RIDE_FINGERPRINT_BYTES);
  ride::model::FingerprintToHex(model->loaded.fingerprint, out.fingerprint_hex);
  out.channels = static_cast<uint32_t>(m.channels);
  out.window_width = static_cast<uint32_t>(m.window.width);
  out.window_height = static_cast<uint32_t>(m.window.height);
  out.layers = static_cast<uint32_t>(m.layers.size());
  for (std::size_t l = 0; l < m.layers.size(); ++l) {
    out.hidden[l] = static_cast<uint32_t>(m.layers[l].hidden);
    out.extended[l] = m.layers[l].extended ? 1 : 0;
    out.bounded[l] = m.layers[l].bounded ? 1 : 0;
  }
  out.components = static_cast<uint32_t>(m.head.components);
  out.scales = static_cast<uint32_t>(m.head.scales);
  out.features = static_cast<uint32_t>(m.head.features);
  out.parameters = m.ParameterCount();
  out.multiply_adds_per_pixel = m.MultiplyAddsPerPixel();
  out.file_bytes = model->loaded.file_bytes;
  out.weights_in_place = model->weights_in_place ? 1 : 0;
  out.training_data = p.training_data.c_str();
  out.trainer_version = p.trainer_version.c_str();
  out.created = p.created.c_str();
  out.command = p.command.c_str();
  out.notes = p.notes.c_str();
  out.validation_bits_per_pixel = p.validation_bits_per_pixel;
  out.test_bits_per_pixel = p.test_bits_per_pixel;
  return RIDE_OK;
}

}  // extern "C"
