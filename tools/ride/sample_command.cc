// ride sample: an image drawn from the model, reproducible from --seed on every target; optionally
// the top rows and left columns of an image are kept as context and the rest is sampled given them.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>

#include "tools/ride/commands.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tools/ride/model_choice.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/runtime_bridge.h"
#include "runtime/src/generate/sampler.h"

namespace ride::cli {
namespace {

int Fail(const Status& status) {
  std::fprintf(stderr, "ride sample: %s\n", status.message());
  return 1;
}

Status Invalid(const char* message) { return Status::Error(StatusCode::kInvalidArgument, "%s", message); }

// Checks the options that go together and works out the size.
Status ResolveSize(const SampleOptions& options, const tools::ImageReader* context, uint32_t* width, uint32_t* height) {
  const bool wants_context = options.context_rows > 0 || options.context_columns > 0;
  if (context == nullptr && wants_context) return Invalid("--context-rows and --context-columns need --context IMAGE");
  if (context != nullptr && !wants_context) return Invalid("--context needs --context-rows and/or --context-columns");
  if (options.size.empty()) {
    if (context == nullptr) return Invalid("--size WxH is required (or --context IMAGE to take its size)");
    *width = context->width();
    *height = context->height();
  } else {
    RIDE_RETURN_IF_ERROR(generate::ParseImageSize(options.size.c_str(), width, height));
  }
  if (context != nullptr) {
    if (context->width() != *width || context->height() != *height) {
      return Status::Error(StatusCode::kInvalidArgument, "%s is %ux%u, not the sample's %ux%u",
                           options.context_path.c_str(), context->width(), context->height(), *width, *height);
    }
    if (options.context_rows > *height || options.context_columns > *width) {
      return Status::Error(StatusCode::kInvalidArgument, "context of %u rows and %u columns exceeds %ux%u",
                           options.context_rows, options.context_columns, *width, *height);
    }
  }
  if (*width > generate::kMaxSampleSide || *height > generate::kMaxSampleSide) {
    return Status::Error(StatusCode::kResourceExhausted, "size %ux%u: each side must be at most %u", *width, *height,
                         generate::kMaxSampleSide);
  }
  return Status();
}

}  // namespace

int RunSample(const SampleOptions& options) try {
  const auto start = std::chrono::steady_clock::now();
  const tools::ImageFormat format = tools::ImageFormatForPath(options.output);

  std::unique_ptr<tools::ImageReader> context;
  if (!options.context_path.empty()) {
    tools::ImageReadOptions read_options;
    read_options.to_gray = options.gray;
    context = tools::OpenImageReader(options.context_path, read_options);
  }
  uint32_t width = 0, height = 0;
  Status status = ResolveSize(options, context.get(), &width, &height);
  if (!status.ok()) return Fail(status);

  model::LoadedModel loaded;
  status = LoadChosenModel(options.model_path, &loaded);
  if (!status.ok()) return Fail(status);

  const std::size_t count = std::size_t{width} * height;
  std::unique_ptr<uint8_t[]> pixels(new (std::nothrow) uint8_t[count]());
  if (pixels == nullptr) {
    return Fail(Status::Error(StatusCode::kResourceExhausted, "cannot allocate %ux%u pixels", width, height));
  }
  for (uint32_t r = 0; context != nullptr && r < height; ++r) context->ReadRow(pixels.get() + std::size_t{r} * width);

  const auto [output, writer] =
      tools::CreateImageOutput(options.output, options.force, options.context_path, format, width, height);

  tools::ProgressMeter progress("sample " + options.output, options.quiet);
  MeterObserver observer(&progress);
  generate::SampleOptions sample_options;
  sample_options.seed = options.seed;
  sample_options.context_rows = options.context_rows;
  sample_options.context_columns = options.context_columns;
  sample_options.threads = options.threads;
  sample_options.progress = &observer;
  double bits = 0;
  status = generate::SampleImage(loaded.model, width, height, sample_options, pixels.get(), &bits);
  progress.Done();
  if (!status.ok()) return Fail(status);
  for (uint32_t r = 0; r < height; ++r) writer->WriteRow(pixels.get() + std::size_t{r} * width);
  writer->Finish();
  output->Commit();

  if (!options.quiet) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %ux%u, seed %llu, %.4f bit/px under the model, %.2f s, %.3f MP/s\n", options.output.c_str(),
                width, height, static_cast<unsigned long long>(options.seed), bits / static_cast<double>(count),
                seconds, static_cast<double>(count) / seconds / 1e6);
  }
  return 0;
} catch (const std::exception& error) {
  return Fail(StatusOf(error));
}

}  // namespace ride::cli
