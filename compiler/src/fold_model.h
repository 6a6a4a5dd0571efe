// Folding a trained model into the runtime's form (docs/model_format.md, "Whitening folded in").
//
// The trainer works on conditionally whitened data: x̃ = Wx (n − μx) for the neighbourhood n and
// ỹ = p (y − μy − r·x̃) for the pixel (DESIGN §2, eq. 7). Every map involved is affine, so the
// compiler multiplies it into the weights that touch it:
//   - the first SLSTM layer's input weights become W_in·Wx and its bias gains −W_in·Wx·μx (an
//     MCGSM-only model does the same to its feature and predictor weights);
//   - the expert means become μy + r·x̃ + a_cᵀz / p, i.e. predictor weights a_c / p on z plus the
//     shared row Wxᵀr on n and bias μy − rᵀWx·μx; the expert precisions gain the factor p.
// The gates only see features of z, which whitening does not touch beyond the first layer.
#ifndef RIDE_COMPILER_SRC_FOLD_MODEL_H_
#define RIDE_COMPILER_SRC_FOLD_MODEL_H_

#include <Eigen/Dense>

#include <vector>

#include "runtime/src/engine/engine_model.h"

namespace ride::compiler {

// The trainer's parameterisation, independent of the trainer's classes.
struct TrainedLayer {
  int inputs = 0, hidden = 0;
  bool extended = false;
  bool bounded = false;     // i, f_left, f_top divided by max(1, their sum)
  Eigen::MatrixXd weights;  // 5·hidden × (inputs + 2 or 4 hidden), gate rows [g, i, o, f_left, f_top]
  Eigen::VectorXd bias;     // 5·hidden
};

struct TrainedModel {
  int window_width = 0, window_height = 0;
  double padding = 0.5;
  // Whitening.
  Eigen::VectorXd mean_x;    // N
  double mean_y = 0;
  Eigen::MatrixXd whiten_x;  // N × N
  Eigen::VectorXd regression;  // N: r
  double p_out = 1;
  std::vector<TrainedLayer> layers;
  // Factorized MCGSM on z (x̃ without layers, else the top layer's h), D = size of z.
  Eigen::MatrixXd eta, alpha;  // C × S
  Eigen::MatrixXd beta;        // C × F
  Eigen::MatrixXd features;    // D × F (column n = b_n)
  Eigen::MatrixXd predictors;  // D × C (column c = a_c)
};

// Throws std::invalid_argument naming the first inconsistent shape.
engine::EngineModel FoldModel(const TrainedModel& trained);
// A colour model (docs/model_format.md, "Colour models") from its three heads, channel order: head c
// is an MCGSM-only model whose whitening is over 3N + c inputs (the window in every channel, then
// the pixel's channels before c), folded as FoldModel folds one. Same window and padding in all.
engine::EngineModel FoldColourModel(const std::vector<TrainedModel>& heads);

}  // namespace ride::compiler

#endif  // RIDE_COMPILER_SRC_FOLD_MODEL_H_
