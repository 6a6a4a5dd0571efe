#include "trainer/src/whitening.h"

#include <gtest/gtest.h>

#include <omp.h>

#include <cmath>
#include <random>
#include <vector>

#include "tests/trainer/thread_ranks.h"

namespace ride::trainer {
namespace {

// Correlated (x, y) pairs: [x; y] = L g + m with g standard normal.
void CorrelatedPairs(int d, int n, Eigen::MatrixXd* x, Eigen::RowVectorXd* y) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd mix(d + 1, d + 1);
  for (Eigen::Index k = 0; k < mix.size(); ++k) mix.data()[k] = normal(rng);
  Eigen::MatrixXd g(d + 1, n);
  for (Eigen::Index k = 0; k < g.size(); ++k) g.data()[k] = normal(rng);
  Eigen::MatrixXd xy = mix * g;
  xy.colwise() += Eigen::VectorXd::LinSpaced(d + 1, 0.2, 0.7);
  *x = xy.topRows(d);
  *y = xy.row(d);
}

TEST(WhiteningTest, ForwardThenInverseIsIdentity) {
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  CorrelatedPairs(4, 2000, &x, &y);
  const Whitening w = Whitening::Fit(x, y);
  const Eigen::MatrixXd xw = w.WhitenInputs(x);
  const Eigen::RowVectorXd yw = w.WhitenOutputs(xw, y);
  EXPECT_LT((w.UnwhitenInputs(xw) - x).cwiseAbs().maxCoeff(), 1e-10);
  EXPECT_LT((w.UnwhitenOutputs(xw, yw) - y).cwiseAbs().maxCoeff(), 1e-10);

  Eigen::MatrixXd x2 = x;
  Eigen::RowVectorXd y2 = y;
  w.WhitenInPlace(&x2, &y2);
  EXPECT_LT((x2 - xw).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((y2 - yw).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(WhiteningTest, WhitenedPairsHaveIdentityCovariance) {
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  CorrelatedPairs(3, 1000, &x, &y);
  const Whitening w = Whitening::Fit(x, y);
  Eigen::MatrixXd xy(4, 1000);
  xy.topRows(3) = w.WhitenInputs(x);
  xy.row(3) = w.WhitenOutputs(xy.topRows(3), y);
  EXPECT_LT(xy.rowwise().mean().cwiseAbs().maxCoeff(), 1e-10);
  const Eigen::MatrixXd cov = xy * xy.transpose() / 999.0;
  EXPECT_LT((cov - Eigen::MatrixXd::Identity(4, 4)).cwiseAbs().maxCoeff(), 1e-9);
}

// The map (x, y) -> (x̃, ỹ) is affine; its Jacobian determinant, taken numerically from the map
// itself, must be det(Wx) · p_out, and for whitening it equals det(C)^{-1/2} of the pairs'
// covariance. Since x̃ does not depend on y, the conditional density's Jacobian is the last factor,
// p_out.
TEST(WhiteningTest, LogJacobianMatchesNumericalDeterminant) {
  const int d = 3;
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  CorrelatedPairs(d, 5000, &x, &y);
  const Whitening w = Whitening::Fit(x, y);
  auto map = [&](const Eigen::VectorXd& v) {
    const Eigen::MatrixXd xw = w.WhitenInputs(v.head(d));
    Eigen::VectorXd out(d + 1);
    out.head(d) = xw;
    out[d] = w.WhitenOutputs(xw, v.tail(1).transpose())[0];
    return out;
  };
  Eigen::MatrixXd jac(d + 1, d + 1);
  const Eigen::VectorXd at = Eigen::VectorXd::Constant(d + 1, 0.3);
  for (int k = 0; k <= d; ++k) {
    Eigen::VectorXd step = Eigen::VectorXd::Zero(d + 1);
    step[k] = 1e-3;
    jac.col(k) = (map(at + step) - map(at - step)) / 2e-3;
  }
  EXPECT_NEAR(jac(d, d), w.p_out, 1e-8 * w.p_out);  // ∂ỹ/∂y
  EXPECT_NEAR(std::log(w.p_out), w.LogJacobian(), 1e-12);
  EXPECT_LT(jac.topRightCorner(d, 1).cwiseAbs().maxCoeff(), 1e-12);  // x̃ ignores y
  Eigen::MatrixXd xy(d + 1, x.cols());
  xy << x, y;
  xy.colwise() -= xy.rowwise().mean();
  const Eigen::MatrixXd cov = xy * xy.transpose() / static_cast<double>(x.cols() - 1);
  EXPECT_NEAR(std::log(std::abs(jac.determinant())), -0.5 * std::log(cov.determinant()), 1e-7);
}

TEST(WhiteningTest, FitUsesAtMostMaxPairsSpreadOverTheData) {
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  CorrelatedPairs(2, 4000, &x, &y);
  const Whitening all = Whitening::Fit(x, y);
  const Whitening some = Whitening::Fit(x, y, 1000);
  EXPECT_NE(all.p_out, some.p_out);
  EXPECT_NEAR(all.p_out, some.p_out, 0.2 * all.p_out);
}

TEST(WhiteningTest, FitDoesNotDependOnTheThreadCount) {
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  CorrelatedPairs(6, 30000, &x, &y);  // several chunks of columns
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const Whitening one = Whitening::Fit(x, y);
  omp_set_num_threads(3);
  const Whitening three = Whitening::Fit(x, y);
  omp_set_num_threads(threads);
  EXPECT_EQ(one.whiten_x, three.whiten_x);
  EXPECT_EQ(one.regression, three.regression);
  EXPECT_EQ(one.p_out, three.p_out);
}

TEST(WhiteningTest, RanksFittingTheirPartsGetTheWholeFit) {
  Eigen::MatrixXd x;
  Eigen::RowVectorXd y;
  CorrelatedPairs(3, 5000, &x, &y);
  for (const int64_t max_pairs : {int64_t{Whitening::kMaxFitPairs}, int64_t{1500}}) {
    const Whitening whole = Whitening::Fit(x, y, max_pairs);
    // Uneven parts, one of them empty.
    const std::vector<Eigen::Index> starts = {0, 1200, 1200, 5000};
    testing::RunRanks(3, [&](Communicator& comm) {
      const Eigen::Index first = starts[comm.rank()], count = starts[comm.rank() + 1] - first;
      const Whitening w = Whitening::Fit(x.middleCols(first, count), y.segment(first, count), comm, max_pairs);
      EXPECT_LT((w.mean_x - whole.mean_x).cwiseAbs().maxCoeff(), 1e-12);
      EXPECT_LT((w.whiten_x - whole.whiten_x).cwiseAbs().maxCoeff(), 1e-10);
      EXPECT_LT((w.regression - whole.regression).cwiseAbs().maxCoeff(), 1e-10);
      EXPECT_NEAR(w.p_out, whole.p_out, 1e-10 * whole.p_out);
      ExpectSameOnAllRanks(w.whiten_x.reshaped(), "whitening", comm);
    });
  }
}

TEST(WhiteningTest, RejectsTooFewPairsAndConstantInputs) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Random(3, 4);
  Eigen::RowVectorXd y = Eigen::RowVectorXd::Random(4);
  EXPECT_THROW(Whitening::Fit(x, y), std::invalid_argument);
  x = Eigen::MatrixXd::Ones(3, 100);
  y = Eigen::RowVectorXd::Random(100);
  EXPECT_THROW(Whitening::Fit(x, y), std::invalid_argument);
}

}  // namespace
}  // namespace ride::trainer
