// Evaluating an MCGSM model on images: log-likelihood rates in bit/px (density on the [0, 1) scale,
// whitening Jacobian included; higher is better, a codec costs about 8 − rate bit/px).
//
// Two protocols: whole images, and the paper's non-overlapping patches (64 × 64 by default, taken
// from the top-left, partial patches at the right and bottom edges dropped), each patch evaluated
// as an image of its own, with padding outside it. Values are dequantised with u ~ U[0, 1) from a
// seeded stream per image (as in training), or at the bin midpoints (v + 0.5) / 256 as the codec
// sees them.
#ifndef RIDE_TRAINER_SRC_EVALUATION_H_
#define RIDE_TRAINER_SRC_EVALUATION_H_

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

#include "trainer/src/checkpoint.h"

namespace ride::trainer {

// ln p(x_ij | x_<ij) in nats, Jacobian included, for every pixel of a width × height image of
// values on the [0, 1) scale, in raster order.
Eigen::RowVectorXd ImageLogLikelihood(const McgsmModel& model, const double* values, int width,
                                      int height);

struct RateStats {
  double mean = 0;
  double standard_error = 0;  // sample standard deviation / √count (0 for count < 2)
  int64_t count = 0;
};
RateStats MeanAndStandardError(const std::vector<double>& values);

struct EvalOptions {
  bool whole_images = true;
  int patch_size = 64;  // 0: no patch protocol
  bool midpoint = false;
  // Only pixels whose whole window lies inside the image (or patch): rows >= H - 1 and columns
  // (W - 1)/2 .. width - 1 - (W - 1)/2. This is what the authors' code evaluates (its neighbourhood
  // extraction skips border pixels); by default every pixel counts, as the codec codes them all.
  bool interior_only = false;
  uint64_t seed = 1;
  void Check() const;
};

struct EvalReport {
  int images = 0;
  RateStats whole;    // over images, each its mean bit/px
  RateStats patches;  // over patches, each its mean bit/px
};

// Reads each image (gray) and evaluates it; images run in parallel (OpenMP), results do not depend
// on the thread count.
EvalReport EvaluateImageFiles(const McgsmModel& model, const std::vector<std::string>& paths,
                              const EvalOptions& options);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_EVALUATION_H_
