// Fitting an MCGSM to whitened pairs by L-BFGS (LBFGS++), with early stopping on a validation set.
//
// The objective is the negative mean log-likelihood rate in bit/px on the [0, 1) scale,
// −(mean ln p(ỹ | z) + ln p_out) / ln 2, so values and progress read directly as −bit/px. Its value
// and gradient are computed over chunks of samples on all threads (OpenMP).
#ifndef RIDE_TRAINER_SRC_MCGSM_TRAIN_H_
#define RIDE_TRAINER_SRC_MCGSM_TRAIN_H_

#include <Eigen/Dense>

#include <functional>
#include <string>

#include "trainer/src/distributed.h"
#include "trainer/src/mcgsm.h"

namespace ride::trainer {

struct TrainProgress {
  int iteration = 0;       // L-BFGS iterations done
  int evaluations = 0;     // objective + gradient evaluations so far
  double train_bpp = 0;    // at the current point
  bool validated = false;  // whether val_bpp was computed at this iteration
  double val_bpp = 0;
  double best_val_bpp = 0;
  int best_iteration = 0;
  double elapsed_seconds = 0;
};

struct McgsmTrainOptions {
  int max_iterations = 1000;
  int validate_every = 5;  // iterations between validation evaluations
  int patience = 5;        // stop after this many validations without improvement
  int memory = 10;         // L-BFGS history size
  int threads = 0;         // 0: OpenMP's default (all cores)
  // Called after every iteration; `best` holds the parameters with the best validation rate so far
  // (the current ones without a validation set).
  std::function<void(const TrainProgress&, const McgsmParams& best)> on_iteration;
  // Asked after every iteration (after on_iteration), on the calling thread: true ends training
  // there, as early stopping does (the parameters best on validation are returned), with
  // McgsmTrainResult::cancelled set. For a caller's Ctrl-C or a deadline; may be empty. With
  // several ranks, set it on every rank or on none: any rank's true stops them all.
  std::function<bool()> should_stop;
  void Check() const;  // throws std::invalid_argument naming the field
};

struct McgsmTrainResult {
  int iterations = 0;
  double train_bpp = 0;  // at the returned parameters
  double val_bpp = 0;    // at the returned parameters (0 without a validation set)
  int best_iteration = 0;
  bool stopped_early = false;
  bool cancelled = false;  // should_stop ended it
  std::string stop_reason;
};

// Mean log-likelihood rate in bit/px: (mean ln p(y | z) + log_jacobian) / ln 2, over all threads.
double McgsmRateBitsPerPixel(const McgsmParams& params, const Eigen::MatrixXd& z,
                             const Eigen::RowVectorXd& y, double log_jacobian);
// The same over the pairs of every rank, each passing its own (data-parallel; collective).
double McgsmRateBitsPerPixel(const McgsmParams& params, const Eigen::MatrixXd& z,
                             const Eigen::RowVectorXd& y, double log_jacobian, Communicator& comm);

// Trains `params` in place on (z, y), both whitened; validation set (z_val, y_val) may be empty,
// then training runs to max_iterations or convergence. On return `params` holds the parameters
// with the best validation rate. log_jacobian is the whitening's log p_out.
McgsmTrainResult TrainMcgsm(McgsmParams* params, const Eigen::MatrixXd& z,
                            const Eigen::RowVectorXd& y, const Eigen::MatrixXd& z_val,
                            const Eigen::RowVectorXd& y_val, double log_jacobian,
                            const McgsmTrainOptions& options);
// Data-parallel training: every rank passes its part of the training and validation pairs (any
// split, parts may be empty) and the same initial parameters. Each rank sums the objective and its
// gradient over its pairs, the sums are added over ranks in rank order (distributed.h), and every
// rank takes the same L-BFGS step, so all end with the same parameters; on_iteration runs on every
// rank. With one rank it is the function above, bit for bit. Collective.
McgsmTrainResult TrainMcgsm(McgsmParams* params, const Eigen::MatrixXd& z,
                            const Eigen::RowVectorXd& y, const Eigen::MatrixXd& z_val,
                            const Eigen::RowVectorXd& y_val, double log_jacobian,
                            const McgsmTrainOptions& options, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_MCGSM_TRAIN_H_
