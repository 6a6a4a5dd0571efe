#include "runtime/src/engine/wavefront_session.h"

#include <gtest/gtest.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "runtime/src/kernels/kernel_table.h"
#include "tests/runtime/engine/centre_value.h"
#include "tests/runtime/engine/random_engine_model.h"
#include "tests/runtime/engine/recording_visitor.h"
#include "tests/runtime/engine/reference_head.h"
#include "tests/runtime/kernels/kernel_variant_test.h"

namespace ride::engine {
namespace {

using testing::ModelShape;
using testing::RandomEngineModel;
using testing::RandomImage;
using testing::RecordingVisitor;
using testing::RunModel;
using testing::Hash;


// Independent double-precision implementation of the model, pixel by pixel in raster order.
std::vector<double> ReferenceLogDensities(const EngineModel& m, const std::vector<uint8_t>& image, uint32_t width,
                                          uint32_t height) {
  const std::size_t n_inputs = m.window.Inputs(), hw = m.window.HalfWidth();
  auto x = [&](int64_t r, int64_t c) -> double {
    if (r < 0 || c < 0 || c >= width) return m.padding;
    return (image[r * width + c] + 0.5) / 256.0;
  };
  std::vector<std::vector<double>> h(m.layers.size()), cell(m.layers.size());
  for (std::size_t l = 0; l < m.layers.size(); ++l) {
    h[l].assign(std::size_t{width} * height * m.layers[l].hidden, 0.0);
    cell[l].assign(std::size_t{width} * height * m.layers[l].hidden, 0.0);
  }
  auto sigmoid = [](double a) { return 1.0 / (1.0 + std::exp(-a)); };
  std::vector<double> out;
  for (int64_t r = 0; r < height; ++r) {
    for (int64_t c = 0; c < width; ++c) {
      std::vector<double> n;
      for (int64_t dy = m.window.height - 1; dy >= 1; --dy)
        for (int64_t dx = -int64_t(hw); dx <= int64_t(hw); ++dx) n.push_back(x(r - dy, c + dx));
      for (int64_t dx = -int64_t(hw); dx < 0; ++dx) n.push_back(x(r, c + dx));
      EXPECT_EQ(n.size(), n_inputs);
      std::vector<double> z = n;
      for (std::size_t l = 0; l < m.layers.size(); ++l) {
        const SlstmLayer& layer = m.layers[l];
        const std::size_t H = layer.hidden;
        auto state = [&](std::vector<double>& s, int64_t rr, int64_t cc, std::size_t u) {
          return (rr < 0 || cc < 0) ? 0.0 : s[(rr * width + cc) * H + u];
        };
        std::vector<double> in = z;
        for (std::size_t u = 0; u < H; ++u) in.push_back(state(h[l], r, c - 1, u));
        for (std::size_t u = 0; u < H; ++u) in.push_back(state(h[l], r - 1, c, u));
        if (layer.extended) {
          for (std::size_t u = 0; u < H; ++u) in.push_back(state(cell[l], r, c - 1, u));
          for (std::size_t u = 0; u < H; ++u) in.push_back(state(cell[l], r - 1, c, u));
        }
        std::vector<double> a(5 * H);
        for (std::size_t o = 0; o < 5 * H; ++o) {
          a[o] = layer.bias[o];
          for (std::size_t k = 0; k < in.size(); ++k) a[o] += in[k] * layer.weights[k * 5 * H + o];
        }
        std::vector<double> next(H);
        for (std::size_t u = 0; u < H; ++u) {
          const double cc = std::tanh(a[u]) * sigmoid(a[H + u]) + state(cell[l], r, c - 1, u) * sigmoid(a[3 * H + u]) +
                            state(cell[l], r - 1, c, u) * sigmoid(a[4 * H + u]);
          cell[l][(r * width + c) * H + u] = cc;
          next[u] = h[l][(r * width + c) * H + u] = std::tanh(cc * sigmoid(a[2 * H + u]));
        }
        z = next;
      }
      out.push_back(testing::ReferenceHeadLogDensity(m.head, z, n, (image[r * width + c] + 0.5) / 256.0));
    }
  }
  return out;
}

constexpr uint64_t kGoldenCdfHash = 12904114440955404266ull;

struct Case {
  const char* name;
  ModelShape shape;
};

std::vector<Case> Cases() {
  ModelShape mcgsm;
  mcgsm.hidden = {};
  mcgsm.window_width = 9;
  mcgsm.window_height = 5;
  ModelShape one;
  ModelShape two;
  two.hidden = {8, 6};
  ModelShape extended = two;
  extended.extended = true;
  return {{"mcgsm", mcgsm}, {"one layer", one}, {"two layers", two}, {"two layers extended", extended}};
}

TEST(WavefrontSessionTest, MatchesAnIndependentDoublePrecisionModel) {
  for (const Case& c : Cases()) {
    const EngineModel model = RandomEngineModel(c.shape, 42);
    const uint32_t width = 23, height = 9;
    const auto image = RandomImage(width, height, 7);
    const auto run = RunModel(model, image, width, height, 4);
    const auto reference = ReferenceLogDensities(model, image, width, height);
    for (std::size_t i = 0; i < reference.size(); ++i) {
      ASSERT_NEAR(run.log_density_[i], reference[i], 2e-3 + 1e-4 * std::fabs(reference[i])) << c.name << " pixel " << i;
    }
  }
}

TEST(WavefrontSessionTest, BandHeightNeverChangesAProbability) {
  for (const Case& c : Cases()) {
    const EngineModel model = RandomEngineModel(c.shape, 5);
    const uint32_t width = 31, height = 17;
    const auto image = RandomImage(width, height, 3);
    const uint64_t row_at_a_time = Hash(RunModel(model, image, width, height, 1).cdf_);
    for (uint32_t band : {2u, 3u, 8u, 17u, 32u}) {
      EXPECT_EQ(Hash(RunModel(model, image, width, height, band).cdf_), row_at_a_time) << c.name << " band " << band;
    }
  }
}

TEST(WavefrontSessionTest, SimdKernelsGiveTheReferenceBits) {
  for (const Case& c : Cases()) {
    const EngineModel model = RandomEngineModel(c.shape, 9);
    const uint32_t width = 19, height = 11;
    const auto image = RandomImage(width, height, 4);
    const kernels::KernelTable reference = kernels::MakeKernelTable(kernels::KernelVariant::kScalar);
    const uint64_t scalar = Hash(RunModel(model, image, width, height, 5, &reference).cdf_);
    EXPECT_EQ(Hash(RunModel(model, image, width, height, 5).cdf_), scalar) << c.name;
  }
}

TEST(WavefrontSessionTest, QuantizedCdfIsStrictlyIncreasingAndCoversTheTotal) {
  const EngineModel model = RandomEngineModel(Cases()[2].shape, 11);
  const uint32_t width = 16, height = 6;
  const auto image = RandomImage(width, height, 5);
  const auto run = RunModel(model, image, width, height, 3);
  for (std::size_t p = 0; p < image.size(); ++p) {
    const uint32_t* cdf = &run.cdf_[p * 257];
    ASSERT_EQ(cdf[0], 0u);
    ASSERT_EQ(cdf[256], 1u << kCodingPrecisionBits);
    for (int v = 0; v < 256; ++v) ASSERT_LT(cdf[v], cdf[v + 1]) << "pixel " << p << " value " << v;
  }
}

TEST(WavefrontSessionTest, ArenaDoesNotDependOnHeight) {
  const EngineModel model = RandomEngineModel(Cases()[2].shape, 1);
  WavefrontSession a, b;
  ASSERT_TRUE(a.Init(&model, 512, 8).ok());
  ASSERT_TRUE(b.Init(&model, 512, 8).ok());
  EXPECT_EQ(a.arena_bytes(), b.arena_bytes());
  // The arena grows with width and band height only.
  WavefrontSession wide;
  ASSERT_TRUE(wide.Init(&model, 1024, 8).ok());
  EXPECT_GT(wide.arena_bytes(), a.arena_bytes());
}

TEST(WavefrontSessionTest, RefusesAbsurdWidthsAndOutOfOrderBands) {
  const EngineModel model = RandomEngineModel(Cases()[1].shape, 1);
  WavefrontSession session;
  EXPECT_EQ(session.Init(&model, 0, 4).code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(session.Init(&model, (1u << 24) + 1, 4).code(), StatusCode::kResourceExhausted);
  ASSERT_TRUE(session.Init(&model, 8, 4).ok());
  const auto image = RandomImage(8, 8, 1);
  RecordingVisitor visitor(image, 8);
  EXPECT_FALSE(session.ProcessBand(4, 4, &visitor).ok());
  EXPECT_FALSE(session.ProcessBand(0, 5, &visitor).ok());
}

}  // namespace
}  // namespace ride::engine

namespace ride::engine {
namespace {

// Every target must reproduce these bits: they are what the entropy coder sees.
TEST(WavefrontSessionGoldenTest, FrequencyTablesHashTheSameOnEveryTarget) {
  ModelShape shape;
  shape.hidden = {8, 6};
  shape.extended = true;
  const EngineModel model = RandomEngineModel(shape, 2026);
  const uint32_t width = 24, height = 12;
  const auto image = RandomImage(width, height, 1128);
  const auto run = RunModel(model, image, width, height, 4);
  EXPECT_EQ(Hash(run.cdf_), kGoldenCdfHash);
}

}  // namespace
}  // namespace ride::engine

namespace ride::engine {
namespace {

// Records everything the mixture step hands a visitor: weights, log weights, means, the coded
// terms, the decoder's starting guess, and the CDF at the pixel's two edges.
class MixtureVisitor final : public PixelVisitor {
 public:
  MixtureVisitor(const std::vector<uint8_t>& image, uint32_t width)
      : image_(image), width_(width), pixel_hash_(image.size(), 0) {}
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t /*channel*/, const PixelDistribution& d) override {
    const std::size_t index = std::size_t{row} * width_ + column;
    const uint8_t v = image_[index];
    uint64_t& hash = pixel_hash_[index];
    Add(&hash, d.weight, d.count);
    Add(&hash, d.log_weight, d.count);
    Add(&hash, d.mean, d.count);
    Add(&hash, d.coded_weight, d.coded_count);
    Add(&hash, d.coded_mean, d.coded_count);
    Add(&hash, d.coded_inv_std, d.coded_count);
    const uint32_t extra[] = {static_cast<uint32_t>(d.coded_count), testing::CentreValue(d), d.QuantizedCdf(v),
                              d.QuantizedCdf(v + 1u)};
    Add(&hash, extra, 4);
    return v;
  }
  uint64_t Hash() const { return XXH64(pixel_hash_.data(), pixel_hash_.size() * sizeof(uint64_t), 0); }

 private:
  template <typename T>
  static void Add(uint64_t* hash, const T* data, std::size_t n) {
    *hash = XXH64(data, n * sizeof(T), *hash);
  }
  const std::vector<uint8_t>& image_;
  uint32_t width_;
  std::vector<uint64_t> pixel_hash_;  // by pixel, so that the visiting order does not matter
};

uint64_t MixtureHash(const EngineModel& model, const std::vector<uint8_t>& image, uint32_t width, uint32_t height,
                     uint32_t rows_per_band, const kernels::KernelTable& kernels) {
  WavefrontSession session;
  const Status init = session.Init(&model, width, rows_per_band, &kernels);
  EXPECT_TRUE(init.ok()) << init.message();
  MixtureVisitor visitor(image, width);
  for (uint32_t row = 0; row < height; row += rows_per_band) {
    EXPECT_TRUE(session.ProcessBand(row, std::min(rows_per_band, height - row), &visitor).ok());
  }
  return visitor.Hash();
}

// The mixture step on the codec's shape (32 components × 4 scales) pins every value it produces,
// for band heights 1, 5, 13 and 16 (the batched sums run 8 pixels at a time), on every kernel
// variant of the kernel list (skipped where the CPU lacks it). Three gate settings: random; very
// peaked, so that most terms fall below kMinCodedWeight and the coded terms come in ragged blocks;
// and all logits ±0 (the maximum's sign rule). The hashes were recorded with the term-by-term
// implementation the vectorised one replaced.
class WavefrontSessionGoldenVariantTest : public kernels::testing::KernelVariantTest {};

TEST_P(WavefrontSessionGoldenVariantTest, MixtureStepKeepsItsBitsOnTheCodecShape) {
  ModelShape shape;
  shape.hidden = {16};
  shape.components = 32;
  shape.scales = 4;
  shape.features = 8;
  const uint32_t width = 37, height = 16;
  const auto image = RandomImage(width, height, 4242);
  std::vector<EngineModel> models(3, RandomEngineModel(shape, 77));
  for (float& b : models[1].head.gate_bias) b *= 40.0f;
  // Energies exactly +0, so logit = gate_bias − gate_scale · 0 = gate_bias: +0 and −0 mixed.
  for (float& w : models[2].head.feature_weights_squared) w = 0.0f;
  for (std::size_t i = 0; i < models[2].head.gate_bias.size(); ++i) models[2].head.gate_bias[i] = i % 3 == 1 ? 0.0f : -0.0f;
  const uint64_t kExpected[3] = {8086449713383657945ull, 10304349740574425078ull, 12249092802712403171ull};
  for (std::size_t m = 0; m < models.size(); ++m) {
    for (uint32_t band : {1u, 5u, 13u, 16u}) {
      EXPECT_EQ(MixtureHash(models[m], image, width, height, band, table()), kExpected[m])
          << "model " << m << " band " << band;
    }
  }
}

RIDE_INSTANTIATE_KERNEL_VARIANT_TESTS(WavefrontSessionGoldenVariantTest);

}  // namespace
}  // namespace ride::engine
