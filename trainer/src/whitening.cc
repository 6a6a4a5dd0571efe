#include "trainer/src/whitening.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace ride::trainer {
namespace {

// Columns per product when summing the scatter matrix (a chunk runs on one thread).
constexpr Eigen::Index kScatterChunk = 8192;

}  // namespace

Whitening Whitening::Fit(const Eigen::MatrixXd& inputs, const Eigen::RowVectorXd& outputs,
                         int64_t max_pairs) {
  LocalCommunicator alone;
  return Fit(inputs, outputs, alone, max_pairs);
}

Whitening Whitening::Fit(const Eigen::MatrixXd& inputs, const Eigen::RowVectorXd& outputs, Communicator& comm,
                         int64_t max_pairs) {
  const Eigen::Index d = inputs.rows(), local = inputs.cols();
  if (outputs.size() != local) {
    throw std::invalid_argument("whitening fit: " + std::to_string(local) + " inputs but " +
                                std::to_string(outputs.size()) + " outputs");
  }
  // Where this rank's columns lie among all N.
  const std::vector<double> counts = comm.AllGather({static_cast<double>(local)});
  Eigen::Index n = 0, offset = 0;
  for (int r = 0; r < comm.size(); ++r) {
    if (r == comm.rank()) offset = n;
    n += static_cast<Eigen::Index>(counts[r]);
  }
  if (d < 1 || n < d + 2) {
    throw std::invalid_argument("whitening fit: need at least D + 2 = " + std::to_string(d + 2) +
                                " pairs, got " + std::to_string(n));
  }
  const Eigen::Index m = std::min<Eigen::Index>(n, std::max<int64_t>(max_pairs, d + 2));
  // Stack (x; y) of the m evenly spread columns j · n / m that lie on this rank.
  std::vector<Eigen::Index> picked;
  for (Eigen::Index j = 0; j < m; ++j) {
    const Eigen::Index i = j * n / m;
    if (i >= offset && i < offset + local) picked.push_back(i - offset);
  }
  Eigen::MatrixXd xy(d + 1, static_cast<Eigen::Index>(picked.size()));
  for (std::size_t j = 0; j < picked.size(); ++j) {
    xy.col(j).head(d) = inputs.col(picked[j]);
    xy(d, j) = outputs[picked[j]];
  }
  Eigen::VectorXd sum = xy.rowwise().sum();
  comm.SumInRankOrder(sum.data(), static_cast<std::size_t>(sum.size()));
  const Eigen::VectorXd mean = sum / static_cast<double>(m);
  xy.colwise() -= mean;
  // Σ (xy)(xy)ᵀ over fixed chunks of columns, added in chunk order: one product over all m columns
  // would let Eigen split its depth by the thread count, and the rounding with it.
  const Eigen::Index columns = xy.cols(), chunks = (columns + kScatterChunk - 1) / kScatterChunk;
  std::vector<Eigen::MatrixXd> parts(static_cast<std::size_t>(chunks));
#pragma omp parallel for schedule(dynamic, 1)
  for (Eigen::Index k = 0; k < chunks; ++k) {
    const auto block = xy.middleCols(k * kScatterChunk, std::min(kScatterChunk, columns - k * kScatterChunk));
    parts[k] = block * block.transpose();
  }
  Eigen::MatrixXd scatter = Eigen::MatrixXd::Zero(d + 1, d + 1);
  for (const Eigen::MatrixXd& part : parts) scatter += part;
  comm.SumInRankOrder(&scatter);
  const Eigen::MatrixXd cov = scatter / static_cast<double>(m - 1);
  const Eigen::MatrixXd cxx = cov.topLeftCorner(d, d);
  const Eigen::RowVectorXd cyx = cov.block(d, 0, 1, d);
  const double cyy = cov(d, d);

  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cxx);
  const Eigen::VectorXd lambda = eig.eigenvalues();
  if (eig.info() != Eigen::Success ||
      !(lambda.minCoeff() > 1e-12 * std::max(1e-300, lambda.maxCoeff()))) {
    throw std::invalid_argument(
        "whitening fit: input covariance is singular (constant or duplicate inputs?)");
  }
  const Eigen::MatrixXd& v = eig.eigenvectors();
  Whitening w;
  w.mean_x = mean.head(d);
  w.mean_y = mean[d];
  w.whiten_x = v * lambda.cwiseInverse().cwiseSqrt().asDiagonal() * v.transpose();
  w.regression = cyx * w.whiten_x;
  const double residual = cyy - w.regression.squaredNorm();  // Cyy − Cyx Cxx^{-1} Cxy
  if (!(residual > 0))
    throw std::invalid_argument("whitening fit: the pixel is a linear function of its inputs");
  w.p_out = 1.0 / std::sqrt(residual);
  return w;
}

void Whitening::Check() const {
  const Eigen::Index d = mean_x.size();
  if (d < 1) throw std::invalid_argument("whitening: mean_x is empty");
  if (whiten_x.rows() != d || whiten_x.cols() != d) {
    throw std::invalid_argument("whitening: whiten_x is " + std::to_string(whiten_x.rows()) + "x" +
                                std::to_string(whiten_x.cols()) + ", expected " +
                                std::to_string(d) + "x" + std::to_string(d));
  }
  if (regression.size() != d) {
    throw std::invalid_argument("whitening: regression has " + std::to_string(regression.size()) +
                                " values, expected " + std::to_string(d));
  }
  if (!mean_x.allFinite() || !whiten_x.allFinite() || !regression.allFinite() ||
      !std::isfinite(mean_y)) {
    throw std::invalid_argument("whitening: non-finite value");
  }
  if (!(p_out > 0) || !std::isfinite(p_out))
    throw std::invalid_argument("whitening: p_out must be finite and > 0");
}

Eigen::MatrixXd Whitening::WhitenInputs(const Eigen::MatrixXd& x) const {
  return whiten_x * (x.colwise() - mean_x);
}

Eigen::RowVectorXd Whitening::WhitenOutputs(const Eigen::MatrixXd& x_white,
                                            const Eigen::RowVectorXd& y) const {
  return p_out * ((y.array() - mean_y).matrix() - regression * x_white);
}

Eigen::MatrixXd Whitening::UnwhitenInputs(const Eigen::MatrixXd& x_white) const {
  // Wx is symmetric positive definite: solve rather than keep an inverse around.
  Eigen::MatrixXd x = whiten_x.llt().solve(x_white);
  return x.colwise() + mean_x;
}

Eigen::RowVectorXd Whitening::UnwhitenOutputs(const Eigen::MatrixXd& x_white,
                                              const Eigen::RowVectorXd& y_white) const {
  return (y_white / p_out + regression * x_white).array() + mean_y;
}

void Whitening::WhitenInPlace(Eigen::MatrixXd* x, Eigen::RowVectorXd* y) const {
  const Eigen::Index block = 4096;
  for (Eigen::Index start = 0; start < x->cols(); start += block) {
    const Eigen::Index n = std::min(block, x->cols() - start);
    const Eigen::MatrixXd white = WhitenInputs(x->middleCols(start, n));
    y->segment(start, n) = WhitenOutputs(white, y->segment(start, n));
    x->middleCols(start, n) = white;
  }
}

double Whitening::LogJacobian() const { return std::log(p_out); }

}  // namespace ride::trainer
