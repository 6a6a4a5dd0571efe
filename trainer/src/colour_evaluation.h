// Evaluating colour models on images: log-likelihood rates per sub-pixel (each of a pixel's three
// samples counts once; density on the [0, 1) scale, whitening Jacobians included; a codec costs
// about 8 − rate bits per sub-pixel), whole images only, the images as they are (no downscaling:
// test images are lossless photographs) in the model's planes (rgb or ycocg-r).
#ifndef RIDE_TRAINER_SRC_COLOUR_EVALUATION_H_
#define RIDE_TRAINER_SRC_COLOUR_EVALUATION_H_

#include <Eigen/Dense>

#include <array>
#include <string>
#include <vector>

#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/colour_image.h"
#include "trainer/src/evaluation.h"

namespace ride::trainer {

// ln p of every sample of a width × height image given as three planes of values on the model's
// scale: height × (3 · width), sample c of pixel (row, col) at (row, 3 · col + c). Needs a
// complete model.
Eigen::MatrixXd ColourImageLogLikelihood(const ColourMcgsmModel& model, const std::array<std::vector<double>, 3>& values,
                                         int width, int height);

struct ColourEvalReport {
  int images = 0, skipped_gray = 0;
  RateStats whole;                           // over images, each its mean bit per sub-pixel
  std::array<double, 3> channel_rate = {};   // each plane's rate over every sub-pixel of the set
  double pooled_rate = 0;                    // over every sub-pixel of the set
};

// The colour images among `paths` (gray ones are counted and passed over), dequantised with
// stream i of `seed` for image i as in training, or at the bin midpoints (the codec's view).
// Images run in parallel (OpenMP); the results do not depend on the thread count.
ColourEvalReport EvaluateColourImageFiles(const ColourMcgsmModel& model, const std::vector<std::string>& paths,
                                          bool midpoint, uint64_t seed);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_COLOUR_EVALUATION_H_
