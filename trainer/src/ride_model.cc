#include "trainer/src/ride_model.h"

#include <stdexcept>
#include <string>

namespace ride::trainer {

void RideModel::Check() const {
  window.Check();
  whitening.Check();
  mcgsm.Check();
  if (whitening.inputs() != window.Inputs()) {
    throw std::invalid_argument("RIDE model: whitening has " + std::to_string(whitening.inputs()) +
                                " inputs, the window " + std::to_string(window.Inputs()));
  }
  if (slstm.layers().empty() || slstm.inputs() != window.Inputs()) {
    throw std::invalid_argument("RIDE model: the spatial LSTM must read the window's " +
                                std::to_string(window.Inputs()) + " inputs");
  }
  if (mcgsm.shape.inputs != slstm.outputs()) {
    throw std::invalid_argument("RIDE model: the MCGSM reads " + std::to_string(mcgsm.shape.inputs) +
                                " inputs, the top layer has " + std::to_string(slstm.outputs()) + " units");
  }
}

Eigen::MatrixXd RideImageLogLikelihoods(const RideModel& model, const std::vector<const double*>& values, int width,
                                        int height, bool interior) {
  const int d = model.window.Inputs(), n = static_cast<int>(values.size());
  // The grid's pixel (i, j) is the image's (i + top, j + left).
  const int top = interior ? model.window.height - 1 : 0;
  const int left = interior ? (model.window.width - 1) / 2 : 0;
  const int rows = height - top, cols = width - 2 * left;
  if (rows < 1 || cols < 1) {
    throw std::invalid_argument("a " + std::to_string(width) + "x" + std::to_string(height) +
                                " image has no pixel with its whole window " + model.window.ToString() + " inside");
  }
  PatchGrid inputs;
  inputs.rows = rows;
  inputs.cols = cols;
  inputs.at.assign(static_cast<std::size_t>(rows) * cols, Eigen::MatrixXd(d, n));
  std::vector<Eigen::RowVectorXd> outputs(inputs.at.size(), Eigen::RowVectorXd(n));
  for (int k = 0; k < n; ++k)
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) {
        const int p = i * cols + j;
        ExtractNeighborhood(values[k], width, height, model.window, model.padding, i + top, j + left,
                            inputs.at[p].col(k).data());
        outputs[p](k) = values[k][static_cast<std::size_t>(i + top) * width + j + left];
      }
  for (std::size_t p = 0; p < inputs.at.size(); ++p) model.whitening.WhitenInPlace(&inputs.at[p], &outputs[p]);
  const PatchGrid hidden = model.slstm.Forward(inputs, nullptr);
  Eigen::MatrixXd out(n, static_cast<Eigen::Index>(inputs.at.size()));  // image × grid pixel
  const double log_jacobian = model.whitening.LogJacobian();
  for (std::size_t p = 0; p < inputs.at.size(); ++p) {
    out.col(static_cast<Eigen::Index>(p)) =
        (McgsmLogLikelihood(model.mcgsm, hidden.at[p], outputs[p]).array() + log_jacobian).transpose();
  }
  return out;
}

}  // namespace ride::trainer
