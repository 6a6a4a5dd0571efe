// What the engine's golden hashes take of a distribution's centre: floor(256 · centre) clamped to a
// pixel value, the starting guess distributions carried when the hashes were recorded, so that
// the recorded hashes still pin the centre as well as everything else a visitor gets.
#ifndef RIDE_TESTS_RUNTIME_ENGINE_CENTRE_VALUE_H_
#define RIDE_TESTS_RUNTIME_ENGINE_CENTRE_VALUE_H_

#include <cstdint>

#include "runtime/src/engine/pixel_distribution.h"

namespace ride::engine::testing {

inline uint32_t CentreValue(const PixelDistribution& d) {
  const float scaled = d.center * 256.0f;
  return scaled >= 1.0f ? (scaled < 255.0f ? static_cast<uint32_t>(scaled) : 255u) : 0u;
}

}  // namespace ride::engine::testing

#endif  // RIDE_TESTS_RUNTIME_ENGINE_CENTRE_VALUE_H_
