// From one pixel's mixture, as a head computed it, to the PixelDistribution a visitor codes with:
// the mixture's per-term means, the coded terms (pixel_distribution.h: the terms of weight >=
// kMinCodedWeight in term order, padded with zero-weight terms to a multiple of 8) and the
// centre the decoder's search starts from. Any head that produces a PixelMixture (the MCGSM, later a colour head)
// shares this construction, and with it the codec's bits.
//
// Only copies and compares: nothing is rounded, so the coded terms are exact copies of the
// mixture's values whatever the kernel table. Nothing is allocated.
#ifndef RIDE_RUNTIME_SRC_ENGINE_MIXTURE_CDF_H_
#define RIDE_RUNTIME_SRC_ENGINE_MIXTURE_CDF_H_

#include <cstddef>

#include "runtime/src/engine/pixel_distribution.h"
#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine {

// One pixel's mixture of Gaussians over y in [0, 1): term i = c · scales + s has weight π_i, the
// mean of its component c (shared by the component's scales) and 1/σ_i. Views, owned by the head.
struct PixelMixture {
  std::size_t components = 0;
  std::size_t scales = 0;
  const float* weight = nullptr;          // C·S, normalised
  const float* log_weight = nullptr;      // C·S
  const float* component_mean = nullptr;  // C
  const float* inv_std = nullptr;         // C·S
  float expected = 0.0f;  // Σ π_i μ_i over the terms with π_i >= kMinCodedWeight, in term order
  std::size_t Count() const { return components * scales; }
};

// The coded arrays may hold up to 7 padding terms beyond the mixture's count.
inline constexpr std::size_t kCodedTermPadding = 7;

// Memory one distribution's arrays live in, owned by the caller (count = components × scales).
struct MixtureCdfWorkspace {
  float* mean = nullptr;           // count: the per-term means
  float* coded_weight = nullptr;   // count + kCodedTermPadding each
  float* coded_mean = nullptr;
  float* coded_inv_std = nullptr;
  float* terms = nullptr;          // count + kCodedTermPadding: PixelDistribution's working memory
};

// Makes `distribution` describe `mixture`: every field is set. The distribution points into the
// mixture's arrays and the workspace, and is valid while neither changes. `kernels` (any table:
// the same bits) is what the distribution evaluates its CDF with; it must outlive it.
void BuildPixelDistribution(const PixelMixture& mixture, const MixtureCdfWorkspace& workspace,
                            const kernels::KernelTable* kernels, PixelDistribution* distribution);

}  // namespace ride::engine

#endif  // RIDE_RUNTIME_SRC_ENGINE_MIXTURE_CDF_H_
