#include "runtime/src/engine/mixture_cdf.h"

#include <cstdint>

namespace ride::engine {
namespace {

struct CodedTerms {
  float* weight;
  float* mean;
  float* inv_std;
  void Set(std::size_t to, float w, float m, float s) const {
    weight[to] = w;
    mean[to] = m;
    inv_std[to] = s;
  }
};

}  // namespace

void BuildPixelDistribution(const PixelMixture& mixture, const MixtureCdfWorkspace& workspace,
                            const kernels::KernelTable* kernels, PixelDistribution* distribution) {
  const std::size_t scales = mixture.scales;
  const std::size_t count = mixture.Count();
  const float* weight = mixture.weight;
  const float* inv_std = mixture.inv_std;
  float* mean = workspace.mean;
  for (std::size_t c = 0; c < mixture.components; ++c) {
    const float m = mixture.component_mean[c];
    float* mc = mean + c * scales;
    for (std::size_t k = 0; k < scales; ++k) mc[k] = m;
  }
  // The coded terms: those with weight >= kMinCodedWeight, in term order. Blocks of 8 terms that
  // are all kept (or all dropped) are copied whole (or skipped); the others term by term.
  const CodedTerms coded_terms{workspace.coded_weight, workspace.coded_mean, workspace.coded_inv_std};
  std::size_t coded = 0;
  std::size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    int kept = 0;
    for (std::size_t k = 0; k < 8; ++k) kept += weight[i + k] >= kMinCodedWeight ? 1 : 0;
    if (kept == 8) {
      for (std::size_t k = 0; k < 8; ++k) coded_terms.Set(coded + k, weight[i + k], mean[i + k], inv_std[i + k]);
      coded += 8;
      continue;
    }
    if (kept == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      if (weight[k] >= kMinCodedWeight) coded_terms.Set(coded++, weight[k], mean[k], inv_std[k]);
    }
  }
  for (; i < count; ++i) {
    if (weight[i] >= kMinCodedWeight) coded_terms.Set(coded++, weight[i], mean[i], inv_std[i]);
  }
  for (; coded % 8 != 0; ++coded) coded_terms.Set(coded, 0.0f, 0.0f, 1.0f);

  distribution->count = count;
  distribution->weight = weight;
  distribution->log_weight = mixture.log_weight;
  distribution->mean = mean;
  distribution->inv_std = inv_std;
  distribution->coded_count = coded;
  distribution->coded_weight = workspace.coded_weight;
  distribution->coded_mean = workspace.coded_mean;
  distribution->coded_inv_std = workspace.coded_inv_std;
  distribution->center = mixture.expected;  // only the decoder's speed depends on it
  distribution->terms = workspace.terms;
  distribution->kernels = kernels;
}

}  // namespace ride::engine
