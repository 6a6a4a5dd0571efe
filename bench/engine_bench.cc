// Pixels per second of the likelihood engine on RIDE's paper configurations (random weights: speed
// does not depend on their values), batched over a band of rows (what encoders and wavefront
// decoders run) and one row at a time.
//
//   build/host-release/bench/engine_bench --benchmark_counters_tabular=true
//
// One benchmark per model and per variant of the kernel list that runs on this CPU:
// BM_Ride1x64/avx512/rows:16, …, BM_Ride1x64/scalar/rows:16.
//
// The visitor evaluates each pixel's coded CDF at two edges, as an encoder does, with the normal CDF
// of the current container version (engine::CdfRule::kTable).
//
// Counters: "px/s"; "GMAC/s" counts the dense layers' multiply-adds (EngineModel::MultiplyAddsPerPixel);
// "peak%" divides that by RIDE_PEAK_GMACS when set (see f32_gemm_bench.cc).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include "runtime/src/engine/wavefront_session.h"
#include "runtime/src/engine/pixel_distribution.h"
#include "runtime/src/kernels/kernel_list.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace {

using ride::engine::EngineModel;
using ride::engine::PixelDistribution;

// Scores a fixed image: every pixel's coded cost is computed, as an encoder would.
class ScoringVisitor final : public ride::engine::PixelVisitor {
 public:
  uint8_t Visit(uint32_t, uint32_t column, uint32_t, const PixelDistribution& d) override {
    const uint8_t v = static_cast<uint8_t>((column * 7) & 255);
    bits_ += d.QuantizedCdf(v + 1u) - d.QuantizedCdf(v);
    return v;
  }
  double bits_ = 0;
};

void RunEngine(benchmark::State& state, std::vector<std::size_t> hidden, const ride::kernels::KernelTable* kernels) {
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
  if (!session.Init(&model, width, rows, kernels).ok()) {
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

struct ModelCase {
  const char* name;
  std::vector<std::size_t> hidden;
};

}  // namespace

int main(int argc, char** argv) {
  const ModelCase models[] = {{"BM_Mcgsm", {}}, {"BM_Ride1x64", {64}}, {"BM_Ride2x64", {64, 64}}};
  std::deque<ride::kernels::KernelTable> tables;  // stable addresses for the registered benchmarks
  for (const ride::kernels::KernelListEntry& entry : ride::kernels::KernelList()) {
    tables.push_back(ride::engine::KernelsForCdfRule(entry.table, ride::engine::CdfRule::kTable));
  }
  for (const ModelCase& model : models) {
    std::size_t index = 0;
    for (const ride::kernels::KernelListEntry& entry : ride::kernels::KernelList()) {
      const ride::kernels::KernelTable* table = &tables[index++];
      if (!entry.RunsHere()) continue;
      benchmark::RegisterBenchmark((std::string(model.name) + "/" + entry.name).c_str(), RunEngine, model.hidden,
                                   table)
          ->ArgName("rows")
          ->Arg(1)
          ->Arg(16);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
