// FmaF32 must round once, like hardware FMA, on every target: compared against std::fma (correctly
// rounded by C99) on random operands, including near-total cancellation where double rounding shows.
#include "runtime/src/math/fma_f32.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

namespace ride::math {
namespace {

uint32_t Bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

void ExpectSameFma(float a, float b, float c) {
  const float expected = std::fma(a, b, c);
  const float actual = FmaF32(a, b, c);
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << a << " " << b << " " << c;
  } else {
    EXPECT_EQ(Bits(actual), Bits(expected)) << std::hexfloat << a << " * " << b << " + " << c;
  }
}

TEST(FmaF32Test, MatchesCorrectlyRoundedFmaOnRandomBitPatterns) {
  std::mt19937 random(1);
  for (int i = 0; i < 1'000'000; ++i) {
    const uint32_t bits[3] = {static_cast<uint32_t>(random()), static_cast<uint32_t>(random()),
                              static_cast<uint32_t>(random())};
    float v[3];
    std::memcpy(v, bits, sizeof v);
    ExpectSameFma(v[0], v[1], v[2]);
  }
}

TEST(FmaF32Test, MatchesCorrectlyRoundedFmaUnderCancellation) {
  std::mt19937 random(2);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  for (int i = 0; i < 1'000'000; ++i) {
    const float a = unit(random) * 1000.0f;
    const float b = unit(random);
    // c close to −a·b: the exact result is tiny and its rounding depends on the product's low bits.
    const float c = -(a * b) + std::ldexp(unit(random), -20 - static_cast<int>(random() % 20));
    ExpectSameFma(a, b, c);
  }
}

TEST(FmaF32Test, HandlesSpecialValues) {
  const float inf = std::numeric_limits<float>::infinity();
  const float specials[] = {0.0f, -0.0f, 1.0f, -1.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::max(), std::numeric_limits<float>::denorm_min(),
                            std::numeric_limits<float>::min(), 3.0f, 0.1f};
  for (float a : specials)
    for (float b : specials)
      for (float c : specials) ExpectSameFma(a, b, c);
}

}  // namespace
}  // namespace ride::math
