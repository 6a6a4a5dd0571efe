// What every format shares: telling the formats apart, the size limits, the gray rules, and the
// sticky errors of a reader.
#include "tools/common/image_file.h"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "tools/common/file_error.h"
#include "tools/common/image_formats.h"

namespace ride::tools {
namespace internal {

void CheckImageSize(const std::string& name, uint64_t width, uint64_t height) {
  if (width == 0 || height == 0) {
    ThrowFileError(FileErrorKind::kInput, name,
                   "image is " + std::to_string(width) + "x" + std::to_string(height) + ", must be at least 1x1");
  }
  if (width > kMaxImageWidth) {
    ThrowFileError(FileErrorKind::kInput, name,
                   "width " + std::to_string(width) + " exceeds the limit " + std::to_string(kMaxImageWidth));
  }
  if (height > kMaxImageHeight) {
    ThrowFileError(FileErrorKind::kInput, name,
                   "height " + std::to_string(height) + " exceeds the limit " + std::to_string(kMaxImageHeight));
  }
}

}  // namespace internal

void ImageReader::ReadRow(uint8_t* row) {
  if (error_) std::rethrow_exception(error_);
  if (next_row_ >= height_) throw std::logic_error(path_ + ": read past the last row");
  try {
    DecodeRow(row);
  } catch (const FileError&) {
    error_ = std::current_exception();
    throw;
  }
  // The 8-bit values are round(s * 255 / maxval) of the stored samples s (libpng's replication is
  // the same), so this gives each sample back exactly.
  if (maxval() != 255) {
    for (uint32_t x = 0; x < width_; ++x) row[x] = static_cast<uint8_t>((row[x] * maxval_ + 127) / 255);
  }
  ++next_row_;
}

void ImageReader::ReadEnd() {
  if (error_) std::rethrow_exception(error_);
  if (ended_ || next_row_ != height_) throw std::logic_error(path_ + ": ReadEnd before the last row, or twice");
  ended_ = true;
  try {
    DecodeEnd();
  } catch (const FileError&) {
    error_ = std::current_exception();
    throw;
  }
}

void ImageReader::SetSize(uint64_t width, uint64_t height) {
  internal::CheckImageSize(path_, width, height);
  width_ = static_cast<uint32_t>(width);
  height_ = static_cast<uint32_t>(height);
}

void ImageReader::CheckColourAllowed(const std::string& what) const {
  if (options_.to_gray) return;
  ThrowFileError(FileErrorKind::kInput, path_,
                 "colour image (" + what + "); ride codes 8-bit grayscale, pass --gray to convert");
}

void ImageReader::SamplesToGray(const uint8_t* samples, int channels, uint8_t* row) const {
  for (uint32_t x = 0; x < width_; ++x) {
    const uint8_t* pixel = samples + std::size_t{x} * channels;
    if (channels >= 3) {
      row[x] = GrayFromRgb(pixel[0], pixel[1], pixel[2]);
      continue;
    }
    if (channels == 2 && pixel[1] != 255 && !options_.to_gray) {
      ThrowFileError(FileErrorKind::kInput, path_,
                     "transparent pixel at row " + std::to_string(next_row_) + ", column " + std::to_string(x) +
                         " (alpha " + std::to_string(pixel[1]) +
                         "); ride codes opaque 8-bit grayscale, pass --gray to drop alpha");
    }
    row[x] = pixel[0];
  }
}

std::unique_ptr<ImageReader> OpenImageReader(const std::string& path, const ImageReadOptions& options) {
  internal::UniqueFile file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) ThrowIoError(path, "cannot open", errno);
  uint8_t magic[8] = {};
  const std::size_t got = std::fread(magic, 1, sizeof(magic), file.get());
  if (std::ferror(file.get())) ThrowIoError(path, "cannot read", errno);
  std::rewind(file.get());
  static constexpr uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (got == sizeof(magic) && std::memcmp(magic, kPngSignature, sizeof(magic)) == 0) {
    return internal::OpenPngReader(path, std::move(file), options);
  }
  if (got >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF) {
    return internal::OpenJpegReader(path, std::move(file), options);
  }
  if (got >= 2 && magic[0] == 'P' && magic[1] >= '1' && magic[1] <= '7') {
    return internal::OpenNetpbmReader(path, std::move(file), options);
  }
  ThrowFileError(FileErrorKind::kInput, path, "not a PNG, JPEG, PGM, PPM or PAM image");
}

std::vector<uint8_t> ReadAllRows(ImageReader* reader) {
  const std::size_t width = reader->width();
  std::vector<uint8_t> pixels(width * reader->height());
  for (uint32_t r = 0; r < reader->height(); ++r) reader->ReadRow(pixels.data() + r * width);
  return pixels;
}

ImageFormat ImageFormatForPath(const std::string& path) {
  const std::size_t dot = path.find_last_of('.');
  const std::size_t slash = path.find_last_of('/');
  std::string extension;
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    for (char c : path.substr(dot + 1)) extension += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (extension == "png") return ImageFormat::kPng;
  if (extension == "pgm") return ImageFormat::kPgm;
  ThrowFileError(FileErrorKind::kUsage, path, "unknown image format; name the output .png or .pgm");
}

std::unique_ptr<ImageWriter> OpenImageWriter(ImageFormat format, uint32_t width, uint32_t height, ByteWriter* out,
                                             const std::string& name, const ImageWriteOptions& options) {
  if (options.channels != 1 && !(options.channels == 3 && format == ImageFormat::kPng)) {
    throw std::invalid_argument(name + ": cannot write " + std::to_string(options.channels) +
                                " channels in this format (gray: 1; RGB: 3, PNG only)");
  }
  if (options.maxval == 0 || options.maxval > 255 || (options.channels != 1 && options.maxval != 255)) {
    throw std::invalid_argument(name + ": cannot write maxval " + std::to_string(options.maxval) +
                                " (gray: 1..255; RGB: 255)");
  }
  internal::CheckImageSize(name, width, height);
  if (format == ImageFormat::kPgm) return internal::OpenPgmWriter(width, height, out, options);
  return internal::OpenPngWriter(width, height, out, name, options);
}

}  // namespace ride::tools
