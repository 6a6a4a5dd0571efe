// ride info: what a .rim file holds, and which model decodes it.
#include <cstdio>
#include <cstring>
#include <exception>
#include <vector>

#include "ride/ride.h"
#include "tools/common/file_bytes.h"
#include "tools/ride/commands.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {

int RunInfo(const InfoOptions& options) try {
  const std::vector<uint8_t> file = tools::ReadFileBytes(options.input, uint64_t{1} << 40);
  ride_decoder* raw_decoder = nullptr;
  Check(ride_decoder_open_memory(file.data(), file.size(), nullptr, &raw_decoder), options.input);
  const Decoder decoder(raw_decoder);
  ride_file_info info;
  ride_file_info_init(&info);
  Check(ride_decoder_file_info(decoder.get(), &info), options.input);

  const double pixels = static_cast<double>(info.width) * info.height;
  static const char* const kLayouts[] = {"", "gray", "gray+alpha", "RGB", "RGBA"};
  static const char* const kSources[] = {"unspecified", "PNG", "PGM", "PPM", "PAM", "JPEG"};
  std::printf("file:         %s\n", options.input.c_str());
  std::printf("format:       ride compressed image, container version %u\n", info.container_version);
  std::printf("image:        %u x %u, %s, %u-bit samples (maxval %u)\n", info.width, info.height,
              info.layout < 5 ? kLayouts[info.layout] : "?", info.bit_depth, info.maxval);
  std::printf("source:       %s\n", info.source_format < 6 ? kSources[info.source_format] : "?");
  std::printf("size:         %zu bytes, %.4f bit/px (header %llu bytes)\n", file.size(), 8.0 * file.size() / pixels,
              static_cast<unsigned long long>(info.header_bytes));
  std::printf("lanes:        %u\n", info.lanes);
  std::printf("groups:       %u of %u rows\n", info.groups, info.group_rows);
  std::printf("methods:     ");
  for (uint32_t method = 0; method < RIDE_METHOD_SLOTS; ++method) {
    if (info.method_groups[method] == 0) continue;
    const char* name = ride_coding_method_name(method);
    std::printf(" %s %u", name != nullptr ? name : "unknown", info.method_groups[method]);
  }
  std::printf("\n");
  std::printf("metadata:     %zu blocks\n", info.metadata_count);
  for (std::size_t i = 0; i < info.metadata_count; ++i) {
    ride_metadata block;
    Check(ride_decoder_metadata(decoder.get(), i, &block), options.input);
    std::printf("              %.4s, %zu bytes, %s the image\n", reinterpret_cast<const char*>(block.tag), block.size,
                block.placement == RIDE_METADATA_AFTER_IMAGE ? "after" : "before");
  }
  if (info.builtin_model_name[0] != '\0') {
    std::printf("model:        %s (built-in %s)\n", info.model_fingerprint_hex, info.builtin_model_name);
  } else {
    std::printf("model:        %s (not built in)\n", info.model_fingerprint_hex);
  }
  std::printf("pixel check:  %016llx (XXH3-64)\n", static_cast<unsigned long long>(info.pixel_checksum));

  if (!options.model_path.empty()) {
    const Model model = OpenChosenModel(options.model_path);
    const ride_model_info model_info = DescribeModel(model.get());
    const bool same = std::memcmp(model_info.fingerprint, info.model_fingerprint, RIDE_FINGERPRINT_BYTES) == 0;
    std::printf("decodable:    %s\n", same ? "yes, with this model"
                                            : "no: it was made with another model than --model");
  } else if (info.builtin_model_name[0] != '\0') {
    std::printf("decodable:    yes, with the built-in model %s\n", info.builtin_model_name);
  } else {
    std::printf("decodable:    only with model %s (pass it with --model)\n", info.model_fingerprint_hex);
  }
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "ride info: %s\n", error.what());
  return 1;
}

}  // namespace ride::cli
