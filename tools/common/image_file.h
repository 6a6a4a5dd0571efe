// Reading and writing the images ride codes, a row at a time, so that a huge image never sits in
// memory whole (interlaced PNG and progressive JPEG are the exceptions: their libraries need them
// buffered, up to 1 GiB).
//
// Input, told apart by the first bytes, never by the name:
//   - PNG (libpng);
//   - JPEG (libjpeg-turbo), baseline or progressive, gray or YCbCr/RGB;
//   - Netpbm: PGM (P2 ASCII, P5 binary), PPM (P3 ASCII, P6 binary) and PAM (P7, tuple types
//     GRAYSCALE, RGB, BLACKANDWHITE and their _ALPHA forms), maxval 1..255.
// ride codes 8-bit grayscale:
//   - 8-bit gray is read as is; gray PNG of 1, 2 and 4 bits is scaled to 8 (libpng's bit
//     replication, e.g. 4-bit 0xF -> 0xFF); Netpbm with maxval < 255 is scaled likewise:
//     round(v * 255 / maxval);
//   - 16-bit PNG and Netpbm maxval > 255 are refused, as are CMYK/YCCK JPEG, 12-bit JPEG, PBM
//     bitmaps and PAM tuple types other than those above, each by name;
//   - colour (PNG RGB, RGBA, palette; PPM; PAM RGB; colour JPEG) is refused ("IN.png: colour image
//     (RGB); ride codes 8-bit grayscale, pass --gray to convert") unless ImageReadOptions::to_gray
//     is set; then each pixel becomes GrayFromRgb(R, G, B) (BT.601) and alpha is ignored;
//   - an alpha channel on a gray image (PNG gray+alpha or tRNS, PAM GRAYSCALE_ALPHA) is accepted
//     while every pixel is opaque; a transparent pixel is refused (naming the row) unless to_gray is
//     set, which drops alpha. Alpha is never composited: ride keeps the stored intensities;
//   - width up to kMaxImageWidth and height up to kMaxImageHeight (the .rim limits); beyond them
//     the file is refused before any row buffer is allocated.
// Output: 8-bit gray PNG or binary PGM (P5, maxval 255), by the output file's extension; the PNG
// writer also writes 8-bit RGB (for pictures such as heat maps).
//
// Errors are FileError (tools/common/file_error.h) whose message starts with the file name: kIo
// when the system refuses a read, kInput for everything about the content, kUsage for an output
// name with an unknown extension.
#ifndef RIDE_TOOLS_COMMON_IMAGE_FILE_H_
#define RIDE_TOOLS_COMMON_IMAGE_FILE_H_

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tools/common/byte_writer.h"

namespace ride::tools {

// The largest images read or written: those a .rim file can hold (ride.h: width 2^24, height
// 2^31 - 1).
inline constexpr uint32_t kMaxImageWidth = uint32_t{1} << 24;
inline constexpr uint32_t kMaxImageHeight = 0x7FFFFFFFu;

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
  ImageReader(const ImageReader&) = delete;
  ImageReader& operator=(const ImageReader&) = delete;

  uint32_t width() const { return width_; }
  uint32_t height() const { return height_; }
  // What the file holds, e.g. "PNG, 8-bit RGB" or "JPEG, 8-bit YCbCr, progressive" (for -v output).
  const std::string& description() const { return description_; }
  const std::string& path() const { return path_; }

  // Stores the next row's width() gray pixels. Call height() times; once more is a std::logic_error.
  // Throws FileError; errors are sticky (every later call throws the same error).
  void ReadRow(uint8_t* row);

 protected:
  ImageReader(std::string path, const ImageReadOptions& options) : path_(std::move(path)), options_(options) {}
  // Sets the size after checking it against the limits (FileError kInput otherwise).
  void SetSize(uint64_t width, uint64_t height);
  // Throws FileError kInput "PATH: colour image (WHAT); ... pass --gray to convert" unless to_gray.
  void CheckColourAllowed(const std::string& what) const;
  // Turns `width()` pixels of `channels` interleaved samples (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA)
  // into gray by the rules above.
  void SamplesToGray(const uint8_t* samples, int channels, uint8_t* row) const;
  // Decodes row next_row() into `row`.
  virtual void DecodeRow(uint8_t* row) = 0;
  uint32_t next_row() const { return next_row_; }
  const ImageReadOptions& options() const { return options_; }
  void set_description(std::string description) { description_ = std::move(description); }

 private:
  std::string path_;
  std::string description_;
  ImageReadOptions options_;
  uint32_t width_ = 0;
  uint32_t height_ = 0;
  uint32_t next_row_ = 0;
  std::exception_ptr error_;
};

// Opens `path` and reads its header.
std::unique_ptr<ImageReader> OpenImageReader(const std::string& path, const ImageReadOptions& options = {});

// Every row of `reader` (none read yet), width × height pixels in raster order.
std::vector<uint8_t> ReadAllRows(ImageReader* reader);

enum class ImageFormat { kPng, kPgm };

// The format of an image to write, from its extension: ".png" or ".pgm", case-insensitive; anything
// else throws FileError kUsage naming the file.
ImageFormat ImageFormatForPath(const std::string& path);

struct ImageWriteOptions {
  int channels = 1;     // 1: gray; 3: RGB, interleaved (PNG only)
  std::string comment;  // PNG "Comment" text chunk or PGM "#" line; empty for none
};

class ImageWriter {
 public:
  virtual ~ImageWriter() = default;
  // Writes the next row of width pixels (× channels samples); call height times, then Finish once.
  // Throws what the output throws (FileError), or std::runtime_error if the encoding library fails;
  // errors are sticky.
  virtual void WriteRow(const uint8_t* row) = 0;
  virtual void Finish() = 0;
};

// A writer into `out` (which must outlive it; e.g. an OutputFile). `name` is used in messages.
// Dimensions beyond the limits throw FileError kInput; channels other than 1, or 3 with PNG, are a
// std::invalid_argument.
std::unique_ptr<ImageWriter> OpenImageWriter(ImageFormat format, uint32_t width, uint32_t height, ByteWriter* out,
                                             const std::string& name, const ImageWriteOptions& options = {});

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_IMAGE_FILE_H_
