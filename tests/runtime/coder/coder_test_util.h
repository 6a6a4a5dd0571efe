// Helpers shared by the coder tests: a portable PRNG (std:: distributions differ between standard
// libraries, and golden tests need the same symbols on every target) and integer CDF sources.
#ifndef RIDE_TESTS_RUNTIME_CODER_CODER_TEST_UTIL_H_
#define RIDE_TESTS_RUNTIME_CODER_CODER_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <vector>

#include "runtime/src/coder/quantized_cdf.h"
#include "runtime/src/coder/range_decoder.h"
#include "runtime/src/coder/range_encoder.h"

namespace ride::coder::testing {

// SplitMix64: tiny, fully specified, identical on every target.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound), bound > 0 (the modulo bias is irrelevant here).
  uint32_t Below(uint32_t bound) { return static_cast<uint32_t>(Next() % bound); }

 private:
  uint64_t state_;
};

// An integer CDF over n symbols summing to 2^precision_bits, built from random positive weights
// raised to `sharpness` (larger = more skewed), through QuantizeCdf like the codec does.
inline std::vector<uint32_t> RandomCdf(SplitMix64& rng, int n, int precision_bits, int sharpness) {
  std::vector<double> weights(n);
  double total = 0;
  for (int v = 0; v < n; ++v) {
    double w = static_cast<double>(rng.Below(1u << 16) + 1);
    for (int k = 1; k < sharpness; ++k) w *= static_cast<double>(rng.Below(1u << 16) + 1) / 65536.0;
    weights[v] = w;
    total += w;
  }
  std::vector<float> cdf(n + 1);
  double running = 0;
  for (int v = 0; v <= n; ++v) {
    cdf[v] = static_cast<float>(running / total);
    if (v < n) running += weights[v];
  }
  std::vector<uint32_t> cdf_q(n + 1);
  QuantizeCdf(cdf.data(), n, precision_bits, cdf_q.data());
  return cdf_q;
}

// Draws a symbol with probability proportional to its integer frequency.
inline uint32_t DrawSymbol(SplitMix64& rng, const std::vector<uint32_t>& cdf_q) {
  const uint32_t target = static_cast<uint32_t>(rng.Next() % cdf_q.back());
  return FindSymbol(cdf_q.data(), cdf_q.size() - 1, target);
}

// -log2 of the coded probability of `symbol`.
inline double SymbolBits(const std::vector<uint32_t>& cdf_q, uint32_t symbol) {
  return -std::log2(static_cast<double>(cdf_q[symbol + 1] - cdf_q[symbol]) /
                    static_cast<double>(cdf_q.back()));
}

// Decodes one symbol with `cdf_q`.
inline uint32_t DecodeSymbol(RangeDecoder& decoder, const std::vector<uint32_t>& cdf_q, int precision_bits) {
  const uint32_t target = decoder.GetTarget(precision_bits);
  const uint32_t symbol = FindSymbol(cdf_q.data(), cdf_q.size() - 1, target);
  decoder.Consume(cdf_q[symbol], cdf_q[symbol + 1] - cdf_q[symbol]);
  return symbol;
}

}  // namespace ride::coder::testing

#endif  // RIDE_TESTS_RUNTIME_CODER_CODER_TEST_UTIL_H_
