// Pixels per second of the likelihood engine on RIDE's paper configurations (random weights: speed
// does not depend on their values), batched over a band of rows (what encoders and wavefront
// decoders run) and one row at a time.
//
//   build/host-release/bench/engine_bench --benchmark_counters_tabular=true
//
// Counters: "px/s"; "GMAC/s" counts the dense layers' multiply-adds (EngineModel::MultiplyAddsPerPixel);
// "peak%" divides that by RIDE_PEAK_GMACS when set (see f32_gemm_bench.cc).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <vector>

#include "runtime/src/engine/wavefront_session.h"
#include "runtime/src/kernels/kernel_table.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace {

using ride::engine::EngineModel;
using ride::engine::PixelDistribution;

// Scores a fixed image: every pixel's coded cost is computed, as an encoder would.
class ScoringVisitor final : public ride::engine::PixelVisitor {
 public:
  uint8_t Visit(uint32_t, uint32_t column, const PixelDistribution& d) override {
    const uint8_t v = static_cast<uint8_t>((column * 7) & 255);
    bits_ += d.QuantizedCdf(v + 1u) - d.QuantizedCdf(v);
    return v;
  }
  double bits_ = 0;
};

void RunEngine(benchmark::State& state, std::vector<std::size_t> hidden, bool scalar) {
  ride::engine::testing::ModelShape shape;
  shape.hidden = hidden;
  shape.window_width = hidden.empty() ? 9 : 5;
  shape.window_height = hidden.empty() ? 5 : 3;
  shape.components = 32;
  shape.scales = 4;
  shape.features = 32;
  const EngineModel model = ride::engine::testing::RandomEngineModel(shape, 1);
  const uint32_t width = 256, rows = static_cast<uint32_t>(state.range(0));
  ride::engine::WavefrontSession session;
  const ride::kernels::KernelTable reference = ride::kernels::MakeKernelTable(ride::kernels::KernelVariant::kScalar);
  if (!session.Init(&model, width, rows, scalar ? &reference : nullptr).ok()) {
    state.SkipWithError("session init failed");
    return;
  }
  ScoringVisitor visitor;
  uint32_t row = 0;
  for (auto _ : state) {
    if (!session.ProcessBand(row, rows, &visitor).ok()) state.SkipWithError("band failed");
    row += rows;
  }
  benchmark::DoNotOptimize(visitor.bits_);
  const double pixels = double(width) * rows;
  state.counters["px/s"] = benchmark::Counter(pixels, benchmark::Counter::kIsIterationInvariantRate);
  const double macs = pixels * model.MultiplyAddsPerPixel();
  state.counters["GMAC/s"] = benchmark::Counter(macs * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  if (const char* peak = std::getenv("RIDE_PEAK_GMACS")) {
    if (std::atof(peak) > 0) {
      state.counters["peak%"] = benchmark::Counter(macs * 1e-9 / std::atof(peak) * 100,
                                                   benchmark::Counter::kIsIterationInvariantRate);
    }
  }
  state.counters["MAC/px"] = static_cast<double>(model.MultiplyAddsPerPixel());
}

void BM_Mcgsm(benchmark::State& s) { RunEngine(s, {}, false); }
void BM_Ride1x64(benchmark::State& s) { RunEngine(s, {64}, false); }
void BM_Ride2x64(benchmark::State& s) { RunEngine(s, {64, 64}, false); }
void BM_Ride1x64Scalar(benchmark::State& s) { RunEngine(s, {64}, true); }
BENCHMARK(BM_Mcgsm)->ArgName("rows")->Arg(1)->Arg(16);
BENCHMARK(BM_Ride1x64)->ArgName("rows")->Arg(1)->Arg(16);
BENCHMARK(BM_Ride2x64)->ArgName("rows")->Arg(1)->Arg(16);
BENCHMARK(BM_Ride1x64Scalar)->ArgName("rows")->Arg(1)->Arg(16);

}  // namespace

BENCHMARK_MAIN();
