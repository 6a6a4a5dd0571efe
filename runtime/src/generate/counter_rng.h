// CounterRng: counter-based random numbers for sampling and inpainting. Every value is a pure
// function of (key, counter), computed with 64-bit integer operations only, so a sample is the same
// on every target and does not depend on the order in which pixels are visited (threads, band
// heights). The mixing function is SplitMix64's finaliser (Steele, Lea & Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014): value(counter) = Mix64(key + (counter + 1) · γ).
//
// Independent streams come from Child(tag), which mixes the tag into the key; callers give each use
// its own tag (pixels of a sample, each inpainting proposal, block orders, flips, acceptances).
#ifndef RIDE_RUNTIME_SRC_GENERATE_COUNTER_RNG_H_
#define RIDE_RUNTIME_SRC_GENERATE_COUNTER_RNG_H_

#include <cstdint>

namespace ride::generate {

inline constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ull;

inline constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

class CounterRng {
 public:
  constexpr CounterRng() = default;
  // A generator for a user's seed (any value; 0 is fine).
  explicit constexpr CounterRng(uint64_t seed) : key_(Mix64(seed ^ 0x52494445u /* "RIDE" */) + kGoldenGamma) {}

  // An independent generator: a different tag gives an unrelated sequence.
  constexpr CounterRng Child(uint64_t tag) const { return CounterRng(Mix64(key_ ^ Mix64(tag + kGoldenGamma)), 0); }

  // 64 random bits for `counter`.
  constexpr uint64_t Bits64(uint64_t counter) const { return Mix64(key_ + (counter + 1) * kGoldenGamma); }
  // 24 random bits: a uniform target for the coder's 2^24 quantised CDF.
  constexpr uint32_t Bits24(uint64_t counter) const { return static_cast<uint32_t>(Bits64(counter) >> 40); }
  // Uniform in [0, 1), 53 bits.
  double Unit(uint64_t counter) const { return static_cast<double>(Bits64(counter) >> 11) * 0x1p-53; }
  // Uniform in [0, n) for n >= 1 (multiply-shift; the bias, below n / 2^32, is irrelevant here).
  constexpr uint32_t Below(uint64_t counter, uint32_t n) const {
    return static_cast<uint32_t>(((Bits64(counter) >> 32) * n) >> 32);
  }

  // The counter of pixel (row, column): distinct for every pixel of any image ride handles.
  static constexpr uint64_t PixelCounter(uint32_t row, uint32_t column) { return (uint64_t{row} << 32) | column; }
  // The counter of channel `channel` (0..3) of pixel (row, column): columns are below 2^24, so the
  // channel takes the bits above them; channel 0's is the pixel's, so gray samples keep theirs.
  static constexpr uint64_t SampleCounter(uint32_t row, uint32_t column, uint32_t channel) {
    return PixelCounter(row, column) | (uint64_t{channel} << 24);
  }

 private:
  constexpr CounterRng(uint64_t key, int) : key_(key) {}
  uint64_t key_ = kGoldenGamma;
};

}  // namespace ride::generate

#endif  // RIDE_RUNTIME_SRC_GENERATE_COUNTER_RNG_H_
