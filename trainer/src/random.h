// Portable random numbers for the trainer: std::mt19937_64's output is fixed by the standard, but
// the std:: distributions are not, so uniforms and normals are derived here by closed formulas.
#ifndef RIDE_TRAINER_SRC_RANDOM_H_
#define RIDE_TRAINER_SRC_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <random>

namespace ride::trainer {

// Uniform on [0, 1) with 53 random bits.
inline double Uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Standard normal by Box–Muller (one of the pair; simplicity over speed).
inline double StandardNormal(std::mt19937_64& rng) {
  const double u1 = 1.0 - Uniform01(rng);  // (0, 1]: log stays finite
  const double u2 = Uniform01(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// A generator for stream `stream` of seed `seed` (e.g. one per image), independent of call order.
inline std::mt19937_64 StreamGenerator(uint64_t seed, uint64_t stream) {
  std::seed_seq seq{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                    static_cast<uint32_t>(stream), static_cast<uint32_t>(stream >> 32)};
  return std::mt19937_64(seq);
}

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RANDOM_H_
