// libFuzzer target: decodes arbitrary bytes as a range-coded stream and checks that the decoder stays
// inside its contract (symbols inside the alphabet, errors as statuses, no reads past the input).
//
// Build and run (docs/fuzzing.md):
//   cmake --preset host-fuzz && cmake --build build/host-fuzz --target range_decoder_fuzz
//   build/host-fuzz/tests/fuzz/range_decoder_fuzz -max_total_time=60 -rss_limit_mb=2048
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/quantized_cdf.h"
#include "runtime/src/coder/range_decoder.h"

namespace {

// A few fixed distributions over 256 symbols: flat, peaked and one nearly certain symbol.
struct Tables {
  std::vector<std::vector<uint32_t>> cdfs;
  Tables() {
    for (int shape = 0; shape < 3; ++shape) {
      std::vector<float> cdf(257);
      for (int v = 0; v <= 256; ++v) {
        const float x = v / 256.0f;
        cdf[v] = shape == 0 ? x : shape == 1 ? x * x * x : (v == 0 ? 0.0f : 1.0f);
      }
      std::vector<uint32_t> cdf_q(257);
      ride::coder::QuantizeCdf(cdf.data(), 256, 24, cdf_q.data());
      cdfs.push_back(cdf_q);
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const Tables tables;
  if (size < 1) return 0;
  // The first byte picks the precision for a binary alphabet; the rest is the stream.
  const int binary_bits = 1 + data[0] % ride::coder::kMaxTotalBits;
  ride::coder::SpanByteSource source(data + 1, size - 1);
  ride::coder::RangeDecoder decoder(&source);
  for (int i = 0; i < 4096 && decoder.ok(); ++i) {
    if (i % 5 == 4) {
      const uint32_t total = 1u << binary_bits;
      const uint32_t target = decoder.GetTarget(binary_bits);
      if (target >= total) std::abort();
      const uint32_t half = total / 2;
      if (target < half) decoder.Consume(0, half); else decoder.Consume(half, total - half);
      continue;
    }
    const auto& cdf = tables.cdfs[i % 3];
    const uint32_t target = decoder.GetTarget(24);
    const uint32_t symbol = ride::coder::FindSymbol(cdf.data(), 256, target);
    if (symbol >= 256 || cdf[symbol] > target || target >= cdf[symbol + 1]) std::abort();
    decoder.Consume(cdf[symbol], cdf[symbol + 1] - cdf[symbol]);
  }
  (void)decoder.Finish();
  return 0;
}
