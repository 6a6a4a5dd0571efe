// ride eval: what each image would cost to code with the chosen model, in bit/px, without writing
// anything; --map also draws where the cost goes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <vector>

#include "tools/ride/commands.h"
#include "tools/ride/heat_map.h"
#include "tools/common/image_file.h"
#include "tools/ride/model_choice.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/runtime_bridge.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::cli {
namespace {

constexpr uint32_t kBandRows = codec::kDefaultLanes;

// Sums each pixel's coding cost; keeps the per-pixel costs when a map is wanted.
class ScoringVisitor final : public engine::PixelVisitor {
 public:
  ScoringVisitor(const uint8_t* band, uint32_t width, std::vector<float>* map) : band_(band), width_(width), map_(map) {}
  void SetFirstRow(uint32_t row) { first_row_ = row; }
  uint8_t Visit(uint32_t row, uint32_t column, const engine::PixelDistribution& distribution) override {
    const uint8_t value = band_[std::size_t{row - first_row_} * width_ + column];
    const double bits = distribution.CodedBits(value);
    total_bits_ += bits;
    if (map_ != nullptr) (*map_)[std::size_t{row} * width_ + column] = static_cast<float>(bits);
    return value;
  }
  double total_bits() const { return total_bits_; }

 private:
  const uint8_t* band_;
  uint32_t width_;
  std::vector<float>* map_;
  uint32_t first_row_ = 0;
  double total_bits_ = 0;
};

Status EvalImage(const model::LoadedModel& loaded, const EvalOptions& options, const std::string& path,
                 double* bits, double* pixels, std::vector<float>* map, uint32_t* width_out, uint32_t* height_out,
                 std::size_t* engine_bytes) {
  tools::ImageReadOptions read_options;
  read_options.to_gray = options.gray;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(path, read_options);
  const uint32_t width = reader->width(), height = reader->height();
  *width_out = width;
  *height_out = height;
  engine::WavefrontSession session;
  RIDE_RETURN_IF_ERROR(session.Init(&loaded.model, width, kBandRows));
  *engine_bytes = session.arena_bytes();
  std::vector<uint8_t> band(std::size_t{width} * kBandRows);
  if (map != nullptr) map->assign(std::size_t{width} * height, 0.0f);
  ScoringVisitor visitor(band.data(), width, map);
  tools::ProgressMeter progress("eval " + path, options.quiet);
  for (uint32_t first = 0; first < height; first += kBandRows) {
    const uint32_t count = std::min(kBandRows, height - first);
    for (uint32_t i = 0; i < count; ++i) reader->ReadRow(band.data() + std::size_t{i} * width);
    visitor.SetFirstRow(first);
    RIDE_RETURN_IF_ERROR(session.ProcessBand(first, count, &visitor));
    progress.RowsDone(first + count, height);
  }
  *bits = visitor.total_bits();
  *pixels = static_cast<double>(width) * height;
  return Status();
}

}  // namespace

int RunEval(const EvalOptions& options) try {
  if (!options.map_path.empty() && options.inputs.size() != 1) {
    std::fprintf(stderr, "ride eval: --map draws one image; pass exactly one\n");
    return 1;
  }
  model::LoadedModel loaded;
  Status status = LoadChosenModel(options.model_path, &loaded);
  if (!status.ok()) {
    std::fprintf(stderr, "ride eval: %s\n", status.message());
    return 1;
  }
  std::unique_ptr<tools::OutputFile> map_file;
  if (!options.map_path.empty()) {
    tools::OutputFileOptions output_options;
    output_options.overwrite = options.force;
    output_options.input_path = options.inputs.front();
    map_file = tools::OutputFile::Create(options.map_path, output_options);
  }
  double total_bits = 0, total_pixels = 0;
  int failures = 0;
  std::vector<float> map;
  for (const std::string& path : options.inputs) {
    double bits = 0, pixels = 0;
    uint32_t width = 0, height = 0;
    std::size_t engine_bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    status = Guarded([&] {
      return EvalImage(loaded, options, path, &bits, &pixels, map_file ? &map : nullptr, &width, &height,
                       &engine_bytes);
    });
    if (!status.ok()) {
      std::fprintf(stderr, "ride eval: %s\n", status.message());
      ++failures;
      continue;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %ux%u, %.4f bit/px, %.3f MP/s, engine memory %.1f KiB\n", path.c_str(), width, height,
                bits / pixels, pixels / seconds / 1e6, engine_bytes / 1024.0);
    total_bits += bits;
    total_pixels += pixels;
    if (map_file) {
      WriteHeatMapPng(map.data(), width, height, map_file.get(), options.map_path);
      map_file->Commit();
    }
  }
  if (options.inputs.size() > 1 && total_pixels > 0) {
    std::printf("total: %zu images, %.0f pixels, %.4f bit/px\n", options.inputs.size() - failures, total_pixels,
                total_bits / total_pixels);
  }
  return failures == 0 ? 0 : 1;
} catch (const std::exception& error) {
  std::fprintf(stderr, "ride eval: %s\n", StatusOf(error).message());
  return 1;
}

}  // namespace ride::cli
