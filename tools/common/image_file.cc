// What every format shares: telling the formats apart, the size limits, the gray rules, and the
// sticky errors of a reader.
#include "tools/common/image_file.h"

#include <unistd.h>

#include <algorithm>
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

namespace {

// Standard input as a FILE whose first bytes, read already to tell the format apart, come first:
// a pipe cannot be rewound.
struct PeekedInput {
  uint8_t bytes[8];
  std::size_t size = 0, next = 0;
};

ssize_t ReadPeekedInput(void* cookie, char* buffer, std::size_t size) {
  auto* input = static_cast<PeekedInput*>(cookie);
  if (input->next < input->size) {
    const std::size_t count = std::min(size, input->size - input->next);
    std::memcpy(buffer, input->bytes + input->next, count);
    input->next += count;
    return static_cast<ssize_t>(count);
  }
  for (;;) {
    const ssize_t got = ::read(STDIN_FILENO, buffer, size);
    if (got >= 0 || errno != EINTR) return got;
  }
}

int ClosePeekedInput(void* cookie) {
  delete static_cast<PeekedInput*>(cookie);
  return 0;
}

// Opens standard input and reads up to 8 bytes of it into `magic`; returns the FILE that gives them
// back first, and how many there were.
internal::UniqueFile OpenStandardInput(uint8_t (&magic)[8], std::size_t* got) {
  auto input = std::make_unique<PeekedInput>();
  while (input->size < sizeof input->bytes) {
    const ssize_t count = ::read(STDIN_FILENO, input->bytes + input->size, sizeof input->bytes - input->size);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) ThrowIoError(kStandardInputName, "cannot read", errno);
    if (count == 0) break;
    input->size += static_cast<std::size_t>(count);
  }
  std::memcpy(magic, input->bytes, input->size);
  *got = input->size;
  const cookie_io_functions_t functions = {&ReadPeekedInput, nullptr, nullptr, &ClosePeekedInput};
  std::FILE* file = ::fopencookie(input.get(), "rb", functions);
  if (file == nullptr) ThrowIoError(kStandardInputName, "cannot read", errno);
  input.release();  // the FILE owns it now
  return internal::UniqueFile(file);
}

}  // namespace

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
    const std::size_t samples = std::size_t{width_} * static_cast<std::size_t>(channels());
    for (std::size_t i = 0; i < samples; ++i) row[i] = static_cast<uint8_t>((row[i] * maxval_ + 127) / 255);
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

void ImageReader::CheckColourAllowed(const std::string& what) {
  colour_ = true;
  if (options_.to_gray || options_.keep_channels) return;
  ThrowFileError(FileErrorKind::kInput, path_,
                 "colour image (" + what + "); ride codes 8-bit grayscale, pass --gray to convert");
}

void ImageReader::StoreSamples(const uint8_t* samples, int channels, uint8_t* row) const {
  if (options_.keep_channels) {
    std::memcpy(row, samples, std::size_t{width_} * static_cast<std::size_t>(channels));
    return;
  }
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

std::unique_ptr<ImageReader> OpenImageReader(const std::string& file_path, const ImageReadOptions& options) {
  uint8_t magic[8] = {};
  std::size_t got = 0;
  internal::UniqueFile file;
  const std::string path = InputName(file_path);
  if (file_path == "-") {
    file = OpenStandardInput(magic, &got);
  } else {
    file.reset(std::fopen(path.c_str(), "rb"));
    if (file == nullptr) ThrowIoError(path, "cannot open", errno);
    got = std::fread(magic, 1, sizeof(magic), file.get());
    if (std::ferror(file.get())) ThrowIoError(path, "cannot read", errno);
    std::rewind(file.get());
  }
  if (got == 0) ThrowFileError(FileErrorKind::kInput, path, "empty file, not an image");
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
  const std::size_t row_size = std::size_t{reader->width()} * static_cast<std::size_t>(reader->channels());
  std::vector<uint8_t> pixels(row_size * reader->height());
  for (uint32_t r = 0; r < reader->height(); ++r) reader->ReadRow(pixels.data() + r * row_size);
  return pixels;
}

std::string LowerCaseExtension(const std::string& path) {
  const std::size_t dot = path.find_last_of('.');
  const std::size_t slash = path.find_last_of('/');
  std::string extension;
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    for (char c : path.substr(dot + 1)) extension += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return extension;
}

bool ImageFormatOfName(const std::string& path, ImageFormat* format) {
  const std::string extension = LowerCaseExtension(path);
  for (ImageFormat candidate : {ImageFormat::kPng, ImageFormat::kPgm, ImageFormat::kPpm, ImageFormat::kPam}) {
    if (extension == ImageFormatExtension(candidate)) {
      *format = candidate;
      return true;
    }
  }
  return false;
}

const char* ImageFormatExtension(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng: return "png";
    case ImageFormat::kPgm: return "pgm";
    case ImageFormat::kPpm: return "ppm";
    case ImageFormat::kPam: return "pam";
  }
  return "";
}

ImageFormat ImageFormatForPath(const std::string& path) {
  ImageFormat format;
  if (ImageFormatOfName(path, &format)) return format;
  ThrowFileError(FileErrorKind::kUsage, path, "unknown image format; name the output .png, .pgm, .ppm or .pam");
}

bool ImageFormatHolds(ImageFormat format, int channels) {
  if (channels < 1 || channels > 4) return false;
  if (format == ImageFormat::kPgm) return channels == 1;
  if (format == ImageFormat::kPpm) return channels == 3;
  return true;
}

std::unique_ptr<ImageWriter> OpenImageWriter(ImageFormat format, uint32_t width, uint32_t height, ByteWriter* out,
                                             const std::string& name, const ImageWriteOptions& options) {
  if (!ImageFormatHolds(format, options.channels)) {
    throw std::invalid_argument(name + ": cannot write " + std::to_string(options.channels) + " channels as " +
                                ImageFormatExtension(format) + " (PGM: gray; PPM: RGB; PNG and PAM: 1 to 4)");
  }
  if (options.maxval == 0 || options.maxval > 255) {
    throw std::invalid_argument(name + ": cannot write maxval " + std::to_string(options.maxval) + " (1..255)");
  }
  internal::CheckImageSize(name, width, height);
  if (format != ImageFormat::kPng) return internal::OpenNetpbmWriter(width, height, format, out, options);
  return internal::OpenPngWriter(width, height, out, name, options);
}

}  // namespace ride::tools
