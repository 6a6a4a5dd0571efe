// Every element-wise kernel variant this CPU runs returns the scalar function's bits, for random,
// special and boundary inputs, every tail length, and in place.
#include "runtime/src/kernels/elementwise.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "runtime/src/kernels/kernel_table.h"
#include "runtime/src/math/elementary.h"
#include "tests/runtime/kernels/kernel_variant_test.h"

namespace ride::kernels {
namespace {

float FromBits(std::uint32_t b) {
  float x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}
std::uint32_t Bits(float x) {
  std::uint32_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

struct MapCase {
  const char* name;
  float (*scalar)(float);
  F32MapFunction KernelTable::*field;
};

const MapCase kCases[] = {
    {"exp", math::ExpF32, &KernelTable::exp_f32},
    {"log", math::LogF32, &KernelTable::log_f32},
    {"tanh", math::TanhF32, &KernelTable::tanh_f32},
    {"sigmoid", math::SigmoidF32, &KernelTable::sigmoid_f32},
    {"normal_cdf", math::NormalCdfF32, &KernelTable::normal_cdf_f32},
    {"normal_cdf_table", math::NormalCdfTableF32, &KernelTable::normal_cdf_table_f32},
};

// Special values, every piece boundary of the algorithms and their float neighbours, then random
// bit patterns and random values in each function's working range.
std::vector<float> TestInputs() {
  std::vector<float> inputs;
  const std::uint32_t special_bits[] = {
      0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u,
      0x7fa00001u, 0xff812345u, 0x00000001u, 0x80000001u, 0x007fffffu, 0x807fffffu,
      0x00800000u, 0x80800000u, 0x7f7fffffu, 0xff7fffffu, 0x3f800000u, 0xbf800000u};
  for (std::uint32_t b : special_bits) inputs.push_back(FromBits(b));
  const float boundaries[] = {-104.0f, 89.0f,  88.72283f, -87.33655f, -103.9f,  0.625f,
                              0.70710678f, 1.4142135f, 1.0f, 15.0f, 9.0f, 10.0f,
                              0.5f,     2.0f,   -13.6f,   -14.1f,     44.0f,    -44.0f};
  for (float v : boundaries) {
    for (float s : {1.0f, -1.0f}) {
      const std::uint32_t b = Bits(v * s);
      for (std::uint32_t d = 0; d < 5; ++d) {
        inputs.push_back(FromBits(b + d));
        inputs.push_back(FromBits(b - d));
      }
    }
  }
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::uint32_t> any_bits;
  std::uniform_real_distribution<float> wide(-110.0f, 110.0f);
  std::uniform_real_distribution<float> narrow(-3.0f, 3.0f);
  for (int i = 0; i < 4000; ++i) {
    inputs.push_back(FromBits(any_bits(rng)));
    inputs.push_back(wide(rng));
    inputs.push_back(narrow(rng));
  }
  return inputs;
}

// Parameterised over the kernel list: every variant this build has, skipped where the CPU lacks it.
class ElementwiseVariantTest : public testing::KernelVariantTest {};

TEST_P(ElementwiseVariantTest, MatchesScalarBitForBit) {
  const std::vector<float> inputs = TestInputs();
  for (const MapCase& c : kCases) {
    SCOPED_TRACE(c.name);
    const F32MapFunction map = table().*c.field;
    ASSERT_NE(map, nullptr);
    std::vector<float> out(inputs.size());
    map(inputs.data(), out.data(), inputs.size());
    int failures = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const float expected = c.scalar(inputs[i]);
      if (Bits(out[i]) != Bits(expected) && failures++ < 5) {
        ADD_FAILURE() << "x = " << inputs[i] << " (0x" << std::hex << Bits(inputs[i])
                      << "): got 0x" << Bits(out[i]) << ", scalar 0x" << Bits(expected);
      }
    }
  }
}

TEST_P(ElementwiseVariantTest, EveryTailLengthAndOffsetInPlace) {
  const std::vector<float> inputs = TestInputs();
  for (const MapCase& c : kCases) {
    SCOPED_TRACE(c.name);
    const F32MapFunction map = table().*c.field;
    ASSERT_NE(map, nullptr);
    for (std::size_t n = 0; n <= 33; ++n) {
      for (std::size_t offset = 0; offset < 3; ++offset) {
        const float* in = inputs.data() + offset * 40;
        // Out of place, with a guard element that must stay untouched.
        std::vector<float> out(n + 1, -7.0f);
        map(in, out.data(), n);
        // In place.
        std::vector<float> inout(in, in + n);
        map(inout.data(), inout.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          const std::uint32_t expected = Bits(c.scalar(in[i]));
          ASSERT_EQ(Bits(out[i]), expected) << "n = " << n << ", i = " << i;
          ASSERT_EQ(Bits(inout[i]), expected) << "n = " << n << ", i = " << i;
        }
        ASSERT_EQ(out[n], -7.0f) << "wrote past n = " << n;
      }
    }
  }
}

// Variants may skip the central or the tail part of the normal CDF when no lane of a vector needs
// it: blocks of 8 (and 16) inputs that are all central, all tail, mixed, with NaNs and exact
// boundaries, at every alignment.
TEST_P(ElementwiseVariantTest, NormalCdfBlocksAllCentralAllTailAndMixed) {
  std::mt19937 rng(777);
  std::uniform_real_distribution<float> central(-1.0f, 1.0f);
  std::uniform_real_distribution<float> tail(1.0f, 20.0f);
  std::uniform_int_distribution<int> kind(0, 3);
  std::vector<float> inputs;
  for (int block = 0; block < 3000; ++block) {
    const int k = kind(rng);
    for (int lane = 0; lane < 8; ++lane) {
      float v;
      if (k == 0) {
        v = central(rng);
      } else if (k == 1) {
        v = (rng() & 1) ? tail(rng) : -tail(rng);
      } else if (k == 2) {
        v = (rng() & 1) ? central(rng) : ((rng() & 1) ? tail(rng) : -tail(rng));
      } else {
        const float specials[] = {1.0f, -1.0f, FromBits(0x3f800001u), FromBits(0xbf800001u), 0.0f,
                                  -0.0f, 15.0f, -15.0f, FromBits(0x7fc00000u), FromBits(0xff812345u),
                                  FromBits(0x7f800000u), FromBits(0xff800000u)};
        v = (rng() % 3 == 0) ? specials[rng() % 12] : central(rng);
      }
      inputs.push_back(v);
    }
  }
  for (std::size_t offset = 0; offset < 8; ++offset) {
    std::vector<float> out(inputs.size() - offset);
    table().normal_cdf_f32(inputs.data() + offset, out.data(), out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      const float x = inputs[offset + i];
      ASSERT_EQ(Bits(out[i]), Bits(math::NormalCdfF32(x))) << "x = " << x << ", offset " << offset;
    }
  }
}

#ifndef RIDE_SWEEP_STRIDE
#define RIDE_SWEEP_STRIDE 61
#endif

// Every 61st bit pattern of all 2^32 floats (61 is prime, so the sweep meets every low-bit pattern
// and every exponent; sanitizer and emulated builds take a sparser prime multiple), mapped in
// blocks of 4096 so that neighbouring lanes hold unrelated values.
TEST_P(ElementwiseVariantTest, BitPatternSweepMatchesScalar) {
  if (table().variant == KernelVariant::kScalar) GTEST_SKIP() << "the scalar table is the reference";
  constexpr std::uint64_t kStride = RIDE_SWEEP_STRIDE;
  constexpr std::size_t kBlock = 4096;
  std::vector<float> in(kBlock), out(kBlock);
  for (const MapCase& c : kCases) {
    SCOPED_TRACE(c.name);
    const F32MapFunction map = table().*c.field;
    int failures = 0;
    for (std::uint64_t start = 0; start < (std::uint64_t{1} << 32); start += kStride * kBlock) {
      std::size_t n = 0;
      for (std::uint64_t b = start; n < kBlock && b < (std::uint64_t{1} << 32); b += kStride) {
        in[n++] = FromBits(static_cast<std::uint32_t>(b));
      }
      map(in.data(), out.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        const float expected = c.scalar(in[i]);
        if (Bits(out[i]) != Bits(expected) && failures++ < 5) {
          ADD_FAILURE() << "bits 0x" << std::hex << Bits(in[i]) << ": got 0x" << Bits(out[i]) << ", scalar 0x"
                        << Bits(expected);
        }
      }
    }
  }
}

RIDE_INSTANTIATE_KERNEL_VARIANT_TESTS(ElementwiseVariantTest);

TEST(ElementwiseTest, ProcessTableHasEveryMap) {
  const KernelTable& table = GetKernelTable();
  for (const MapCase& c : kCases) EXPECT_NE(table.*c.field, nullptr) << c.name;
}

}  // namespace
}  // namespace ride::kernels
