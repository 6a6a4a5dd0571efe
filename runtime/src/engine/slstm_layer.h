// One spatial LSTM layer (DESIGN §2) over a batch of pixels: each pixel's inputs are gathered into
// one row, one f32 GEMM gives every pixel's pre-activations, then the gates and the cell and hidden
// update run pixel by pixel:
//
//   [z; h_left; h_top (; c_left; c_top)] → a = W·x + b in blocks [g, i, o, f_left, f_top]
//   g = tanh(a_g), i, o, f_left, f_top = σ(·)
//   c = (g·i + c_left·f_left) + c_top·f_top,  h = tanh(c·o)
// and in a bounded layer, before the cell update, i, f_left, f_top ← each / max(1, (i + f_left) + f_top),
// so that |c| ≤ 1 (IEEE division and comparison: the same bits on every target).
//
// The caller says where each pixel reads and writes its states (SlstmPixel): the unit knows nothing
// of rings, rows or wavefronts. States outside the image are zeros the caller points to.
//
// Determinism: the GEMM's canonical order, plain products and sums in the order above (the runtime
// is built with -ffp-contract=off), ride's own tanh and sigmoid through the kernel table. Every
// kernel table gives the same bits, and a pixel's result does not depend on the batch it ran in.
// Nothing is allocated.
#ifndef RIDE_RUNTIME_SRC_ENGINE_SLSTM_LAYER_H_
#define RIDE_RUNTIME_SRC_ENGINE_SLSTM_LAYER_H_

#include <cstddef>

#include "runtime/src/engine/engine_model.h"
#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine {

// Where one pixel of the batch reads and writes, each `hidden` floats unless said otherwise.
struct SlstmPixel {
  const float* input = nullptr;   // layer.inputs floats: the neighbourhood, or the layer below's h
  const float* h_left = nullptr;  // the states at (i, j−1) and (i−1, j); zeros outside the image
  const float* h_top = nullptr;
  const float* c_left = nullptr;  // read by every layer (the cell update), gathered when extended
  const float* c_top = nullptr;
  float* h = nullptr;             // written: the pixel's new states
  float* c = nullptr;
};

// Working memory for up to `capacity` pixels, owned by the caller; one workspace serves every
// layer of a model when its strides and sizes fit the largest.
struct SlstmWorkspace {
  float* inputs = nullptr;        // capacity × input_stride
  std::size_t input_stride = 0;   // >= layer.RecurrentInputs()
  float* gates = nullptr;         // capacity × gate_stride
  std::size_t gate_stride = 0;    // >= 5 · layer.hidden
  float* cell_output = nullptr;   // layer.hidden floats: c·o before its tanh
};

// Runs `layer` for pixels[0 .. batch), batch <= the workspace's capacity. Writes each pixel's h and
// c (which must not overlap any pixel's inputs) and the workspace; reads nothing else.
void RunSlstmLayer(const SlstmLayer& layer, const SlstmPixel* pixels, std::size_t batch,
                   const SlstmWorkspace& workspace, const kernels::KernelTable& kernels);

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_SLSTM_LAYER_H_
