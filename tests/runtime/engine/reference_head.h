// The density of one head in double precision, straight from the equations (engine_model.h), for
// the engine's tests: `z` is the head's input, `n` the neighbourhood (read when its predictors see
// it), `y` the value on [0, 1).
#ifndef RIDE_TESTS_RUNTIME_ENGINE_REFERENCE_HEAD_H_
#define RIDE_TESTS_RUNTIME_ENGINE_REFERENCE_HEAD_H_

#include <cmath>
#include <vector>

#include "runtime/src/engine/engine_model.h"

namespace ride::engine::testing {

inline double ReferenceHeadLogDensity(const McgsmHead& hd, const std::vector<double>& z, const std::vector<double>& n,
                                      double y) {
  std::vector<double> pin = z;
  if (hd.predictors_see_neighbourhood) pin.insert(pin.end(), n.begin(), n.end());
  std::vector<double> energy(hd.components, 0.0), mean(hd.components);
  for (std::size_t k = 0; k < hd.features; ++k) {
    double f = hd.feature_bias[k];
    for (std::size_t i = 0; i < z.size(); ++i) f += z[i] * hd.feature_weights[i * hd.features + k];
    for (std::size_t cc = 0; cc < hd.components; ++cc) energy[cc] += hd.feature_weights_squared[k * hd.components + cc] * f * f;
  }
  for (std::size_t cc = 0; cc < hd.components; ++cc) {
    mean[cc] = hd.predictor_bias[cc];
    for (std::size_t i = 0; i < pin.size(); ++i) mean[cc] += pin[i] * hd.predictor_weights[i * hd.components + cc];
  }
  std::vector<double> logit, term;
  for (std::size_t i = 0; i < hd.components * hd.scales; ++i) {
    const std::size_t cc = i / hd.scales;
    logit.push_back(hd.gate_bias[i] - hd.gate_scale[i] * energy[cc]);
    const double s = hd.expert_inv_std[i], t = (y - mean[cc]) * s;
    term.push_back(std::log(s) - 0.5 * std::log(2 * M_PI) - 0.5 * t * t);
  }
  double lmax = -INFINITY, tmax = -INFINITY;
  for (std::size_t i = 0; i < logit.size(); ++i) lmax = std::fmax(lmax, logit[i]);
  double norm = 0;
  for (double l : logit) norm += std::exp(l - lmax);
  for (std::size_t i = 0; i < logit.size(); ++i) tmax = std::fmax(tmax, logit[i] - lmax + term[i]);
  double sum = 0;
  for (std::size_t i = 0; i < logit.size(); ++i) sum += std::exp(logit[i] - lmax + term[i] - tmax);
  return tmax + std::log(sum) - std::log(norm);
}

}  // namespace ride::engine::testing

#endif  // RIDE_TESTS_RUNTIME_ENGINE_REFERENCE_HEAD_H_
