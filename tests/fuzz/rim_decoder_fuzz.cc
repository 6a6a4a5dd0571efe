// libFuzzer target: decodes arbitrary bytes as a .rim file with a small fixed model, the whole path
// `ride decompress` takes (container, fingerprint, groups and their methods, range decoding through
// the engine, stored rows, checksums), twice: from memory (RimReader) and as a stream read a group
// at a time (RimStreamReader), on one thread (the tests run the threaded paths). It checks that decoding ends in OK or in
// an error with a message, never a crash, a hang or a read out of bounds; that an OK decode produced
// every row; and that both ways accept the same files and give the same samples.
//
// Mutations rarely keep a header's checksum, the model fingerprint or the end block's blocks
// checksum valid, which would stop every input early; so the harness also decodes a copy whose
// fingerprint is the model's and whose header checksum (and, when the file ends in an end block,
// blocks checksum) is recomputed. Images over kMaxPixels are skipped to keep runs fast.
//
// Build and run (docs/fuzzing.md):
//   cmake --preset host-fuzz && cmake --build build/host-fuzz --target rim_decoder_fuzz rim_decoder_fuzz_seeds
//   mkdir -p build/fuzz-corpus/rim_decoder && build/host-fuzz/tests/fuzz/rim_decoder_fuzz_seeds build/fuzz-corpus/rim_decoder
//   build/host-fuzz/tests/fuzz/rim_decoder_fuzz build/fuzz-corpus/rim_decoder -max_total_time=60 -rss_limit_mb=2048
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "runtime/src/codec/group_source.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/codec/image_decoder.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_blocks.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/container/rim_stream_reader.h"
#include "runtime/src/model/model_fingerprint.h"
#include "tests/fuzz/rim_decoder_fuzz_model.h"

namespace {

using namespace ride;

constexpr uint64_t kMaxPixels = 4096;

class Rows final : public codec::RowSink {
 public:
  explicit Rows(uint32_t width) : width_(width) {}
  Status WriteRow(const uint8_t* row) override {
    samples.insert(samples.end(), row, row + width_);
    ++rows;
    return Status();
  }
  std::vector<uint8_t> samples;
  uint32_t rows = 0;

 private:
  uint32_t width_;
};

class Discard final : public codec::MetadataSink {
 public:
  Status Reserve(std::size_t size, bool, uint8_t** payload) override {
    blocks.emplace_back(size);
    *payload = blocks.back().data();
    return Status();
  }
  std::vector<std::vector<uint8_t>> blocks;
};

Status DecodeStream(const codec::CodecModel& model, const uint8_t* data, std::size_t size, Rows* rows) {
  container::RimHeader header;
  std::size_t header_bytes = 0;
  RIDE_RETURN_IF_ERROR(container::ParseRimHeader(data, size, &header, &header_bytes));
  coder::SpanByteSource source(data + header_bytes, size - header_bytes);
  container::RimStreamReader reader(header, header_bytes, &source);
  Discard metadata;
  RIDE_RETURN_IF_ERROR(codec::ReadLeadingMetadata(&reader, &metadata));
  codec::StreamGroupSource groups(&reader, &header, &metadata);
  codec::DecodeOptions options;
  options.group_buffer_bytes = groups.buffer_bytes();
  codec::ImageDecoder decoder;
  RIDE_RETURN_IF_ERROR(decoder.Init(model, header, options));
  return decoder.Decode(&groups, rows);
}

void DecodeOne(const codec::CodecModel& model, const uint8_t* data, std::size_t size) {
  container::RimHeader header;
  std::size_t header_bytes = 0;
  const bool parsed = container::ParseRimHeader(data, size, &header, &header_bytes).ok();
  if (parsed && uint64_t{header.width} * header.height > kMaxPixels) return;
  Rows memory(header.width);
  const Status from_memory = codec::DecodeImage(model, data, size, &memory, codec::DecodeOptions());
  if (!from_memory.ok() && from_memory.message()[0] == '\0') std::abort();
  if (from_memory.ok() && memory.rows != header.height) std::abort();
  if (!parsed || header.version == 1) return;  // version 1 has no stream path
  Rows stream(header.width);
  const Status from_stream = DecodeStream(model, data, size, &stream);
  if (!from_stream.ok() && from_stream.message()[0] == '\0') std::abort();
  if (from_stream.ok() != from_memory.ok()) std::abort();
  if (from_stream.ok() && stream.samples != memory.samples) std::abort();
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
    const bool v1 = copy[8] == 1 && copy[9] == 0;
    const std::size_t fingerprint_at = v1 ? 26 : 32;
    for (std::size_t i = 0; i < model::kModelFingerprintBytes; ++i) copy[fingerprint_at + i] = model.fingerprint[i];
    const std::size_t checked = header_bytes - container::kRimHeaderChecksumBytes;
    const uint64_t hash = container::Xxh3Hash64(copy.data(), checked);
    for (int i = 0; i < 8; ++i) copy[checked + i] = static_cast<uint8_t>(hash >> (8 * i));
    const std::size_t end_block = 2 + container::kRimEndPayloadBytes;
    if (!v1 && size >= header_bytes + end_block && copy[size - end_block] == 3 && copy[size - end_block + 1] == 16) {
      const uint64_t blocks = container::Xxh3Hash64(copy.data() + header_bytes, size - end_block - header_bytes);
      for (int i = 0; i < 8; ++i) copy[size - 8 + i] = static_cast<uint8_t>(blocks >> (8 * i));
    }
    DecodeOne(model, copy.data(), copy.size());
  }
  return 0;
}
