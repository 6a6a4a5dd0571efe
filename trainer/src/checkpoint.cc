#include "trainer/src/checkpoint.h"

#include <stdexcept>

#include "trainer/src/checkpoint_json.h"

namespace ride::trainer {

using namespace checkpoint_json;

void McgsmModel::Check() const {
  window.Check();
  whitening.Check();
  mcgsm.Check();
  if (whitening.inputs() != window.Inputs() || mcgsm.shape.inputs != window.Inputs()) {
    throw std::invalid_argument("model: window " + window.ToString() + " has " + std::to_string(window.Inputs()) +
                                " inputs, whitening " + std::to_string(whitening.inputs()) + ", mcgsm " +
                                std::to_string(mcgsm.shape.inputs));
  }
}

json McgsmModelToJson(const McgsmModel& model) {
  model.Check();
  json j = Header("mcgsm");
  j["window"] = WindowToJson(model.window);
  j["padding"] = model.padding;
  j["whitening"] = WhiteningToJson(model.whitening);
  j["mcgsm"] = McgsmToJson(model.mcgsm);
  j["training"] = TrainingToJson(model.training);
  return j;
}

McgsmModel McgsmModelFromJson(const json& j) {
  CheckHeader(j, "mcgsm");
  McgsmModel model;
  model.window = WindowFromJson(Field(j, "", "window"));
  model.padding = Number(j, "", "padding");
  const int d = model.window.Inputs();
  model.whitening = WhiteningFromJson(Field(j, "", "whitening"), d);
  model.mcgsm = McgsmFromJson(Field(j, "", "mcgsm"), d);
  if (j.contains("training")) model.training = TrainingFromJson(j["training"]);
  try {
    model.Check();
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("checkpoint: ") + e.what());
  }
  return model;
}

void SaveCheckpoint(const McgsmModel& model, const std::string& path) { WriteJsonAtomically(McgsmModelToJson(model), path); }

McgsmModel LoadCheckpoint(const std::string& path) {
  const json j = ReadJsonFile(path);
  try {
    return McgsmModelFromJson(j);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::string CheckpointModelKind(const std::string& path) {
  const json j = ReadJsonFile(path);
  if (!j.is_object() || !j.contains("model") || !j["model"].is_string()) {
    throw std::runtime_error(path + ": checkpoint: model: missing");
  }
  return j["model"].get<std::string>();
}

}  // namespace ride::trainer
