// The factorized mixture of conditional Gaussian scale mixtures (MCGSM; DESIGN §2), one output.
//
// For an input z ∈ R^D (whitened, so no biases) with features f_n = b_nᵀ z, n = 1..F:
//   gate   p(c, s | z) = softmax over all (c, s) of  η_cs − ½ e^{α_cs} Σ_n β_cn² f_n²
//   expert p(y | z, c, s) = N(y; a_cᵀ z, e^{−α_cs})
//   p(y | z) = Σ_cs p(c, s | z) p(y | z, c, s)
// One sample per column (D × N inputs, 1 × N outputs); log densities are in nats.
#ifndef RIDE_TRAINER_SRC_MCGSM_H_
#define RIDE_TRAINER_SRC_MCGSM_H_

#include <Eigen/Dense>

#include <cstdint>
#include <random>

namespace ride::trainer {

struct McgsmShape {
  int inputs = 40;      // D
  int components = 32;  // C
  int scales = 4;       // S
  int features = 32;    // F
  // Throws std::invalid_argument naming the field unless every size is >= 1.
  void Check() const;
};

struct McgsmParams {
  McgsmShape shape;
  Eigen::MatrixXd eta;         // C × S, gate biases
  Eigen::MatrixXd alpha;       // C × S, log precisions
  Eigen::MatrixXd beta;        // C × F, feature weights of each component
  Eigen::MatrixXd features;    // D × F, column n = b_n
  Eigen::MatrixXd predictors;  // D × C, column c = a_c

  // Starting values (see docs/trainer.md): η = 0; α_cs spread evenly over [−1.5, 1.5] across the
  // scales plus a little noise; β ~ U[0.05, 0.15]; B ~ N(0, 1/D); A ~ N(0, 0.01²).
  static McgsmParams Initial(const McgsmShape& shape, uint64_t seed);

  // Throws std::invalid_argument naming the block whose size disagrees with `shape`, or that holds
  // a non-finite value.
  void Check() const;

  // All blocks in the order eta, alpha, beta, features, predictors, each column-major.
  Eigen::Index ParameterCount() const;
  Eigen::VectorXd Pack() const;
  void Unpack(const Eigen::VectorXd& packed);  // throws std::invalid_argument on a wrong size
};

// ln p(y_i | z_i) for every column.
Eigen::RowVectorXd McgsmLogLikelihood(const McgsmParams& params,
                                      const Eigen::Ref<const Eigen::MatrixXd>& z,
                                      const Eigen::Ref<const Eigen::RowVectorXd>& y);

// Σ_i ln p(y_i | z_i). Adds its gradient with respect to the packed parameters to
// *param_gradient (resized and zeroed first if its size is wrong; may be null) and writes the
// gradient with respect to each column of z to *input_gradient (D × N; may be null).
double McgsmLogLikelihoodGradient(const McgsmParams& params,
                                  const Eigen::Ref<const Eigen::MatrixXd>& z,
                                  const Eigen::Ref<const Eigen::RowVectorXd>& y,
                                  Eigen::VectorXd* param_gradient, Eigen::MatrixXd* input_gradient);

// One sample y_i ~ p(y | z_i) per column.
Eigen::RowVectorXd McgsmSample(const McgsmParams& params,
                               const Eigen::Ref<const Eigen::MatrixXd>& z, std::mt19937_64& rng);

// P(Y <= y_i | z_i) per column.
Eigen::RowVectorXd McgsmCdf(const McgsmParams& params, const Eigen::Ref<const Eigen::MatrixXd>& z,
                            const Eigen::Ref<const Eigen::RowVectorXd>& y);

// The gate p(c, s | z) per column, row c·S + s (CS × N).
Eigen::MatrixXd McgsmGatePosterior(const McgsmParams& params,
                                   const Eigen::Ref<const Eigen::MatrixXd>& z);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_MCGSM_H_
