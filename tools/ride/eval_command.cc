// ride eval: what each image would cost to code with the chosen model, in bit/px, without writing
// anything; --map also draws where the cost goes (a colour pixel's: its three samples'), and
// --trust-map which adaptive component the mixer trusted most at each pixel. All of it comes
// from ride.h's ride_evaluate, which costs the model's channels: an alpha channel is read and left
// out (compress codes it with the adaptive components).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ride/ride.h"
#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/commands.h"
#include "tools/ride/file_batch.h"
#include "tools/ride/heat_map.h"
#include "tools/ride/ride_api.h"
#include "tools/ride/trust_map.h"

namespace ride::cli {
namespace {

struct EvalContext {
  tools::ImageReader* reader;
  std::vector<float>* map;      // width × height costs, or null
  std::vector<uint8_t>* trust;  // width × height trusted components, or null
  CallbackGuard guard;
  std::vector<uint8_t> with_alpha;  // a row as the file has it, when it has alpha
};

int ReadRows(void* user, uint32_t /*first_row*/, uint32_t count, uint8_t* rows, size_t stride) {
  auto* context = static_cast<EvalContext*>(user);
  return context->guard.Run([&] {
    const auto samples = static_cast<std::size_t>(context->reader->channels());
    for (uint32_t i = 0; i < count; ++i) {
      uint8_t* row = rows + i * stride;
      if (context->with_alpha.empty()) {
        context->reader->ReadRow(row);
        continue;
      }
      context->reader->ReadRow(context->with_alpha.data());
      for (std::size_t x = 0; x < context->reader->width(); ++x)
        for (std::size_t k = 0; k + 1 < samples; ++k) *row++ = context->with_alpha[x * samples + k];
    }
  });
}

int KeepCosts(void* user, uint32_t row, const float* bits, uint32_t width) {
  auto* context = static_cast<EvalContext*>(user);
  std::memcpy(context->map->data() + std::size_t{row} * width, bits, std::size_t{width} * sizeof(float));
  return 0;
}

int KeepTrust(void* user, uint32_t row, const uint8_t* component, uint32_t width) {
  auto* context = static_cast<EvalContext*>(user);
  std::memcpy(context->trust->data() + std::size_t{row} * width, component, width);
  return 0;
}

struct ImageCost {
  std::string name;  // the file's, "standard input" for "-"
  uint32_t width = 0, height = 0;
  double seconds = 0;
  ride_eval_stats stats;
};

ImageCost EvalImage(ModelChoice& models, const std::string& file_path, bool gray, bool quiet,
                    std::vector<float>* map, std::vector<uint8_t>* trust) {
  tools::ImageReadOptions read_options;
  read_options.to_gray = gray;
  read_options.keep_channels = !gray;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(file_path, read_options);
  const std::string& path = reader->path();
  const auto layout = static_cast<uint32_t>(reader->channels());
  const ride_model* model = models.For(layout, path);
  ImageCost cost;
  cost.name = path;
  cost.width = reader->width();
  cost.height = reader->height();
  if (map != nullptr) map->assign(std::size_t{cost.width} * cost.height, 0.0f);
  if (trust != nullptr) trust->assign(std::size_t{cost.width} * cost.height, 0);
  tools::ProgressMeter progress("eval " + path, quiet);
  EvalContext context{reader.get(), map, trust, {}, {}};
  ride_eval_options eval_options;
  ride_eval_options_init(&eval_options);
  eval_options.progress = &tools::ProgressMeter::Report;
  eval_options.progress_user = &progress;
  if (trust != nullptr) {
    eval_options.trust = &KeepTrust;
    eval_options.trust_user = &context;
  }
  ride_eval_stats_init(&cost.stats);
  if (layout == RIDE_LAYOUT_GRAY_ALPHA || layout == RIDE_LAYOUT_RGBA) {
    context.with_alpha.resize(std::size_t{cost.width} * layout);
  }
  const ride_status status = ride_evaluate(model, cost.width, cost.height, &ReadRows, &context,
                                           map != nullptr ? &KeepCosts : nullptr, &context, &eval_options,
                                           &cost.stats);
  progress.Done();
  context.guard.RethrowIfFailed();
  Check(status, path);
  return cost;
}

// One image's lines: its cost, and what each adaptive component alone would have cost.
void PrintCost(const std::string& path, const ImageCost& cost) {
  const double pixels = static_cast<double>(cost.stats.pixels);
  std::printf("%s: %ux%u, cost %.4f bit/px, %.3f MP/s, engine memory %.1f KiB\n", path.c_str(), cost.width,
              cost.height, cost.stats.total_bits / pixels, pixels / cost.seconds / 1e6,
              cost.stats.engine_memory_bytes / 1024.0);
  std::printf("  adaptive components alone:");
  for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) {
    std::printf(" %s %.4f (weight %.2f)%s", ride_adaptive_component_name(k), cost.stats.component_bits[k] / pixels,
                cost.stats.component_weight[k], k + 1 < RIDE_ADAPTIVE_COMPONENTS ? "," : "\n");
  }
  std::fflush(stdout);
}

}  // namespace

int RunEval(const EvalOptions& options) try {
  if ((!options.map_path.empty() || !options.trust_map_path.empty()) && options.inputs.size() != 1) {
    throw tools::FileError(tools::FileErrorKind::kUsage,
                           std::string(options.map_path.empty() ? "--trust-map" : "--map") +
                               " draws one image; pass exactly one");
  }
  if (!options.map_path.empty() && options.map_path == options.trust_map_path) {
    throw tools::FileError(tools::FileErrorKind::kUsage, "--map and --trust-map name the same file");
  }
  ModelChoice models(options.model_path, options.effort);
  auto create = [&](const std::string& path) {
    std::unique_ptr<tools::OutputFile> file;
    if (path.empty()) return file;
    tools::OutputFileOptions output_options;
    output_options.overwrite = options.force;
    output_options.input_path = options.inputs.front();
    file = tools::OutputFile::Create(path, output_options);
    return file;
  };
  std::unique_ptr<tools::OutputFile> map_file = create(options.map_path);
  std::unique_ptr<tools::OutputFile> trust_file = create(options.trust_map_path);
  // Images are evaluated several at a time over -j; their lines come out in the inputs' order.
  std::vector<std::optional<ImageCost>> costs(options.inputs.size());
  std::vector<bool> finished(options.inputs.size(), false);
  std::size_t printed = 0;
  std::mutex print_mutex;
  auto finish = [&](std::size_t index) {
    const std::lock_guard<std::mutex> lock(print_mutex);
    finished[index] = true;
    for (; printed < finished.size() && finished[printed]; ++printed) {
      if (costs[printed]) PrintCost(costs[printed]->name, *costs[printed]);
    }
  };
  std::vector<float> map;
  std::vector<uint8_t> trust;
  const int status = RunBatch("eval", options.inputs, options.threads, options.quiet,
                              [&](std::size_t index, const std::string& input, uint32_t, bool progress) {
                                const auto start = std::chrono::steady_clock::now();
                                try {
                                  ImageCost cost = EvalImage(models, input, options.gray, !progress,
                                                             map_file ? &map : nullptr, trust_file ? &trust : nullptr);
                                  cost.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                                               start).count();
                                  costs[index] = std::move(cost);
                                } catch (...) {
                                  finish(index);  // a failed image still lets the later lines print
                                  throw;
                                }
                                finish(index);
                              });
  double total_bits = 0, total_pixels = 0;
  double total_components[RIDE_ADAPTIVE_COMPONENTS] = {};
  std::size_t images = 0;
  for (const std::optional<ImageCost>& cost : costs) {
    if (!cost) continue;
    ++images;
    total_bits += cost->stats.total_bits;
    total_pixels += static_cast<double>(cost->stats.pixels);
    for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) total_components[k] += cost->stats.component_bits[k];
  }
  if (map_file && costs.front()) {
    WriteHeatMapPng(map.data(), costs.front()->width, costs.front()->height, map_file.get(), options.map_path);
    map_file->Commit();
  }
  if (trust_file && costs.front()) {
    WriteTrustMapPng(trust.data(), costs.front()->width, costs.front()->height, trust_file.get(),
                     options.trust_map_path);
    trust_file->Commit();
  }
  if (options.inputs.size() > 1 && total_pixels > 0) {
    std::printf("total: %zu images, %.0f pixels, cost %.4f bit/px\n", images, total_pixels, total_bits / total_pixels);
    std::printf("  adaptive components alone:");
    for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) {
      std::printf(" %s %.4f%s", ride_adaptive_component_name(k), total_components[k] / total_pixels,
                  k + 1 < RIDE_ADAPTIVE_COMPONENTS ? "," : "\n");
    }
  }
  return status;
} catch (const std::exception& error) {
  return ReportFailure("eval", error);
}

}  // namespace ride::cli
