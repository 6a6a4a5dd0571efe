// ride compress: image -> .rim, through the chosen model.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

#include "tools/ride/commands.h"
#include "tools/common/image_file.h"
#include "tools/ride/model_choice.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/runtime_bridge.h"
#include "runtime/src/codec/image_codec.h"

namespace ride::cli {
namespace {

int Fail(const Status& status) {
  std::fprintf(stderr, "ride compress: %s\n", status.message());
  return 1;
}

}  // namespace

int RunCompress(const CompressOptions& options) try {
  const auto start = std::chrono::steady_clock::now();
  model::LoadedModel loaded;
  Status status = LoadChosenModel(options.model_path, &loaded);
  if (!status.ok()) return Fail(status);

  tools::ImageReadOptions read_options;
  read_options.to_gray = options.gray;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(options.input, read_options);

  tools::OutputFileOptions output_options;
  output_options.overwrite = options.force;
  output_options.input_path = options.input;
  const std::unique_ptr<tools::OutputFile> output = tools::OutputFile::Create(options.output, output_options);

  tools::ProgressMeter progress("compress " + options.input, options.quiet);
  MeterObserver observer(&progress);
  codec::EncodeOptions encode_options;
  if (options.lanes != 0) encode_options.lanes = options.lanes;
  encode_options.threads = options.threads;
  encode_options.progress = &observer;
  ReaderRowSource source(reader.get());
  ByteWriterSink sink(output.get());
  codec::EncodeResult result;
  status = codec::EncodeImage(CodecModelOf(loaded), reader->width(), reader->height(), &source, encode_options,
                              &sink, &result);
  progress.Done();
  if (!status.ok()) return Fail(status);  // the temporary output is removed with `output`
  output->Commit();

  if (!options.quiet) {
    const double pixels = static_cast<double>(reader->width()) * reader->height();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %ux%u, %llu bytes, %.4f bit/px (model: %.4f bit/px), %.2f s, %.3f MP/s\n",
                options.output.c_str(), reader->width(), reader->height(),
                static_cast<unsigned long long>(result.file_bytes), 8.0 * result.file_bytes / pixels,
                result.model_bits / pixels, seconds, pixels / seconds / 1e6);
  }
  return 0;
} catch (const std::exception& error) {
  return Fail(StatusOf(error));
}

}  // namespace ride::cli
