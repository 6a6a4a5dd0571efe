// The factorised MCGSM head (DESIGN §2, engine_model.h) over a batch of pixels: from each pixel's
// input z (the top layer's h, or the neighbourhood when there is no layer) to its mixture.
//
//   features f = F·z + f_bias,  energy_c = Σ_k β²_ck f_k²,  mean_c = A·[z (; n)] + d_c
//   logit_i = gate_bias_i − gate_scale_i · energy_c            (term i = c · S + s)
//   best = max_i logit_i,  e_i = exp(logit_i − best),  sum = Σ_i e_i
//   weight_i = e_i · (1 / sum),  log_weight_i = (logit_i − best) − log(sum)
//   expected = Σ_i weight_i · mean_c over the terms with weight_i >= kMinCodedWeight
//
// Determinism: three f32 GEMMs in their canonical order, then every step above per element in a
// fixed order, sums sequential over the terms, ride's own exp and log through the kernel table.
// The maximum follows the sequential rule `best = logit > best ? logit : best` from −inf (NaNs
// never win; −inf when all are NaN). The batch runs the steps together (and eight pixels' sums
// side by side), but a pixel's values never depend on the batch or the kernel table. Nothing is
// allocated.
#ifndef RIDE_RUNTIME_SRC_ENGINE_MCGSM_HEAD_H_
#define RIDE_RUNTIME_SRC_ENGINE_MCGSM_HEAD_H_

#include <cstddef>

#include "runtime/src/engine/engine_model.h"
#include "runtime/src/engine/mixture_cdf.h"
#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine {

// Working memory and results for up to `capacity` pixels, owned by the caller. The inputs buffer
// may be shared with other units (it is only read during RunMcgsmHead's GEMMs).
struct McgsmWorkspace {
  float* inputs = nullptr;       // capacity × input_stride: [z (; n)] per pixel
  std::size_t input_stride = 0;  // >= head.inputs (+ the neighbourhood size when predictors see it)
  float* features = nullptr;     // capacity × F: f, then f²
  float* energy = nullptr;       // capacity × C
  float* means = nullptr;        // capacity × C
  float* log_weight = nullptr;   // capacity × C·S
  float* weight = nullptr;       // capacity × C·S
  float* sums = nullptr;         // capacity each: Σ e_i, its log, the expected value
  float* log_sums = nullptr;
  float* expected = nullptr;
};

// Runs the head for `batch` pixels (batch <= capacity): z[b] points to pixel b's head.inputs
// floats; `neighbourhood` holds batch rows of `neighbourhood_inputs` floats, `neighbourhood_stride`
// apart, read only when head.predictors_see_neighbourhood.
void RunMcgsmHead(const McgsmHead& head, const float* const* z, const float* neighbourhood,
                  std::size_t neighbourhood_inputs, std::size_t neighbourhood_stride, std::size_t batch,
                  const McgsmWorkspace& workspace, const kernels::KernelTable& kernels);

// Pixel b's mixture after RunMcgsmHead: views into the workspace and the head, valid until either
// changes.
PixelMixture McgsmPixelMixture(const McgsmHead& head, const McgsmWorkspace& workspace, std::size_t b);

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_MCGSM_HEAD_H_
