// ride eval: what each image would cost to code with the chosen model, in bit/px, without writing
// anything; --map also draws where the cost goes. Both come from ride.h's ride_evaluate.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

#include "ride/ride.h"
#include "tools/common/image_file.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/commands.h"
#include "tools/ride/heat_map.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {
namespace {

struct EvalContext {
  tools::ImageReader* reader;
  std::vector<float>* map;  // width × height costs, or null
  CallbackGuard guard;
};

int ReadRows(void* user, uint32_t /*first_row*/, uint32_t count, uint8_t* rows, size_t stride) {
  auto* context = static_cast<EvalContext*>(user);
  return context->guard.Run([&] {
    for (uint32_t i = 0; i < count; ++i) context->reader->ReadRow(rows + i * stride);
  });
}

int KeepCosts(void* user, uint32_t row, const float* bits, uint32_t width) {
  auto* context = static_cast<EvalContext*>(user);
  std::memcpy(context->map->data() + std::size_t{row} * width, bits, std::size_t{width} * sizeof(float));
  return 0;
}

struct ImageCost {
  uint32_t width = 0, height = 0;
  ride_eval_stats stats;
};

ImageCost EvalImage(const ride_model* model, const EvalOptions& options, const std::string& path,
                    std::vector<float>* map) {
  tools::ImageReadOptions read_options;
  read_options.to_gray = options.gray;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(path, read_options);
  ImageCost cost;
  cost.width = reader->width();
  cost.height = reader->height();
  if (map != nullptr) map->assign(std::size_t{cost.width} * cost.height, 0.0f);
  tools::ProgressMeter progress("eval " + path, options.quiet);
  ride_eval_options eval_options;
  ride_eval_options_init(&eval_options);
  eval_options.progress = &tools::ProgressMeter::Report;
  eval_options.progress_user = &progress;
  ride_eval_stats_init(&cost.stats);
  EvalContext context{reader.get(), map, {}};
  const ride_status status = ride_evaluate(model, cost.width, cost.height, &ReadRows, &context,
                                           map != nullptr ? &KeepCosts : nullptr, &context, &eval_options,
                                           &cost.stats);
  progress.Done();
  context.guard.RethrowIfFailed();
  Check(status, path);
  return cost;
}

}  // namespace

int RunEval(const EvalOptions& options) try {
  if (!options.map_path.empty() && options.inputs.size() != 1) {
    std::fprintf(stderr, "ride eval: --map draws one image; pass exactly one\n");
    return 1;
  }
  const Model model = OpenChosenModel(options.model_path);
  std::unique_ptr<tools::OutputFile> map_file;
  if (!options.map_path.empty()) {
    tools::OutputFileOptions output_options;
    output_options.overwrite = options.force;
    output_options.input_path = options.inputs.front();
    map_file = tools::OutputFile::Create(options.map_path, output_options);
  }
  double total_bits = 0, total_pixels = 0;
  double total_components[RIDE_ADAPTIVE_COMPONENTS] = {};
  int failures = 0;
  std::vector<float> map;
  for (const std::string& path : options.inputs) {
    const auto start = std::chrono::steady_clock::now();
    ImageCost cost;
    try {
      cost = EvalImage(model.get(), options, path, map_file ? &map : nullptr);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "ride eval: %s\n", error.what());
      ++failures;
      continue;
    }
    const double pixels = static_cast<double>(cost.stats.pixels);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %ux%u, %.4f bit/px, %.3f MP/s, engine memory %.1f KiB\n", path.c_str(), cost.width,
                cost.height, cost.stats.total_bits / pixels, pixels / seconds / 1e6,
                cost.stats.engine_memory_bytes / 1024.0);
    std::printf("  adaptive components alone:");
    for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) {
      std::printf(" %s %.4f (weight %.2f)%s", ride_adaptive_component_name(k), cost.stats.component_bits[k] / pixels,
                  cost.stats.component_weight[k], k + 1 < RIDE_ADAPTIVE_COMPONENTS ? "," : "\n");
    }
    for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) total_components[k] += cost.stats.component_bits[k];
    total_bits += cost.stats.total_bits;
    total_pixels += pixels;
    if (map_file) {
      WriteHeatMapPng(map.data(), cost.width, cost.height, map_file.get(), options.map_path);
      map_file->Commit();
    }
  }
  if (options.inputs.size() > 1 && total_pixels > 0) {
    std::printf("total: %zu images, %.0f pixels, %.4f bit/px\n", options.inputs.size() - failures, total_pixels,
                total_bits / total_pixels);
    std::printf("  adaptive components alone:");
    for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) {
      std::printf(" %s %.4f%s", ride_adaptive_component_name(k), total_components[k] / total_pixels,
                  k + 1 < RIDE_ADAPTIVE_COMPONENTS ? "," : "\n");
    }
  }
  return failures == 0 ? 0 : 1;
} catch (const std::exception& error) {
  std::fprintf(stderr, "ride eval: %s\n", error.what());
  return 1;
}

}  // namespace ride::cli
