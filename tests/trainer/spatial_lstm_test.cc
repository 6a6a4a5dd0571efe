#include "trainer/src/spatial_lstm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace ride::trainer {
namespace {

PatchGrid RandomGrid(int rows, int cols, int features, int n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  PatchGrid grid;
  grid.rows = rows;
  grid.cols = cols;
  for (int p = 0; p < rows * cols; ++p) {
    Eigen::MatrixXd m(features, n);
    for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = u(rng);
    grid.at.push_back(m);
  }
  return grid;
}

// L = Σ_p <v_p, h_top_p>: a linear read-out, so dL/dh_top = v.
double Loss(const SpatialLstm& lstm, const PatchGrid& x, const PatchGrid& v) {
  const PatchGrid top = lstm.Forward(x, nullptr);
  double loss = 0;
  for (int p = 0; p < top.Positions(); ++p) loss += (top.at[p].array() * v.at[p].array()).sum();
  return loss;
}

void ExpectGradientsMatchCentralDifferences(const std::vector<int>& hidden, bool extended, bool bounded = false) {
  std::mt19937_64 rng(3);
  SpatialLstm lstm(4, hidden, extended, bounded, 11);
  if (bounded) {
    // Half the units with i + f_left + f_top well below 1, so both sides of max(1, ·) are checked.
    for (SlstmLayerParams& layer : lstm.layers()) {
      for (int u = 0; u < layer.hidden; u += 2) {
        for (int block : {1, 3, 4}) layer.bias[block * layer.hidden + u] -= 1.5;
      }
    }
  }
  // Non-zero biases so every gate's derivative matters.
  Eigen::VectorXd theta = lstm.Parameters();
  for (Eigen::Index k = 0; k < theta.size(); ++k) theta[k] += 0.3 * std::uniform_real_distribution<double>(-1, 1)(rng);
  lstm.SetParameters(theta);
  const PatchGrid x = RandomGrid(3, 4, 4, 2, rng);
  const PatchGrid v = RandomGrid(3, 4, hidden.back(), 2, rng);

  SpatialLstm::Cache cache;
  lstm.Forward(x, &cache);
  Eigen::VectorXd gradient = Eigen::VectorXd::Zero(lstm.ParameterCount());
  const PatchGrid dx = lstm.Backward(cache, v, &gradient);

  const double eps = 1e-6;
  for (Eigen::Index k = 0; k < theta.size(); ++k) {
    Eigen::VectorXd plus = theta, minus = theta;
    plus[k] += eps;
    minus[k] -= eps;
    lstm.SetParameters(plus);
    const double lp = Loss(lstm, x, v);
    lstm.SetParameters(minus);
    const double lm = Loss(lstm, x, v);
    ASSERT_NEAR(gradient[k], (lp - lm) / (2 * eps), 1e-6 * (1 + std::fabs(gradient[k]))) << "parameter " << k;
  }
  lstm.SetParameters(theta);
  for (int p = 0; p < x.Positions(); ++p) {
    for (Eigen::Index k = 0; k < x.at[p].size(); ++k) {
      PatchGrid plus = x, minus = x;
      plus.at[p].data()[k] += eps;
      minus.at[p].data()[k] -= eps;
      const double numeric = (Loss(lstm, plus, v) - Loss(lstm, minus, v)) / (2 * eps);
      ASSERT_NEAR(dx.at[p].data()[k], numeric, 1e-6 * (1 + std::fabs(numeric))) << "input " << p << "," << k;
    }
  }
}

TEST(SpatialLstmTest, OneLayerGradientsMatchCentralDifferences) { ExpectGradientsMatchCentralDifferences({3}, false); }
TEST(SpatialLstmTest, TwoLayerGradientsMatchCentralDifferences) { ExpectGradientsMatchCentralDifferences({3, 2}, false); }
TEST(SpatialLstmTest, ExtendedGradientsMatchCentralDifferences) { ExpectGradientsMatchCentralDifferences({3, 2}, true); }

TEST(SpatialLstmTest, BoundedGradientsMatchCentralDifferences) {
  ExpectGradientsMatchCentralDifferences({3, 2}, false, true);
}
TEST(SpatialLstmTest, BoundedExtendedGradientsMatchCentralDifferences) {
  ExpectGradientsMatchCentralDifferences({3}, true, true);
}

// Gates held open: the unbounded cell grows geometrically along the diagonal, the bounded one
// stays within [-1, 1].
TEST(SpatialLstmTest, BoundedCellsStayWithinOneWhereOpenGatesMakeUnboundedOnesGrow) {
  std::mt19937_64 rng(7);
  const PatchGrid x = RandomGrid(30, 30, 2, 1, rng);
  double largest[2] = {0, 0};
  for (bool bounded : {false, true}) {
    SpatialLstm lstm(2, {3}, false, bounded, 1);
    SlstmLayerParams& layer = lstm.layers()[0];
    layer.bias.segment(0, 3).setConstant(2.0);         // g near 1
    layer.bias.segment(3, 12).setConstant(4.0);        // i, o, f_left, f_top near 1
    SpatialLstm::Cache cache;
    lstm.Forward(x, &cache);
    for (const Eigen::MatrixXd& c : cache.cell[0]) largest[bounded] = std::max(largest[bounded], c.cwiseAbs().maxCoeff());
  }
  EXPECT_GT(largest[0], 1e6);
  EXPECT_LE(largest[1], 1.0);
}

TEST(SpatialLstmTest, StatesFlowOnlyRightAndDown) {
  std::mt19937_64 rng(5);
  SpatialLstm lstm(2, {4}, false, false, 1);
  PatchGrid x = RandomGrid(3, 3, 2, 1, rng);
  const PatchGrid before = lstm.Forward(x, nullptr);
  x.at[4].setConstant(5.0);  // the centre
  const PatchGrid after = lstm.Forward(x, nullptr);
  for (int p = 0; p < 9; ++p) {
    const int i = p / 3, j = p % 3;
    // Only positions reachable from the centre by steps right and down change.
    const bool affected = i >= 1 && j >= 1;
    EXPECT_EQ(!before.at[p].isApprox(after.at[p]), affected) << "position " << p;
  }
}

}  // namespace
}  // namespace ride::trainer
