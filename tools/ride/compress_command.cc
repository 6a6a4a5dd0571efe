// ride compress: image -> .rim, through the chosen model, with ride.h's encoder.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

#include "ride/ride.h"
#include "tools/common/image_file.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/commands.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {
namespace {

// What the encoder's callbacks need: where rows come from and where bytes go.
struct EncodeContext {
  tools::ImageReader* reader;
  tools::OutputFile* output;
  CallbackGuard guard;
};

int ReadRows(void* user, uint32_t /*first_row*/, uint32_t count, uint8_t* rows, size_t stride) {
  auto* context = static_cast<EncodeContext*>(user);
  return context->guard.Run([&] {
    for (uint32_t i = 0; i < count; ++i) context->reader->ReadRow(rows + i * stride);
  });
}

int WriteBytes(void* user, const uint8_t* data, size_t size) {
  auto* context = static_cast<EncodeContext*>(user);
  return context->guard.Run([&] { context->output->Write(data, size); });
}

}  // namespace

int RunCompress(const CompressOptions& options) try {
  const auto start = std::chrono::steady_clock::now();
  const Model model = OpenChosenModel(options.model_path);

  tools::ImageReadOptions read_options;
  read_options.to_gray = options.gray;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(options.input, read_options);

  tools::ProgressMeter progress("compress " + options.input, options.quiet);
  ride_encode_options encode_options;
  ride_encode_options_init(&encode_options);
  encode_options.threads = options.threads;
  encode_options.lanes = options.lanes;
  encode_options.progress = &tools::ProgressMeter::Report;
  encode_options.progress_user = &progress;
  ride_encoder* raw_encoder = nullptr;
  Check(ride_encoder_create(model.get(), reader->width(), reader->height(), &encode_options, &raw_encoder),
        options.input);
  const Encoder encoder(raw_encoder);

  tools::OutputFileOptions output_options;
  output_options.overwrite = options.force;
  output_options.input_path = options.input;
  const std::unique_ptr<tools::OutputFile> output = tools::OutputFile::Create(options.output, output_options);

  EncodeContext context{reader.get(), output.get(), {}};
  ride_encode_stats stats;
  ride_encode_stats_init(&stats);
  const ride_status status =
      ride_encoder_encode(encoder.get(), &ReadRows, &context, &WriteBytes, &context, &stats);
  progress.Done();
  context.guard.RethrowIfFailed();  // the temporary output is removed with `output`
  Check(status, ride_encoder_last_error(encoder.get()), options.input);
  output->Commit();

  if (!options.quiet) {
    const double pixels = static_cast<double>(reader->width()) * reader->height();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %ux%u, %llu bytes, %.4f bit/px (model: %.4f bit/px), %.2f s, %.3f MP/s\n",
                options.output.c_str(), reader->width(), reader->height(),
                static_cast<unsigned long long>(stats.file_bytes), 8.0 * stats.file_bytes / pixels,
                stats.model_bits / pixels, seconds, pixels / seconds / 1e6);
  }
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "ride compress: %s\n", error.what());
  return 1;
}

}  // namespace ride::cli
