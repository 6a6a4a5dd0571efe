#include "trainer/src/ride_checkpoint.h"

#include <stdexcept>
#include <vector>

#include "trainer/src/checkpoint_json.h"

namespace ride::trainer {

using namespace checkpoint_json;

namespace {

std::vector<double> Vector(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

Eigen::VectorXd VectorFromJson(const json& object, const std::string& parent, const char* name) {
  const json& v = Field(object, parent, name);
  if (!v.is_array()) Bad(parent + "." + name, "is not an array");
  return Matrix(object, parent, name, static_cast<int>(v.size()), 1);
}

}  // namespace

json RideModelToJson(const RideModel& model, const RideTrainState* state) {
  model.Check();
  json j = Header("ride");
  j["window"] = WindowToJson(model.window);
  j["padding"] = model.padding;
  j["whitening"] = WhiteningToJson(model.whitening);
  json layers = json::array();
  for (const SlstmLayerParams& layer : model.slstm.layers()) {
    layers.push_back({{"inputs", layer.inputs},
                      {"hidden", layer.hidden},
                      {"extended", layer.extended},
                      {"bounded", layer.bounded},
                      {"weights", RowMajor(layer.weights)},
                      {"bias", Vector(layer.bias)}});
  }
  j["slstm"] = {{"layers", layers}};
  j["mcgsm"] = McgsmToJson(model.mcgsm);
  j["training"] = TrainingToJson(model.training);
  if (state != nullptr) {
    j["train_state"] = {{"stages_done", state->stages_done},
                        {"best_validation_bpp", state->best_validation_bpp},
                        {"best_stage", state->best_stage},
                        {"stopped", state->stopped},
                        {"train_bpp", state->train_bpp},
                        {"validation_bpp", state->validation_bpp},
                        {"slstm_velocity", Vector(state->slstm_velocity)},
                        {"mcgsm_velocity", Vector(state->mcgsm_velocity)}};
    if (!state->settings.is_null()) j["train_state"]["settings"] = state->settings;
  }
  return j;
}

RideModel RideModelFromJson(const json& j, RideTrainState* state) {
  CheckHeader(j, "ride");
  RideModel model;
  model.window = WindowFromJson(Field(j, "", "window"));
  model.padding = Number(j, "", "padding");
  const int d = model.window.Inputs();
  model.whitening = WhiteningFromJson(Field(j, "", "whitening"), d);

  const json& layers = Field(Field(j, "", "slstm"), "slstm", "layers");
  if (!layers.is_array() || layers.empty() || layers.size() > 64) Bad("slstm.layers", "must hold 1 to 64 layers");
  std::vector<int> hidden;
  bool extended = false, bounded = false;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const std::string name = "slstm.layers[" + std::to_string(l) + "]";
    hidden.push_back(Int(layers[l], name, "hidden", 1));
    const json& e = Field(layers[l], name, "extended");
    if (!e.is_boolean()) Bad(name + ".extended", "is not true or false");
    if (l > 0 && e.get<bool>() != extended) Bad(name + ".extended", "differs between layers");
    extended = e.get<bool>();
    // Absent in checkpoints written before bounded cells existed: those cells are unbounded.
    bool b = false;
    if (layers[l].contains("bounded")) {
      const json& v = layers[l]["bounded"];
      if (!v.is_boolean()) Bad(name + ".bounded", "is not true or false");
      b = v.get<bool>();
    }
    if (l > 0 && b != bounded) Bad(name + ".bounded", "differs between layers");
    bounded = b;
  }
  model.slstm = SpatialLstm(d, hidden, extended, bounded, 0);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const std::string name = "slstm.layers[" + std::to_string(l) + "]";
    SlstmLayerParams& layer = model.slstm.layers()[l];
    if (Int(layers[l], name, "inputs", 1) != layer.inputs) {
      Bad(name + ".inputs", "is not " + std::to_string(layer.inputs));
    }
    layer.weights = Matrix(layers[l], name, "weights", 5 * layer.hidden, layer.RecurrentInputs());
    layer.bias = Matrix(layers[l], name, "bias", 5 * layer.hidden, 1);
  }
  model.mcgsm = McgsmFromJson(Field(j, "", "mcgsm"), hidden.back());
  if (j.contains("training")) model.training = TrainingFromJson(j["training"]);
  if (state != nullptr) {
    *state = RideTrainState();
    if (j.contains("train_state")) {
      const json& s = j["train_state"];
      state->stages_done = Int(s, "train_state", "stages_done", 0);
      state->best_validation_bpp = Number(s, "train_state", "best_validation_bpp");
      state->best_stage = Int(s, "train_state", "best_stage", -1);
      state->stopped = Field(s, "train_state", "stopped").get<bool>();
      state->train_bpp = Field(s, "train_state", "train_bpp").get<std::vector<double>>();
      state->validation_bpp = Field(s, "train_state", "validation_bpp").get<std::vector<double>>();
      state->slstm_velocity = VectorFromJson(s, "train_state", "slstm_velocity");
      state->mcgsm_velocity = VectorFromJson(s, "train_state", "mcgsm_velocity");
      if (s.contains("settings")) {
        if (!s["settings"].is_object()) Bad("train_state.settings", "is not an object");
        state->settings = s["settings"];
      }
    }
  }
  try {
    model.Check();
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("checkpoint: ") + e.what());
  }
  return model;
}

void SaveRideCheckpoint(const RideModel& model, const RideTrainState* state, const std::string& path) {
  WriteJsonAtomically(RideModelToJson(model, state), path);
}

RideModel LoadRideCheckpoint(const std::string& path, RideTrainState* state) {
  return ParseRideCheckpoint(ReadCheckpointText(path), path, state);
}

std::string ReadCheckpointText(const std::string& path) { return ReadTextFile(path); }

RideModel ParseRideCheckpoint(const std::string& text, const std::string& name, RideTrainState* state) {
  const json j = ParseJson(text, name);
  try {
    return RideModelFromJson(j, state);
  } catch (const std::exception& e) {
    throw std::runtime_error(name + ": " + e.what());
  }
}

}  // namespace ride::trainer
