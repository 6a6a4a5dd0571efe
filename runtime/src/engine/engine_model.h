// EngineModel: a frozen model prepared for the inference engine. Built once when a session's model is
// set up (from a loaded model file, or by tests directly); the engine reads it and never changes it.
//
// The float arrays are FloatArrays: views of a model file's bytes when it was loaded in place, or
// storage of their own (float_array.h).
//
// All matrices are input-major (element (output o, input k) at k * outputs + o), the order in which
// the f32 GEMM accumulates (kernels/f32_gemm.h). Values are on the x scale of DESIGN §2: a pixel v
// is (v + 0.5) / 256 when it conditions another pixel, and densities are over y in [0, 1).
#ifndef RIDE_RUNTIME_SRC_ENGINE_ENGINE_MODEL_H_
#define RIDE_RUNTIME_SRC_ENGINE_ENGINE_MODEL_H_

#include <cstddef>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/engine/float_array.h"

namespace ride::engine {

// Causal window: the Hh - 1 full rows above, each `width` wide and centred on the pixel, then the
// (width - 1) / 2 pixels to its left (DESIGN §2 and docs/model_format.md give the order).
struct CausalWindow {
  std::size_t width = 5;
  std::size_t height = 3;
  std::size_t Inputs() const { return (height - 1) * width + (width - 1) / 2; }
  std::size_t HalfWidth() const { return (width - 1) / 2; }
};

// One spatial LSTM layer. Pre-activations a = W·[z; h_left; h_top (; c_left; c_top)] + b in gate
// blocks [g, i, o, f_left, f_top] of `hidden` rows each; c = g⊙i + c_left⊙f_left + c_top⊙f_top and
// h = tanh(c⊙o). A bounded layer first divides i, f_left and f_top by max(1, (i + f_left) + f_top).
struct SlstmLayer {
  std::size_t inputs = 0;  // size of z
  std::size_t hidden = 0;
  bool extended = false;
  bool bounded = false;
  FloatArray weights;  // RecurrentInputs() x 5·hidden, input-major
  FloatArray bias;     // 5·hidden
  std::size_t RecurrentInputs() const { return inputs + (extended ? 4 : 2) * hidden; }
};

// Factorized MCGSM head over z (the top layer's h, or the neighbourhood when there is no layer).
//   features f = F·z + f_bias;  q_c = Σ_k β²_ck f_k²
//   gate logit(c, s) = η_cs − gate_scale_cs · q_c          (gate_scale = ½ e^{α_cs})
//   mean_c = A·[z; n] + d_c                                (A's rows for n: the output affine map)
//   expert: N(y; mean_c, σ_cs²) with 1/σ_cs = expert_inv_std_cs
struct McgsmHead {
  std::size_t inputs = 0;  // size of z
  std::size_t components = 0;
  std::size_t scales = 0;
  std::size_t features = 0;
  bool predictors_see_neighbourhood = false;  // A reads [z; n] rather than z
  FloatArray feature_weights;                 // inputs x features
  FloatArray feature_bias;                    // features (zeros allowed)
  FloatArray feature_weights_squared;         // features x components: β²_ck at k * C + c
  FloatArray gate_bias;                       // C·S, index c * S + s
  FloatArray gate_scale;                      // C·S
  FloatArray predictor_weights;               // (inputs [+ N]) x components
  FloatArray predictor_bias;                  // components
  FloatArray expert_inv_std;                  // C·S
};

// The model predicts `channels` samples per pixel, in order (1: gray; 3: R, G, B). The
// neighbourhood n is the window in every channel, channel 0 first (channels × window.Inputs()
// values); channel c's head reads z_c = [z; the pixel's channels 0 .. c−1], where z is the top
// layer's h or n. Colour models have no layers (Check refuses them).
struct EngineModel {
  CausalWindow window;
  float padding = 0.5f;  // x value of pixels outside the image, in every channel
  std::size_t channels = 1;
  std::vector<SlstmLayer> layers;
  McgsmHead head;                        // channel 0
  std::vector<McgsmHead> channel_heads;  // channels 1 .. channels − 1

  const McgsmHead& Head(std::size_t channel) const { return channel == 0 ? head : channel_heads[channel - 1]; }
  // Size of n.
  std::size_t NeighbourhoodInputs() const { return channels * window.Inputs(); }

  // Checks that every size is consistent (names the first field that is not).
  Status Check() const;
  // Multiply-adds per pixel of the dense layers, all channels (the figure benchmarks compare
  // against peak).
  std::size_t MultiplyAddsPerPixel() const;
  // Floats in every weight array, all channels' heads included.
  std::size_t ParameterCount() const;
};

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_ENGINE_MODEL_H_
