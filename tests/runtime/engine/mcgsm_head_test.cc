// The MCGSM head unit: its energies, means and mixture weights against a direct double-precision
// evaluation of the model, bit for bit against a term-by-term float evaluation in the order its
// header specifies, and the same bits for every kernel variant and any batch.
#include "runtime/src/engine/mcgsm_head.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "runtime/src/engine/pixel_distribution.h"
#include "runtime/src/kernels/kernel_table.h"
#include "runtime/src/math/elementary.h"
#include "runtime/src/math/fma_f32.h"
#include "tests/runtime/engine/random_engine_model.h"
#include "tests/runtime/kernels/kernel_variant_test.h"

namespace ride::engine {
namespace {

using testing::ModelShape;
using testing::Rng;

struct Case {
  const char* name;
  ModelShape shape;
  float gate_bias_scale;  // 40: peaked gates, most terms below kMinCodedWeight
  bool zero_logits;       // energies +0 and gate biases ±0: the maximum's sign rule
};

std::vector<Case> Cases() {
  ModelShape mcgsm;
  mcgsm.hidden = {};  // z is the neighbourhood; predictors see z only
  ModelShape ride;    // z is an 8-unit h; predictors see [z; n]
  ModelShape codec;
  codec.hidden = {16};
  codec.components = 32;
  codec.scales = 4;
  codec.features = 8;
  return {{"mcgsm", mcgsm, 1.0f, false},
          {"ride", ride, 1.0f, false},
          {"codec shape", codec, 1.0f, false},
          {"codec shape, peaked", codec, 40.0f, false},
          {"codec shape, logits ±0", codec, 1.0f, true}};
}

McgsmHead MakeHead(const Case& c, uint64_t seed) {
  McgsmHead head = testing::RandomEngineModel(c.shape, seed).head;
  for (float& b : head.gate_bias) b *= c.gate_bias_scale;
  if (c.zero_logits) {
    for (float& w : head.feature_weights_squared) w = 0.0f;
    for (std::size_t i = 0; i < head.gate_bias.size(); ++i) head.gate_bias[i] = i % 3 == 1 ? 0.0f : -0.0f;
  }
  return head;
}

constexpr std::size_t kNeighbourhood = 12;  // the 5×3 window of every case

// A batch of pixels' inputs: z and the neighbourhood.
struct Inputs {
  std::size_t batch;
  std::vector<float> z, neighbourhood;
  Inputs(const McgsmHead& head, std::size_t pixels, uint64_t seed) : batch(pixels) {
    Rng rng(seed);
    z.resize(pixels * head.inputs);
    for (float& v : z) v = static_cast<float>(rng.Uniform());  // like h in (−1, 1) or pixels in [0, 1)
    neighbourhood.resize(pixels * kNeighbourhood);
    for (float& v : neighbourhood) v = static_cast<float>(rng.Uniform());
  }
};

struct Outputs {
  std::vector<float> energy, means, weight, log_weight, expected;
};

// Runs pixels [first, first + count) of `in` in one batch and appends their results to `out`.
void RunPixels(const McgsmHead& head, const Inputs& in, std::size_t first, std::size_t count,
         const kernels::KernelTable& kernels, Outputs* out) {
  const std::size_t cs = head.components * head.scales;
  std::vector<float> inputs(count * (head.inputs + kNeighbourhood + 2)), features(count * head.features),
      energy(count * head.components), means(count * head.components), log_weight(count * cs), weight(count * cs),
      sums(count), log_sums(count), expected(count);
  McgsmWorkspace ws;
  ws.inputs = inputs.data();
  ws.input_stride = head.inputs + kNeighbourhood + 2;
  ws.features = features.data();
  ws.energy = energy.data();
  ws.means = means.data();
  ws.log_weight = log_weight.data();
  ws.weight = weight.data();
  ws.sums = sums.data();
  ws.log_sums = log_sums.data();
  ws.expected = expected.data();
  std::vector<const float*> z;
  for (std::size_t b = first; b < first + count; ++b) z.push_back(in.z.data() + b * head.inputs);
  RunMcgsmHead(head, z.data(), in.neighbourhood.data() + first * kNeighbourhood, kNeighbourhood, kNeighbourhood, count, ws,
               kernels);
  for (std::size_t b = 0; b < count; ++b) {
    const PixelMixture m = McgsmPixelMixture(head, ws, b);
    EXPECT_EQ(m.Count(), cs);
    EXPECT_EQ(m.inv_std, head.expert_inv_std.data());
    out->weight.insert(out->weight.end(), m.weight, m.weight + cs);
    out->log_weight.insert(out->log_weight.end(), m.log_weight, m.log_weight + cs);
    out->means.insert(out->means.end(), m.component_mean, m.component_mean + head.components);
    out->expected.push_back(m.expected);
  }
  out->energy.insert(out->energy.end(), energy.begin(), energy.end());
}

Outputs RunAll(const McgsmHead& head, const Inputs& in, const kernels::KernelTable& kernels) {
  Outputs out;
  RunPixels(head, in, 0, in.batch, kernels, &out);
  return out;
}

// The predictors' inputs of pixel b: z, then the neighbourhood when they see it.
std::vector<float> PredictorInputs(const McgsmHead& head, const Inputs& in, std::size_t b) {
  std::vector<float> x(in.z.begin() + b * head.inputs, in.z.begin() + (b + 1) * head.inputs);
  if (head.predictors_see_neighbourhood) {
    x.insert(x.end(), in.neighbourhood.begin() + b * kNeighbourhood, in.neighbourhood.begin() + (b + 1) * kNeighbourhood);
  }
  return x;
}

// The header's specification, one pixel and one term at a time, in float.
Outputs TermByTerm(const McgsmHead& head, const Inputs& in) {
  Outputs out;
  const std::size_t C = head.components, S = head.scales, F = head.features;
  for (std::size_t b = 0; b < in.batch; ++b) {
    const float* z = in.z.data() + b * head.inputs;
    std::vector<float> f2(F);
    for (std::size_t k = 0; k < F; ++k) {
      float f = head.feature_bias[k];
      for (std::size_t i = 0; i < head.inputs; ++i) f = math::FmaF32(z[i], head.feature_weights[i * F + k], f);
      f2[k] = f * f;
    }
    const std::vector<float> x = PredictorInputs(head, in, b);
    std::vector<float> energy(C), mean(C);
    for (std::size_t c = 0; c < C; ++c) {
      float e = 0.0f;
      for (std::size_t k = 0; k < F; ++k) e = math::FmaF32(f2[k], head.feature_weights_squared[k * C + c], e);
      energy[c] = e;
      float m = head.predictor_bias[c];
      for (std::size_t i = 0; i < x.size(); ++i) m = math::FmaF32(x[i], head.predictor_weights[i * C + c], m);
      mean[c] = m;
    }
    std::vector<float> logit(C * S);
    float best = -INFINITY;
    for (std::size_t i = 0; i < C * S; ++i) {
      logit[i] = head.gate_bias[i] - head.gate_scale[i] * energy[i / S];
      best = logit[i] > best ? logit[i] : best;
    }
    std::vector<float> e(C * S);
    float sum = 0.0f;
    for (std::size_t i = 0; i < C * S; ++i) {
      e[i] = math::ExpF32(logit[i] - best);
      sum += e[i];
    }
    const float log_sum = math::LogF32(sum);
    const float inverse_sum = 1.0f / sum;
    float expected = 0.0f;
    for (std::size_t i = 0; i < C * S; ++i) {
      const float w = e[i] * inverse_sum;
      out.weight.push_back(w);
      out.log_weight.push_back((logit[i] - best) - log_sum);
      if (w >= kMinCodedWeight) expected += w * mean[i / S];
    }
    out.expected.push_back(expected);
    out.energy.insert(out.energy.end(), energy.begin(), energy.end());
    out.means.insert(out.means.end(), mean.begin(), mean.end());
  }
  return out;
}

bool SameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

void ExpectSameBits(const Outputs& expected, const Outputs& actual, const char* name) {
  EXPECT_TRUE(SameBits(expected.energy, actual.energy)) << name << ": energies";
  EXPECT_TRUE(SameBits(expected.means, actual.means)) << name << ": means";
  EXPECT_TRUE(SameBits(expected.weight, actual.weight)) << name << ": weights";
  EXPECT_TRUE(SameBits(expected.log_weight, actual.log_weight)) << name << ": log weights";
  EXPECT_TRUE(SameBits(expected.expected, actual.expected)) << name << ": expected values";
}

TEST(McgsmHeadTest, MatchesADirectDoublePrecisionEvaluation) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const McgsmHead head = MakeHead(c, 31);
    const Inputs in(head, 6, 5);
    const Outputs run = RunAll(head, in, kernels::GetKernelTable());
    const std::size_t C = head.components, S = head.scales, F = head.features;
    for (std::size_t b = 0; b < in.batch; ++b) {
      const float* z = in.z.data() + b * head.inputs;
      std::vector<double> energy(C, 0.0), mean(C);
      for (std::size_t k = 0; k < F; ++k) {
        double f = head.feature_bias[k];
        for (std::size_t i = 0; i < head.inputs; ++i) f += double(z[i]) * head.feature_weights[i * F + k];
        for (std::size_t cc = 0; cc < C; ++cc) energy[cc] += head.feature_weights_squared[k * C + cc] * f * f;
      }
      const std::vector<float> x = PredictorInputs(head, in, b);
      for (std::size_t cc = 0; cc < C; ++cc) {
        mean[cc] = head.predictor_bias[cc];
        for (std::size_t i = 0; i < x.size(); ++i) mean[cc] += double(x[i]) * head.predictor_weights[i * C + cc];
        EXPECT_NEAR(run.energy[b * C + cc], energy[cc], 1e-5 * (1 + energy[cc]));
        EXPECT_NEAR(run.means[b * C + cc], mean[cc], 1e-5);
      }
      std::vector<double> logit(C * S);
      double best = -INFINITY, norm = 0.0;
      for (std::size_t i = 0; i < C * S; ++i) {
        logit[i] = head.gate_bias[i] - head.gate_scale[i] * energy[i / S];
        best = std::fmax(best, logit[i]);
      }
      for (double l : logit) norm += std::exp(l - best);
      double total = 0.0;
      for (std::size_t i = 0; i < C * S; ++i) {
        const double log_weight = logit[i] - best - std::log(norm);
        EXPECT_NEAR(run.log_weight[b * C * S + i], log_weight, 1e-4 * (1 + std::fabs(log_weight))) << "term " << i;
        EXPECT_NEAR(run.weight[b * C * S + i], std::exp(log_weight), 1e-5) << "term " << i;
        total += run.weight[b * C * S + i];
      }
      EXPECT_NEAR(total, 1.0, 1e-5);
    }
  }
}

TEST(McgsmHeadTest, EqualsATermByTermFloatEvaluationBitForBit) {
  for (const Case& c : Cases()) {
    const McgsmHead head = MakeHead(c, 41);
    const Inputs in(head, 11, 9);
    ExpectSameBits(TermByTerm(head, in), RunAll(head, in, kernels::GetKernelTable()), c.name);
  }
}

TEST(McgsmHeadTest, APixelsBitsDoNotDependOnItsBatch) {
  for (const Case& c : Cases()) {
    const McgsmHead head = MakeHead(c, 43);
    const Inputs in(head, 21, 10);  // 8 + 8 + 5: the batched sums' groups of eight and a ragged one
    const Outputs together = RunAll(head, in, kernels::GetKernelTable());
    Outputs alone, in_threes;
    for (std::size_t b = 0; b < in.batch; ++b) RunPixels(head, in, b, 1, kernels::GetKernelTable(), &alone);
    for (std::size_t b = 0; b < in.batch; b += 3) RunPixels(head, in, b, 3, kernels::GetKernelTable(), &in_threes);
    ExpectSameBits(together, alone, c.name);
    ExpectSameBits(together, in_threes, c.name);
  }
}

class McgsmHeadVariantTest : public kernels::testing::KernelVariantTest {};

TEST_P(McgsmHeadVariantTest, GivesTheScalarReferencesBits) {
  const kernels::KernelTable reference = kernels::MakeKernelTable(kernels::KernelVariant::kScalar);
  for (const Case& c : Cases()) {
    const McgsmHead head = MakeHead(c, 47);
    const Inputs in(head, 13, 12);
    ExpectSameBits(RunAll(head, in, reference), RunAll(head, in, table()), c.name);
  }
}

RIDE_INSTANTIATE_KERNEL_VARIANT_TESTS(McgsmHeadVariantTest);

}  // namespace
}  // namespace ride::engine
