// Checkpoints of colour MCGSMs (docs/trainer.md, "Colour models"): one head per channel of the
// coding order, each a whitening and an MCGSM over ColourInputs(window, c) inputs
// (colour_dataset.h), trained one after another. A checkpoint with fewer than three heads is a
// run in progress, which `ride-train colour --resume` continues; only a complete one compiles.
#ifndef RIDE_TRAINER_SRC_COLOUR_CHECKPOINT_H_
#define RIDE_TRAINER_SRC_COLOUR_CHECKPOINT_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "trainer/src/checkpoint.h"
#include "trainer/src/colour_image.h"

namespace ride::trainer {

struct ColourHead {
  Whitening whitening;
  McgsmParams mcgsm;
  double validation_bits_per_pixel = 0;  // the head's rate on its channel's validation pairs
  int iterations = 0;
  std::string stop_reason;
};

struct ColourMcgsmModel {
  CausalWindow window;
  ColourTransform transform = ColourTransform::kRgb;
  int downscale = 1;  // of the training images (validation and test images are used as they are)
  std::vector<ColourHead> heads;
  TrainingInfo training;  // validation_bits_per_pixel: the mean over the heads trained
  bool complete() const { return heads.size() == 3; }
  // Throws std::invalid_argument naming the head whose parts disagree with the window.
  void Check() const;
};

nlohmann::json ColourModelToJson(const ColourMcgsmModel& model);
ColourMcgsmModel ColourModelFromJson(const nlohmann::json& json);  // throws "checkpoint: FIELD: problem"
void SaveColourCheckpoint(const ColourMcgsmModel& model, const std::string& path);
ColourMcgsmModel LoadColourCheckpoint(const std::string& path);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_COLOUR_CHECKPOINT_H_
