// Reading and writing the images ride codes, a row at a time, so that a huge image never sits in
// memory whole (interlaced PNG and progressive JPEG are the exceptions: their libraries need them
// buffered, up to 1 GiB).
//
// Input, told apart by the first bytes, never by the name (the path "-" is standard input, read
// front to back once, so a pipe will do; messages call it "standard input"):
//   - PNG (libpng);
//   - JPEG (libjpeg-turbo), baseline or progressive, gray or YCbCr/RGB;
//   - Netpbm: PGM (P2 ASCII, P5 binary), PPM (P3 ASCII, P6 binary) and PAM (P7, tuple types
//     GRAYSCALE, RGB, BLACKANDWHITE and their _ALPHA forms), maxval 1..255.
// ride codes grayscale:
//   - 8-bit gray is read as is; gray PNG of 1, 2 and 4 bits is scaled to 8 (libpng's bit
//     replication, e.g. 4-bit 0xF -> 0xFF); Netpbm with maxval < 255 is scaled likewise:
//     round(v * 255 / maxval). With ImageReadOptions::keep_depth the rows hold the samples as
//     stored instead, 0..maxval() (PNG depth d: maxval 2^d - 1), which ride's container keeps;
//   - 16-bit PNG and Netpbm maxval > 255 are refused, as are CMYK/YCCK JPEG, 12-bit JPEG, PBM
//     bitmaps and PAM tuple types other than those above, each by name;
//   - with ImageReadOptions::keep_channels the rows hold the file's own channels (channels()), and
//     nothing below is converted or refused for being colour or transparent. Otherwise:
//   - colour (PNG RGB, RGBA, palette; PPM; PAM RGB; colour JPEG) is refused ("IN.png: colour image
//     (RGB); ride codes 8-bit grayscale, pass --gray to convert") unless ImageReadOptions::to_gray
//     is set; then each pixel becomes GrayFromRgb(R, G, B) (BT.601) and alpha is ignored;
//   - an alpha channel on a gray image (PNG gray+alpha or tRNS, PAM GRAYSCALE_ALPHA) is accepted
//     while every pixel is opaque; a transparent pixel is refused (naming the row) unless to_gray is
//     set, which drops alpha. Alpha is never composited: ride keeps the stored intensities;
//   - width up to kMaxImageWidth and height up to kMaxImageHeight (the .rim limits); beyond them
//     the file is refused before any row buffer is allocated.
// A PNG's ancillary chunks of the kinds in kKeptPngChunks (colour space, physical size, text,
// Exif) are kept with ImageReadOptions::keep_chunks, in order: those before the image data when
// the file is opened, those after it once ReadEnd() has read them. Other chunks (bKGD, sBIT, tIME,
// hIST, sPLT, private ones) are not kept, nor are PGM comments or JPEG markers.
// Output, by the output file's extension: PNG (gray, gray+alpha, RGB, RGBA), binary PGM (P5,
// gray), binary PPM (P6, RGB) or PAM (P7: GRAYSCALE, GRAYSCALE_ALPHA, RGB, RGB_ALPHA), of any
// maxval 1..255: PGM, PPM and PAM say it as it is; gray PNG holds maxval 1, 3, 15 and 255 as bit
// depths 1, 2, 4 and 8, and any other maxval (and every maxval but 255 with more channels) as 8
// bits scaled, round(v * 255 / maxval), the same as the reader's scaling. The PNG writer writes
// chunks back where they were (before or after IDAT). What libpng chooses is not kept: the compression level, filters,
// IDAT sizes and interlacing of the input (the output is never interlaced).
//
// Errors are FileError (tools/common/file_error.h) whose message starts with the file name: kIo
// when the system refuses a read, kInput for everything about the content, kUsage for an output
// name with an unknown extension.
#ifndef RIDE_TOOLS_COMMON_IMAGE_FILE_H_
#define RIDE_TOOLS_COMMON_IMAGE_FILE_H_

#include <array>
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
  bool to_gray = false;      // --gray: convert colour, drop alpha
  bool keep_depth = false;   // rows hold the samples as stored, 0..maxval(), not scaled to 8 bits
  bool keep_chunks = false;  // keep a PNG's ancillary chunks (kKeptPngChunks)
  // Rows hold the file's own channels, interleaved (channels()): nothing is converted or refused
  // for being colour or transparent. Wins over to_gray.
  bool keep_channels = false;
};

// The formats a reader reads.
enum class ImageSource { kPng, kPgm, kPpm, kPam, kJpeg };

// An ancillary chunk of a PNG: its type ("tEXt"), its data (without length, type and CRC), and
// whether it stood after the image data.
struct ImageChunk {
  std::array<char, 4> type = {};
  std::vector<uint8_t> data;
  bool after_image = false;
};

// The chunk types kept (ImageReadOptions::keep_chunks) and written back.
inline constexpr const char* kKeptPngChunks[] = {"iCCP", "sRGB", "gAMA", "cHRM", "pHYs",
                                                 "tEXt", "zTXt", "iTXt", "eXIf"};

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

  // Samples of the rows ReadRow gives are 0..maxval(): 255, or with keep_depth the file's own
  // (a PNG of depth 4: 15; a PGM of maxval 100: 100; a colour file converted to gray keeps its
  // Netpbm maxval, a PNG's or JPEG's is 255).
  // keep_depth keeps every channel's samples (a PAM RGB of maxval 100 too; a PNG's colour and
  // alpha are 8-bit, a gray PNG of depth 4 with tRNS gives gray and alpha 0..15).
  uint32_t maxval() const { return options_.keep_depth ? maxval_ : 255; }
  // Samples per pixel in the rows ReadRow gives: 1 (gray), or with keep_channels the file's own:
  // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA (a palette is RGB, or RGBA with a tRNS chunk; gray with
  // tRNS is gray+alpha; JPEG is 1 or 3).
  int channels() const { return options_.keep_channels ? channels_ : 1; }
  ImageSource source() const { return source_; }
  // Whether the file holds colour (RGB, RGBA, a palette, colour JPEG), converted to gray by to_gray.
  bool colour() const { return colour_; }
  // With keep_chunks: a PNG's chunks before the image data, and after ReadEnd() those after it,
  // in the file's order (none for other formats). A colour image converted to gray loses its iCCP
  // profile, which describes colour channels no longer there (keep_channels keeps it).
  const std::vector<ImageChunk>& chunks() const { return chunks_; }

  // Stores the next row's width() pixels of channels() samples. Call height() times; once more is a std::logic_error.
  // Throws FileError; errors are sticky (every later call throws the same error).
  void ReadRow(uint8_t* row);
  // After the last row, reads what follows the image data to the file's end (a PNG's chunks after
  // IDAT and its IEND), so that chunks() has them and a damaged end is a FileError. At most once.
  void ReadEnd();

 protected:
  ImageReader(std::string path, const ImageReadOptions& options) : path_(std::move(path)), options_(options) {}
  // Sets the size after checking it against the limits (FileError kInput otherwise).
  void SetSize(uint64_t width, uint64_t height);
  // Notes that the file is colour; throws FileError kInput "PATH: colour image (WHAT); ... pass
  // --gray to convert" unless to_gray or keep_channels.
  void CheckColourAllowed(const std::string& what);
  // Turns `width()` pixels of `channels` interleaved samples (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA)
  // into a row: copied as they are with keep_channels, else into gray by the rules above.
  void StoreSamples(const uint8_t* samples, int channels, uint8_t* row) const;
  // The samples per pixel the file decodes to (channels() with keep_channels); 1 by default.
  void set_channels(int channels) { channels_ = channels; }
  // Decodes row next_row() into `row` (8-bit, scaled as the rules above say).
  virtual void DecodeRow(uint8_t* row) = 0;
  // Reads what follows the image data (ReadEnd); nothing by default.
  virtual void DecodeEnd() {}
  // The file's own maxval for gray samples (what keep_depth keeps), and its format.
  void set_maxval(uint32_t maxval) { maxval_ = maxval; }
  void set_source(ImageSource source) { source_ = source; }
  void AddChunk(ImageChunk chunk) { chunks_.push_back(std::move(chunk)); }
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
  uint32_t maxval_ = 255;
  int channels_ = 1;
  ImageSource source_ = ImageSource::kPng;
  bool colour_ = false;
  std::vector<ImageChunk> chunks_;
  bool ended_ = false;
  std::exception_ptr error_;
};

// Opens `path` and reads its header.
std::unique_ptr<ImageReader> OpenImageReader(const std::string& path, const ImageReadOptions& options = {});

// Every row of `reader` (none read yet), width × height pixels of channels() samples in raster order.
std::vector<uint8_t> ReadAllRows(ImageReader* reader);

enum class ImageFormat { kPng, kPgm, kPpm, kPam };

// The format of an image to write, from its extension: ".png", ".pgm", ".ppm" or ".pam", case-insensitive;
// anything else throws FileError kUsage naming the file.
ImageFormat ImageFormatForPath(const std::string& path);
// The same, or false when the extension names none of them.
bool ImageFormatOfName(const std::string& path, ImageFormat* format);
// "png", "pgm", "ppm" or "pam".
const char* ImageFormatExtension(ImageFormat format);
// The extension of `path`, lower case, without the dot ("" for none).
std::string LowerCaseExtension(const std::string& path);

// Whether `format` holds images of `channels` samples a pixel: PGM gray, PPM RGB, PNG and PAM 1 to 4.
bool ImageFormatHolds(ImageFormat format, int channels);

struct ImageWriteOptions {
  // Samples a pixel, interleaved: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. PNG and PAM write all four,
  // PGM gray only and PPM RGB only.
  int channels = 1;
  uint32_t maxval = 255;  // samples of the rows are 0..maxval (1..255), every channel
  std::string comment;  // PNG "Comment" text chunk or PGM "#" line; empty for none
  // PNG: chunks to write, before IDAT or (after_image) after it, in this order; PGM has none.
  std::vector<ImageChunk> chunks;
};

class ImageWriter {
 public:
  virtual ~ImageWriter() = default;
  // Writes the next row of width pixels (× channels samples); call height times, then Finish once.
  // Throws what the output throws (FileError), or std::runtime_error if the encoding library fails;
  // errors are sticky.
  virtual void WriteRow(const uint8_t* row) = 0;
  // Writes what comes after the rows: a PNG's chunks after the image (options' after_image chunks,
  // then `after_image`), its end.
  virtual void Finish(const std::vector<ImageChunk>& after_image = {}) = 0;
};

// A writer into `out` (which must outlive it; e.g. an OutputFile). `name` is used in messages.
// Dimensions beyond the limits throw FileError kInput; channels the format does not hold (or
// outside 1..4) and a maxval outside 1..255 are a std::invalid_argument.
std::unique_ptr<ImageWriter> OpenImageWriter(ImageFormat format, uint32_t width, uint32_t height, ByteWriter* out,
                                             const std::string& name, const ImageWriteOptions& options = {});

}  // namespace ride::tools

#endif  // RIDE_TOOLS_COMMON_IMAGE_FILE_H_
