// Writes the seed corpus of model_loader_fuzz: a few small valid model files, one per kind of shape
// (MCGSM only, one layer, two extended layers, a wide window), into the directory given.
//
//   model_loader_fuzz_seeds build/fuzz-corpus/model_loader
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/src/model/model_writer.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace {

using ride::engine::testing::ModelShape;

ModelShape Shape(std::size_t width, std::size_t height, std::vector<std::size_t> hidden,
                 bool extended, std::size_t channels = 1) {
  ModelShape shape;
  shape.channels = channels;
  shape.window_width = width;
  shape.window_height = height;
  shape.hidden = hidden;
  shape.extended = extended;
  shape.components = 2;
  shape.scales = 2;
  shape.features = 2;
  return shape;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const struct {
    const char* name;
    ModelShape shape;
  } seeds[] = {
      {"mcgsm_only.ride", Shape(3, 2, {}, false)},
      {"one_layer.ride", Shape(3, 2, {2}, false)},
      {"two_extended_layers.ride", Shape(3, 2, {2, 3}, true)},
      {"wide_window.ride", Shape(7, 3, {1}, false)},
      {"colour.ride", Shape(3, 2, {}, false, 3)},
  };
  ride::model::ModelProvenance provenance;
  provenance.created = "2026-11-29";
  for (const auto& seed : seeds) {
    std::vector<uint8_t> bytes;
    const ride::Status written =
        ride::model::WriteModelFile(ride::engine::testing::RandomEngineModel(seed.shape, 1), provenance, &bytes);
    if (!written.ok()) {
      std::fprintf(stderr, "%s: %s\n", seed.name, written.message());
      return 1;
    }
    const std::string path = std::string(argv[1]) + "/" + seed.name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() ||
        std::fclose(f) != 0) {
      std::fprintf(stderr, "%s: cannot write\n", path.c_str());
      return 1;
    }
  }
  return 0;
}
