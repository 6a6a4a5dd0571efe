// Inside tools/common only: the readers and writers of each format, behind OpenImageReader and
// OpenImageWriter (tools/common/image_file.h), which pick them.
#ifndef RIDE_TOOLS_COMMON_IMAGE_FORMATS_H_
#define RIDE_TOOLS_COMMON_IMAGE_FORMATS_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "tools/common/byte_writer.h"
#include "tools/common/image_file.h"

namespace ride::tools::internal {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using UniqueFile = std::unique_ptr<std::FILE, FileCloser>;

// Buffers beyond this for an interlaced PNG or a progressive JPEG are refused.
inline constexpr uint64_t kMaxBufferedImageBytes = uint64_t{1} << 30;

// Throws FileError kInput naming `name` unless 1 <= width <= kMaxImageWidth, 1 <= height <= kMaxImageHeight.
void CheckImageSize(const std::string& name, uint64_t width, uint64_t height);

// Each reader takes `file` positioned at its first byte and reads the header.
std::unique_ptr<ImageReader> OpenPngReader(const std::string& path, UniqueFile file, const ImageReadOptions& options);
std::unique_ptr<ImageReader> OpenJpegReader(const std::string& path, UniqueFile file, const ImageReadOptions& options);
std::unique_ptr<ImageReader> OpenNetpbmReader(const std::string& path, UniqueFile file,
                                              const ImageReadOptions& options);

// Writers of checked dimensions and options.
std::unique_ptr<ImageWriter> OpenPngWriter(uint32_t width, uint32_t height, ByteWriter* out, const std::string& name,
                                           const ImageWriteOptions& options);
// Binary PGM (gray), binary PPM (RGB) or PAM (any of the four layouts).
std::unique_ptr<ImageWriter> OpenNetpbmWriter(uint32_t width, uint32_t height, ImageFormat format, ByteWriter* out,
                                              const ImageWriteOptions& options);

}  // namespace ride::tools::internal

#endif  // RIDE_TOOLS_COMMON_IMAGE_FORMATS_H_
