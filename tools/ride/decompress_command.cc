// ride decompress: .rim -> PNG or PGM. The header and the model are checked before the output file
// is created, and the output appears only after the pixel checksum has matched.
#include <cstdio>
#include <exception>
#include <memory>
#include <vector>

#include "tools/ride/commands.h"
#include "tools/common/file_bytes.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tools/ride/model_choice.h"
#include "tools/common/output_file.h"
#include "tools/common/progress_meter.h"
#include "tools/ride/runtime_bridge.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/container/rim_header.h"

namespace ride::cli {
namespace {

// Compressed files beyond this are refused before reading (a 2^24 × 2^16 image at 8 bit/px is 16 TiB
// raw; real files are far smaller).
constexpr uint64_t kMaxCompressedBytes = uint64_t{1} << 40;

int Fail(const Status& status) {
  std::fprintf(stderr, "ride decompress: %s\n", status.message());
  return 1;
}

Status WithName(const std::string& name, const Status& status) {
  if (status.ok()) return status;
  return Status::Error(status.code(), "%s: %s", name.c_str(), status.message());
}

}  // namespace

int RunDecompress(const DecompressOptions& options) try {
  const tools::ImageFormat format = tools::ImageFormatForPath(options.output);

  const std::vector<uint8_t> file = tools::ReadFileBytes(options.input, kMaxCompressedBytes);
  container::RimHeader header;
  std::size_t header_bytes = 0;
  Status status = container::ParseRimHeader(file.data(), file.size(), &header, &header_bytes);
  if (!status.ok()) return Fail(WithName(options.input, status));

  model::LoadedModel loaded;
  status = LoadChosenModel(options.model_path, &loaded);
  if (!status.ok()) return Fail(status);
  status = container::CheckModelFingerprint(header, loaded.fingerprint);
  if (!status.ok()) return Fail(WithName(options.input, status));

  const auto [output, writer] =
      tools::CreateImageOutput(options.output, options.force, options.input, format, header.width, header.height);

  tools::ProgressMeter progress("decompress " + options.input, options.quiet);
  MeterObserver observer(&progress);
  codec::DecodeOptions decode_options;
  decode_options.progress = &observer;
  decode_options.threads = options.threads;
  WriterRowSink sink(writer.get());
  status = codec::DecodeImage(CodecModelOf(loaded), file.data(), file.size(), &sink, decode_options);
  progress.Done();
  if (!status.ok()) return Fail(WithName(options.input, status));
  writer->Finish();
  output->Commit();
  return 0;
} catch (const std::exception& error) {
  return Fail(StatusOf(error));
}

}  // namespace ride::cli
