// ride info: what a .rim file holds and which model decodes it, or what a .ride model file is.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "ride/ride.h"
#include "tools/common/file_bytes.h"
#include "tools/common/file_error.h"
#include "tools/ride/commands.h"
#include "tools/ride/file_batch.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {

namespace {

// A FlatBuffer model file says "RIDM" at bytes 4..7 (schema/ride_model.fbs's file_identifier).
bool IsModelFile(const std::vector<uint8_t>& file) {
  return file.size() >= 8 && std::memcmp(file.data() + 4, "RIDM", 4) == 0;
}

void PrintProvenance(const char* label, const char* text) {
  if (text != nullptr && *text != '\0') std::printf("%-14s%s\n", label, text);
}

void DescribeModelFile(const std::string& file_path, const std::vector<uint8_t>& file) {
  const std::string path = tools::InputName(file_path);
  ride_model* raw_model = nullptr;
  Check(ride_model_open_memory(file.data(), file.size(), 0, &raw_model), path);
  const Model model(raw_model);
  const ride_model_info info = DescribeModel(model.get());
  std::printf("file:         %s\n", path.c_str());
  std::printf("format:       ride model file, %llu bytes\n", static_cast<unsigned long long>(info.file_bytes));
  std::printf("fingerprint:  %s\n", info.fingerprint_hex);
  std::printf("channels:     %u\n", info.channels);
  std::printf("window:       %u x %u causal neighbourhood\n", info.window_width, info.window_height);
  if (info.layers == 0) {
    std::printf("network:      none (MCGSM on the neighbourhood)\n");
  } else {
    std::printf("network:      %u spatial LSTM layers:", info.layers);
    for (uint32_t i = 0; i < info.layers && i < RIDE_MAX_LAYERS; ++i) {
      std::printf(" %u%s%s", info.hidden[i], info.extended[i] ? " (extended)" : "",
                  info.bounded[i] ? " (bounded cells)" : "");
    }
    std::printf("\n");
  }
  std::printf("MCGSM:        %u components, %u scales, %u features\n", info.components, info.scales, info.features);
  std::printf("size:         %llu parameters, %llu multiply-adds per pixel\n",
              static_cast<unsigned long long>(info.parameters),
              static_cast<unsigned long long>(info.multiply_adds_per_pixel));
  PrintProvenance("trained on:   ", info.training_data);
  PrintProvenance("trainer:      ", info.trainer_version);
  PrintProvenance("created:      ", info.created);
  PrintProvenance("command:      ", info.command);
  PrintProvenance("notes:        ", info.notes);
  if (info.validation_bits_per_pixel == info.validation_bits_per_pixel) {
    std::printf("validation:   log-likelihood rate %.4f bit/px (higher is better)\n", info.validation_bits_per_pixel);
  }
  if (info.test_bits_per_pixel == info.test_bits_per_pixel) {
    std::printf("test:         log-likelihood rate %.4f bit/px (higher is better)\n", info.test_bits_per_pixel);
  }
}

void DescribeCompressedFile(const InfoOptions& options, const std::string& file_path, const std::vector<uint8_t>& file) {
  const std::string path = tools::InputName(file_path);
  ride_decoder* raw_decoder = nullptr;
  Check(ride_decoder_open_memory(file.data(), file.size(), nullptr, &raw_decoder), path);
  const Decoder decoder(raw_decoder);
  ride_file_info info;
  ride_file_info_init(&info);
  Check(ride_decoder_file_info(decoder.get(), &info), path);

  const double pixels = static_cast<double>(info.width) * info.height;
  static const char* const kLayouts[] = {"", "gray", "gray+alpha", "RGB", "RGBA"};
  static const char* const kSources[] = {"unspecified", "PNG", "PGM", "PPM", "PAM", "JPEG"};
  std::printf("file:         %s\n", path.c_str());
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
    Check(ride_decoder_metadata(decoder.get(), i, &block), path);
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
}

}  // namespace

int RunInfo(const InfoOptions& options) try {
  bool first = true;
  return RunBatch("info", options.inputs, 1, true, [&](std::size_t, const std::string& path, uint32_t, bool) {
    const std::vector<uint8_t> file = tools::ReadFileBytes(path, uint64_t{1} << 40);
    if (!first) std::printf("\n");
    first = false;
    if (IsModelFile(file)) {
      DescribeModelFile(path, file);
    } else {
      DescribeCompressedFile(options, path, file);
    }
    std::fflush(stdout);
  });
} catch (const std::exception& error) {
  return ReportFailure("info", error);
}

}  // namespace ride::cli
