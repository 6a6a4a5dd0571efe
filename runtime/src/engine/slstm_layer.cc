#include "runtime/src/engine/slstm_layer.h"

#include <cstring>

namespace ride::engine {
namespace {

// i, f_left, f_top (gate blocks 1, 3, 4) divided by max(1, (i + f_left) + f_top), unit by unit.
void BoundCellGates(float* gates, std::size_t hidden) {
  float* in = gates + hidden;
  float* f_left = gates + 3 * hidden;
  float* f_top = gates + 4 * hidden;
  for (std::size_t u = 0; u < hidden; ++u) {
    const float sum = (in[u] + f_left[u]) + f_top[u];
    if (sum > 1.0f) {
      in[u] /= sum;
      f_left[u] /= sum;
      f_top[u] /= sum;
    }
  }
}

}  // namespace

void RunSlstmLayer(const SlstmLayer& layer, const SlstmPixel* pixels, std::size_t batch,
                   const SlstmWorkspace& workspace, const kernels::KernelTable& kernels) {
  const std::size_t hidden = layer.hidden;
  const std::size_t bytes = hidden * sizeof(float);
  for (std::size_t b = 0; b < batch; ++b) {
    const SlstmPixel& p = pixels[b];
    float* x = workspace.inputs + b * workspace.input_stride;
    std::memcpy(x, p.input, layer.inputs * sizeof(float));
    x += layer.inputs;
    std::memcpy(x, p.h_left, bytes);
    std::memcpy(x + hidden, p.h_top, bytes);
    if (layer.extended) {
      std::memcpy(x + 2 * hidden, p.c_left, bytes);
      std::memcpy(x + 3 * hidden, p.c_top, bytes);
    }
  }
  kernels.f32_gemm(kernels::F32GemmArgs{batch, layer.RecurrentInputs(), 5 * hidden, workspace.inputs,
                                        workspace.input_stride, layer.weights.data(), layer.bias.data(),
                                        workspace.gates, workspace.gate_stride});
  for (std::size_t b = 0; b < batch; ++b) {
    const SlstmPixel& p = pixels[b];
    float* a = workspace.gates + b * workspace.gate_stride;
    kernels.tanh_f32(a, a, hidden);                        // g
    kernels.sigmoid_f32(a + hidden, a + hidden, 4 * hidden);  // i, o, f_left, f_top
    if (layer.bounded) BoundCellGates(a, hidden);
    // Plain products and sums in a fixed order: the same bits on every target, vectorised or not.
    for (std::size_t u = 0; u < hidden; ++u) {
      const float cell = (a[u] * a[hidden + u] + p.c_left[u] * a[3 * hidden + u]) + p.c_top[u] * a[4 * hidden + u];
      p.c[u] = cell;
      workspace.cell_output[u] = cell * a[2 * hidden + u];
    }
    kernels.tanh_f32(workspace.cell_output, p.h, hidden);  // h = tanh(c ⊙ o)
  }
}

}  // namespace ride::engine
