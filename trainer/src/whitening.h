// Conditional whitening (paper eq. 7; DESIGN §2): an affine map of (x, y), fitted once from at most
// 500k (neighbourhood, pixel) pairs, after which the MCGSM sees decorrelated inputs and the part of
// the pixel that a linear predictor cannot explain, at unit variance:
//   x̃ = Wx (x − μx),               Wx = Cxx^{-1/2} (symmetric inverse square root)
//   ỹ = p_out (y − μy − r x̃),      r = Cyx Cxx^{-1/2},  p_out = (Cyy − Cyx Cxx^{-1} Cxy)^{-1/2}
// A density of ỹ becomes one of y by adding LogJacobian() = log p_out (nats).
#ifndef RIDE_TRAINER_SRC_WHITENING_H_
#define RIDE_TRAINER_SRC_WHITENING_H_

#include <Eigen/Dense>

#include <cstdint>

#include "trainer/src/distributed.h"

namespace ride::trainer {

struct Whitening {
  Eigen::VectorXd mean_x;         // μx, D
  double mean_y = 0;              // μy
  Eigen::MatrixXd whiten_x;       // Wx, D × D (symmetric)
  Eigen::RowVectorXd regression;  // r, 1 × D
  double p_out = 1;

  static constexpr int64_t kMaxFitPairs = 500000;

  // Fits from the columns of `inputs` (D × N) and `outputs` (1 × N); with N > max_pairs it uses
  // max_pairs columns evenly spread over all N. Throws std::invalid_argument on mismatched shapes,
  // fewer than D + 2 pairs, or a singular covariance.
  static Whitening Fit(const Eigen::MatrixXd& inputs, const Eigen::RowVectorXd& outputs,
                       int64_t max_pairs = kMaxFitPairs);
  // The same fit, data-parallel: every rank passes its part of the pairs (the ranks' parts one after
  // the other being the N columns), any of them empty, and gets the same whitening; the means and
  // covariances are summed over ranks in rank order. Collective. With one rank it is Fit.
  static Whitening Fit(const Eigen::MatrixXd& inputs, const Eigen::RowVectorXd& outputs, Communicator& comm,
                       int64_t max_pairs = kMaxFitPairs);

  int inputs() const { return static_cast<int>(mean_x.size()); }
  // Throws std::invalid_argument naming the field on inconsistent sizes or non-finite values.
  void Check() const;

  Eigen::MatrixXd WhitenInputs(const Eigen::MatrixXd& x) const;  // x̃, D × N
  Eigen::RowVectorXd WhitenOutputs(const Eigen::MatrixXd& x_white,
                                   const Eigen::RowVectorXd& y) const;
  Eigen::MatrixXd UnwhitenInputs(const Eigen::MatrixXd& x_white) const;
  Eigen::RowVectorXd UnwhitenOutputs(const Eigen::MatrixXd& x_white,
                                     const Eigen::RowVectorXd& y_white) const;
  // In place, for big training sets: x becomes x̃ and y becomes ỹ.
  void WhitenInPlace(Eigen::MatrixXd* x, Eigen::RowVectorXd* y) const;

  double LogJacobian() const;  // log p_out, nats per pixel
};

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_WHITENING_H_
