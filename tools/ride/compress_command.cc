// ride compress: image -> .rim, through the chosen model.
#include <chrono>
#include <cstdio>
#include <memory>

#include "tools/ride/commands.h"
#include "tools/common/image_file.h"
#include "tools/ride/model_choice.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "runtime/src/codec/image_codec.h"

namespace ride::cli {
namespace {

class ReaderRowSource final : public codec::RowSource {
 public:
  explicit ReaderRowSource(tools::ImageReader* reader) : reader_(reader) {}
  Status ReadRow(uint8_t* row) override { return reader_->ReadRow(row); }

 private:
  tools::ImageReader* reader_;
};

int Fail(const Status& status) {
  std::fprintf(stderr, "ride compress: %s\n", status.message());
  return 1;
}

}  // namespace

int RunCompress(const CompressOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  model::LoadedModel loaded;
  Status status = LoadChosenModel(options.model_path, &loaded);
  if (!status.ok()) return Fail(status);

  tools::ImageReadOptions read_options;
  read_options.to_gray = options.gray;
  std::unique_ptr<tools::ImageReader> reader;
  status = tools::OpenImageReader(options.input, read_options, &reader);
  if (!status.ok()) return Fail(status);

  tools::OutputFileOptions output_options;
  output_options.overwrite = options.force;
  output_options.input_path = options.input;
  std::unique_ptr<tools::OutputFile> output;
  status = tools::OutputFile::Create(options.output, output_options, &output);
  if (!status.ok()) return Fail(status);

  tools::ProgressMeter progress("compress " + options.input, options.quiet);
  codec::EncodeOptions encode_options;
  if (options.lanes != 0) encode_options.lanes = options.lanes;
  encode_options.threads = options.threads;
  encode_options.progress = &progress;
  ReaderRowSource source(reader.get());
  codec::EncodeResult result;
  status = codec::EncodeImage(CodecModelOf(loaded), reader->width(), reader->height(), &source, encode_options,
                              output.get(), &result);
  progress.Done();
  if (!status.ok()) return Fail(status);  // the temporary output is removed with `output`
  status = output->Commit();
  if (!status.ok()) return Fail(status);

  if (!options.quiet) {
    const double pixels = static_cast<double>(reader->width()) * reader->height();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %ux%u, %llu bytes, %.4f bit/px (model: %.4f bit/px), %.2f s, %.3f MP/s\n",
                options.output.c_str(), reader->width(), reader->height(),
                static_cast<unsigned long long>(result.file_bytes), 8.0 * result.file_bytes / pixels,
                result.model_bits / pixels, seconds, pixels / seconds / 1e6);
  }
  return 0;
}

}  // namespace ride::cli
