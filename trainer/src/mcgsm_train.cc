#include "trainer/src/mcgsm_train.h"

#include <LBFGS.h>
#include <omp.h>

#include <chrono>
#include <exception>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace ride::trainer {
namespace {

constexpr double kLn2 = 0.69314718055994530942;
// Samples per parallel work item; results are combined in chunk order, so the sums do not depend
// on the number of threads.
constexpr Eigen::Index kChunk = 8192;

// Σ ln p and, if wanted, its gradient, over all samples, split over threads.
double SumLogLikelihood(const McgsmParams& params, const Eigen::MatrixXd& z,
                        const Eigen::RowVectorXd& y, Eigen::VectorXd* gradient) {
  const Eigen::Index n = z.cols();
  const Eigen::Index chunks = (n + kChunk - 1) / kChunk;
  std::vector<double> sums(chunks, 0.0);
  std::vector<Eigen::VectorXd> grads(gradient != nullptr ? chunks : 0);
#pragma omp parallel for schedule(dynamic, 1)
  for (Eigen::Index k = 0; k < chunks; ++k) {
    const Eigen::Index start = k * kChunk, len = std::min(kChunk, n - start);
    if (gradient != nullptr) {
      grads[k].setZero(params.ParameterCount());
      sums[k] = McgsmLogLikelihoodGradient(params, z.middleCols(start, len), y.segment(start, len),
                                           &grads[k], nullptr);
    } else {
      sums[k] = McgsmLogLikelihood(params, z.middleCols(start, len), y.segment(start, len)).sum();
    }
  }
  double total = 0;
  for (double s : sums) total += s;
  if (gradient != nullptr) {
    gradient->setZero(params.ParameterCount());
    for (const Eigen::VectorXd& g : grads) *gradient += g;
  }
  return total;
}

// Thrown from the iteration hook to end the optimisation early.
struct StopTraining {
  std::string reason;
  bool cancelled = false;
};

// What the caller's on_iteration threw, carried past the handler that takes the optimiser's own
// exceptions for the end of training.
struct CallbackFailure {
  std::exception_ptr error;
};

// Σ ln p over every rank's samples and, if wanted, its gradient.
double SumLogLikelihoodOverRanks(const McgsmParams& params, const Eigen::MatrixXd& z, const Eigen::RowVectorXd& y,
                                 Eigen::VectorXd* gradient, Communicator& comm) {
  const double local = SumLogLikelihood(params, z, y, gradient);
  if (gradient == nullptr) return comm.SumInRankOrder(local);
  return comm.SumInRankOrder(local, {gradient});
}

// LBFGS++ calls its line search exactly once per iteration; wrapping it gives the per-iteration
// hook (validation, progress, early stopping) that LBFGSSolver itself does not offer.
template <typename Scalar>
class LineSearchWithHook {
 public:
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  template <typename Objective>
  static void LineSearch(Objective& f, Scalar& fx, Vector& x, Vector& grad, Scalar& step,
                         const Vector& drt, const Vector& xp,
                         const LBFGSpp::LBFGSParam<Scalar>& param) {
    LBFGSpp::LineSearchNocedalWright<Scalar>::LineSearch(f, fx, x, grad, step, drt, xp, param);
    f.IterationDone(x, fx);
  }
};

class Objective {
 public:
  Objective(McgsmParams* params, const Eigen::MatrixXd& z, const Eigen::RowVectorXd& y,
            const Eigen::MatrixXd& z_val, const Eigen::RowVectorXd& y_val, double log_jacobian,
            const McgsmTrainOptions& options, Communicator& comm)
      : params_(params),
        z_(z),
        y_(y),
        z_val_(z_val),
        y_val_(y_val),
        log_jacobian_(log_jacobian),
        options_(options),
        comm_(comm),
        samples_(comm.SumInRankOrder(static_cast<double>(y.size()))),
        validation_samples_(comm.SumInRankOrder(static_cast<double>(y_val.size()))),
        start_(std::chrono::steady_clock::now()) {
    best_ = *params;
  }

  // −bit/px and its gradient.
  double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& grad) {
    params_->Unpack(x);
    ++progress_.evaluations;
    const double n = samples_;
    const double sum = SumLogLikelihoodOverRanks(*params_, z_, y_, &grad, comm_);
    grad *= -1.0 / (n * kLn2);
    const double value = -(sum / n + log_jacobian_) / kLn2;
    // A non-finite value makes the line search shrink its step instead of failing.
    if (!std::isfinite(value) || !grad.allFinite()) {
      grad.setZero();
      return std::numeric_limits<double>::max();
    }
    return value;
  }

  void IterationDone(const Eigen::VectorXd& x, double fx) {
    params_->Unpack(x);
    last_ = x;
    ++progress_.iteration;
    progress_.train_bpp = -fx;
    progress_.validated = false;
    const bool last_iteration = progress_.iteration >= options_.max_iterations;
    if (HasValidation() && (progress_.iteration % options_.validate_every == 0 || last_iteration))
      Validate();
    if (!HasValidation()) best_ = *params_;
    progress_.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (options_.on_iteration) {
      try {
        options_.on_iteration(progress_, best_);
      } catch (...) {
        throw CallbackFailure{std::current_exception()};
      }
    }
    // Every rank asks, and any rank's yes stops them all, so that they keep taking the same steps.
    if (options_.should_stop && AnyRank(options_.should_stop(), comm_)) {
      throw StopTraining{"stopped by the caller", true};
    }
    if (HasValidation() && stale_validations_ >= options_.patience) {
      throw StopTraining{"validation rate did not improve for " +
                         std::to_string(options_.patience) + " checks"};
    }
  }

  bool HasValidation() const { return validation_samples_ > 0; }

  void Validate() {
    progress_.validated = true;
    progress_.val_bpp = McgsmRateBitsPerPixel(*params_, z_val_, y_val_, log_jacobian_, comm_);
    if (!have_best_ || progress_.val_bpp > progress_.best_val_bpp) {
      have_best_ = true;
      progress_.best_val_bpp = progress_.val_bpp;
      progress_.best_iteration = progress_.iteration;
      best_ = *params_;
      stale_validations_ = 0;
    } else {
      ++stale_validations_;
    }
  }

  // After the solver returns: validates the last accepted point (not a line search's trial point).
  void ValidateLastIterate() {
    if (last_.size() == 0) return;
    params_->Unpack(last_);
    Validate();
  }

  const McgsmParams& best() const { return best_; }
  const TrainProgress& progress() const { return progress_; }
  bool have_best() const { return have_best_; }

 private:
  McgsmParams* params_;
  const Eigen::MatrixXd& z_;
  const Eigen::RowVectorXd& y_;
  const Eigen::MatrixXd& z_val_;
  const Eigen::RowVectorXd& y_val_;
  double log_jacobian_;
  const McgsmTrainOptions& options_;
  Communicator& comm_;
  double samples_, validation_samples_;  // over all ranks
  std::chrono::steady_clock::time_point start_;
  TrainProgress progress_;
  McgsmParams best_;
  bool have_best_ = false;
  int stale_validations_ = 0;
  Eigen::VectorXd last_;
};

}  // namespace

void McgsmTrainOptions::Check() const {
  if (max_iterations < 1) throw std::invalid_argument("max_iterations must be >= 1");
  if (validate_every < 1) throw std::invalid_argument("validate_every must be >= 1");
  if (patience < 1) throw std::invalid_argument("patience must be >= 1");
  if (memory < 1) throw std::invalid_argument("memory must be >= 1");
  if (threads < 0) throw std::invalid_argument("threads must be >= 0");
}

double McgsmRateBitsPerPixel(const McgsmParams& params, const Eigen::MatrixXd& z,
                             const Eigen::RowVectorXd& y, double log_jacobian) {
  LocalCommunicator alone;
  return McgsmRateBitsPerPixel(params, z, y, log_jacobian, alone);
}

double McgsmRateBitsPerPixel(const McgsmParams& params, const Eigen::MatrixXd& z,
                             const Eigen::RowVectorXd& y, double log_jacobian, Communicator& comm) {
  const double n = comm.SumInRankOrder(static_cast<double>(y.size()));
  if (n == 0) throw std::invalid_argument("rate: no samples");
  return (SumLogLikelihoodOverRanks(params, z, y, nullptr, comm) / n + log_jacobian) / kLn2;
}

McgsmTrainResult TrainMcgsm(McgsmParams* params, const Eigen::MatrixXd& z,
                            const Eigen::RowVectorXd& y, const Eigen::MatrixXd& z_val,
                            const Eigen::RowVectorXd& y_val, double log_jacobian,
                            const McgsmTrainOptions& options) {
  LocalCommunicator alone;
  return TrainMcgsm(params, z, y, z_val, y_val, log_jacobian, options, alone);
}

McgsmTrainResult TrainMcgsm(McgsmParams* params, const Eigen::MatrixXd& z,
                            const Eigen::RowVectorXd& y, const Eigen::MatrixXd& z_val,
                            const Eigen::RowVectorXd& y_val, double log_jacobian,
                            const McgsmTrainOptions& options, Communicator& comm) {
  options.Check();
  params->Check();
  // A rank may hold no pairs, but not all of them.
  const double samples = comm.SumInRankOrder(static_cast<double>(z.cols()));
  if ((z.cols() > 0 && z.rows() != params->shape.inputs) || z.cols() != y.size() || samples == 0) {
    throw std::invalid_argument("train: inputs are " + std::to_string(z.rows()) + "x" +
                                std::to_string(z.cols()) + " and outputs " +
                                std::to_string(y.size()) + " for a model of " +
                                std::to_string(params->shape.inputs) + " inputs");
  }
  if (y_val.size() > 0 && (z_val.rows() != params->shape.inputs || z_val.cols() != y_val.size())) {
    throw std::invalid_argument("train: validation inputs and outputs disagree with the model");
  }
  const int saved_threads = omp_get_max_threads();
  if (options.threads > 0) omp_set_num_threads(options.threads);

  LBFGSpp::LBFGSParam<double> lbfgs;
  lbfgs.m = options.memory;
  lbfgs.max_iterations = options.max_iterations;
  lbfgs.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
  lbfgs.epsilon = 1e-7;
  lbfgs.epsilon_rel = 0;
  lbfgs.past = 0;
  lbfgs.max_linesearch = 30;
  LBFGSpp::LBFGSSolver<double, LineSearchWithHook> solver(lbfgs);

  Objective objective(params, z, y, z_val, y_val, log_jacobian, options, comm);
  Eigen::VectorXd x = params->Pack();
  double fx = 0;
  McgsmTrainResult result;
  try {
    solver.minimize(objective, x, fx);
    result.stop_reason =
        objective.progress().iteration >= options.max_iterations ? "max iterations" : "converged";
  } catch (const StopTraining& stop) {
    result.stopped_early = true;
    result.cancelled = stop.cancelled;
    result.stop_reason = stop.reason;
  } catch (const CallbackFailure& failure) {
    std::rethrow_exception(failure.error);
  } catch (const CommunicationError&) {
    throw;  // a lost rank ends the job, not just the optimisation
  } catch (const std::exception& e) {
    // The line search gave up (typically at numerical convergence): keep what was found.
    result.stop_reason = std::string("optimiser stopped: ") + e.what();
  }
  if (objective.HasValidation() && !objective.progress().validated) objective.ValidateLastIterate();
  *params = objective.best();
  if (objective.HasValidation()) {
    result.val_bpp = objective.have_best()
                         ? objective.progress().best_val_bpp
                         : McgsmRateBitsPerPixel(*params, z_val, y_val, log_jacobian, comm);
  }
  result.iterations = objective.progress().iteration;
  result.best_iteration = objective.progress().best_iteration;
  result.train_bpp = McgsmRateBitsPerPixel(*params, z, y, log_jacobian, comm);
  ExpectSameOnAllRanks(params->Pack(), "the MCGSM's parameters after L-BFGS", comm);
  omp_set_num_threads(saved_threads);
  return result;
}

}  // namespace ride::trainer
