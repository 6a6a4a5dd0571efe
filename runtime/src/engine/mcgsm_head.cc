#include "runtime/src/engine/mcgsm_head.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/src/engine/pixel_distribution.h"

namespace ride::engine {
namespace {

// The mixture weights of the batch. The element-wise steps are plain loops the compiler
// vectorises; the in-order sums of different pixels are independent, so they run interleaved
// (pixel by pixel within each term), which keeps each pixel's order and hides the latency of the
// additions.
void MixtureWeights(const McgsmHead& head, std::size_t batch, const McgsmWorkspace& ws,
                    const kernels::KernelTable& kernels) {
  const std::size_t components = head.components;
  const std::size_t scales = head.scales;
  const std::size_t count = components * scales;
  const float* gate_bias = head.gate_bias.data();
  const float* gate_scale = head.gate_scale.data();
  for (std::size_t b = 0; b < batch; ++b) {
    float* lw = ws.log_weight + b * count;
    float* w = ws.weight + b * count;  // free until the exp below: each term's energy
    for (std::size_t c = 0; c < components; ++c) {
      const float e = ws.energy[b * components + c];
      float* wc = w + c * scales;
      for (std::size_t k = 0; k < scales; ++k) wc[k] = e;
    }
    for (std::size_t i = 0; i < count; ++i) lw[i] = gate_bias[i] - gate_scale[i] * w[i];
    // Eight interleaved partial maxima under the sequential rule, combined in lane order, give the
    // sequential rule's value: each partial is the first maximum of its subsequence, and floats
    // that compare equal have the same bits unless they are zeros of opposite sign. So only a
    // maximum of ±0 may differ in sign from the sequential rule, and then the first zero in term
    // order is taken.
    float partial[8] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY};
    std::size_t i = 0;
    for (; i + 8 <= count; i += 8) {
      for (std::size_t k = 0; k < 8; ++k) partial[k] = lw[i + k] > partial[k] ? lw[i + k] : partial[k];
    }
    for (; i < count; ++i) partial[0] = lw[i] > partial[0] ? lw[i] : partial[0];
    float best = -INFINITY;
    for (float candidate : partial) best = candidate > best ? candidate : best;
    if (best == 0.0f) {
      for (i = 0; lw[i] != 0.0f; ++i) {
      }
      best = lw[i];
    }
    for (i = 0; i < count; ++i) lw[i] -= best;
  }
  kernels.exp_f32(ws.log_weight, ws.weight, batch * count);
  // Eight pixels at a time, each pixel's sum in a register of its own, adding in term order.
  for (std::size_t b0 = 0; b0 < batch; b0 += 8) {
    const std::size_t pixels = std::min<std::size_t>(8, batch - b0);
    const float* w = ws.weight + b0 * count;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t k = 0; k < 8; ++k) {
        if (k < pixels) acc[k] += w[k * count + i];
      }
    }
    for (std::size_t k = 0; k < pixels; ++k) ws.sums[b0 + k] = acc[k];
  }
  kernels.log_f32(ws.sums, ws.log_sums, batch);
  for (std::size_t b = 0; b < batch; ++b) {
    float* lw = ws.log_weight + b * count;
    float* w = ws.weight + b * count;
    const float inverse_sum = 1.0f / ws.sums[b];
    const float log_sum = ws.log_sums[b];
    for (std::size_t i = 0; i < count; ++i) {
      w[i] *= inverse_sum;
      lw[i] -= log_sum;
    }
  }
  // Terms below kMinCodedWeight add +0 instead of being skipped: the same bits, as the sum starts
  // at +0 and so is never −0 (x + 0 = x for every other x, NaN payloads included).
  for (std::size_t b0 = 0; b0 < batch; b0 += 8) {
    const std::size_t pixels = std::min<std::size_t>(8, batch - b0);
    const float* w = ws.weight + b0 * count;
    const float* m = ws.means + b0 * components;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t c = 0, i = 0; c < components; ++c) {
      for (std::size_t j = 0; j < scales; ++j, ++i) {
        for (std::size_t k = 0; k < 8; ++k) {
          if (k < pixels) {
            const float wk = w[k * count + i];
            const float product = wk * m[k * components + c];
            acc[k] += wk >= kMinCodedWeight ? product : 0.0f;
          }
        }
      }
    }
    for (std::size_t k = 0; k < pixels; ++k) ws.expected[b0 + k] = acc[k];
  }
}

}  // namespace

void RunMcgsmHead(const McgsmHead& head, const float* const* z, const float* neighbourhood,
                  std::size_t neighbourhood_inputs, std::size_t neighbourhood_stride, std::size_t batch,
                  const McgsmWorkspace& ws, const kernels::KernelTable& kernels) {
  const std::size_t inputs = head.inputs;
  for (std::size_t b = 0; b < batch; ++b) {
    float* x = ws.inputs + b * ws.input_stride;
    std::memcpy(x, z[b], inputs * sizeof(float));
    if (head.predictors_see_neighbourhood) {
      std::memcpy(x + inputs, neighbourhood + b * neighbourhood_stride, neighbourhood_inputs * sizeof(float));
    }
  }
  kernels.f32_gemm(kernels::F32GemmArgs{batch, inputs, head.features, ws.inputs, ws.input_stride,
                                        head.feature_weights.data(), head.feature_bias.data(), ws.features,
                                        head.features});
  for (std::size_t k = 0; k < batch * head.features; ++k) ws.features[k] *= ws.features[k];
  kernels.f32_gemm(kernels::F32GemmArgs{batch, head.features, head.components, ws.features, head.features,
                                        head.feature_weights_squared.data(), nullptr, ws.energy, head.components});
  const std::size_t predictor_inputs = inputs + (head.predictors_see_neighbourhood ? neighbourhood_inputs : 0);
  kernels.f32_gemm(kernels::F32GemmArgs{batch, predictor_inputs, head.components, ws.inputs, ws.input_stride,
                                        head.predictor_weights.data(), head.predictor_bias.data(), ws.means,
                                        head.components});
  MixtureWeights(head, batch, ws, kernels);
}

PixelMixture McgsmPixelMixture(const McgsmHead& head, const McgsmWorkspace& ws, std::size_t b) {
  const std::size_t count = head.components * head.scales;
  PixelMixture mixture;
  mixture.components = head.components;
  mixture.scales = head.scales;
  mixture.weight = ws.weight + b * count;
  mixture.log_weight = ws.log_weight + b * count;
  mixture.component_mean = ws.means + b * head.components;
  mixture.inv_std = head.expert_inv_std.data();
  mixture.expected = ws.expected[b];
  return mixture;
}

}  // namespace ride::engine
