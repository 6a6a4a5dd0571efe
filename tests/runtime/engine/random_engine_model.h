// Random engine models for tests: every shape the engine supports, with weights small enough that
// gates neither saturate nor vanish, so differences in arithmetic would show.
#ifndef RIDE_TESTS_RUNTIME_ENGINE_RANDOM_ENGINE_MODEL_H_
#define RIDE_TESTS_RUNTIME_ENGINE_RANDOM_ENGINE_MODEL_H_

#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime/src/engine/engine_model.h"

namespace ride::engine::testing {

struct ModelShape {
  std::size_t window_width = 5, window_height = 3;
  std::vector<std::size_t> hidden = {8};  // one entry per SLSTM layer; empty for MCGSM only
  bool extended = false;
  bool bounded = false;
  std::size_t components = 4, scales = 3, features = 5;
  std::size_t channels = 1;  // 3: a colour model (no layers), one head per channel
};

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  double Uniform() {  // [0, 1)
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state_ >> 11) * (1.0 / 9007199254740992.0);
  }
  float Symmetric(double scale) { return static_cast<float>((2 * Uniform() - 1) * scale); }

 private:
  uint64_t state_;
};

// A head reading `z` inputs (its predictors also the neighbourhood's when `see_neighbourhood`).
inline McgsmHead RandomHead(const ModelShape& shape, std::size_t z, bool see_neighbourhood,
                            std::size_t neighbourhood_inputs, Rng& rng) {
  McgsmHead head;
  head.inputs = z;
  head.components = shape.components;
  head.scales = shape.scales;
  head.features = shape.features;
  head.predictors_see_neighbourhood = see_neighbourhood;
  const std::size_t c = shape.components, cs = shape.components * shape.scales;
  head.feature_weights.resize(z * shape.features);
  for (float& w : head.feature_weights) w = rng.Symmetric(1.0 / std::sqrt(double(z)));
  head.feature_bias.resize(shape.features);
  for (float& b : head.feature_bias) b = rng.Symmetric(0.2);
  head.feature_weights_squared.resize(shape.features * c);
  for (float& w : head.feature_weights_squared) w = static_cast<float>(rng.Uniform());
  head.gate_bias.resize(cs);
  for (float& b : head.gate_bias) b = rng.Symmetric(1.0);
  head.gate_scale.resize(cs);
  for (float& s : head.gate_scale) s = static_cast<float>(0.05 + rng.Uniform());
  const std::size_t predictor_inputs = z + (see_neighbourhood ? neighbourhood_inputs : 0);
  head.predictor_weights.resize(predictor_inputs * c);
  for (float& w : head.predictor_weights) w = rng.Symmetric(0.3 / std::sqrt(double(predictor_inputs)));
  head.predictor_bias.resize(c);
  for (float& b : head.predictor_bias) b = static_cast<float>(0.2 + 0.6 * rng.Uniform());
  head.expert_inv_std.resize(cs);
  for (float& s : head.expert_inv_std) s = static_cast<float>(std::exp(1.5 + 3.0 * rng.Uniform()));  // σ ≈ 0.001..0.2
  return head;
}

inline EngineModel RandomEngineModel(const ModelShape& shape, uint64_t seed) {
  Rng rng(seed);
  EngineModel model;
  model.window.width = shape.window_width;
  model.window.height = shape.window_height;
  model.padding = 0.5f;
  std::size_t z = model.window.Inputs();
  for (std::size_t hidden : shape.hidden) {
    SlstmLayer layer;
    layer.inputs = z;
    layer.hidden = hidden;
    layer.extended = shape.extended;
    layer.bounded = shape.bounded;
    const double scale = 1.5 / std::sqrt(static_cast<double>(layer.RecurrentInputs()));
    layer.weights.resize(layer.RecurrentInputs() * 5 * hidden);
    for (float& w : layer.weights) w = rng.Symmetric(scale * 2);
    layer.bias.resize(5 * hidden);
    for (float& b : layer.bias) b = rng.Symmetric(0.5);
    model.layers.push_back(layer);
    z = hidden;
  }
  model.channels = shape.channels;
  z = shape.hidden.empty() ? model.NeighbourhoodInputs() : z;
  const bool see_neighbourhood = !shape.hidden.empty();
  model.head = RandomHead(shape, z, see_neighbourhood, model.NeighbourhoodInputs(), rng);
  for (std::size_t c = 1; c < shape.channels; ++c) {
    model.channel_heads.push_back(RandomHead(shape, z + c, see_neighbourhood, model.NeighbourhoodInputs(), rng));
  }
  return model;
}

// A grey image with smooth structure and noise, deterministic from the seed; with `channels` > 1,
// interleaved samples whose channels are related (as in photographs) but not equal.
inline std::vector<uint8_t> RandomImage(uint32_t width, uint32_t height, uint64_t seed, uint32_t channels = 1) {
  Rng rng(seed);
  std::vector<uint8_t> pixels(std::size_t{width} * height * channels);
  for (uint32_t r = 0; r < height; ++r) {
    for (uint32_t c = 0; c < width; ++c) {
      const double smooth = 128 + 80 * std::sin(0.11 * c + 0.05 * r) * std::cos(0.07 * r);
      for (uint32_t k = 0; k < channels; ++k) {
        const double value = smooth * (1.0 - 0.2 * k) + 20 * k + 20 * (rng.Uniform() - 0.5);
        pixels[(std::size_t{r} * width + c) * channels + k] = static_cast<uint8_t>(std::fmin(255, std::fmax(0, value)));
      }
    }
  }
  return pixels;
}

}  // namespace ride::engine::testing

#endif  // RIDE_TESTS_RUNTIME_ENGINE_RANDOM_ENGINE_MODEL_H_
