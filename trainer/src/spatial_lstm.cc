#include "trainer/src/spatial_lstm.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ride::trainer {
namespace {

using Eigen::MatrixXd;

MatrixXd Sigmoid(const MatrixXd& a) { return (1.0 + (-a.array()).exp()).inverse().matrix(); }

// What the cell update multiplies by at one position: i, f_left, f_top as σ gave them, or in a
// bounded layer divided by m = max(1, i + f_left + f_top) (m is all ones otherwise).
struct CellGates {
  Eigen::ArrayXXd in, f_left, f_top, m;
};

CellGates DividedGates(const MatrixXd& gates, int h, bool bounded) {
  CellGates e{gates.middleRows(h, h).array(), gates.middleRows(3 * h, h).array(), gates.middleRows(4 * h, h).array(),
              Eigen::ArrayXXd::Ones(h, gates.cols())};
  if (bounded) {
    e.m = ((e.in + e.f_left) + e.f_top).max(1.0);
    e.in /= e.m;
    e.f_left /= e.m;
    e.f_top /= e.m;
  }
  return e;
}

// SplitMix64 uniform in [-1, 1): a fixed initialisation for a seed on every platform.
class Uniform {
 public:
  explicit Uniform(uint64_t seed) : state_(seed) {}
  double Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-52 - 1.0;
  }

 private:
  uint64_t state_;
};

}  // namespace

SpatialLstm::SpatialLstm(int inputs, const std::vector<int>& hidden, bool extended, bool bounded, uint64_t seed) {
  if (inputs <= 0 || hidden.empty()) {
    throw std::invalid_argument("spatial LSTM: need inputs > 0 and at least one layer");
  }
  Uniform uniform(seed);
  int z = inputs;
  for (std::size_t l = 0; l < hidden.size(); ++l) {
    if (hidden[l] <= 0) throw std::invalid_argument("spatial LSTM: layer " + std::to_string(l) + " has no units");
    SlstmLayerParams layer;
    layer.inputs = z;
    layer.hidden = hidden[l];
    layer.extended = extended;
    layer.bounded = bounded;
    const double scale = 1.0 / std::sqrt(static_cast<double>(layer.RecurrentInputs()));
    layer.weights.resize(5 * layer.hidden, layer.RecurrentInputs());
    for (Eigen::Index k = 0; k < layer.weights.size(); ++k) layer.weights.data()[k] = scale * uniform.Next();
    layer.bias = Eigen::VectorXd::Zero(5 * layer.hidden);
    layers_.push_back(std::move(layer));
    z = hidden[l];
  }
}

PatchGrid SpatialLstm::Forward(const PatchGrid& x, Cache* cache) const {
  if (layers_.empty()) throw std::logic_error("spatial LSTM: no layers");
  if (static_cast<int>(x.at.size()) != x.Positions() || x.Positions() == 0) {
    throw std::invalid_argument("spatial LSTM: patch grid holds " + std::to_string(x.at.size()) + " positions, expected " +
                                std::to_string(x.Positions()));
  }
  const Eigen::Index n = x.at[0].cols();
  const int rows = x.rows, cols = x.cols, positions = x.Positions();
  if (cache != nullptr) {
    cache->rows = rows;
    cache->cols = cols;
    for (auto* v : {&cache->input, &cache->gates, &cache->cell, &cache->hidden}) {
      v->assign(layers_.size(), std::vector<MatrixXd>(positions));
    }
  }
  PatchGrid below = x;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const SlstmLayerParams& layer = layers_[l];
    const int h = layer.hidden;
    if (below.at[0].rows() != layer.inputs) {
      throw std::invalid_argument("spatial LSTM: layer " + std::to_string(l) + " expects " + std::to_string(layer.inputs) +
                                  " inputs, got " + std::to_string(below.at[0].rows()));
    }
    std::vector<MatrixXd> cell(positions), hid(positions);
    const MatrixXd zero = MatrixXd::Zero(h, n);
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < cols; ++j) {
        const int p = i * cols + j;
        const MatrixXd& h_left = j > 0 ? hid[p - 1] : zero;
        const MatrixXd& h_top = i > 0 ? hid[p - cols] : zero;
        const MatrixXd& c_left = j > 0 ? cell[p - 1] : zero;
        const MatrixXd& c_top = i > 0 ? cell[p - cols] : zero;
        MatrixXd z(layer.RecurrentInputs(), n);
        z.topRows(layer.inputs) = below.at[p];
        z.middleRows(layer.inputs, h) = h_left;
        z.middleRows(layer.inputs + h, h) = h_top;
        if (layer.extended) {
          z.middleRows(layer.inputs + 2 * h, h) = c_left;
          z.middleRows(layer.inputs + 3 * h, h) = c_top;
        }
        MatrixXd a = layer.weights * z;
        a.colwise() += layer.bias;
        MatrixXd gates(5 * h, n);
        gates.topRows(h) = a.topRows(h).array().tanh().matrix();
        gates.bottomRows(4 * h) = Sigmoid(a.bottomRows(4 * h));
        const CellGates e = DividedGates(gates, h, layer.bounded);
        cell[p] = (gates.topRows(h).array() * e.in + c_left.array() * e.f_left + c_top.array() * e.f_top).matrix();
        hid[p] = (cell[p].array() * gates.middleRows(2 * h, h).array()).tanh().matrix();
        if (cache != nullptr) {
          cache->input[l][p] = std::move(z);
          cache->gates[l][p] = std::move(gates);
        }
      }
    }
    if (cache != nullptr) {
      cache->cell[l] = cell;
      cache->hidden[l] = hid;
    }
    below.at = std::move(hid);
  }
  return below;
}

PatchGrid SpatialLstm::Backward(const Cache& cache, const PatchGrid& d_top, Eigen::VectorXd* gradient) const {
  if (gradient->size() != ParameterCount()) {
    throw std::invalid_argument("spatial LSTM: gradient has " + std::to_string(gradient->size()) + " entries, expected " +
                                std::to_string(ParameterCount()));
  }
  const int rows = cache.rows, cols = cache.cols, positions = rows * cols;
  std::vector<Eigen::Index> offset(layers_.size());
  Eigen::Index total = 0;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    offset[l] = total;
    total += layers_[l].weights.size() + layers_[l].bias.size();
  }
  std::vector<MatrixXd> d_out = d_top.at;
  for (std::size_t l = layers_.size(); l-- > 0;) {
    const SlstmLayerParams& layer = layers_[l];
    const int h = layer.hidden;
    const Eigen::Index n = d_out[0].cols();
    Eigen::Map<MatrixXd> d_weights(gradient->data() + offset[l], layer.weights.rows(), layer.weights.cols());
    Eigen::Map<Eigen::VectorXd> d_bias(gradient->data() + offset[l] + layer.weights.size(), layer.bias.size());
    std::vector<MatrixXd> dh_extra(positions, MatrixXd::Zero(h, n)), dc_extra(positions, MatrixXd::Zero(h, n));
    std::vector<MatrixXd> d_in(positions);
    const MatrixXd zero = MatrixXd::Zero(h, n);
    for (int p = positions - 1; p >= 0; --p) {
      const int i = p / cols, j = p % cols;
      const MatrixXd& gates = cache.gates[l][p];
      const auto g = gates.topRows(h).array();
      const auto o = gates.middleRows(2 * h, h).array();
      // σ's outputs r, and what the cell update used: e = r / m.
      const auto r_in = gates.middleRows(h, h).array();
      const auto r_left = gates.middleRows(3 * h, h).array();
      const auto r_top = gates.middleRows(4 * h, h).array();
      const CellGates e = DividedGates(gates, h, layer.bounded);
      const Eigen::ArrayXXd &in = e.in, &f_left = e.f_left, &f_top = e.f_top, &m = e.m;
      const auto c = cache.cell[l][p].array();
      const auto hid = cache.hidden[l][p].array();
      const auto c_left = (j > 0 ? cache.cell[l][p - 1] : zero).array();
      const auto c_top = (i > 0 ? cache.cell[l][p - cols] : zero).array();

      const Eigen::ArrayXXd dh = d_out[p].array() + dh_extra[p].array();
      const Eigen::ArrayXXd d_pre = dh * (1.0 - hid.square());  // through h = tanh(c ⊙ o)
      const Eigen::ArrayXXd dc = d_pre * o + dc_extra[p].array();
      // dL/de for the three divided gates; where m > 1, e_k = r_k / Σr gives
      // dL/dr_j = (dL/de_j − Σ_k dL/de_k · e_k) / m, and where m = 1, dL/dr = dL/de.
      Eigen::ArrayXXd de_in = dc * g, de_left = dc * c_left, de_top = dc * c_top;
      if (layer.bounded) {
        const Eigen::ArrayXXd shared = (m > 1.0).select(de_in * in + de_left * f_left + de_top * f_top, 0.0);
        de_in = (de_in - shared) / m;
        de_left = (de_left - shared) / m;
        de_top = (de_top - shared) / m;
      }
      MatrixXd da(5 * h, n);
      da.topRows(h) = (dc * in * (1.0 - g.square())).matrix();
      da.middleRows(h, h) = (de_in * r_in * (1.0 - r_in)).matrix();
      da.middleRows(2 * h, h) = (d_pre * c * o * (1.0 - o)).matrix();
      da.middleRows(3 * h, h) = (de_left * r_left * (1.0 - r_left)).matrix();
      da.middleRows(4 * h, h) = (de_top * r_top * (1.0 - r_top)).matrix();
      if (j > 0) dc_extra[p - 1].array() += dc * f_left;
      if (i > 0) dc_extra[p - cols].array() += dc * f_top;

      d_weights.noalias() += da * cache.input[l][p].transpose();
      d_bias += da.rowwise().sum();
      const MatrixXd dz = layer.weights.transpose() * da;
      d_in[p] = dz.topRows(layer.inputs);
      if (j > 0) dh_extra[p - 1] += dz.middleRows(layer.inputs, h);
      if (i > 0) dh_extra[p - cols] += dz.middleRows(layer.inputs + h, h);
      if (layer.extended) {
        if (j > 0) dc_extra[p - 1] += dz.middleRows(layer.inputs + 2 * h, h);
        if (i > 0) dc_extra[p - cols] += dz.middleRows(layer.inputs + 3 * h, h);
      }
    }
    d_out = std::move(d_in);
  }
  PatchGrid d_x;
  d_x.rows = rows;
  d_x.cols = cols;
  d_x.at = std::move(d_out);
  return d_x;
}

Eigen::Index SpatialLstm::ParameterCount() const {
  Eigen::Index count = 0;
  for (const auto& layer : layers_) count += layer.weights.size() + layer.bias.size();
  return count;
}

Eigen::VectorXd SpatialLstm::Parameters() const {
  Eigen::VectorXd parameters(ParameterCount());
  Eigen::Index k = 0;
  for (const auto& layer : layers_) {
    parameters.segment(k, layer.weights.size()) = Eigen::Map<const Eigen::VectorXd>(layer.weights.data(), layer.weights.size());
    k += layer.weights.size();
    parameters.segment(k, layer.bias.size()) = layer.bias;
    k += layer.bias.size();
  }
  return parameters;
}

void SpatialLstm::SetParameters(const Eigen::VectorXd& parameters) {
  if (parameters.size() != ParameterCount()) {
    throw std::invalid_argument("spatial LSTM: " + std::to_string(parameters.size()) + " parameters, expected " +
                                std::to_string(ParameterCount()));
  }
  Eigen::Index k = 0;
  for (auto& layer : layers_) {
    Eigen::Map<Eigen::VectorXd>(layer.weights.data(), layer.weights.size()) = parameters.segment(k, layer.weights.size());
    k += layer.weights.size();
    layer.bias = parameters.segment(k, layer.bias.size());
    k += layer.bias.size();
  }
}

}  // namespace ride::trainer
