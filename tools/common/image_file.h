// Reading and writing the images ride codes, a row at a time, so that a huge image never sits in
// memory whole (an interlaced PNG is the exception: libpng needs it buffered).
//
// Input: PNG (read with libpng) and PGM (binary P5 and ASCII P2, maxval <= 255), told apart by their
// first bytes. ride codes 8-bit grayscale:
//   - gray PNG of 8 bits is read as is; 1, 2 and 4 bits are scaled to 8 (libpng's bit replication,
//     e.g. 4-bit 0xF -> 0xFF); a PGM with maxval < 255 is scaled likewise: round(v * 255 / maxval);
//   - 16-bit PNGs are refused (kInvalidArgument);
//   - colour (RGB, RGBA, palette) is refused with kInvalidArgument ("IN.png: colour image (RGB); ride
//     codes 8-bit grayscale, pass --gray to convert") unless ImageReadOptions::to_gray is set; then each
//     pixel becomes GrayFromRgb(R, G, B) (BT.601) and alpha is ignored;
//   - an alpha channel on a gray image (gray+alpha, or tRNS) is accepted while every pixel is opaque;
//     a transparent pixel is refused (kInvalidArgument, naming the row) unless to_gray is set, which
//     drops alpha. Alpha is never composited: ride keeps the stored intensities.
// Output: 8-bit gray PNG or binary PGM (P5, maxval 255), by the output file's extension.
// Errors are ride::Status values whose message starts with the file name.
#ifndef RIDE_RUNTIME_SRC_CLI_IMAGE_FILE_H_
#define RIDE_RUNTIME_SRC_CLI_IMAGE_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"

namespace ride::tools {

enum class ImageFormat { kPng, kPgm };

// The format of an image to write, from its extension: ".png" or ".pgm", case-insensitive; anything
// else gives kInvalidArgument naming the file.
Status ImageFormatForPath(const std::string& path, ImageFormat* format);

// BT.601 luma, round(0.299 R + 0.587 G + 0.114 B), computed exactly in integers (halves round up).
inline uint8_t GrayFromRgb(uint8_t r, uint8_t g, uint8_t b) {
  return static_cast<uint8_t>((299u * r + 587u * g + 114u * b + 500u) / 1000u);
}

struct ImageReadOptions {
  bool to_gray = false;  // --gray: convert colour, drop alpha
};

class ImageReader {
 public:
  virtual ~ImageReader() = default;
  uint32_t width() const { return width_; }
  uint32_t height() const { return height_; }
  // What the file holds, e.g. "PNG, 8-bit RGB" (for -v output).
  const std::string& description() const { return description_; }
  // Stores the next row's width() gray pixels. Call height() times; errors are sticky.
  virtual Status ReadRow(uint8_t* row) = 0;

 protected:
  uint32_t width_ = 0;
  uint32_t height_ = 0;
  std::string description_;
};

// Opens `path` and reads its header. Dimensions beyond the .rim limits (width 2^24, height 2^31 - 1)
// give kResourceExhausted before any row buffer is allocated.
Status OpenImageReader(const std::string& path, const ImageReadOptions& options, std::unique_ptr<ImageReader>* out);

class ImageWriter {
 public:
  virtual ~ImageWriter() = default;
  // Writes the next row of width pixels; call height times, then Finish once.
  virtual Status WriteRow(const uint8_t* row) = 0;
  virtual Status Finish() = 0;
};

// A writer into `sink` (which must outlive it; e.g. an OutputFile). `name` is used in messages.
Status OpenImageWriter(ImageFormat format, uint32_t width, uint32_t height, coder::ByteSink* sink,
                       const std::string& name, std::unique_ptr<ImageWriter>* out);

}  // namespace ride::tools

#endif  // RIDE_RUNTIME_SRC_CLI_IMAGE_FILE_H_
