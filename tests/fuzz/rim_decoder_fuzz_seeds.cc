// Writes seed files for rim_decoder_fuzz: small images of a few shapes, coded with its model, in
// container version 3 (one and several groups, stored and model groups, maxvals 1, 15 and 255,
// metadata before and after the image), each also relabelled version 2 (so that the decoder's
// series normal CDF runs on the same groups; such a file fails its pixel checksum), and version 1.
//   rim_decoder_fuzz_seeds OUT_DIR
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/src/codec/coding_methods.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/generate/sampler.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/container/rim_header.h"
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

bool Write(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  return std::fclose(file) == 0 && ok;
}

// The same image as a version-1 file: its one model group's lanes under a version-1 header.
bool WriteVersion1(const std::vector<uint8_t>& v2, const std::vector<uint8_t>& pixels, const std::string& path) {
  ride::container::RimReader reader;
  if (!reader.Open(v2.data(), v2.size()).ok() || reader.groups_with_method(ride::codec::kMethodModel) != 1 ||
      ride::container::RimGroupCount(reader.header()) != 1 || reader.header().maxval != 255) {
    return true;  // nothing to write for this one
  }
  const ride::container::RimGroupView group = reader.groups().Next();
  std::vector<ride::container::ByteSpan> lanes(reader.header().lanes);
  ride::container::ByteSpan stored;
  ride::adaptive::LevelSet levels;
  if (!ride::codec::SplitGroupPayload(reader.header(), 0, group.method, group.payload, lanes.data(), &stored,
                                      &levels).ok()) {
    return false;
  }
  ride::container::RimHeader fields = reader.header();
  fields.version = 1;
  fields.pixel_checksum = ride::container::Xxh3Hash64(pixels.data(), pixels.size());
  ride::coder::VectorByteSink sink;
  if (!ride::container::WriteRimFile(fields, lanes.data(), lanes.size(), &sink).ok()) return false;
  return Write(path, sink.bytes());
}

// The same bytes under a version-2 header.
bool WriteVersion2(const std::vector<uint8_t>& file, const std::string& path) {
  ride::container::RimHeader header;
  std::size_t header_bytes = 0;
  if (!ride::container::ParseRimHeader(file.data(), file.size(), &header, &header_bytes).ok()) return false;
  header.version = 2;
  ride::coder::VectorByteSink sink;
  if (!ride::container::WriteRimHeader(header, &sink).ok() || sink.bytes().size() != header_bytes) return false;
  std::vector<uint8_t> relabelled = sink.bytes();
  relabelled.insert(relabelled.end(), file.begin() + static_cast<std::ptrdiff_t>(header_bytes), file.end());
  return Write(path, relabelled);
}

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
  struct Shape {
    uint32_t width, height, lanes, group_rows, maxval;
    bool sampled;  // drawn from the model, which then codes it in fewer bytes than stored
  };
  const Shape shapes[] = {{1, 1, 1, 0, 255, false},   {7, 5, 2, 0, 255, true},    {16, 16, 4, 4, 255, true},
                          {40, 3, 3, 0, 15, false},   {3, 40, 16, 16, 255, false}, {24, 12, 2, 4, 1, true},
                          {12, 9, 3, 3, 255, false},  {20, 20, 4, 0, 255, true},   {9, 30, 3, 6, 255, true}};
  const ride::container::RimMetadataView metadata[] = {
      {{'t', 'E', 'X', 't'}, false, {reinterpret_cast<const uint8_t*>("a\0b"), 3}},
      {{'z', 'T', 'X', 't'}, true, {reinterpret_cast<const uint8_t*>("late"), 4}}};
  int index = 0;
  for (const Shape& shape : shapes) {
    const uint32_t width = shape.width, height = shape.height;
    std::vector<uint8_t> pixels =
        ride::engine::testing::RandomImage(width, height, static_cast<uint64_t>(width) * 31 + height);
    if (shape.sampled) {
      ride::generate::SampleOptions sample;
      sample.seed = static_cast<uint64_t>(index);
      if (!ride::generate::SampleImage(engine_model, width, height, sample, pixels.data()).ok()) return 1;
    }
    for (uint8_t& v : pixels) v = static_cast<uint8_t>(v * shape.maxval / 255);
    Source source(pixels, width);
    ride::coder::VectorByteSink sink;
    ride::codec::EncodeOptions options;
    options.lanes = shape.lanes;
    options.group_rows = shape.group_rows;
    options.maxval = shape.maxval;
    if (index % 2 == 1) {
      options.metadata = metadata;
      options.metadata_count = 2;
    }
    if (!ride::codec::EncodeImage(model, width, height, &source, options, &sink, nullptr).ok()) return 1;
    const std::string name = std::string(argv[1]) + "/seed-" + std::to_string(index++) + "-" + std::to_string(width) +
                             "x" + std::to_string(height);
    if (!Write(name, sink.bytes())) return 1;
    if (!WriteVersion2(sink.bytes(), name + "-v2")) return 1;
    if (!WriteVersion1(sink.bytes(), pixels, name + "-v1")) return 1;
  }
  return 0;
}
