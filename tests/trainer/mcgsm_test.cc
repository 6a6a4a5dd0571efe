#include "trainer/src/mcgsm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace ride::trainer {
namespace {

// A small model whose parameters are all far from their initial values, so every term matters.
McgsmParams SmallModel() {
  McgsmParams p = McgsmParams::Initial({3, 2, 3, 2}, 7);
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(-1, 1);
  Eigen::VectorXd theta = p.Pack();
  for (Eigen::Index k = 0; k < theta.size(); ++k) theta[k] += 0.5 * u(rng);
  p.Unpack(theta);
  return p;
}

void RandomData(int d, int n, uint64_t seed, Eigen::MatrixXd* z, Eigen::RowVectorXd* y) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  z->resize(d, n);
  y->resize(n);
  for (Eigen::Index k = 0; k < z->size(); ++k) z->data()[k] = normal(rng);
  for (Eigen::Index k = 0; k < y->size(); ++k) (*y)[k] = normal(rng);
}

double SumLogLik(const McgsmParams& p, const Eigen::MatrixXd& z, const Eigen::RowVectorXd& y) {
  return McgsmLogLikelihood(p, z, y).sum();
}

TEST(McgsmTest, PackUnpackRoundTrip) {
  const McgsmParams p = SmallModel();
  McgsmParams q = McgsmParams::Initial(p.shape, 1);
  q.Unpack(p.Pack());
  EXPECT_EQ(q.Pack(), p.Pack());
  EXPECT_EQ(q.predictors, p.predictors);
  EXPECT_EQ(p.ParameterCount(), 2 * 2 * 3 + 2 * 2 + 3 * 2 + 3 * 2);
  EXPECT_THROW(q.Unpack(Eigen::VectorXd::Zero(3)), std::invalid_argument);
}

TEST(McgsmTest, GradientValueEqualsLogLikelihoodSum) {
  const McgsmParams p = SmallModel();
  Eigen::MatrixXd z;
  Eigen::RowVectorXd y;
  RandomData(3, 2500, 1, &z, &y);  // more than one internal block
  EXPECT_NEAR(McgsmLogLikelihoodGradient(p, z, y, nullptr, nullptr), SumLogLik(p, z, y), 1e-9);
}

// Every parameter block (eta, alpha, beta, features, predictors: they are packed in that order)
// against central differences.
TEST(McgsmTest, ParameterGradientMatchesCentralDifferences) {
  McgsmParams p = SmallModel();
  Eigen::MatrixXd z;
  Eigen::RowVectorXd y;
  RandomData(3, 6, 2, &z, &y);
  Eigen::VectorXd grad;
  McgsmLogLikelihoodGradient(p, z, y, &grad, nullptr);
  const Eigen::VectorXd theta = p.Pack();
  ASSERT_EQ(grad.size(), theta.size());
  const double eps = 1e-6;
  for (Eigen::Index k = 0; k < theta.size(); ++k) {
    Eigen::VectorXd plus = theta, minus = theta;
    plus[k] += eps;
    minus[k] -= eps;
    McgsmParams a = p, b = p;
    a.Unpack(plus);
    b.Unpack(minus);
    const double numeric = (SumLogLik(a, z, y) - SumLogLik(b, z, y)) / (2 * eps);
    EXPECT_NEAR(grad[k], numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << "parameter " << k;
  }
}

TEST(McgsmTest, InputGradientMatchesCentralDifferences) {
  const McgsmParams p = SmallModel();
  Eigen::MatrixXd z;
  Eigen::RowVectorXd y;
  RandomData(3, 4, 3, &z, &y);
  Eigen::MatrixXd dz;
  McgsmLogLikelihoodGradient(p, z, y, nullptr, &dz);
  ASSERT_EQ(dz.rows(), 3);
  ASSERT_EQ(dz.cols(), 4);
  const double eps = 1e-6;
  for (Eigen::Index k = 0; k < z.size(); ++k) {
    Eigen::MatrixXd plus = z, minus = z;
    plus.data()[k] += eps;
    minus.data()[k] -= eps;
    const double numeric = (SumLogLik(p, plus, y) - SumLogLik(p, minus, y)) / (2 * eps);
    EXPECT_NEAR(dz.data()[k], numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << "input " << k;
  }
}

TEST(McgsmTest, DensityIntegratesToOne) {
  const McgsmParams p = SmallModel();
  Eigen::MatrixXd z;
  Eigen::RowVectorXd unused;
  RandomData(3, 2, 4, &z, &unused);
  for (int i = 0; i < 2; ++i) {
    // Trapezoid rule over a range far wider than the widest expert.
    const int n = 40001;
    const double lo = -40, hi = 40, h = (hi - lo) / (n - 1);
    const Eigen::MatrixXd zs = z.col(i).replicate(1, n);
    const Eigen::RowVectorXd ys = Eigen::RowVectorXd::LinSpaced(n, lo, hi);
    const Eigen::RowVectorXd density = McgsmLogLikelihood(p, zs, ys).array().exp();
    const double integral = h * (density.sum() - 0.5 * (density[0] + density[n - 1]));
    EXPECT_NEAR(integral, 1.0, 1e-6);
  }
}

TEST(McgsmTest, CdfIsTheIntegralOfTheDensity) {
  const McgsmParams p = SmallModel();
  Eigen::MatrixXd z;
  Eigen::RowVectorXd unused;
  RandomData(3, 1, 5, &z, &unused);
  const Eigen::RowVectorXd ends = (Eigen::RowVectorXd(4) << -60, -0.7, 0.4, 60).finished();
  const Eigen::RowVectorXd cdf = McgsmCdf(p, z.replicate(1, 4), ends);
  EXPECT_NEAR(cdf[0], 0.0, 1e-12);
  EXPECT_NEAR(cdf[3], 1.0, 1e-12);
  const int n = 20001;
  const double lo = -0.7, hi = 0.4, h = (hi - lo) / (n - 1);
  const Eigen::RowVectorXd density =
      McgsmLogLikelihood(p, z.replicate(1, n), Eigen::RowVectorXd::LinSpaced(n, lo, hi))
          .array()
          .exp();
  const double integral = h * (density.sum() - 0.5 * (density[0] + density[n - 1]));
  EXPECT_NEAR(cdf[2] - cdf[1], integral, 1e-8);
  EXPECT_LT(cdf[1], cdf[2]);
}

TEST(McgsmTest, SamplesHaveTheMixtureMeanAndVariance) {
  const McgsmParams p = SmallModel();
  Eigen::MatrixXd z;
  Eigen::RowVectorXd unused;
  RandomData(3, 1, 6, &z, &unused);
  const Eigen::VectorXd gate = McgsmGatePosterior(p, z).col(0);
  EXPECT_NEAR(gate.sum(), 1.0, 1e-12);
  const Eigen::VectorXd means = p.predictors.transpose() * z.col(0);
  double mean = 0, second = 0;
  const int S = p.shape.scales;
  for (Eigen::Index k = 0; k < gate.size(); ++k) {
    const double m = means[k / S], var = std::exp(-p.alpha(k / S, k % S));
    mean += gate[k] * m;
    second += gate[k] * (var + m * m);
  }
  const double variance = second - mean * mean;
  const int n = 200000;
  std::mt19937_64 rng(11);
  const Eigen::RowVectorXd s = McgsmSample(p, z.replicate(1, n), rng);
  const double sample_mean = s.mean();
  const double sample_var = (s.array() - sample_mean).square().sum() / (n - 1);
  // Five standard errors; the variance's allows for heavy tails.
  EXPECT_NEAR(sample_mean, mean, 5 * std::sqrt(variance / n));
  EXPECT_NEAR(sample_var, variance, 0.03 * variance);
}

TEST(McgsmTest, RejectsInputsOfTheWrongSize) {
  const McgsmParams p = SmallModel();
  EXPECT_THROW(McgsmLogLikelihood(p, Eigen::MatrixXd::Zero(4, 2), Eigen::RowVectorXd::Zero(2)),
               std::invalid_argument);
  EXPECT_THROW(McgsmLogLikelihood(p, Eigen::MatrixXd::Zero(3, 2), Eigen::RowVectorXd::Zero(3)),
               std::invalid_argument);
}

}  // namespace
}  // namespace ride::trainer
