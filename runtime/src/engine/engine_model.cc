#include "runtime/src/engine/engine_model.h"

#include <cmath>

namespace ride::engine {
namespace {

Status CheckSize(const char* field, std::size_t actual, std::size_t expected) {
  if (actual != expected) {
    return Status::Error(StatusCode::kInvalidArgument, "engine model: %s has %zu values, expected %zu", field,
                         actual, expected);
  }
  return Status::Ok();
}

Status CheckPositive(const char* field, const FloatArray& values) {
  for (float v : values) {
    if (!(v > 0.0f) || !std::isfinite(v)) {
      return Status::Error(StatusCode::kInvalidArgument, "engine model: %s holds %g, must be positive and finite",
                           field, static_cast<double>(v));
    }
  }
  return Status::Ok();
}

// Channel `channel`'s head, which reads `inputs` values (and the neighbourhood's
// `neighbourhood_inputs` when its predictors see them).
Status CheckHead(const McgsmHead& h, std::size_t channel, std::size_t inputs, std::size_t neighbourhood_inputs) {
  if (h.inputs != inputs || h.components == 0 || h.scales == 0 || h.features == 0) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "engine model: head %zu has %zu inputs (expected %zu), %zu components, %zu scales, %zu features",
                         channel, h.inputs, inputs, h.components, h.scales, h.features);
  }
  const std::size_t cs = h.components * h.scales;
  const std::size_t predictor_inputs = h.inputs + (h.predictors_see_neighbourhood ? neighbourhood_inputs : 0);
  RIDE_RETURN_IF_ERROR(CheckSize("feature weights", h.feature_weights.size(), h.inputs * h.features));
  RIDE_RETURN_IF_ERROR(CheckSize("feature bias", h.feature_bias.size(), h.features));
  RIDE_RETURN_IF_ERROR(CheckSize("squared feature weights", h.feature_weights_squared.size(), h.features * h.components));
  RIDE_RETURN_IF_ERROR(CheckSize("gate bias", h.gate_bias.size(), cs));
  RIDE_RETURN_IF_ERROR(CheckSize("gate scale", h.gate_scale.size(), cs));
  RIDE_RETURN_IF_ERROR(CheckSize("predictor weights", h.predictor_weights.size(), predictor_inputs * h.components));
  RIDE_RETURN_IF_ERROR(CheckSize("predictor bias", h.predictor_bias.size(), h.components));
  RIDE_RETURN_IF_ERROR(CheckSize("expert inverse std", h.expert_inv_std.size(), cs));
  RIDE_RETURN_IF_ERROR(CheckPositive("gate scale", h.gate_scale));
  RIDE_RETURN_IF_ERROR(CheckPositive("expert inverse std", h.expert_inv_std));
  return Status::Ok();
}

}  // namespace

Status EngineModel::Check() const {
  if (window.width % 2 == 0 || window.width == 0 || window.height == 0 || window.Inputs() == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "engine model: window %zux%zu (width odd, at least one input)",
                         window.width, window.height);
  }
  if (!(padding >= 0.0f && padding <= 1.0f)) {
    return Status::Error(StatusCode::kInvalidArgument, "engine model: padding %g outside [0, 1]", double(padding));
  }
  if (channels != 1 && channels != 3) {
    return Status::Error(StatusCode::kInvalidArgument, "engine model: %zu channels (1 gray or 3 RGB)", channels);
  }
  if (channels > 1 && !layers.empty()) {
    return Status::Error(StatusCode::kInvalidArgument, "engine model: a colour model with SLSTM layers");
  }
  if (channel_heads.size() != channels - 1) {
    return Status::Error(StatusCode::kInvalidArgument, "engine model: %zu channel heads for %zu channels",
                         channel_heads.size(), channels);
  }
  std::size_t z = NeighbourhoodInputs();
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const SlstmLayer& layer = layers[l];
    if (layer.inputs != z || layer.hidden == 0) {
      return Status::Error(StatusCode::kInvalidArgument, "engine model: layer %zu has %zu inputs and %zu units, expected %zu inputs",
                           l, layer.inputs, layer.hidden, z);
    }
    RIDE_RETURN_IF_ERROR(CheckSize("layer weights", layer.weights.size(), layer.RecurrentInputs() * 5 * layer.hidden));
    RIDE_RETURN_IF_ERROR(CheckSize("layer bias", layer.bias.size(), 5 * layer.hidden));
    z = layer.hidden;
  }
  for (std::size_t c = 0; c < channels; ++c) RIDE_RETURN_IF_ERROR(CheckHead(Head(c), c, z + c, NeighbourhoodInputs()));
  return Status::Ok();
}

std::size_t EngineModel::MultiplyAddsPerPixel() const {
  std::size_t macs = 0;
  for (const SlstmLayer& layer : layers) macs += layer.RecurrentInputs() * 5 * layer.hidden;
  for (std::size_t c = 0; c < channels; ++c) {
    const McgsmHead& h = Head(c);
    const std::size_t predictor_inputs = h.inputs + (h.predictors_see_neighbourhood ? NeighbourhoodInputs() : 0);
    macs += h.inputs * h.features + h.features * h.components + predictor_inputs * h.components;
  }
  return macs;
}

std::size_t EngineModel::ParameterCount() const {
  std::size_t count = 0;
  for (const SlstmLayer& layer : layers) count += layer.weights.size() + layer.bias.size();
  for (std::size_t c = 0; c < channels; ++c) {
    const McgsmHead& h = Head(c);
    for (const FloatArray* array : {&h.feature_weights, &h.feature_bias, &h.feature_weights_squared, &h.gate_bias,
                                    &h.gate_scale, &h.predictor_weights, &h.predictor_bias, &h.expert_inv_std}) {
      count += array->size();
    }
  }
  return count;
}

}  // namespace ride::engine
