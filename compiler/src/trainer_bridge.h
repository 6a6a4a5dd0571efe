// From the trainer's checkpoints to the compiler's TrainedModel, and the trainer's own per-pixel
// log-likelihoods that the compiled file must reproduce.
#ifndef RIDE_COMPILER_SRC_TRAINER_BRIDGE_H_
#define RIDE_COMPILER_SRC_TRAINER_BRIDGE_H_

#include <Eigen/Dense>

#include <vector>

#include "compiler/src/fold_model.h"
#include "trainer/src/checkpoint.h"
#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/colour_image.h"
#include "trainer/src/image_io.h"
#include "trainer/src/ride_model.h"

namespace ride::compiler {

TrainedModel FromCheckpoint(const trainer::McgsmModel& checkpoint);
TrainedModel FromRideModel(const trainer::RideModel& model);
// The three heads of a complete RGB colour checkpoint; throws std::invalid_argument for an
// incomplete one or another transform (the runtime's colour models code R, G, B).
std::vector<TrainedModel> FromColourCheckpoint(const trainer::ColourMcgsmModel& model);

// ln p(v_ij | pixels before it) of every pixel of `image` as a density over y = (v + 0.5) / 256 on
// [0, 1), conditioning on (v + 0.5) / 256 with the model's padding: what the runtime computes.
Eigen::MatrixXd TrainerLogDensities(const trainer::McgsmModel& checkpoint, const trainer::GrayImage& image);
Eigen::MatrixXd TrainerLogDensities(const trainer::RideModel& model, const trainer::GrayImage& image);
// The same for every channel of a colour image: height × (3 · width), channel c of pixel (row, col)
// at (row, 3 · col + c).
Eigen::MatrixXd TrainerLogDensities(const trainer::ColourMcgsmModel& model, const trainer::ColourImage& image);

}  // namespace ride::compiler

#endif  // RIDE_COMPILER_SRC_TRAINER_BRIDGE_H_
