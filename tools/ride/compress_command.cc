// ride compress: image -> .rim, through the chosen model, with ride.h's encoder: the samples at
// their depth, the format they came from and (unless --strip) a PNG's ancillary chunks go into the
// file, so that ride decompress gives them back.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "ride/ride.h"
#include "tools/common/image_file.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/commands.h"
#include "tools/ride/file_batch.h"
#include "tools/ride/output_names.h"
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

// Compresses `input` to `output` with `model`; throws on failure (the output never appears then).
void CompressFile(ModelChoice& models, const CompressOptions& options, const std::string& input,
                  const std::string& output_name, uint32_t threads, bool show_progress) {
  const auto start = std::chrono::steady_clock::now();
  CheckCompressedFileName(output_name, options.force_name);
  tools::ImageReadOptions read_options;
  // The image as it is (colour, alpha, depth), unless --gray asks for gray.
  read_options.to_gray = options.gray;
  read_options.keep_channels = !options.gray;
  read_options.keep_depth = true;
  read_options.keep_chunks = !options.strip;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(input, read_options);
  const std::string& name = reader->path();  // "standard input" for "-"
  const auto layout = static_cast<uint32_t>(reader->channels());  // a layout's number is its channels
  const ride_model* model = models.For(layout, name);
  EncodeContext context{reader.get(), nullptr, options.strip, {}, {}};
  const std::vector<ride_metadata> leading = MetadataOf(*reader, false);

  tools::ProgressMeter progress("compress " + name, !show_progress);
  ride_encode_options encode_options;
  ride_encode_options_init(&encode_options);
  encode_options.threads = threads;
  encode_options.lanes = options.lanes;
  encode_options.group_rows = options.group_rows;
  encode_options.progress = &tools::ProgressMeter::Report;
  encode_options.progress_user = &progress;
  encode_options.layout = layout;
  encode_options.maxval = reader->maxval();
  encode_options.source_format = SourceFormat(reader->source());
  encode_options.metadata = leading.data();
  encode_options.metadata_count = leading.size();
  encode_options.trailing_metadata = &TrailingMetadata;
  encode_options.trailing_metadata_user = &context;
  ride_encoder* raw_encoder = nullptr;
  Check(ride_encoder_create(model, reader->width(), reader->height(), &encode_options, &raw_encoder), name);
  const Encoder encoder(raw_encoder);

  tools::OutputFileOptions output_options;
  output_options.overwrite = options.force;
  output_options.input_path = input;
  const std::unique_ptr<tools::OutputFile> output = tools::OutputFile::Create(output_name, output_options);

  context.output = output.get();
  ride_encode_stats stats;
  ride_encode_stats_init(&stats);
  const ride_status status =
      ride_encoder_encode(encoder.get(), &ReadRows, &context, &WriteBytes, &context, &stats);
  progress.Done();
  context.guard.RethrowIfFailed();  // the temporary output is removed with `output`
  Check(status, ride_encoder_last_error(encoder.get()), name);
  output->Commit();

  if (options.quiet) return;
  // On stderr, as progress is: standard output may be the compressed file. Colour costs are per
  // pixel (all its samples), as cjxl's bpp.
  const double pixels = static_cast<double>(reader->width()) * reader->height();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string line = output->path() + ": " + std::to_string(reader->width()) + "x" + std::to_string(reader->height());
  char figures[256];
  std::snprintf(figures, sizeof figures, ", %llu bytes, cost %.4f bit/px (model alone %.4f bit/px), %.2f s, %.3f MP/s, %u groups",
                static_cast<unsigned long long>(stats.file_bytes), 8.0 * stats.file_bytes / pixels,
                stats.model_bits / pixels, seconds, pixels / seconds / 1e6, stats.groups);
  line += figures;
  if (stats.stored_groups != 0) line += " (" + std::to_string(stats.stored_groups) + " stored)";
  // As cjxl says of a JPEG it recompresses pixel for pixel: the file keeps the decoded pixels.
  if (reader->source() == tools::ImageSource::kJpeg) line += "; coded the pixels the JPEG decodes to";
  // A palette is coded as the samples it stands for; decompress writes those, not the palette.
  if (reader->description().find("palette") != std::string::npos) {
    line += layout == RIDE_LAYOUT_RGBA ? "; palette coded as RGBA samples" : "; palette coded as RGB samples";
  }
  std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace

int RunCompress(const CompressOptions& options) try {
  const std::vector<std::string> inputs = ExpandInputs(options.inputs, options.recursive, &IsImageFileName);
  CheckOutputChoice(inputs.size(), options.output, options.output_dir);
  ModelChoice models(options.model_path, options.effort);
  return RunBatch("compress", inputs, options.threads, options.quiet,
                  [&](std::size_t, const std::string& input, uint32_t threads, bool progress) {
                    const std::string output = !options.output.empty() ? options.output
                                               : input == "-"          ? std::string("-")
                                                                       : DefaultOutputName(input, options.output_dir, "rim");
                    CompressFile(models, options, input, output, threads, progress);
                  });
} catch (const std::exception& error) {
  return ReportFailure("compress", error);
}

}  // namespace ride::cli
