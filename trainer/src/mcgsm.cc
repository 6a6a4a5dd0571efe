#include "trainer/src/mcgsm.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "trainer/src/random.h"

namespace ride::trainer {
namespace {

constexpr double kHalfLog2Pi = 0.91893853320467274178;
// Columns per block: keeps the n × CS work arrays in cache-friendly sizes.
constexpr Eigen::Index kBlock = 1024;

// Internals hold one sample per ROW (n × CS etc.) so that each (c, s) is a contiguous column.
struct Forward {
  Eigen::MatrixXd f;         // n × F, features
  Eigen::ArrayXXd f2;        // n × F, squared features
  Eigen::ArrayXXd q;         // n × C, Σ_n β_cn² f_n²
  Eigen::MatrixXd product;   // n × C, scratch for matrix products
  Eigen::ArrayXXd residual;  // n × C, y − a_cᵀ z
  Eigen::ArrayXXd prior;     // n × CS, p(c, s | z)
  Eigen::ArrayXXd post;      // n × CS, p(c, s | z, y)
  Eigen::ArrayXd loglik;     // n
  Eigen::ArrayXXd g, h;      // n × C, backward scratch
  Eigen::MatrixXd k_feat;    // n × F, backward scratch
};

// Per-thread work arrays, reused across calls: allocating them per call costs more (page faults
// of fresh mappings) than the arithmetic on small chunks.
Forward& Scratch() {
  thread_local Forward scratch;
  return scratch;
}

// Replaces each row of `a` by its softmax and returns the rows' log-sum-exp. Works column by
// column: each column is contiguous, so every step vectorises.
Eigen::ArrayXd SoftmaxRows(Eigen::ArrayXXd* a) {
  const Eigen::Index cols = a->cols();
  Eigen::ArrayXd m = a->col(0);
  for (Eigen::Index k = 1; k < cols; ++k) m = m.max(a->col(k));
  Eigen::ArrayXd s = Eigen::ArrayXd::Zero(a->rows());
  for (Eigen::Index k = 0; k < cols; ++k) {
    a->col(k) = (a->col(k) - m).exp();
    s += a->col(k);
  }
  const Eigen::ArrayXd inv = s.inverse();
  for (Eigen::Index k = 0; k < cols; ++k) a->col(k) *= inv;
  return m + s.log();
}

// The gate part; with `y` also the posterior and log-likelihood.
void RunForward(const McgsmParams& p, const Eigen::Ref<const Eigen::MatrixXd>& z, const double* y,
                Forward* out) {
  const int C = p.shape.components, S = p.shape.scales;
  const Eigen::Index n = z.cols();
  out->f.noalias() = z.transpose() * p.features;
  out->f2 = out->f.array().square();
  out->product.noalias() = out->f2.matrix() * p.beta.array().square().matrix().transpose();
  out->q = out->product.array();
  out->prior.resize(n, C * S);
  for (int c = 0; c < C; ++c) {
    for (int s = 0; s < S; ++s) {
      out->prior.col(c * S + s) = p.eta(c, s) - 0.5 * std::exp(p.alpha(c, s)) * out->q.col(c);
    }
  }
  if (y == nullptr) {
    SoftmaxRows(&out->prior);
    return;
  }
  const Eigen::Map<const Eigen::ArrayXd> yv(y, n);
  out->product.noalias() = z.transpose() * p.predictors;
  out->residual = (-out->product.array()).colwise() + yv;
  out->post.resize(n, C * S);
  for (int c = 0; c < C; ++c) {
    const Eigen::ArrayXd r2 = out->residual.col(c).square();
    for (int s = 0; s < S; ++s) {
      const double a = p.alpha(c, s);
      out->post.col(c * S + s) =
          out->prior.col(c * S + s) + (0.5 * a - kHalfLog2Pi) - 0.5 * std::exp(a) * r2;
    }
  }
  const Eigen::ArrayXd lse_joint = SoftmaxRows(&out->post);
  const Eigen::ArrayXd lse_gate = SoftmaxRows(&out->prior);
  out->loglik = lse_joint - lse_gate;
}

void CheckData(const McgsmParams& p, const Eigen::Ref<const Eigen::MatrixXd>& z,
               const Eigen::Ref<const Eigen::RowVectorXd>* y) {
  if (z.rows() != p.shape.inputs) {
    throw std::invalid_argument("mcgsm: inputs have " + std::to_string(z.rows()) +
                                " rows, the model takes " + std::to_string(p.shape.inputs));
  }
  if (y != nullptr && y->size() != z.cols()) {
    throw std::invalid_argument("mcgsm: " + std::to_string(z.cols()) + " inputs but " +
                                std::to_string(y->size()) + " outputs");
  }
}

void CheckBlock(const char* name, const Eigen::MatrixXd& m, int rows, int cols) {
  if (m.rows() != rows || m.cols() != cols) {
    throw std::invalid_argument(std::string("mcgsm: ") + name + " is " + std::to_string(m.rows()) +
                                "x" + std::to_string(m.cols()) + ", expected " +
                                std::to_string(rows) + "x" + std::to_string(cols));
  }
  if (!m.allFinite())
    throw std::invalid_argument(std::string("mcgsm: ") + name + " holds a non-finite value");
}

}  // namespace

void McgsmShape::Check() const {
  auto positive = [](const char* name, int v) {
    if (v < 1)
      throw std::invalid_argument(std::string("mcgsm: ") + name + " = " + std::to_string(v) +
                                  " must be >= 1");
  };
  positive("inputs", inputs);
  positive("components", components);
  positive("scales", scales);
  positive("features", features);
}

McgsmParams McgsmParams::Initial(const McgsmShape& shape, uint64_t seed) {
  shape.Check();
  std::mt19937_64 rng = StreamGenerator(seed, 0x6d6367736dULL);
  const int C = shape.components, S = shape.scales, F = shape.features, D = shape.inputs;
  McgsmParams p;
  p.shape = shape;
  p.eta = Eigen::MatrixXd::Zero(C, S);
  p.alpha.resize(C, S);
  for (int c = 0; c < C; ++c) {
    for (int s = 0; s < S; ++s) {
      const double spread = S == 1 ? 0.0 : -1.5 + 3.0 * s / (S - 1);
      p.alpha(c, s) = spread + 0.2 * (Uniform01(rng) - 0.5);
    }
  }
  p.beta.resize(C, F);
  for (Eigen::Index k = 0; k < p.beta.size(); ++k) p.beta.data()[k] = 0.05 + 0.1 * Uniform01(rng);
  p.features.resize(D, F);
  for (Eigen::Index k = 0; k < p.features.size(); ++k)
    p.features.data()[k] = StandardNormal(rng) / std::sqrt(D);
  p.predictors.resize(D, C);
  for (Eigen::Index k = 0; k < p.predictors.size(); ++k)
    p.predictors.data()[k] = 0.01 * StandardNormal(rng);
  return p;
}

void McgsmParams::Check() const {
  shape.Check();
  const int C = shape.components, S = shape.scales, F = shape.features, D = shape.inputs;
  CheckBlock("eta", eta, C, S);
  CheckBlock("alpha", alpha, C, S);
  CheckBlock("beta", beta, C, F);
  CheckBlock("features", features, D, F);
  CheckBlock("predictors", predictors, D, C);
}

Eigen::Index McgsmParams::ParameterCount() const {
  const Eigen::Index C = shape.components, S = shape.scales, F = shape.features, D = shape.inputs;
  return 2 * C * S + C * F + D * F + D * C;
}

Eigen::VectorXd McgsmParams::Pack() const {
  Eigen::VectorXd v(ParameterCount());
  Eigen::Index k = 0;
  for (const Eigen::MatrixXd* m : {&eta, &alpha, &beta, &features, &predictors}) {
    v.segment(k, m->size()) = Eigen::Map<const Eigen::VectorXd>(m->data(), m->size());
    k += m->size();
  }
  return v;
}

void McgsmParams::Unpack(const Eigen::VectorXd& packed) {
  if (packed.size() != ParameterCount()) {
    throw std::invalid_argument("mcgsm: packed parameters have " + std::to_string(packed.size()) +
                                " values, expected " + std::to_string(ParameterCount()));
  }
  const int C = shape.components, S = shape.scales, F = shape.features, D = shape.inputs;
  eta.resize(C, S);
  alpha.resize(C, S);
  beta.resize(C, F);
  features.resize(D, F);
  predictors.resize(D, C);
  Eigen::Index k = 0;
  for (Eigen::MatrixXd* m : {&eta, &alpha, &beta, &features, &predictors}) {
    Eigen::Map<Eigen::VectorXd>(m->data(), m->size()) = packed.segment(k, m->size());
    k += m->size();
  }
}

Eigen::RowVectorXd McgsmLogLikelihood(const McgsmParams& params,
                                      const Eigen::Ref<const Eigen::MatrixXd>& z,
                                      const Eigen::Ref<const Eigen::RowVectorXd>& y) {
  CheckData(params, z, &y);
  Eigen::RowVectorXd out(z.cols());
  Forward& fw = Scratch();
  for (Eigen::Index start = 0; start < z.cols(); start += kBlock) {
    const Eigen::Index n = std::min(kBlock, z.cols() - start);
    RunForward(params, z.middleCols(start, n), y.data() + start, &fw);
    out.segment(start, n) = fw.loglik.matrix().transpose();
  }
  return out;
}

double McgsmLogLikelihoodGradient(const McgsmParams& params,
                                  const Eigen::Ref<const Eigen::MatrixXd>& z,
                                  const Eigen::Ref<const Eigen::RowVectorXd>& y,
                                  Eigen::VectorXd* param_gradient,
                                  Eigen::MatrixXd* input_gradient) {
  CheckData(params, z, &y);
  const int C = params.shape.components, S = params.shape.scales, F = params.shape.features,
            D = params.shape.inputs;
  Eigen::MatrixXd d_eta = Eigen::MatrixXd::Zero(C, S), d_alpha = Eigen::MatrixXd::Zero(C, S);
  Eigen::MatrixXd d_beta = Eigen::MatrixXd::Zero(C, F), d_features = Eigen::MatrixXd::Zero(D, F);
  Eigen::MatrixXd d_predictors = Eigen::MatrixXd::Zero(D, C);
  if (input_gradient != nullptr) input_gradient->resize(D, z.cols());
  const Eigen::ArrayXXd beta2 = params.beta.array().square();
  const Eigen::ArrayXXd precision = params.alpha.array().exp();
  double total = 0;
  Forward& fw = Scratch();
  Eigen::ArrayXXd& g = fw.g;
  Eigen::ArrayXXd& h = fw.h;
  for (Eigen::Index start = 0; start < z.cols(); start += kBlock) {
    const Eigen::Index n = std::min(kBlock, z.cols() - start);
    const auto zb = z.middleCols(start, n);
    RunForward(params, zb, y.data() + start, &fw);
    total += fw.loglik.sum();
    // d ln p / d gate logit = post − prior; d ln p / d expert log density = post.
    g.setZero(n, C);  // d ln p / d q_c
    h.setZero(n, C);  // d ln p / d (a_cᵀ z)
    for (int c = 0; c < C; ++c) {
      for (int s = 0; s < S; ++s) {
        const int k = c * S + s;
        const double e = precision(c, s);
        const Eigen::ArrayXd diff = fw.post.col(k) - fw.prior.col(k);
        const Eigen::ArrayXd post_r = fw.post.col(k) * fw.residual.col(c);
        d_eta(c, s) += diff.sum();
        d_alpha(c, s) += -0.5 * e * (diff * fw.q.col(c)).sum() + 0.5 * fw.post.col(k).sum() -
                         0.5 * e * (post_r * fw.residual.col(c)).sum();
        g.col(c) -= 0.5 * e * diff;
        h.col(c) += e * post_r;
      }
    }
    d_beta.array() += 2.0 * params.beta.array() * (g.matrix().transpose() * fw.f2.matrix()).array();
    Eigen::MatrixXd& k_feat = fw.k_feat;  // d ln p / d f, n × F
    k_feat.noalias() = g.matrix() * beta2.matrix();
    k_feat.array() *= 2.0 * fw.f.array();
    if (param_gradient != nullptr) {
      d_features.noalias() += zb * k_feat;
      d_predictors.noalias() += zb * h.matrix();
    }
    if (input_gradient != nullptr) {
      input_gradient->middleCols(start, n).noalias() =
          params.features * k_feat.transpose() + params.predictors * h.matrix().transpose();
    }
  }
  if (param_gradient != nullptr) {
    McgsmParams grad;
    grad.shape = params.shape;
    grad.eta = d_eta;
    grad.alpha = d_alpha;
    grad.beta = d_beta;
    grad.features = d_features;
    grad.predictors = d_predictors;
    if (param_gradient->size() != params.ParameterCount())
      param_gradient->setZero(params.ParameterCount());
    *param_gradient += grad.Pack();
  }
  return total;
}

Eigen::MatrixXd McgsmGatePosterior(const McgsmParams& params,
                                   const Eigen::Ref<const Eigen::MatrixXd>& z) {
  CheckData(params, z, nullptr);
  Eigen::MatrixXd out(params.shape.components * params.shape.scales, z.cols());
  Forward& fw = Scratch();
  for (Eigen::Index start = 0; start < z.cols(); start += kBlock) {
    const Eigen::Index n = std::min(kBlock, z.cols() - start);
    RunForward(params, z.middleCols(start, n), nullptr, &fw);
    out.middleCols(start, n) = fw.prior.matrix().transpose();
  }
  return out;
}

Eigen::RowVectorXd McgsmSample(const McgsmParams& params,
                               const Eigen::Ref<const Eigen::MatrixXd>& z, std::mt19937_64& rng) {
  const Eigen::MatrixXd gate = McgsmGatePosterior(params, z);
  const Eigen::MatrixXd mean = params.predictors.transpose() * z;  // C × N
  const int S = params.shape.scales;
  Eigen::RowVectorXd out(z.cols());
  for (Eigen::Index i = 0; i < z.cols(); ++i) {
    const double u = Uniform01(rng);
    Eigen::Index k = 0;
    for (double acc = gate(0, i); acc <= u && k + 1 < gate.rows(); acc += gate(++k, i)) {
    }
    const int c = static_cast<int>(k / S), s = static_cast<int>(k % S);
    out[i] = mean(c, i) + std::exp(-0.5 * params.alpha(c, s)) * StandardNormal(rng);
  }
  return out;
}

Eigen::RowVectorXd McgsmCdf(const McgsmParams& params, const Eigen::Ref<const Eigen::MatrixXd>& z,
                            const Eigen::Ref<const Eigen::RowVectorXd>& y) {
  CheckData(params, z, &y);
  const Eigen::MatrixXd gate = McgsmGatePosterior(params, z);
  const Eigen::MatrixXd mean = params.predictors.transpose() * z;
  const int C = params.shape.components, S = params.shape.scales;
  Eigen::RowVectorXd out(z.cols());
  for (Eigen::Index i = 0; i < z.cols(); ++i) {
    double cdf = 0;
    for (int c = 0; c < C; ++c) {
      for (int s = 0; s < S; ++s) {
        // Φ(t) = ½ erfc(−t / √2) keeps precision in the lower tail.
        const double t = (y[i] - mean(c, i)) * std::exp(0.5 * params.alpha(c, s));
        cdf += gate(c * S + s, i) * 0.5 * std::erfc(-t * 0.70710678118654752440);
      }
    }
    out[i] = cdf;
  }
  return out;
}

}  // namespace ride::trainer
