// ride decompress: .rim -> PNG, PGM or PAM, with ride.h's decoder, read a group at a time. The header and
// the model are checked before the output file is created, and the output appears only after the
// decoder has checked every lane and the checksums. The samples come back at the file's maxval and
// a PNG gets the file's metadata (the input's chunks) where they were.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

#include "ride/ride.h"
#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/commands.h"
#include "tools/ride/file_batch.h"
#include "tools/ride/output_names.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {
namespace {

// Compressed files beyond this are refused before reading (a 2^24 × 2^16 image at 8 bit/px is 16 TiB
// raw; real files are far smaller).
constexpr uint64_t kMaxCompressedBytes = uint64_t{1} << 40;

// The compressed file, or standard input for "-" (a version-2 file is read front to back once, so a
// pipe will do), read through ride.h's read callback. `name()` is what messages call it.
class InputFile {
 public:
  explicit InputFile(const std::string& path)
      : name_(tools::InputName(path)), file_(path == "-" ? stdin : std::fopen(path.c_str(), "rb")) {
    if (file_ == nullptr) tools::ThrowIoError(name_, "cannot open", errno);
  }
  ~InputFile() {
    if (file_ != stdin) std::fclose(file_);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  static int Read(void* user, uint8_t* buffer, size_t size, size_t* bytes_read) {
    auto* input = static_cast<InputFile*>(user);
    return input->guard_.Run([&] {
      *bytes_read = std::fread(buffer, 1, size, input->file_);
      if (*bytes_read < size && std::ferror(input->file_)) tools::ThrowIoError(input->name_, "cannot read", errno);
    });
  }
  const std::string& name() const { return name_; }
  const CallbackGuard& guard() const { return guard_; }

 private:
  std::string name_;
  std::FILE* file_;
  CallbackGuard guard_;
};

struct RowsContext {
  tools::ImageWriter* writer;
  CallbackGuard guard;
};

// The file's metadata blocks [first, count) as chunks for the image writer.
std::vector<tools::ImageChunk> ChunksOf(const ride_decoder* decoder, std::size_t first, std::size_t count) {
  std::vector<tools::ImageChunk> chunks;
  for (std::size_t i = first; i < count; ++i) {
    ride_metadata block;
    Check(ride_decoder_metadata(decoder, i, &block));
    tools::ImageChunk chunk;
    std::memcpy(chunk.type.data(), block.tag, 4);
    chunk.data.assign(block.data, block.data + block.size);
    chunk.after_image = block.placement == RIDE_METADATA_AFTER_IMAGE;
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

int WriteRows(void* user, uint32_t /*first_row*/, uint32_t count, const uint8_t* rows, size_t stride) {
  auto* context = static_cast<RowsContext*>(user);
  return context->guard.Run([&] {
    for (uint32_t i = 0; i < count; ++i) context->writer->WriteRow(rows + i * stride);
  });
}

// Decompresses `input` (a .rim file or "-"); throws on failure (the output never appears then).
void DecompressFile(const DecompressOptions& options, const std::string& input_path, uint32_t threads,
                    bool show_progress) {
  InputFile input(input_path);
  const std::string& name = input.name();
  tools::ProgressMeter progress("decompress " + name, !show_progress);
  ride_decode_options decode_options;
  ride_decode_options_init(&decode_options);
  decode_options.threads = threads;
  decode_options.max_file_bytes = kMaxCompressedBytes;
  decode_options.progress = &tools::ProgressMeter::Report;
  decode_options.progress_user = &progress;
  ride_decoder* raw_decoder = nullptr;
  const ride_status opened = ride_decoder_open(&InputFile::Read, &input, &decode_options, &raw_decoder);
  input.guard().RethrowIfFailed();
  Check(opened, name);
  const Decoder decoder(raw_decoder);
  ride_file_info info;
  ride_file_info_init(&info);
  Check(ride_decoder_file_info(decoder.get(), &info), name);

  // The name given, or the input's stem with the extension of the format it came from.
  const tools::ImageFormat source = FormatForSource(info.source_format, info.channels);
  std::string output_name = options.output;
  tools::ImageFormat format;
  if (!output_name.empty() || input_path == "-") {
    if (output_name.empty()) output_name = "-";
    format = ChooseImageFormat(output_name, options.format, options.force_name, source);
  } else {
    format = options.format.empty() ? source : ChooseImageFormat("-", options.format, false, source);
    output_name = DefaultImageName(input_path, options.output_dir, format);
  }

  // --model for a user's own model; otherwise the decoder picks the built-in model the file names.
  const Model model = options.model_path.empty() ? Model() : OpenChosenModel(options.model_path);
  size_t session_bytes = 0;  // refuses another model's file before an output exists
  Check(ride_decoder_memory_needed(decoder.get(), model.get(), &session_bytes), ride_last_error(), name);

  // The samples at the file's maxval, and the metadata before the image; the rest comes after it.
  tools::ImageWriteOptions write_options;
  write_options.channels = static_cast<int>(info.channels);  // the input's layout: gray, RGB, with alpha
  write_options.maxval = info.maxval;
  write_options.chunks = ChunksOf(decoder.get(), 0, info.metadata_count);
  // Never the input, a file given as standard input included.
  const std::string never_replaced = input_path == "-" ? "/dev/stdin" : input_path;
  const tools::ImageOutput image = tools::CreateImageOutput(output_name, options.force, never_replaced, format,
                                                            info.width, info.height, write_options);
  RowsContext rows{image.writer.get(), {}};
  const ride_status status = ride_decoder_decode(decoder.get(), model.get(), &WriteRows, &rows);
  progress.Done();
  input.guard().RethrowIfFailed();
  rows.guard.RethrowIfFailed();
  Check(status, ride_decoder_last_error(decoder.get()), name);
  const std::size_t leading = info.metadata_count;
  Check(ride_decoder_file_info(decoder.get(), &info), name);
  image.writer->Finish(ChunksOf(decoder.get(), leading, info.metadata_count));
  image.file->Commit();
  if (!options.quiet) {
    std::fprintf(stderr, "%s: %ux%u, %s, from %s\n", image.file->path().c_str(), info.width, info.height,
                 tools::ImageFormatExtension(format), name.c_str());
  }
}

}  // namespace

int RunDecompress(const DecompressOptions& options) try {
  const std::vector<std::string> inputs = ExpandInputs(options.inputs, options.recursive, &IsCompressedFileName);
  CheckOutputChoice(inputs.size(), options.output, options.output_dir);
  return RunBatch("decompress", inputs, options.threads, options.quiet,
                  [&](std::size_t, const std::string& input, uint32_t threads, bool progress) {
                    DecompressFile(options, input, threads, progress);
                  });
} catch (const std::exception& error) {
  return ReportFailure("decompress", error);
}

}  // namespace ride::cli
