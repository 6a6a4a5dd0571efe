// ride compress: image -> .rim, through the chosen model, with ride.h's encoder: the samples at
// their depth, the format they came from and (unless --strip) a PNG's ancillary chunks go into the
// file, so that ride decompress gives them back.
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
#include "tools/ride/ride_api.h"

namespace ride::cli {
namespace {

// What the encoder's callbacks need: where rows come from, where bytes go, and the chunks after
// the image, known once the reader has read the file's end.
struct EncodeContext {
  tools::ImageReader* reader;
  tools::OutputFile* output;
  bool strip;
  std::vector<ride_metadata> trailing;
  CallbackGuard guard;
};

// The container's name for where an image came from.
uint32_t SourceFormat(tools::ImageSource source) {
  switch (source) {
    case tools::ImageSource::kPng: return RIDE_SOURCE_PNG;
    case tools::ImageSource::kPgm: return RIDE_SOURCE_PGM;
    case tools::ImageSource::kPpm: return RIDE_SOURCE_PPM;
    case tools::ImageSource::kPam: return RIDE_SOURCE_PAM;
    case tools::ImageSource::kJpeg: return RIDE_SOURCE_JPEG;
  }
  return RIDE_SOURCE_UNSPECIFIED;
}

// The reader's chunks on one side of the image as metadata blocks (pointing into the reader's).
std::vector<ride_metadata> MetadataOf(const tools::ImageReader& reader, bool after_image) {
  std::vector<ride_metadata> blocks;
  for (const tools::ImageChunk& chunk : reader.chunks()) {
    if (chunk.after_image != after_image) continue;
    ride_metadata block;
    std::memcpy(block.tag, chunk.type.data(), sizeof block.tag);
    block.placement = after_image ? RIDE_METADATA_AFTER_IMAGE : RIDE_METADATA_BEFORE_IMAGE;
    block.data = chunk.data.data();
    block.size = chunk.data.size();
    blocks.push_back(block);
  }
  return blocks;
}

// After the last row: the file's end (a PNG's chunks after IDAT), read and handed to the encoder.
int TrailingMetadata(void* user, const ride_metadata** blocks, size_t* count) {
  auto* context = static_cast<EncodeContext*>(user);
  return context->guard.Run([&] {
    context->reader->ReadEnd();
    if (!context->strip) context->trailing = MetadataOf(*context->reader, true);
    *blocks = context->trailing.data();
    *count = context->trailing.size();
  });
}

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
  read_options.keep_depth = true;
  read_options.keep_chunks = !options.strip;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(options.input, read_options);
  EncodeContext context{reader.get(), nullptr, options.strip, {}, {}};
  const std::vector<ride_metadata> leading = MetadataOf(*reader, false);

  tools::ProgressMeter progress("compress " + options.input, options.quiet);
  ride_encode_options encode_options;
  ride_encode_options_init(&encode_options);
  encode_options.threads = options.threads;
  encode_options.lanes = options.lanes;
  encode_options.group_rows = options.group_rows;
  encode_options.progress = &tools::ProgressMeter::Report;
  encode_options.progress_user = &progress;
  encode_options.maxval = reader->maxval();
  encode_options.source_format = SourceFormat(reader->source());
  encode_options.metadata = leading.data();
  encode_options.metadata_count = leading.size();
  encode_options.trailing_metadata = &TrailingMetadata;
  encode_options.trailing_metadata_user = &context;
  ride_encoder* raw_encoder = nullptr;
  Check(ride_encoder_create(model.get(), reader->width(), reader->height(), &encode_options, &raw_encoder),
        options.input);
  const Encoder encoder(raw_encoder);

  tools::OutputFileOptions output_options;
  output_options.overwrite = options.force;
  output_options.input_path = options.input;
  const std::unique_ptr<tools::OutputFile> output = tools::OutputFile::Create(options.output, output_options);

  context.output = output.get();
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
    std::printf("%s: %ux%u, %llu bytes, %.4f bit/px (model: %.4f bit/px), %.2f s, %.3f MP/s, %u groups",
                options.output.c_str(), reader->width(), reader->height(),
                static_cast<unsigned long long>(stats.file_bytes), 8.0 * stats.file_bytes / pixels,
                stats.model_bits / pixels, seconds, pixels / seconds / 1e6, stats.groups);
    if (stats.stored_groups != 0) std::printf(" (%u stored)", stats.stored_groups);
    std::printf("\n");
  }
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "ride compress: %s\n", error.what());
  return 1;
}

}  // namespace ride::cli
