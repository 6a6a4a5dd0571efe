// The SLSTM layer unit against a direct double-precision evaluation of DESIGN §2's equations, and
// its bits: the same for every kernel variant and whatever batch a pixel runs in.
#include "runtime/src/engine/slstm_layer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "runtime/src/kernels/kernel_table.h"
#include "tests/runtime/engine/random_engine_model.h"
#include "tests/runtime/kernels/kernel_variant_test.h"

namespace ride::engine {
namespace {

using testing::Rng;

SlstmLayer RandomLayer(std::size_t inputs, std::size_t hidden, bool extended, bool bounded, uint64_t seed) {
  testing::ModelShape shape;
  shape.hidden = {hidden};
  shape.extended = extended;
  shape.bounded = bounded;
  EngineModel model = testing::RandomEngineModel(shape, seed);
  SlstmLayer layer = model.layers[0];
  if (inputs != layer.inputs) {  // a layer above the first: z is the layer below's h
    Rng rng(seed + 1);
    layer.inputs = inputs;
    layer.weights.resize(layer.RecurrentInputs() * 5 * hidden);
    for (float& w : layer.weights) w = rng.Symmetric(3.0 / std::sqrt(double(layer.RecurrentInputs())));
  }
  return layer;
}

// A batch of pixels with their own inputs and neighbouring states, and room for their outputs with
// guard values on both sides.
struct Batch {
  static constexpr std::size_t kGuard = 3;
  static constexpr float kGuardValue = -7.0f;
  std::size_t inputs, hidden;
  std::vector<std::vector<float>> input, h_left, h_top, c_left, c_top, h, c;

  Batch(std::size_t pixels, std::size_t inputs_, std::size_t hidden_, uint64_t seed) : inputs(inputs_), hidden(hidden_) {
    Rng rng(seed);
    auto fill = [&](std::vector<std::vector<float>>& v, std::size_t n, double scale) {
      v.resize(pixels);
      for (auto& x : v) {
        x.resize(n);
        for (float& e : x) e = rng.Symmetric(scale);
      }
    };
    fill(input, inputs, 1.0);
    fill(h_left, hidden, 1.0);
    fill(h_top, hidden, 1.0);
    fill(c_left, hidden, 2.0);
    fill(c_top, hidden, 2.0);
    h.assign(pixels, std::vector<float>(hidden + 2 * kGuard, kGuardValue));
    c = h;
  }
  std::size_t size() const { return input.size(); }
  SlstmPixel Pixel(std::size_t b) {
    return SlstmPixel{input[b].data(), h_left[b].data(), h_top[b].data(), c_left[b].data(),
                      c_top[b].data(),  h[b].data() + kGuard, c[b].data() + kGuard};
  }
};

struct Workspace {
  std::vector<float> inputs, gates, cell_output;
  SlstmWorkspace view;
  Workspace(const SlstmLayer& layer, std::size_t capacity) {
    view.input_stride = layer.RecurrentInputs() + 1;  // strides wider than the rows
    view.gate_stride = 5 * layer.hidden + 3;
    inputs.assign(capacity * view.input_stride, NAN);
    gates.assign(capacity * view.gate_stride, NAN);
    cell_output.assign(layer.hidden, NAN);
    view.inputs = inputs.data();
    view.gates = gates.data();
    view.cell_output = cell_output.data();
  }
};

void RunPixels(const SlstmLayer& layer, Batch& batch, std::size_t first, std::size_t count,
         const kernels::KernelTable& kernels) {
  std::vector<SlstmPixel> pixels;
  for (std::size_t b = first; b < first + count; ++b) pixels.push_back(batch.Pixel(b));
  Workspace workspace(layer, count);
  RunSlstmLayer(layer, pixels.data(), count, workspace.view, kernels);
}

void RunAll(const SlstmLayer& layer, Batch& batch, const kernels::KernelTable& kernels) {
  RunPixels(layer, batch, 0, batch.size(), kernels);
}

bool SameBits(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size() || std::memcmp(a[i].data(), b[i].data(), a[i].size() * sizeof(float)) != 0) {
      return false;
    }
  }
  return true;
}

struct Shape {
  const char* name;
  std::size_t inputs, hidden;
  bool extended, bounded;
};
const Shape kShapes[] = {{"first layer", 12, 8, false, false},
                         {"first layer extended", 12, 8, true, false},
                         {"second layer", 8, 6, false, false},
                         {"wide extended", 40, 33, true, false},
                         {"first layer bounded", 12, 8, false, true},
                         {"wide extended bounded", 40, 33, true, true}};

TEST(SlstmLayerTest, MatchesADirectDoublePrecisionEvaluation) {
  const kernels::KernelTable& kernels = kernels::GetKernelTable();
  for (const Shape& shape : kShapes) {
    SCOPED_TRACE(shape.name);
    const SlstmLayer layer = RandomLayer(shape.inputs, shape.hidden, shape.extended, shape.bounded, 3);
    ASSERT_EQ(layer.inputs, shape.inputs);
    Batch batch(7, shape.inputs, shape.hidden, 11);
    RunAll(layer, batch, kernels);
    const std::size_t H = shape.hidden;
    std::size_t bounded_units = 0;  // where a bounded layer divides (both cases should be tested)
    auto sigmoid = [](double a) { return 1.0 / (1.0 + std::exp(-a)); };
    for (std::size_t b = 0; b < batch.size(); ++b) {
      std::vector<double> x(batch.input[b].begin(), batch.input[b].end());
      x.insert(x.end(), batch.h_left[b].begin(), batch.h_left[b].end());
      x.insert(x.end(), batch.h_top[b].begin(), batch.h_top[b].end());
      if (shape.extended) {
        x.insert(x.end(), batch.c_left[b].begin(), batch.c_left[b].end());
        x.insert(x.end(), batch.c_top[b].begin(), batch.c_top[b].end());
      }
      ASSERT_EQ(x.size(), layer.RecurrentInputs());
      for (std::size_t u = 0; u < H; ++u) {
        double a[5];
        for (int gate = 0; gate < 5; ++gate) {
          const std::size_t o = gate * H + u;
          a[gate] = layer.bias[o];
          for (std::size_t k = 0; k < x.size(); ++k) a[gate] += x[k] * layer.weights[k * 5 * H + o];
        }
        double in = sigmoid(a[1]), f_left = sigmoid(a[3]), f_top = sigmoid(a[4]);
        const double divisor = shape.bounded ? std::max(1.0, in + f_left + f_top) : 1.0;
        bounded_units += divisor > 1.0;
        in /= divisor;
        f_left /= divisor;
        f_top /= divisor;
        const double cell = std::tanh(a[0]) * in + batch.c_left[b][u] * f_left + batch.c_top[b][u] * f_top;
        const double h = std::tanh(cell * sigmoid(a[2]));
        EXPECT_NEAR(batch.c[b][Batch::kGuard + u], cell, 1e-5 + 1e-5 * std::fabs(cell)) << "pixel " << b << " unit " << u;
        EXPECT_NEAR(batch.h[b][Batch::kGuard + u], h, 1e-5) << "pixel " << b << " unit " << u;
      }
    }
    if (shape.bounded) {
      EXPECT_GT(bounded_units, 0u);
      EXPECT_LT(bounded_units, batch.size() * H);
    }
  }
}

TEST(SlstmLayerTest, WritesOnlyTheStatesItIsGiven) {
  const SlstmLayer layer = RandomLayer(12, 8, true, false, 5);
  Batch batch(5, 12, 8, 6);
  const Batch before = batch;
  RunAll(layer, batch, kernels::GetKernelTable());
  EXPECT_TRUE(SameBits(batch.input, before.input));
  EXPECT_TRUE(SameBits(batch.h_left, before.h_left));
  EXPECT_TRUE(SameBits(batch.c_top, before.c_top));
  for (std::size_t b = 0; b < batch.size(); ++b) {
    for (const std::vector<float>* state : {&batch.h[b], &batch.c[b]}) {
      for (std::size_t g = 0; g < Batch::kGuard; ++g) {
        EXPECT_EQ((*state)[g], Batch::kGuardValue);
        EXPECT_EQ((*state)[Batch::kGuard + 8 + g], Batch::kGuardValue);
      }
    }
  }
}

TEST(SlstmLayerTest, APixelsBitsDoNotDependOnItsBatch) {
  const kernels::KernelTable& kernels = kernels::GetKernelTable();
  for (const Shape& shape : kShapes) {
    const SlstmLayer layer = RandomLayer(shape.inputs, shape.hidden, shape.extended, shape.bounded, 8);
    Batch together(13, shape.inputs, shape.hidden, 21);
    Batch alone = together;
    RunAll(layer, together, kernels);
    for (std::size_t b = 0; b < alone.size(); ++b) RunPixels(layer, alone, b, 1, kernels);
    EXPECT_TRUE(SameBits(together.h, alone.h)) << shape.name;
    EXPECT_TRUE(SameBits(together.c, alone.c)) << shape.name;
  }
}

class SlstmLayerVariantTest : public kernels::testing::KernelVariantTest {};

TEST_P(SlstmLayerVariantTest, GivesTheScalarReferencesBits) {
  const kernels::KernelTable reference = kernels::MakeKernelTable(kernels::KernelVariant::kScalar);
  for (const Shape& shape : kShapes) {
    const SlstmLayer layer = RandomLayer(shape.inputs, shape.hidden, shape.extended, shape.bounded, 13);
    Batch expected(9, shape.inputs, shape.hidden, 17);
    Batch actual = expected;
    RunAll(layer, expected, reference);
    RunAll(layer, actual, table());
    EXPECT_TRUE(SameBits(expected.h, actual.h)) << shape.name;
    EXPECT_TRUE(SameBits(expected.c, actual.c)) << shape.name;
  }
}

RIDE_INSTANTIATE_KERNEL_VARIANT_TESTS(SlstmLayerVariantTest);

}  // namespace
}  // namespace ride::engine
