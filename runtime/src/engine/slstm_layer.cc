#include "runtime/src/engine/slstm_layer.h"

#include <cstring>

namespace ride::engine {

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
    // Plain products and sums in a fixed order: the same bits on every target, vectorised or not.
    for (std::size_t u = 0; u < hidden; ++u) {
      float in = a[hidden + u], f_left = a[3 * hidden + u], f_top = a[4 * hidden + u];
      if (layer.bounded) {
        const float sum = (in + f_left) + f_top;
        if (sum > 1.0f) {
          in /= sum;
          f_left /= sum;
          f_top /= sum;
        }
      }
      const float cell = (a[u] * in + p.c_left[u] * f_left) + p.c_top[u] * f_top;
      p.c[u] = cell;
      workspace.cell_output[u] = cell * a[2 * hidden + u];
    }
    kernels.tanh_f32(workspace.cell_output, p.h, hidden);  // h = tanh(c ⊙ o)
  }
}

}  // namespace ride::engine
