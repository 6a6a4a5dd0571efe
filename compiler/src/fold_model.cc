#include "compiler/src/fold_model.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ride::compiler {
namespace {

void Require(bool condition, const std::string& what) {
  if (!condition) throw std::invalid_argument("trained model: " + what);
}

// Stores matrix M (outputs × inputs) input-major: element (o, k) at k * outputs + o.
std::vector<float> InputMajor(const Eigen::MatrixXd& m) {
  std::vector<float> out(static_cast<std::size_t>(m.size()));
  for (Eigen::Index k = 0; k < m.cols(); ++k)
    for (Eigen::Index o = 0; o < m.rows(); ++o) out[k * m.rows() + o] = static_cast<float>(m(o, k));
  return out;
}

std::vector<float> ToFloats(const Eigen::VectorXd& v) {
  std::vector<float> out(static_cast<std::size_t>(v.size()));
  for (Eigen::Index i = 0; i < v.size(); ++i) out[i] = static_cast<float>(v(i));
  return out;
}

// Checks the shapes of everything but the layers, for whitening over `n` inputs.
void CheckHeadShapes(const TrainedModel& t, Eigen::Index n) {
  Require(t.window_width % 2 == 1 && t.window_height >= 1, "window must be odd wide and at least 1 high");
  Require(t.mean_x.size() == n, "whitening size " + std::to_string(t.mean_x.size()) + " != " + std::to_string(n) +
                                    " inputs");
  Require(t.whiten_x.rows() == n && t.whiten_x.cols() == n && t.regression.size() == n, "whitening shapes");
  Require(std::isfinite(t.p_out) && t.p_out > 0, "p_out must be positive");
  const Eigen::Index components = t.eta.rows(), scales = t.eta.cols(), features = t.beta.cols();
  Require(t.alpha.rows() == components && t.alpha.cols() == scales, "alpha shape");
  Require(t.beta.rows() == components, "beta shape");
  const Eigen::Index z = t.layers.empty() ? n : t.layers.back().hidden;
  Require(t.features.rows() == z && t.features.cols() == features, "features shape");
  Require(t.predictors.rows() == z && t.predictors.cols() == components, "predictors shape");
}

Eigen::Index WindowInputs(const TrainedModel& t) {
  return (t.window_height - 1) * t.window_width + (t.window_width - 1) / 2;
}

// The MCGSM head of `t`, its whitening folded in; `shift` = −Wx μx.
engine::McgsmHead FoldHead(const TrainedModel& t, const Eigen::VectorXd& shift) {
  const Eigen::Index n = t.mean_x.size();
  const Eigen::Index components = t.eta.rows(), scales = t.eta.cols(), features = t.beta.cols();
  const Eigen::Index z = t.layers.empty() ? n : t.layers.back().hidden;
  engine::McgsmHead head;
  head.inputs = static_cast<std::size_t>(z);
  head.components = static_cast<std::size_t>(components);
  head.scales = static_cast<std::size_t>(scales);
  head.features = static_cast<std::size_t>(features);
  head.predictors_see_neighbourhood = !t.layers.empty();

  // Features f = Bᵀ z; without layers z = x̃, so B folds with the whitening.
  Eigen::MatrixXd feature_map = t.features.transpose();  // F × D
  Eigen::VectorXd feature_bias = Eigen::VectorXd::Zero(features);
  if (t.layers.empty()) {
    feature_bias = feature_map * shift;
    feature_map = feature_map * t.whiten_x;
  }
  head.feature_weights = InputMajor(feature_map);
  head.feature_bias = ToFloats(feature_bias);
  head.feature_weights_squared = InputMajor(t.beta.array().square().matrix());  // C × F -> F-major

  head.gate_bias.resize(components * scales);
  head.gate_scale.resize(components * scales);
  head.expert_inv_std.resize(components * scales);
  for (Eigen::Index c = 0; c < components; ++c)
    for (Eigen::Index s = 0; s < scales; ++s) {
      const std::size_t i = static_cast<std::size_t>(c * scales + s);
      head.gate_bias[i] = static_cast<float>(t.eta(c, s));
      head.gate_scale[i] = static_cast<float>(0.5 * std::exp(t.alpha(c, s)));
      head.expert_inv_std[i] = static_cast<float>(std::exp(0.5 * t.alpha(c, s)) * t.p_out);
    }

  // Means μy + r·x̃ + a_cᵀz / p, as one affine map of [z] (no layers) or [z; n] (layers).
  const Eigen::RowVectorXd r_on_n = t.regression.transpose() * t.whiten_x;  // 1 × N
  const double r_shift = t.regression.dot(shift);
  Eigen::MatrixXd mean_map;  // C × (inputs of the map)
  Eigen::VectorXd mean_bias = Eigen::VectorXd::Constant(components, t.mean_y + r_shift);
  const Eigen::MatrixXd a_scaled = t.predictors.transpose() / t.p_out;  // C × D
  if (t.layers.empty()) {
    mean_map = a_scaled * t.whiten_x + r_on_n.replicate(components, 1);
    mean_bias += a_scaled * shift;
  } else {
    mean_map.resize(components, z + n);
    mean_map.leftCols(z) = a_scaled;
    mean_map.rightCols(n) = r_on_n.replicate(components, 1);
  }
  head.predictor_weights = InputMajor(mean_map);
  head.predictor_bias = ToFloats(mean_bias);
  return head;
}

engine::EngineModel WindowOf(const TrainedModel& t) {
  engine::EngineModel model;
  model.window.width = static_cast<std::size_t>(t.window_width);
  model.window.height = static_cast<std::size_t>(t.window_height);
  model.padding = static_cast<float>(t.padding);
  return model;
}

}  // namespace

engine::EngineModel FoldModel(const TrainedModel& t) {
  const Eigen::Index n = WindowInputs(t);
  CheckHeadShapes(t, n);
  engine::EngineModel model = WindowOf(t);

  // x̃ = Wx n + shift, with shift = −Wx μx.
  const Eigen::VectorXd shift = -t.whiten_x * t.mean_x;
  Eigen::Index layer_inputs = n;
  for (std::size_t l = 0; l < t.layers.size(); ++l) {
    const TrainedLayer& layer = t.layers[l];
    const Eigen::Index hidden = layer.hidden;
    const Eigen::Index recurrent = layer.inputs + (layer.extended ? 4 : 2) * hidden;
    Require(layer.inputs == layer_inputs, "layer " + std::to_string(l) + " inputs");
    Require(layer.weights.rows() == 5 * hidden && layer.weights.cols() == recurrent,
            "layer " + std::to_string(l) + " weights shape");
    Require(layer.bias.size() == 5 * hidden, "layer " + std::to_string(l) + " bias");
    Eigen::MatrixXd weights = layer.weights;
    Eigen::VectorXd bias = layer.bias;
    if (l == 0) {
      const Eigen::MatrixXd input_part = layer.weights.leftCols(n);
      weights.leftCols(n) = input_part * t.whiten_x;
      bias += input_part * shift;
    }
    engine::SlstmLayer out;
    out.inputs = static_cast<std::size_t>(layer.inputs);
    out.hidden = static_cast<std::size_t>(hidden);
    out.extended = layer.extended;
    out.bounded = layer.bounded;
    out.weights = InputMajor(weights);
    out.bias = ToFloats(bias);
    model.layers.push_back(std::move(out));
    layer_inputs = hidden;
  }
  model.head = FoldHead(t, shift);
  return model;
}

engine::EngineModel FoldColourModel(const std::vector<TrainedModel>& heads) {
  Require(heads.size() == 3, "a colour model has 3 heads, not " + std::to_string(heads.size()));
  engine::EngineModel model = WindowOf(heads[0]);
  model.channels = heads.size();
  for (std::size_t c = 0; c < heads.size(); ++c) {
    const TrainedModel& t = heads[c];
    Require(t.layers.empty(), "colour heads have no spatial LSTM layers");
    Require(t.window_width == heads[0].window_width && t.window_height == heads[0].window_height &&
                t.padding == heads[0].padding,
            "the heads' windows and padding differ");
    CheckHeadShapes(t, static_cast<Eigen::Index>(heads.size()) * WindowInputs(t) + static_cast<Eigen::Index>(c));
    engine::McgsmHead head = FoldHead(t, -t.whiten_x * t.mean_x);
    if (c == 0) {
      model.head = std::move(head);
    } else {
      model.channel_heads.push_back(std::move(head));
    }
  }
  return model;
}

}  // namespace ride::compiler
