// libFuzzer target: decodes arbitrary bytes as a .rim file with a small fixed model, the whole path
// `ride decompress` takes (container, fingerprint, lanes, range decoding through the engine, pixel
// checksum). It checks that decoding ends in OK or in an error with a message, never a crash, a
// hang or a read out of bounds, and that an OK decode produced every row.
//
// Mutations rarely keep a header's checksum or the model fingerprint valid, which would stop every
// input at the header; so the harness also decodes a copy whose fingerprint is the model's and
// whose header checksum is recomputed. Images over kMaxPixels are skipped to keep runs fast.
//
// Build and run (docs/fuzzing.md):
//   cmake --preset host-fuzz && cmake --build build/host-fuzz --target rim_decoder_fuzz rim_decoder_fuzz_seeds
//   mkdir -p build/fuzz-corpus/rim_decoder && build/host-fuzz/tests/fuzz/rim_decoder_fuzz_seeds build/fuzz-corpus/rim_decoder
//   build/host-fuzz/tests/fuzz/rim_decoder_fuzz build/fuzz-corpus/rim_decoder -max_total_time=60 -rss_limit_mb=2048
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "runtime/src/codec/image_codec.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/model/model_fingerprint.h"
#include "tests/fuzz/rim_decoder_fuzz_model.h"

namespace {

using namespace ride;

constexpr uint64_t kMaxPixels = 4096;

class CountingSink final : public codec::RowSink {
 public:
  Status WriteRow(const uint8_t*) override {
    ++rows;
    return Status();
  }
  uint32_t rows = 0;
};

void DecodeOne(const codec::CodecModel& model, const uint8_t* data, std::size_t size) {
  container::RimHeader header;
  std::size_t header_bytes = 0;
  if (container::ParseRimHeader(data, size, &header, &header_bytes).ok() &&
      uint64_t{header.width} * header.height > kMaxPixels) {
    return;
  }
  CountingSink sink;
  const Status status = codec::DecodeImage(model, data, size, &sink, codec::DecodeOptions());
  if (!status.ok() && status.message()[0] == '\0') std::abort();
  if (status.ok() && sink.rows != header.height) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const engine::EngineModel engine_model = fuzz::RimDecoderFuzzModel();
  codec::CodecModel model;
  model.model = &engine_model;
  model.fingerprint = model::ComputeModelFingerprint(engine_model);

  DecodeOne(model, data, size);
  std::size_t header_bytes = 0;
  if (container::ReadRimHeaderSize(data, size, &header_bytes).ok() && header_bytes <= size &&
      header_bytes >= container::kRimMinHeaderBytes) {
    std::vector<uint8_t> copy(data, data + size);
    for (std::size_t i = 0; i < model::kModelFingerprintBytes; ++i) copy[26 + i] = model.fingerprint[i];
    const std::size_t checked = header_bytes - container::kRimHeaderChecksumBytes;
    const uint64_t hash = container::Xxh3Hash64(copy.data(), checked);
    for (int i = 0; i < 8; ++i) copy[checked + i] = static_cast<uint8_t>(hash >> (8 * i));
    DecodeOne(model, copy.data(), copy.size());
  }
  return 0;
}
