// Every GEMM variant must return the scalar reference's bits, at every tile edge and tail, for any
// batch size: the codec's encoder (batched rows) and decoder (single rows) depend on it.
#include "runtime/src/kernels/f32_gemm.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "tests/runtime/kernels/kernel_variant_test.h"

namespace ride::kernels {
namespace {

class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  // Values spread over several binades, both signs, so rounding differences would show.
  float Next() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    const int32_t mantissa = static_cast<int32_t>(state_ >> 40) - (1 << 23);
    const int exponent = static_cast<int>((state_ >> 20) % 12);
    return static_cast<float>(mantissa) / static_cast<float>(1 << (20 + exponent));
  }

 private:
  uint64_t state_;
};

struct Problem {
  std::size_t batch, inputs, outputs, x_stride, y_stride;
  bool with_bias;
  std::vector<float> x, w, bias;

  Problem(std::size_t b, std::size_t k, std::size_t o, bool bias_on, uint64_t seed)
      : batch(b), inputs(k), outputs(o), x_stride(k + 3), y_stride(o + 5), with_bias(bias_on) {
    Lcg rng(seed);
    x.resize(batch * x_stride + 1);
    w.resize(inputs * outputs + 1);
    bias.resize(outputs + 1);
    for (float& v : x) v = rng.Next();
    for (float& v : w) v = rng.Next();
    for (float& v : bias) v = rng.Next();
  }
  F32GemmArgs Args(float* y, std::size_t first_row = 0, std::size_t rows = SIZE_MAX) const {
    return F32GemmArgs{rows == SIZE_MAX ? batch : rows, inputs, outputs, x.data() + first_row * x_stride,
                       x_stride, w.data(), with_bias ? bias.data() : nullptr, y + first_row * y_stride, y_stride};
  }
  std::vector<float> Output() const { return std::vector<float>(batch * y_stride, -7.0f); }
};

bool SameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST(F32GemmTest, ScalarReferenceFollowsTheCanonicalOrder) {
  // y = bias, then one fused multiply-add per input in increasing k: with these values a different
  // order or separate rounding of the products would change the result.
  const float x[3] = {1.0f, 1.0f, 1.0f};
  const float w[3] = {1.0f, 1e-8f, -1.0f};
  const float bias = 0.0f;
  float y = 0.0f;
  F32GemmScalar(F32GemmArgs{1, 3, 1, x, 3, w, &bias, &y, 1});
  EXPECT_EQ(y, 0.0f);  // (0 + 1) + 1e-8 rounds to 1, then 1 - 1 = 0
}

// Parameterised over the kernel list: every variant this build has, skipped where the CPU lacks it.
class F32GemmVariantTest : public testing::KernelVariantTest {};

TEST_P(F32GemmVariantTest, MatchesTheReferenceBitForBitAtEveryTileEdge) {
  const F32GemmFunction gemm = table().f32_gemm;
  ASSERT_NE(gemm, nullptr);
  uint64_t seed = 1;
  for (std::size_t batch : {1, 2, 3, 4, 5, 7, 8, 9}) {
    for (std::size_t inputs : {0, 1, 2, 12, 40, 140}) {
      for (std::size_t outputs : {1, 3, 4, 7, 8, 9, 15, 16, 17, 24, 31, 33, 320}) {
        for (bool with_bias : {true, false}) {
          const Problem p(batch, inputs, outputs, with_bias, seed++);
          auto expected = p.Output();
          auto actual = p.Output();
          F32GemmScalar(p.Args(expected.data()));
          gemm(p.Args(actual.data()));
          ASSERT_TRUE(SameBits(expected, actual))
              << "batch " << batch << " inputs " << inputs << " outputs " << outputs << " bias " << with_bias;
        }
      }
    }
  }
}

TEST_P(F32GemmVariantTest, RowAtATimeEqualsBatched) {
  const Problem p(13, 140, 320, true, 99);
  auto batched = p.Output();
  F32GemmScalar(p.Args(batched.data()));
  auto rows = p.Output();
  for (std::size_t b = 0; b < p.batch; ++b) table().f32_gemm(p.Args(rows.data(), b, 1));
  EXPECT_TRUE(SameBits(batched, rows));
  auto all = p.Output();
  table().f32_gemm(p.Args(all.data()));
  EXPECT_TRUE(SameBits(batched, all));
}

TEST_P(F32GemmVariantTest, LeavesPaddingBetweenOutputRowsUntouched) {
  const Problem p(5, 12, 17, true, 7);
  auto y = p.Output();
  table().f32_gemm(p.Args(y.data()));
  for (std::size_t b = 0; b < p.batch; ++b) {
    for (std::size_t o = p.outputs; o < p.y_stride; ++o) EXPECT_EQ(y[b * p.y_stride + o], -7.0f);
  }
}

RIDE_INSTANTIATE_KERNEL_VARIANT_TESTS(F32GemmVariantTest);

}  // namespace
}  // namespace ride::kernels
