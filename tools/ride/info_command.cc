// ride info: what a .rim file holds, and whether the chosen model can decode it.
#include <cstdio>
#include <vector>

#include "tools/ride/commands.h"
#include "tools/common/file_bytes.h"
#include "tools/ride/model_choice.h"
#include "tools/ride/runtime_bridge.h"
#include "runtime/src/container/rim_file.h"

namespace ride::cli {

int RunInfo(const InfoOptions& options) {
  std::vector<uint8_t> file;
  Status status = Guarded([&] { file = tools::ReadFileBytes(options.input, uint64_t{1} << 40); });
  container::RimReader reader;
  if (status.ok()) status = reader.Open(file.data(), file.size());
  if (!status.ok()) {
    std::fprintf(stderr, "ride info: %s: %s\n", options.input.c_str(), status.message());
    return 1;
  }
  const container::RimHeader& header = reader.header();
  char fingerprint[2 * model::kModelFingerprintBytes + 1];
  model::FingerprintToHex(header.model_fingerprint, fingerprint);
  const double pixels = static_cast<double>(header.width) * header.height;
  std::printf("file:         %s\n", options.input.c_str());
  std::printf("format:       ride compressed image, container version %u\n", header.version);
  std::printf("image:        %u x %u, %s, maxval %u\n", header.width, header.height,
              container::RimLayoutName(header.layout), static_cast<unsigned>(header.maxval));
  std::printf("size:         %zu bytes, %.4f bit/px (header %zu bytes)\n", file.size(), 8.0 * file.size() / pixels,
              reader.header_bytes());
  std::printf("lanes:        %u\n", header.lane_count());
  std::printf("model:        %s\n", fingerprint);
  std::printf("pixel check:  %016llx (XXH3-64)\n", static_cast<unsigned long long>(header.pixel_checksum));

  model::LoadedModel loaded;
  status = LoadChosenModel(options.model_path, &loaded);
  if (!status.ok()) {
    std::printf("decodable:    unknown (%s)\n", status.message());
  } else {
    const bool same = container::CheckModelFingerprint(header, loaded.fingerprint).ok();
    std::printf("decodable:    %s\n", same ? "yes, with this model"
                                            : "no: it was made with another model (pass it with --model)");
  }
  return 0;
}

}  // namespace ride::cli
