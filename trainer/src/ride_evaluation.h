// Evaluating RIDE as the paper does: the log-likelihood rate in bit/px (Jacobian included) on whole
// images and on non-overlapping 64 × 64 patches, each patch an image of its own, optionally as the
// ensemble over the 8 flips and transposes: log p = logsumexp_k log p_k − log 8 per image or patch.
#ifndef RIDE_TRAINER_SRC_RIDE_EVALUATION_H_
#define RIDE_TRAINER_SRC_RIDE_EVALUATION_H_

#include <string>
#include <vector>

#include "trainer/src/evaluation.h"
#include "trainer/src/ride_model.h"

namespace ride::trainer {

struct RideEvalOptions {
  EvalOptions base;       // whole images, patch size, midpoint values, seed
  bool ensemble = false;  // the 8 flips/transposes
};

// Images run in parallel (OpenMP); results do not depend on the thread count.
EvalReport EvaluateRideImageFiles(const RideModel& model, const std::vector<std::string>& paths,
                                  const RideEvalOptions& options);

// The ensemble's ln-likelihood from its members' (of one image): logsumexp_k totals_k − log K,
// computed stably.
double EnsembleLogLikelihood(const std::vector<double>& totals);

// The image under symmetry k in 0..7 (bit 0: flip left-right, bit 1: flip top-bottom, bit 2:
// transpose, applied in that order); *width and *height become the result's.
std::vector<double> TransformImage(const std::vector<double>& values, int* width, int* height, int k);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_EVALUATION_H_
