// Writes seed files for rim_decoder_fuzz: small images of a few shapes, coded with its model.
//   rim_decoder_fuzz_seeds OUT_DIR
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/src/codec/image_codec.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/model/model_fingerprint.h"
#include "tests/fuzz/rim_decoder_fuzz_model.h"

namespace {

class Source final : public ride::codec::RowSource {
 public:
  Source(const std::vector<uint8_t>& pixels, uint32_t width) : pixels_(pixels), width_(width) {}
  ride::Status ReadRow(uint8_t* row) override {
    std::memcpy(row, pixels_.data() + next_, width_);
    next_ += width_;
    return ride::Status();
  }

 private:
  const std::vector<uint8_t>& pixels_;
  uint32_t width_;
  std::size_t next_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: rim_decoder_fuzz_seeds OUT_DIR\n");
    return 2;
  }
  const ride::engine::EngineModel engine_model = ride::fuzz::RimDecoderFuzzModel();
  ride::codec::CodecModel model;
  model.model = &engine_model;
  model.fingerprint = ride::model::ComputeModelFingerprint(engine_model);
  const uint32_t shapes[][3] = {{1, 1, 1}, {7, 5, 2}, {16, 16, 4}, {40, 3, 3}, {3, 40, 16}};
  for (const auto& shape : shapes) {
    const uint32_t width = shape[0], height = shape[1];
    const std::vector<uint8_t> pixels =
        ride::engine::testing::RandomImage(width, height, static_cast<uint64_t>(width) * 31 + height);
    Source source(pixels, width);
    ride::coder::VectorByteSink sink;
    ride::codec::EncodeOptions options;
    options.lanes = shape[2];
    if (!ride::codec::EncodeImage(model, width, height, &source, options, &sink, nullptr).ok()) return 1;
    const std::string path = std::string(argv[1]) + "/seed-" + std::to_string(width) + "x" + std::to_string(height);
    FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) return 1;
    std::fwrite(sink.bytes().data(), 1, sink.bytes().size(), file);
    std::fclose(file);
  }
  return 0;
}
