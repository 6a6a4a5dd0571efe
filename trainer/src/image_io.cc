#include "trainer/src/image_io.h"

#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

namespace ride::trainer {
namespace {

[[noreturn]] void Fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

std::vector<uint8_t> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(path, "cannot open");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

GrayImage DecodePng(const std::string& path, const std::vector<uint8_t>& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    Fail(path, std::string("PNG: ") + image.message);
  }
  if (image.format & PNG_FORMAT_FLAG_LINEAR) {
    png_image_free(&image);
    Fail(path, "16-bit PNG is not supported");
  }
  // Keep alpha in the decoded buffer: asking libpng to drop it would composite onto a background.
  const bool colour =
      (image.format & PNG_FORMAT_FLAG_COLORMAP) || (image.format & PNG_FORMAT_FLAG_COLOR);
  image.format = colour ? PNG_FORMAT_RGBA : PNG_FORMAT_GA;
  const int channels = colour ? 4 : 2;
  std::vector<uint8_t> buffer(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, buffer.data(), 0, nullptr)) {
    Fail(path, std::string("PNG: ") + image.message);
  }
  GrayImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  for (size_t i = 0; i < out.pixels.size(); ++i) {
    const uint8_t* p = &buffer[i * channels];
    out.pixels[i] = colour ? GrayFromRgb(p[0], p[1], p[2]) : p[0];
  }
  return out;
}

struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void JpegErrorExit(j_common_ptr info) {
  auto* error = reinterpret_cast<JpegError*>(info->err);
  (*info->err->format_message)(info, error->message);
  std::longjmp(error->jump, 1);
}

GrayImage DecodeJpeg(const std::string& path, const std::vector<uint8_t>& bytes) {
  jpeg_decompress_struct info{};
  JpegError error{};
  info.err = jpeg_std_error(&error.mgr);
  error.mgr.error_exit = JpegErrorExit;
  // Only plain data lives across setjmp; the C++ objects are built after it.
  GrayImage* out = new GrayImage;
  std::vector<uint8_t>* row = new std::vector<uint8_t>;
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    delete out;
    delete row;
    Fail(path, std::string("JPEG: ") + error.message);
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  const bool gray = info.jpeg_color_space == JCS_GRAYSCALE;
  info.out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(&info);
  const int channels = info.output_components;
  out->width = static_cast<int>(info.output_width);
  out->height = static_cast<int>(info.output_height);
  out->pixels.resize(static_cast<size_t>(out->width) * out->height);
  row->resize(static_cast<size_t>(out->width) * channels);
  while (info.output_scanline < info.output_height) {
    const size_t y = info.output_scanline;
    JSAMPROW rows[1] = {row->data()};
    jpeg_read_scanlines(&info, rows, 1);
    uint8_t* dst = &out->pixels[y * out->width];
    for (int x = 0; x < out->width; ++x) {
      const uint8_t* p = &(*row)[static_cast<size_t>(x) * channels];
      dst[x] = channels == 1 ? p[0] : GrayFromRgb(p[0], p[1], p[2]);
    }
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  GrayImage result = std::move(*out);
  delete out;
  delete row;
  return result;
}

// PGM header tokens: whitespace-separated, '#' starts a comment up to the end of the line.
class PgmScanner {
 public:
  PgmScanner(const std::string& path, const std::vector<uint8_t>& bytes)
      : path_(path), bytes_(bytes) {}
  long Number() {
    SkipSpace();
    if (pos_ >= bytes_.size() || !std::isdigit(bytes_[pos_])) Fail(path_, "PGM: malformed header");
    long value = 0;
    while (pos_ < bytes_.size() && std::isdigit(bytes_[pos_])) {
      value = value * 10 + (bytes_[pos_++] - '0');
      if (value > (1L << 30)) Fail(path_, "PGM: number too large");
    }
    return value;
  }
  size_t pos() const { return pos_; }
  void Skip(size_t n) { pos_ += n; }

 private:
  void SkipSpace() {
    while (pos_ < bytes_.size()) {
      if (bytes_[pos_] == '#') {
        while (pos_ < bytes_.size() && bytes_[pos_] != '\n') ++pos_;
      } else if (std::isspace(bytes_[pos_])) {
        ++pos_;
      } else {
        break;
      }
    }
  }
  const std::string& path_;
  const std::vector<uint8_t>& bytes_;
  size_t pos_ = 2;
};

GrayImage DecodePgm(const std::string& path, const std::vector<uint8_t>& bytes) {
  const bool binary = bytes[1] == '5';
  PgmScanner scan(path, bytes);
  GrayImage out;
  out.width = static_cast<int>(scan.Number());
  out.height = static_cast<int>(scan.Number());
  const long maxval = scan.Number();
  if (out.width <= 0 || out.height <= 0) Fail(path, "PGM: empty image");
  if (maxval < 1 || maxval > 255)
    Fail(path, "PGM: maxval " + std::to_string(maxval) + " not in 1..255");
  const size_t count = static_cast<size_t>(out.width) * out.height;
  out.pixels.resize(count);
  if (binary) scan.Skip(1);  // the single whitespace byte after maxval
  for (size_t i = 0; i < count; ++i) {
    long v;
    if (binary) {
      if (scan.pos() >= bytes.size()) Fail(path, "PGM: truncated pixel data");
      v = bytes[scan.pos()];
      scan.Skip(1);
    } else {
      v = scan.Number();
    }
    if (v > maxval) Fail(path, "PGM: pixel value above maxval");
    out.pixels[i] = static_cast<uint8_t>((v * 255 + maxval / 2) / maxval);
  }
  return out;
}

}  // namespace

GrayImage ReadGrayImage(const std::string& path) {
  const std::vector<uint8_t> bytes = ReadFileBytes(path);
  if (bytes.size() >= 8 && png_sig_cmp(bytes.data(), 0, 8) == 0) return DecodePng(path, bytes);
  if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) {
    return DecodeJpeg(path, bytes);
  }
  if (bytes.size() >= 3 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '2')) {
    return DecodePgm(path, bytes);
  }
  Fail(path, "not a PNG, JPEG or PGM file");
}

std::vector<std::string> ListImageFiles(const std::string& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) Fail(dir, "cannot list directory: " + ec.message());
  std::vector<std::string> files;
  for (const auto& entry : it) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".pgm")
      files.push_back(entry.path().string());
  }
  if (files.empty()) Fail(dir, "no .png, .jpg, .jpeg or .pgm files");
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace ride::trainer
