#include "tools/ride/model_choice.h"

#include "runtime/src/model/builtin_models.h"

namespace ride::cli {

Status LoadChosenModel(const std::string& path, model::LoadedModel* out) {
  if (!path.empty()) {
    const Status status = model::LoadModelFromFile(path.c_str(), out);
    if (!status.ok()) return Status::Error(status.code(), "%s: %s", path.c_str(), status.message());
    return status;
  }
  const model::BuiltinModel* builtin = model::FindBuiltinModel("default");
  if (builtin == nullptr) {
    return Status::Error(StatusCode::kUnsupported, "this build has no built-in model; pass --model FILE.ride");
  }
  const Status status = model::LoadModelFromBuffer(builtin->data, builtin->size, out);
  if (!status.ok()) return Status::Error(status.code(), "built-in model: %s", status.message());
  return status;
}

codec::CodecModel CodecModelOf(const model::LoadedModel& loaded) {
  codec::CodecModel codec_model;
  codec_model.model = &loaded.model;
  codec_model.fingerprint = loaded.fingerprint;
  return codec_model;
}

}  // namespace ride::cli
