// The same symbols must give the same bytes on every target (x86-64, aarch64 under qemu, scalar
// builds): the compressed-file format depends on it.
#include <gtest/gtest.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_encoder.h"
#include "tests/runtime/coder/coder_test_util.h"

namespace ride::coder {
namespace {

constexpr std::size_t kGoldenSize = 91358;
constexpr uint64_t kGoldenHash = 9568293918622275975ull;

TEST(RangeCoderGoldenTest, FixedVectorEncodesToTheSameBytesOnEveryTarget) {
  testing::SplitMix64 rng(20261128);
  std::vector<std::vector<uint32_t>> pool;
  for (int k = 0; k < 16; ++k) pool.push_back(testing::RandomCdf(rng, 256, 24, 1 + k % 4));
  VectorByteSink sink;
  RangeEncoder encoder(&sink);
  for (int i = 0; i < 100000; ++i) {
    const auto& cdf = pool[rng.Below(16)];
    const uint32_t s = testing::DrawSymbol(rng, cdf);
    encoder.Encode(cdf[s], cdf[s + 1] - cdf[s], 24);
  }
  ASSERT_TRUE(encoder.Finish().ok());
  const auto& bytes = sink.bytes();
  EXPECT_EQ(bytes.size(), kGoldenSize);
  EXPECT_EQ(XXH64(bytes.data(), bytes.size(), 0), kGoldenHash);
}

}  // namespace
}  // namespace ride::coder
