#include "trainer/src/colour_checkpoint.h"

#include <stdexcept>

#include "trainer/src/checkpoint_json.h"
#include "trainer/src/colour_dataset.h"

namespace ride::trainer {

using namespace checkpoint_json;

void ColourMcgsmModel::Check() const {
  window.Check();
  if (heads.size() > static_cast<size_t>(kColourChannels)) {
    throw std::invalid_argument("model: " + std::to_string(heads.size()) + " heads, at most 3");
  }
  if (downscale < 1) throw std::invalid_argument("model: downscale " + std::to_string(downscale));
  for (size_t c = 0; c < heads.size(); ++c) {
    const int inputs = ColourInputs(window, static_cast<int>(c));
    heads[c].whitening.Check();
    heads[c].mcgsm.Check();
    if (heads[c].whitening.inputs() != inputs || heads[c].mcgsm.shape.inputs != inputs) {
      throw std::invalid_argument("model: head " + std::to_string(c) + " of window " + window.ToString() + " has " +
                                  std::to_string(inputs) + " inputs, whitening " +
                                  std::to_string(heads[c].whitening.inputs()) + ", mcgsm " +
                                  std::to_string(heads[c].mcgsm.shape.inputs));
    }
  }
}

json ColourModelToJson(const ColourMcgsmModel& model) {
  model.Check();
  json j = Header("colour-mcgsm");
  j["window"] = WindowToJson(model.window);
  j["transform"] = ColourTransformName(model.transform);
  j["downscale"] = model.downscale;
  j["heads"] = json::array();
  for (const ColourHead& head : model.heads) {
    j["heads"].push_back({{"whitening", WhiteningToJson(head.whitening)},
                          {"mcgsm", McgsmToJson(head.mcgsm)},
                          {"validation_bits_per_pixel", head.validation_bits_per_pixel},
                          {"iterations", head.iterations},
                          {"stop_reason", head.stop_reason}});
  }
  j["training"] = TrainingToJson(model.training);
  return j;
}

ColourMcgsmModel ColourModelFromJson(const json& j) {
  CheckHeader(j, "colour-mcgsm");
  ColourMcgsmModel model;
  model.window = WindowFromJson(Field(j, "", "window"));
  const json& transform = Field(j, "", "transform");
  if (!transform.is_string()) Bad("transform", "not a string");
  try {
    model.transform = ParseColourTransform(transform.get<std::string>());
  } catch (const std::invalid_argument& e) {
    Bad("transform", e.what());
  }
  model.downscale = Int(j, "", "downscale", 1);
  const json& heads = Field(j, "", "heads");
  if (!heads.is_array() || heads.size() > 3) Bad("heads", "not an array of at most 3 heads");
  for (size_t c = 0; c < heads.size(); ++c) {
    const std::string name = "heads[" + std::to_string(c) + "]";
    const int inputs = ColourInputs(model.window, static_cast<int>(c));
    ColourHead head;
    head.whitening = WhiteningFromJson(Field(heads[c], name, "whitening"), inputs);
    head.mcgsm = McgsmFromJson(Field(heads[c], name, "mcgsm"), inputs);
    head.validation_bits_per_pixel = Number(heads[c], name, "validation_bits_per_pixel");
    head.iterations = Int(heads[c], name, "iterations", 0);
    if (heads[c].contains("stop_reason") && heads[c]["stop_reason"].is_string()) {
      head.stop_reason = heads[c]["stop_reason"].get<std::string>();
    }
    model.heads.push_back(std::move(head));
  }
  if (j.contains("training")) model.training = TrainingFromJson(j["training"]);
  try {
    model.Check();
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("checkpoint: ") + e.what());
  }
  return model;
}

void SaveColourCheckpoint(const ColourMcgsmModel& model, const std::string& path) {
  WriteJsonAtomically(ColourModelToJson(model), path);
}

ColourMcgsmModel LoadColourCheckpoint(const std::string& path) {
  const json j = ReadJsonFile(path);
  try {
    return ColourModelFromJson(j);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace ride::trainer
