// Pixels per second of the whole codec (engine + entropy coding + container) for RIDE's paper
// configurations, encoding (rows batched by the wavefront) and decoding, on one thread and on two.
//
//   build/host-release/bench/codec_bench --benchmark_counters_tabular=true
//
// Models have random weights and the image is random: speed does not depend on either.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "runtime/src/codec/image_codec.h"
#include "runtime/src/coder/byte_stream.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace {

using ride::codec::CodecModel;

constexpr uint32_t kWidth = 256, kHeight = 64;

class ImageSource final : public ride::codec::RowSource {
 public:
  explicit ImageSource(const std::vector<uint8_t>& image) : image_(image) {}
  ride::Status ReadRow(uint8_t* row) override {
    std::memcpy(row, image_.data() + next_, kWidth);
    next_ += kWidth;
    return ride::Status();
  }

 private:
  const std::vector<uint8_t>& image_;
  std::size_t next_ = 0;
};

class NullSink final : public ride::codec::RowSink {
 public:
  ride::Status WriteRow(const uint8_t*) override { return ride::Status(); }
};

ride::engine::EngineModel Model(std::vector<std::size_t> hidden) {
  ride::engine::testing::ModelShape shape;
  shape.hidden = hidden;
  shape.components = 32;
  shape.scales = 4;
  shape.features = 32;
  return ride::engine::testing::RandomEngineModel(shape, 1);
}

std::vector<uint8_t> Encode(const CodecModel& model, const std::vector<uint8_t>& image, uint32_t threads) {
  ImageSource source(image);
  ride::coder::VectorByteSink sink;
  ride::codec::EncodeOptions options;
  options.threads = threads;
  if (!ride::codec::EncodeImage(model, kWidth, kHeight, &source, options, &sink, nullptr).ok()) return {};
  return sink.bytes();
}

void RunCodec(benchmark::State& state, std::vector<std::size_t> hidden, bool decode) {
  const ride::engine::EngineModel engine_model = Model(hidden);
  CodecModel model;
  model.model = &engine_model;
  const uint32_t threads = static_cast<uint32_t>(state.range(0));
  const auto image = ride::engine::testing::RandomImage(kWidth, kHeight, 2);
  const std::vector<uint8_t> file = Encode(model, image, 1);
  for (auto _ : state) {
    if (decode) {
      NullSink sink;
      ride::codec::DecodeOptions options;
      options.threads = threads;
      if (!ride::codec::DecodeImage(model, file.data(), file.size(), &sink, options).ok()) state.SkipWithError("decode");
    } else {
      benchmark::DoNotOptimize(Encode(model, image, threads).size());
    }
  }
  const double pixels = double(kWidth) * kHeight;
  state.counters["px/s"] = benchmark::Counter(pixels, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MAC/px"] = static_cast<double>(engine_model.MultiplyAddsPerPixel());
}

void BM_EncodeRide1x64(benchmark::State& s) { RunCodec(s, {64}, false); }
void BM_DecodeRide1x64(benchmark::State& s) { RunCodec(s, {64}, true); }
void BM_EncodeRide2x64(benchmark::State& s) { RunCodec(s, {64, 64}, false); }
void BM_DecodeRide2x64(benchmark::State& s) { RunCodec(s, {64, 64}, true); }
BENCHMARK(BM_EncodeRide1x64)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeRide1x64)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EncodeRide2x64)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DecodeRide2x64)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
