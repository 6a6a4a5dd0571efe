// ride sample: an image drawn from the model (ride.h's ride_sample), reproducible from --seed on
// every target; optionally the top rows and left columns of an image are kept as context and the
// rest is sampled given them.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "ride/ride.h"
#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/commands.h"
#include "tools/ride/image_size.h"
#include "tools/ride/output_names.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {
namespace {

[[noreturn]] void Usage(const std::string& message) {
  throw tools::FileError(tools::FileErrorKind::kUsage, message);
}

// Checks the options that go together and works out the size.
ImageSize ResolveSize(const SampleOptions& options, const tools::ImageReader* context) {
  const bool wants_context = options.context_rows > 0 || options.context_columns > 0;
  if (context == nullptr && wants_context) Usage("--context-rows and --context-columns need --context IMAGE");
  if (context != nullptr && !wants_context) Usage("--context needs --context-rows and/or --context-columns");
  ImageSize size;
  if (options.size.empty()) {
    if (context == nullptr) Usage("--size WxH is required (or --context IMAGE to take its size)");
    size = {context->width(), context->height()};
  } else {
    size = ParseImageSize(options.size);
  }
  if (context != nullptr) {
    if (context->width() != size.width || context->height() != size.height) {
      Usage(options.context_path + " is " + std::to_string(context->width()) + "x" +
            std::to_string(context->height()) + ", not the sample's " + std::to_string(size.width) + "x" +
            std::to_string(size.height));
    }
    if (options.context_rows > size.height || options.context_columns > size.width) {
      Usage("context of " + std::to_string(options.context_rows) + " rows and " +
            std::to_string(options.context_columns) + " columns exceeds " + std::to_string(size.width) + "x" +
            std::to_string(size.height));
    }
  }
  return size;
}

}  // namespace

int RunSample(const SampleOptions& options) try {
  const auto start = std::chrono::steady_clock::now();
  const tools::ImageFormat format =
      ChooseImageFormat(options.output, options.format, options.force_name, tools::ImageFormat::kPng);
  const Model model = OpenChosenModel(options.model_path);
  const uint32_t channels = DescribeModel(model.get()).channels;  // a colour model samples R, G, B
  std::unique_ptr<tools::ImageReader> context;
  if (!options.context_path.empty()) {
    tools::ImageReadOptions read_options;
    read_options.to_gray = channels == 1 && options.gray;
    read_options.keep_channels = channels == 3;
    context = tools::OpenImageReader(options.context_path, read_options);
    if (context->channels() != static_cast<int>(channels)) {
      throw std::runtime_error(context->path() + ": the context must be " + (channels == 1 ? "gray" : "RGB") +
                               " for this model, it has " + std::to_string(context->channels()) + " channels");
    }
  }
  const ImageSize size = ResolveSize(options, context.get());
  if (size.width > RIDE_MAX_SAMPLE_SIDE || size.height > RIDE_MAX_SAMPLE_SIDE) {
    Usage("size " + std::to_string(size.width) + "x" + std::to_string(size.height) + ": each side must be at most " +
          std::to_string(RIDE_MAX_SAMPLE_SIDE));
  }
  std::vector<uint8_t> pixels = context != nullptr ? tools::ReadAllRows(context.get())
                                                   : std::vector<uint8_t>(std::size_t{size.width} * size.height * channels);
  tools::ImageWriteOptions write_options;
  write_options.channels = static_cast<int>(channels);
  const tools::ImageOutput output = tools::CreateImageOutput(options.output, options.force, options.context_path,
                                                             format, size.width, size.height, write_options);

  tools::ProgressMeter progress("sample " + options.output, options.quiet);
  ride_sample_options sample_options;
  ride_sample_options_init(&sample_options);
  sample_options.seed = options.seed;
  sample_options.context_rows = options.context_rows;
  sample_options.context_columns = options.context_columns;
  sample_options.threads = options.threads;
  sample_options.progress = &tools::ProgressMeter::Report;
  sample_options.progress_user = &progress;
  double bits = 0;
  const ride_status status =
      ride_sample(model.get(), size.width, size.height, pixels.data(), pixels.size(), &sample_options, &bits);
  progress.Done();
  Check(status);
  for (uint32_t r = 0; r < size.height; ++r) output.writer->WriteRow(pixels.data() + std::size_t{r} * size.width * channels);
  output.writer->Finish();
  output.file->Commit();

  if (!options.quiet) {  // on stderr: standard output may be the image
    const double count = static_cast<double>(size.width) * size.height;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "%s: %ux%u, seed %llu, cost %.4f bit/px under the model, %.2f s, %.3f MP/s\n",
                 output.file->path().c_str(),
                size.width, size.height, static_cast<unsigned long long>(options.seed), bits / count, seconds,
                count / seconds / 1e6);
  }
  return 0;
} catch (const std::exception& error) {
  return ReportFailure("sample", error);
}

}  // namespace ride::cli
