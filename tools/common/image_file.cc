#include "tools/common/image_file.h"

#include <png.h>

#include <cctype>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include "runtime/src/container/rim_header.h"

namespace ride::tools {
namespace {

constexpr uint64_t kMaxInterlacedBufferBytes = uint64_t{1} << 30;

Status CheckDimensions(const std::string& path, uint64_t width, uint64_t height) {
  if (width == 0 || height == 0) {
    return Status::Error(StatusCode::kCorrupt, "%s: image is %llux%llu, must be at least 1x1", path.c_str(),
                         static_cast<unsigned long long>(width), static_cast<unsigned long long>(height));
  }
  if (width > container::kRimMaxWidth) {
    return Status::Error(StatusCode::kResourceExhausted, "%s: width %llu exceeds the limit %u", path.c_str(),
                         static_cast<unsigned long long>(width), container::kRimMaxWidth);
  }
  if (height > container::kRimMaxHeight) {
    return Status::Error(StatusCode::kResourceExhausted, "%s: height %llu exceeds the limit %u", path.c_str(),
                         static_cast<unsigned long long>(height), container::kRimMaxHeight);
  }
  return Status::Ok();
}

// ---- libpng glue. libpng reports errors by longjmp to the frame that called setjmp; the functions
// that call setjmp below keep only trivially destructible locals, so nothing is skipped.

struct PngContext {
  FILE* file = nullptr;              // reading
  coder::ByteSink* sink = nullptr;   // writing
  Status sink_status;
  int read_errno = 0;
  char message[160] = {};
};

void PngError(png_structp png, png_const_charp message) {
  auto* context = static_cast<PngContext*>(png_get_error_ptr(png));
  std::snprintf(context->message, sizeof(context->message), "%s", message);
  png_longjmp(png, 1);
}

void PngWarning(png_structp, png_const_charp) {}

void PngRead(png_structp png, png_bytep data, png_size_t size) {
  auto* context = static_cast<PngContext*>(png_get_io_ptr(png));
  if (std::fread(data, 1, size, context->file) != size) {
    if (std::ferror(context->file)) context->read_errno = errno;
    png_error(png, std::ferror(context->file) ? "read error" : "file ends early (truncated)");
  }
}

void PngWrite(png_structp png, png_bytep data, png_size_t size) {
  auto* context = static_cast<PngContext*>(png_get_io_ptr(png));
  context->sink_status = context->sink->Append(data, size);
  if (!context->sink_status.ok()) png_error(png, "write failed");
}

void PngFlush(png_structp) {}

struct PngLayout {
  png_uint_32 width = 0, height = 0;
  int bit_depth = 0, color_type = 0, interlace = 0, channels = 0, passes = 1;
  bool has_trns = false;
  png_size_t row_bytes = 0;
};

// Reads the header; sets transforms only when `set_transforms` (after the caller's checks).
bool PngReadHeader(png_structp png, png_infop info, PngLayout* layout) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_info(png, info);
  png_get_IHDR(png, info, &layout->width, &layout->height, &layout->bit_depth, &layout->color_type,
               &layout->interlace, nullptr, nullptr);
  layout->has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
  return true;
}

bool PngSetTransforms(png_structp png, png_infop info, PngLayout* layout) {
  if (setjmp(png_jmpbuf(png))) return false;
  if (layout->color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (layout->color_type == PNG_COLOR_TYPE_GRAY && layout->bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (layout->has_trns) png_set_tRNS_to_alpha(png);
  layout->passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  layout->channels = png_get_channels(png, info);
  layout->row_bytes = png_get_rowbytes(png, info);
  return true;
}

bool PngReadRow(png_structp png, png_bytep row) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_row(png, row, nullptr);
  return true;
}

bool PngReadImage(png_structp png, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, rows);
  return true;
}

const char* PngColourName(int color_type) {
  switch (color_type) {
    case PNG_COLOR_TYPE_GRAY: return "gray";
    case PNG_COLOR_TYPE_GRAY_ALPHA: return "gray+alpha";
    case PNG_COLOR_TYPE_RGB: return "RGB";
    case PNG_COLOR_TYPE_RGB_ALPHA: return "RGBA";
    case PNG_COLOR_TYPE_PALETTE: return "palette";
  }
  return "unknown colour type";
}

class PngReader final : public ImageReader {
 public:
  PngReader(std::string path, FILE* file, bool to_gray) : path_(std::move(path)), to_gray_(to_gray) {
    context_.file = file;
  }
  ~PngReader() override {
    if (png_ != nullptr) png_destroy_read_struct(&png_, info_ != nullptr ? &info_ : nullptr, nullptr);
    if (context_.file != nullptr) std::fclose(context_.file);
  }

  Status Open() {
    png_ = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context_, PngError, PngWarning);
    if (png_ == nullptr) return Status::Error(StatusCode::kResourceExhausted, "%s: libpng setup failed", path_.c_str());
    info_ = png_create_info_struct(png_);
    if (info_ == nullptr) return Status::Error(StatusCode::kResourceExhausted, "%s: libpng setup failed", path_.c_str());
    png_set_read_fn(png_, &context_, PngRead);
    png_set_user_limits(png_, 0x7FFFFFFF, 0x7FFFFFFF);  // ride checks its own limits below
    if (!PngReadHeader(png_, info_, &layout_)) return PngFailure("cannot read the PNG header");
    RIDE_RETURN_IF_ERROR(CheckDimensions(path_, layout_.width, layout_.height));
    const char* colour = PngColourName(layout_.color_type);
    description_ = "PNG, " + std::to_string(layout_.bit_depth) + "-bit " + colour +
                   (layout_.interlace != PNG_INTERLACE_NONE ? ", interlaced" : "");
    if (layout_.bit_depth == 16) {
      return Status::Error(StatusCode::kInvalidArgument,
                           "%s: 16-bit PNG (%s); ride codes 8-bit grayscale, reduce it to 8 bits first", path_.c_str(),
                           colour);
    }
    const bool colour_image = (layout_.color_type & PNG_COLOR_MASK_COLOR) != 0;
    if (colour_image && !to_gray_) {
      return Status::Error(StatusCode::kInvalidArgument,
                           "%s: colour image (%s); ride codes 8-bit grayscale, pass --gray to convert", path_.c_str(),
                           colour);
    }
    if (!PngSetTransforms(png_, info_, &layout_)) return PngFailure("cannot set up PNG decoding");
    width_ = layout_.width;
    height_ = layout_.height;
    row_.resize(layout_.row_bytes);
    if (layout_.passes > 1) {
      const uint64_t bytes = static_cast<uint64_t>(layout_.row_bytes) * layout_.height;
      if (bytes > kMaxInterlacedBufferBytes) {
        return Status::Error(StatusCode::kResourceExhausted,
                             "%s: interlaced PNG needs %llu bytes buffered (limit %llu); save it non-interlaced",
                             path_.c_str(), static_cast<unsigned long long>(bytes),
                             static_cast<unsigned long long>(kMaxInterlacedBufferBytes));
      }
      whole_.resize(static_cast<std::size_t>(bytes));
      std::vector<png_bytep> rows(layout_.height);
      for (png_uint_32 r = 0; r < layout_.height; ++r) rows[r] = whole_.data() + r * layout_.row_bytes;
      if (!PngReadImage(png_, rows.data())) return PngFailure("cannot decode the PNG");
    }
    return Status::Ok();
  }

  Status ReadRow(uint8_t* row) override {
    if (!status_.ok()) return status_;
    if (next_row_ >= height_) {
      return status_ = Status::Error(StatusCode::kInternal, "%s: read past the last row", path_.c_str());
    }
    const uint8_t* source = nullptr;
    if (!whole_.empty()) {
      source = whole_.data() + static_cast<std::size_t>(next_row_) * layout_.row_bytes;
    } else {
      if (!PngReadRow(png_, row_.data())) return status_ = PngFailure("cannot decode the PNG");
      source = row_.data();
    }
    const int channels = layout_.channels;
    for (uint32_t x = 0; x < width_; ++x) {
      const uint8_t* pixel = source + static_cast<std::size_t>(x) * channels;
      if (channels >= 3) {
        row[x] = GrayFromRgb(pixel[0], pixel[1], pixel[2]);
      } else {
        if (channels == 2 && pixel[1] != 255 && !to_gray_) {
          return status_ = Status::Error(StatusCode::kInvalidArgument,
                                         "%s: transparent pixel at row %u, column %u (alpha %u); ride codes opaque "
                                         "8-bit grayscale, pass --gray to drop alpha",
                                         path_.c_str(), next_row_, x, static_cast<unsigned>(pixel[1]));
        }
        row[x] = pixel[0];
      }
    }
    ++next_row_;
    return Status::Ok();
  }

 private:
  Status PngFailure(const char* what) {
    if (context_.read_errno != 0) {
      return Status::Error(StatusCode::kIoError, "%s: %s: %s", path_.c_str(), what, std::strerror(context_.read_errno));
    }
    const bool truncated = std::strstr(context_.message, "truncated") != nullptr ||
                           std::strstr(context_.message, "Not enough image data") != nullptr;
    return Status::Error(truncated ? StatusCode::kTruncated : StatusCode::kCorrupt, "%s: %s: %s", path_.c_str(), what,
                         context_.message);
  }

  std::string path_;
  bool to_gray_;
  PngContext context_;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  PngLayout layout_;
  std::vector<uint8_t> row_;
  std::vector<uint8_t> whole_;
  uint32_t next_row_ = 0;
  Status status_;
};

// ---- PGM

class PgmReader final : public ImageReader {
 public:
  PgmReader(std::string path, FILE* file) : path_(std::move(path)), file_(file) {}
  ~PgmReader() override { std::fclose(file_); }

  Status Open() {
    std::fgetc(file_);  // 'P', checked by the caller
    ascii_ = std::fgetc(file_) == '2';
    uint64_t width = 0, height = 0, maxval = 0;
    RIDE_RETURN_IF_ERROR(ReadHeaderNumber("width", &width));
    RIDE_RETURN_IF_ERROR(ReadHeaderNumber("height", &height));
    RIDE_RETURN_IF_ERROR(ReadHeaderNumber("maxval", &maxval));
    if (!ascii_) {
      const int separator = std::fgetc(file_);  // exactly one whitespace byte before the raster
      if (separator == EOF || !std::isspace(separator)) {
        return Status::Error(StatusCode::kCorrupt, "%s: PGM header: no whitespace after maxval", path_.c_str());
      }
    }
    RIDE_RETURN_IF_ERROR(CheckDimensions(path_, width, height));
    if (maxval == 0 || maxval > 255) {
      return Status::Error(maxval > 255 ? StatusCode::kInvalidArgument : StatusCode::kCorrupt,
                           "%s: PGM maxval %llu; ride codes 8-bit grayscale (maxval 1..255)", path_.c_str(),
                           static_cast<unsigned long long>(maxval));
    }
    width_ = static_cast<uint32_t>(width);
    height_ = static_cast<uint32_t>(height);
    maxval_ = static_cast<uint32_t>(maxval);
    description_ = std::string(ascii_ ? "PGM (P2)" : "PGM (P5)") + ", maxval " + std::to_string(maxval_);
    return Status::Ok();
  }

  Status ReadRow(uint8_t* row) override {
    if (!status_.ok()) return status_;
    if (next_row_ >= height_) {
      return status_ = Status::Error(StatusCode::kInternal, "%s: read past the last row", path_.c_str());
    }
    if (ascii_) {
      for (uint32_t x = 0; x < width_; ++x) {
        uint64_t value = 0;
        status_ = ReadNumber(&value);
        if (!status_.ok()) {
          return status_ = Status::Error(status_.code(), "%s: PGM pixel data ends or is malformed in row %u of %u",
                                         path_.c_str(), next_row_, height_);
        }
        if (value > maxval_) return status_ = AboveMaxval(value, x);
        row[x] = static_cast<uint8_t>(value);
      }
    } else if (std::fread(row, 1, width_, file_) != width_) {
      if (std::ferror(file_)) {
        return status_ = Status::Error(StatusCode::kIoError, "%s: read failed: %s", path_.c_str(), std::strerror(errno));
      }
      return status_ = Status::Error(StatusCode::kTruncated, "%s: PGM pixel data ends in row %u of %u", path_.c_str(),
                                     next_row_, height_);
    }
    if (maxval_ != 255) {
      for (uint32_t x = 0; x < width_; ++x) {
        if (row[x] > maxval_) return status_ = AboveMaxval(row[x], x);
        row[x] = static_cast<uint8_t>((row[x] * 255u + maxval_ / 2) / maxval_);
      }
    }
    ++next_row_;
    return Status::Ok();
  }

 private:
  Status AboveMaxval(uint64_t value, uint32_t x) {
    return Status::Error(StatusCode::kCorrupt, "%s: PGM sample %llu at row %u, column %u exceeds maxval %u",
                         path_.c_str(), static_cast<unsigned long long>(value), next_row_, x, maxval_);
  }

  // Skips whitespace and '#' comments, then reads a decimal number.
  Status ReadNumber(uint64_t* value) {
    int c = std::fgetc(file_);
    while (c != EOF && (std::isspace(c) || c == '#')) {
      if (c == '#') {
        while (c != EOF && c != '\n' && c != '\r') c = std::fgetc(file_);
      }
      if (c != EOF) c = std::fgetc(file_);
    }
    if (c == EOF) return Status::Error(StatusCode::kTruncated, "ends early");
    if (!std::isdigit(c)) return Status::Error(StatusCode::kCorrupt, "not a number");
    uint64_t result = 0;
    while (c != EOF && std::isdigit(c)) {
      if (result > 0xFFFFFFFFull) return Status::Error(StatusCode::kCorrupt, "number too large");
      result = result * 10 + static_cast<uint64_t>(c - '0');
      c = std::fgetc(file_);
    }
    if (c != EOF) std::ungetc(c, file_);
    *value = result;
    return Status::Ok();
  }

  Status ReadHeaderNumber(const char* field, uint64_t* value) {
    const Status status = ReadNumber(value);
    if (status.ok()) return status;
    return Status::Error(status.code(), "%s: PGM header: %s %s", path_.c_str(), field, status.message());
  }

  std::string path_;
  FILE* file_;
  bool ascii_ = false;
  uint32_t maxval_ = 255;
  uint32_t next_row_ = 0;
  Status status_;
};

// ---- Writers

class PgmWriter final : public ImageWriter {
 public:
  PgmWriter(uint32_t width, uint32_t height, coder::ByteSink* sink) : width_(width), height_(height), sink_(sink) {}
  Status Start() {
    char header[64];
    const int size = std::snprintf(header, sizeof(header), "P5\n%u %u\n255\n", width_, height_);
    return sink_->Append(reinterpret_cast<const uint8_t*>(header), static_cast<std::size_t>(size));
  }
  Status WriteRow(const uint8_t* row) override { return sink_->Append(row, width_); }
  Status Finish() override { return Status::Ok(); }

 private:
  uint32_t width_, height_;
  coder::ByteSink* sink_;
};

bool PngWriteHeader(png_structp png, png_infop info, png_uint_32 width, png_uint_32 height) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  return true;
}

bool PngWriteRow(png_structp png, png_const_bytep row) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_write_row(png, row);
  return true;
}

bool PngWriteEnd(png_structp png) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_write_end(png, nullptr);
  return true;
}

class PngWriter final : public ImageWriter {
 public:
  PngWriter(uint32_t width, uint32_t height, coder::ByteSink* sink, std::string name)
      : width_(width), height_(height), name_(std::move(name)) {
    context_.sink = sink;
  }
  ~PngWriter() override {
    if (png_ != nullptr) png_destroy_write_struct(&png_, info_ != nullptr ? &info_ : nullptr);
  }
  Status Start() {
    png_ = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context_, PngError, PngWarning);
    if (png_ == nullptr) return Status::Error(StatusCode::kResourceExhausted, "%s: libpng setup failed", name_.c_str());
    info_ = png_create_info_struct(png_);
    if (info_ == nullptr) return Status::Error(StatusCode::kResourceExhausted, "%s: libpng setup failed", name_.c_str());
    png_set_write_fn(png_, &context_, PngWrite, PngFlush);
    png_set_user_limits(png_, 0x7FFFFFFF, 0x7FFFFFFF);
    if (!PngWriteHeader(png_, info_, width_, height_)) return Failure();
    return Status::Ok();
  }
  Status WriteRow(const uint8_t* row) override {
    if (!status_.ok()) return status_;
    if (!PngWriteRow(png_, row)) status_ = Failure();
    return status_;
  }
  Status Finish() override {
    if (!status_.ok()) return status_;
    if (!PngWriteEnd(png_)) status_ = Failure();
    return status_;
  }

 private:
  Status Failure() {
    if (!context_.sink_status.ok()) return context_.sink_status;
    return Status::Error(StatusCode::kInternal, "%s: libpng: %s", name_.c_str(), context_.message);
  }

  uint32_t width_, height_;
  std::string name_;
  PngContext context_;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  Status status_;
};

}  // namespace

Status ImageFormatForPath(const std::string& path, ImageFormat* format) {
  const std::size_t dot = path.find_last_of('.');
  const std::size_t slash = path.find_last_of('/');
  std::string extension;
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    for (char c : path.substr(dot + 1)) extension += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (extension == "png") {
    *format = ImageFormat::kPng;
  } else if (extension == "pgm") {
    *format = ImageFormat::kPgm;
  } else {
    return Status::Error(StatusCode::kInvalidArgument,
                         "%s: unknown image format; name the output .png or .pgm", path.c_str());
  }
  return Status::Ok();
}

Status OpenImageReader(const std::string& path, const ImageReadOptions& options, std::unique_ptr<ImageReader>* out) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Status::Error(StatusCode::kIoError, "%s: cannot open: %s", path.c_str(), std::strerror(errno));
  }
  uint8_t magic[8] = {};
  const std::size_t got = std::fread(magic, 1, sizeof(magic), file);
  std::rewind(file);
  if (got == sizeof(magic) && png_sig_cmp(magic, 0, sizeof(magic)) == 0) {
    auto reader = std::make_unique<PngReader>(path, file, options.to_gray);
    RIDE_RETURN_IF_ERROR(reader->Open());
    *out = std::move(reader);
    return Status::Ok();
  }
  if (got >= 2 && magic[0] == 'P' && (magic[1] == '5' || magic[1] == '2')) {
    auto reader = std::make_unique<PgmReader>(path, file);
    RIDE_RETURN_IF_ERROR(reader->Open());
    *out = std::move(reader);
    return Status::Ok();
  }
  std::fclose(file);
  if (got >= 2 && magic[0] == 'P' && (magic[1] == '6' || magic[1] == '3')) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "%s: colour image (PPM); ride reads 8-bit grayscale PNG or PGM, or colour PNG with --gray",
                         path.c_str());
  }
  return Status::Error(StatusCode::kInvalidArgument, "%s: not a PNG or PGM image", path.c_str());
}

Status OpenImageWriter(ImageFormat format, uint32_t width, uint32_t height, coder::ByteSink* sink,
                       const std::string& name, std::unique_ptr<ImageWriter>* out) {
  RIDE_RETURN_IF_ERROR(CheckDimensions(name, width, height));
  if (format == ImageFormat::kPgm) {
    auto writer = std::make_unique<PgmWriter>(width, height, sink);
    RIDE_RETURN_IF_ERROR(writer->Start());
    *out = std::move(writer);
  } else {
    auto writer = std::make_unique<PngWriter>(width, height, sink, name);
    RIDE_RETURN_IF_ERROR(writer->Start());
    *out = std::move(writer);
  }
  return Status::Ok();
}

}  // namespace ride::tools
