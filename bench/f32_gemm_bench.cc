// Throughput of the f32 GEMM variants on the shapes RIDE runs: an SLSTM layer of 64 units over a
// 12-pixel neighbourhood (140 inputs → 320 gate pre-activations), a second layer (192 → 320), and
// an MCGSM head (64 → 32 features). Batch 1 is the row-at-a-time decoder; larger batches are rows
// of the wavefront or of the encoder.
//
//   build/host-release/bench/f32_gemm_bench --benchmark_counters_tabular=true
//
// One benchmark per variant of the kernel list that runs on this CPU: BM_F32Gemm/avx512/…
//
// Counter "GMAC/s" is multiply-adds per second; "peak%" divides it by the core's peak, given in
// GMAC/s by the environment variable RIDE_PEAK_GMACS (e.g. 2 FMA pipes × 8 lanes × GHz on AVX2).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "runtime/src/kernels/f32_gemm.h"
#include "runtime/src/kernels/kernel_list.h"
#if defined(RIDE_WITH_XNNPACK)
#include "runtime/src/xnnpack/xnnpack_fully_connected.h"
#endif

namespace {

using ride::kernels::F32GemmArgs;
using ride::kernels::F32GemmFunction;

void RunGemm(benchmark::State& state, F32GemmFunction gemm) {
  const std::size_t batch = state.range(0), inputs = state.range(1), outputs = state.range(2);
  std::vector<float> x(batch * inputs, 0.5f), w(inputs * outputs, 0.25f), bias(outputs, 0.1f), y(batch * outputs);
  const F32GemmArgs args{batch, inputs, outputs, x.data(), inputs, w.data(), bias.data(), y.data(), outputs};
  for (auto _ : state) {
    gemm(args);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  const double macs = static_cast<double>(batch * inputs * outputs);
  state.counters["GMAC/s"] = benchmark::Counter(macs * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  if (const char* peak = std::getenv("RIDE_PEAK_GMACS")) {
    const double peak_gmacs = std::atof(peak);
    if (peak_gmacs > 0) {
      state.counters["peak%"] = benchmark::Counter(macs * 1e-9 / peak_gmacs * 100.0,
                                                   benchmark::Counter::kIsIterationInvariantRate);
    }
  }
}

void Shapes(benchmark::internal::Benchmark* b) {
  for (int batch : {1, 4, 16, 64}) {
    b->Args({batch, 140, 320});
    b->Args({batch, 192, 320});
    b->Args({batch, 64, 32});
  }
  b->ArgNames({"batch", "inputs", "outputs"});
}

#if defined(RIDE_WITH_XNNPACK)
// XNNPACK's fully-connected operator on the same shapes, for comparison only: its summation order
// differs from ride's canonical one, so the coding path cannot use it (runtime/src/xnnpack/).
void BM_XnnpackFullyConnected(benchmark::State& state) {
  const std::size_t batch = state.range(0), inputs = state.range(1), outputs = state.range(2);
  std::vector<float> x(batch * inputs, 0.5f), w(inputs * outputs, 0.25f), bias(outputs, 0.1f), y(batch * outputs);
  ride::xnnpack::XnnpackFullyConnected layer;
  if (!layer.Setup(inputs, outputs, w.data(), bias.data()).ok()) {
    state.SkipWithError("XNNPACK cannot run here");
    return;
  }
  for (auto _ : state) {
    if (!layer.Run(x.data(), batch, y.data()).ok()) state.SkipWithError("XNNPACK run failed");
    benchmark::DoNotOptimize(y.data());
  }
  const double macs = static_cast<double>(batch * inputs * outputs);
  state.counters["GMAC/s"] = benchmark::Counter(macs * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_XnnpackFullyConnected)->Apply(Shapes);
#endif

}  // namespace

int main(int argc, char** argv) {
  for (const ride::kernels::KernelListEntry& entry : ride::kernels::KernelList()) {
    if (!entry.RunsHere()) continue;
    benchmark::RegisterBenchmark((std::string("BM_F32Gemm/") + entry.name).c_str(), RunGemm, entry.table.f32_gemm)
        ->Apply(Shapes);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
