#include "runtime/src/xnnpack/xnnpack_fully_connected.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace ride::xnnpack {
namespace {

// Shapes of ride's layers (SLSTM 5·64 outputs over 12 + 2·64 inputs, an MCGSM head) and odd tails.
struct Shape {
  std::size_t inputs, outputs, batch;
};

TEST(XnnpackFullyConnectedTest, MatchesTheReferenceWithinItsNamedTolerance) {
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<float>(static_cast<int32_t>(state >> 33) % 2001 - 1000) / 1000.0f;
  };
  for (const Shape shape : {Shape{140, 320, 64}, Shape{64, 32, 7}, Shape{12, 5, 1}, Shape{3, 17, 33}}) {
    std::vector<float> weights(shape.inputs * shape.outputs), bias(shape.outputs);
    std::vector<float> input(shape.batch * shape.inputs), output(shape.batch * shape.outputs);
    for (float& w : weights) w = next();
    for (float& b : bias) b = next();
    for (float& x : input) x = next();
    XnnpackFullyConnected layer;
    const Status setup = layer.Setup(shape.inputs, shape.outputs, weights.data(), bias.data());
    if (setup.code() == StatusCode::kUnsupported) GTEST_SKIP() << setup.message();
    ASSERT_TRUE(setup.ok()) << setup.message();
    ASSERT_TRUE(layer.Run(input.data(), shape.batch, output.data()).ok());
    for (std::size_t n = 0; n < shape.batch; ++n) {
      for (std::size_t o = 0; o < shape.outputs; ++o) {
        double sum = bias[o], magnitude = std::fabs(bias[o]);
        for (std::size_t k = 0; k < shape.inputs; ++k) {
          const double term = double(input[n * shape.inputs + k]) * weights[k * shape.outputs + o];
          sum += term;
          magnitude += std::fabs(term);
        }
        EXPECT_NEAR(output[n * shape.outputs + o], sum, kXnnpackFullyConnectedRelativeTolerance * magnitude)
            << "inputs " << shape.inputs << " outputs " << shape.outputs << " row " << n << " output " << o;
      }
    }
  }
}

TEST(XnnpackFullyConnectedTest, RunBeforeSetupIsAnError) {
  XnnpackFullyConnected layer;
  float x = 0;
  EXPECT_EQ(layer.Run(&x, 1, &x).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace ride::xnnpack
