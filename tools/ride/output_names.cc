#include "tools/ride/output_names.h"

#include <filesystem>
#include <system_error>

#include "ride/ride.h"
#include "tools/common/file_error.h"

namespace ride::cli {
namespace {

// Images ride reads.
bool IsImageExtension(const std::string& extension) {
  for (const char* known : {"png", "pgm", "ppm", "pam", "pnm", "jpg", "jpeg"}) {
    if (extension == known) return true;
  }
  return false;
}

// Extensions of files other than compressed images: images (PBM too, which ride refuses), models
// (.ride) and checkpoints (.json).
bool IsImageOrModelExtension(const std::string& extension) {
  return IsImageExtension(extension) || extension == "pbm" || extension == "ride" || extension == "json";
}

std::string StemOf(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::size_t dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

std::string DirectoryPrefix(const std::string& input, const std::string& output_dir) {
  if (!output_dir.empty()) return output_dir.back() == '/' ? output_dir : output_dir + "/";
  const std::size_t slash = input.find_last_of('/');
  return slash == std::string::npos ? std::string() : input.substr(0, slash + 1);
}

}  // namespace

bool IsImageFileName(const std::string& path) { return IsImageExtension(tools::LowerCaseExtension(path)); }

bool IsCompressedFileName(const std::string& path) { return tools::LowerCaseExtension(path) == "rim"; }

std::string DefaultOutputName(const std::string& input, const std::string& output_dir, const std::string& extension) {
  return DirectoryPrefix(input, output_dir) + StemOf(input) + "." + extension;
}

void CheckOutputChoice(std::size_t inputs, const std::string& output, const std::string& output_dir) {
  if (output.empty()) {
    std::error_code error;
    if (!output_dir.empty() && !std::filesystem::is_directory(output_dir) &&
        !std::filesystem::create_directories(output_dir, error)) {
      tools::ThrowIoError(output_dir, "cannot create the output folder", error.value());
    }
    return;
  }
  if (!output_dir.empty()) throw tools::FileError(tools::FileErrorKind::kUsage, "-o and --output-dir exclude each other");
  if (inputs != 1) {
    throw tools::FileError(tools::FileErrorKind::kUsage,
                           "-o names the output of one input, but there are " + std::to_string(inputs) +
                               "; leave it out (each output goes beside its input) or use --output-dir");
  }
}

std::string DefaultImageName(const std::string& input, const std::string& output_dir, tools::ImageFormat format) {
  if (tools::LowerCaseExtension(input) != "rim") {
    tools::ThrowFileError(tools::FileErrorKind::kUsage, input,
                          "not named .rim, so there is no default output name; give one with -o");
  }
  return DefaultOutputName(input, output_dir, tools::ImageFormatExtension(format));
}

void CheckCompressedFileName(const std::string& path, bool force_name) {
  if (path == "-" || force_name) return;
  const std::string extension = tools::LowerCaseExtension(path);
  if (IsImageOrModelExtension(extension)) {
    tools::ThrowFileError(tools::FileErrorKind::kUsage, path,
                          "a compressed image would be written under a ." + extension +
                              " name; name it .rim, or pass --force-name");
  }
}

tools::ImageFormat ChooseImageFormat(const std::string& path, const std::string& format_option, bool force_name,
                                     tools::ImageFormat fallback) {
  tools::ImageFormat named;
  const bool has_image_name = path != "-" && tools::ImageFormatOfName(path, &named);
  const std::string extension = path == "-" ? std::string() : tools::LowerCaseExtension(path);
  if (!format_option.empty()) {
    tools::ImageFormat chosen;
    if (!tools::ImageFormatOfName("." + format_option, &chosen)) {
      throw tools::FileError(tools::FileErrorKind::kUsage,
                             "--format " + format_option + ": unknown image format; use png, pgm or pam");
    }
    if (!force_name && ((has_image_name && named != chosen) || (!has_image_name && IsImageOrModelExtension(extension)))) {
      tools::ThrowFileError(tools::FileErrorKind::kUsage, path,
                            "the name says ." + extension + " but --format is " + format_option +
                                "; make them agree, or pass --force-name");
    }
    return chosen;
  }
  if (path == "-") return fallback;
  if (has_image_name) return named;
  if (force_name) return fallback;
  if (extension == "rim" || IsImageOrModelExtension(extension)) {
    tools::ThrowFileError(tools::FileErrorKind::kUsage, path,
                          "an image would be written under a ." + extension +
                              " name; name it .png, .pgm or .pam, or pass --force-name");
  }
  tools::ThrowFileError(tools::FileErrorKind::kUsage, path,
                        "unknown image format; name the output .png, .pgm or .pam, or pass --format");
}

tools::ImageFormat FormatForSource(uint32_t source_format, uint32_t channels) {
  switch (source_format) {
    case RIDE_SOURCE_PGM: return tools::ImageFormat::kPgm;
    case RIDE_SOURCE_PPM: return channels == 3 ? tools::ImageFormat::kPpm : tools::ImageFormat::kPgm;
    case RIDE_SOURCE_PAM: return tools::ImageFormat::kPam;
    default: return tools::ImageFormat::kPng;
  }
}

}  // namespace ride::cli
