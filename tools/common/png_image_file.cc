// PNG through libpng, read and written a row at a time.
//
// libpng reports errors by longjmp to the frame that called setjmp; the functions that call setjmp
// below keep only trivially destructible locals, so nothing is skipped. No C++ exception ever
// passes through libpng: the write callback catches the output's error, keeps it and makes libpng
// fail, and the caller rethrows it.
#include <png.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_formats.h"

namespace ride::tools::internal {
namespace {

struct PngContext {
  std::FILE* file = nullptr;          // reading
  ByteWriter* out = nullptr;          // writing
  std::exception_ptr write_error;
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
  try {
    context->out->Write(data, size);
  } catch (...) {
    context->write_error = std::current_exception();
  }
  if (context->write_error) png_error(png, "write failed");
}

void PngFlush(png_structp) {}

// kKeptPngChunks as libpng takes a list: 4 letters and a 0, each.
const png_byte* KeptChunkList(int* count) {
  static const std::string list = [] {
    std::string names;
    for (const char* name : kKeptPngChunks) names.append(name, 5);
    return names;
  }();
  *count = static_cast<int>(sizeof(kKeptPngChunks) / sizeof(kKeptPngChunks[0]));
  return reinterpret_cast<const png_byte*>(list.data());
}

// libpng keeps the chunks in the list as unknown ones, their bytes untouched, instead of parsing
// them; a writer writes them back where their location says.
void KeepChunksAsUnknown(png_structp png) {
  int count = 0;
  const png_byte* list = KeptChunkList(&count);
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_ALWAYS, list, count);
}

// The chunks libpng kept in `info`, as ImageChunks.
std::vector<ImageChunk> ChunksOf(png_structp png, png_infop info, bool after_image) {
  png_unknown_chunkp unknown = nullptr;
  const int count = png_get_unknown_chunks(png, info, &unknown);
  std::vector<ImageChunk> chunks;
  for (int i = 0; i < count; ++i) {
    ImageChunk chunk;
    std::memcpy(chunk.type.data(), unknown[i].name, 4);
    chunk.data.assign(unknown[i].data, unknown[i].data + unknown[i].size);
    chunk.after_image = after_image;
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

struct PngLayout {
  png_uint_32 width = 0, height = 0;
  int bit_depth = 0, color_type = 0, interlace = 0, channels = 0, passes = 1;
  bool has_trns = false;
  png_size_t row_bytes = 0;
};

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

bool PngReadEnd(png_structp png, png_infop end_info) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_end(png, end_info);
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
  PngReader(const std::string& path, UniqueFile file, const ImageReadOptions& options)
      : ImageReader(path, options), file_(std::move(file)) {
    context_.file = file_.get();
  }
  ~PngReader() override {
    if (png_ != nullptr) {
      png_destroy_read_struct(&png_, info_ != nullptr ? &info_ : nullptr, end_info_ != nullptr ? &end_info_ : nullptr);
    }
  }

  void Open() {
    png_ = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context_, PngError, PngWarning);
    if (png_ != nullptr) info_ = png_create_info_struct(png_);
    if (info_ != nullptr) end_info_ = png_create_info_struct(png_);
    if (end_info_ == nullptr) throw std::bad_alloc();
    png_set_read_fn(png_, &context_, PngRead);
    png_set_user_limits(png_, 0x7FFFFFFF, 0x7FFFFFFF);  // ride checks its own limits below
    if (options().keep_chunks) KeepChunksAsUnknown(png_);
    // An animated PNG announces its frames in acTL before the image data: kept to be refused.
    png_set_keep_unknown_chunks(png_, PNG_HANDLE_CHUNK_ALWAYS, reinterpret_cast<const png_byte*>("acTL"), 1);
    if (!PngReadHeader(png_, info_, &layout_)) Fail("cannot read the PNG header");
    SetSize(layout_.width, layout_.height);
    set_source(ImageSource::kPng);
    const bool colour_type = layout_.color_type == PNG_COLOR_TYPE_PALETTE || (layout_.color_type & PNG_COLOR_MASK_COLOR) != 0;
    if (!colour_type && layout_.bit_depth < 8) set_maxval((1u << layout_.bit_depth) - 1);
    for (ImageChunk& chunk : ChunksOf(png_, info_, false)) {
      if (std::memcmp(chunk.type.data(), "acTL", 4) == 0) {
        const std::vector<uint8_t>& data = chunk.data;
        const uint32_t frames = data.size() >= 4 ? (uint32_t{data[0]} << 24 | uint32_t{data[1]} << 16 |
                                                     uint32_t{data[2]} << 8 | data[3])
                                                  : 0;
        ThrowFileError(FileErrorKind::kInput, path(),
                       "animated PNG (" + std::to_string(frames) +
                           " frames); ride codes still images, extract the frame to keep first");
      }
      // A colour profile describes the channels of a colour image, not the gray one made of it.
      if (colour_type && !options().keep_channels && std::memcmp(chunk.type.data(), "iCCP", 4) == 0) continue;
      AddChunk(std::move(chunk));
    }
    const std::string colour = PngColourName(layout_.color_type);
    set_description("PNG, " + std::to_string(layout_.bit_depth) + "-bit " + colour +
                    (layout_.interlace != PNG_INTERLACE_NONE ? ", interlaced" : ""));
    if (layout_.bit_depth == 16) {
      ThrowFileError(FileErrorKind::kInput, path(),
                     "16-bit PNG (" + colour + "); ride codes samples of 1 to 8 bits, reduce it to 8 bits first");
    }
    if ((layout_.color_type & PNG_COLOR_MASK_COLOR) != 0) CheckColourAllowed(colour);
    if (!PngSetTransforms(png_, info_, &layout_)) Fail("cannot set up PNG decoding");
    set_channels(layout_.channels);
    row_.resize(layout_.row_bytes);
    if (layout_.passes > 1) {
      const uint64_t bytes = static_cast<uint64_t>(layout_.row_bytes) * layout_.height;
      if (bytes > kMaxBufferedImageBytes) {
        ThrowFileError(FileErrorKind::kInput, path(),
                       "interlaced PNG needs " + std::to_string(bytes) + " bytes buffered (limit " +
                           std::to_string(kMaxBufferedImageBytes) + "); save it non-interlaced");
      }
      whole_.resize(static_cast<std::size_t>(bytes));
      std::vector<png_bytep> rows(layout_.height);
      for (png_uint_32 r = 0; r < layout_.height; ++r) rows[r] = whole_.data() + r * layout_.row_bytes;
      if (!PngReadImage(png_, rows.data())) Fail("cannot decode the PNG");
    }
  }

 private:
  void DecodeRow(uint8_t* row) override {
    const uint8_t* source = nullptr;
    if (!whole_.empty()) {
      source = whole_.data() + std::size_t{next_row()} * layout_.row_bytes;
    } else {
      if (!PngReadRow(png_, row_.data())) Fail("cannot decode the PNG");
      source = row_.data();
    }
    StoreSamples(source, layout_.channels, row);
  }

  void DecodeEnd() override {
    if (!PngReadEnd(png_, end_info_)) Fail("cannot read the end of the PNG");
    for (ImageChunk& chunk : ChunksOf(png_, end_info_, true)) AddChunk(std::move(chunk));
  }

  [[noreturn]] void Fail(const char* what) const {
    if (context_.read_errno != 0) ThrowIoError(path(), what, context_.read_errno);
    ThrowFileError(FileErrorKind::kInput, path(), std::string(what) + ": " + context_.message);
  }

  UniqueFile file_;
  PngContext context_;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  png_infop end_info_ = nullptr;
  PngLayout layout_;
  std::vector<uint8_t> row_;
  std::vector<uint8_t> whole_;
};

// `chunks` as libpng's unknown chunks at `location`; their data stays the caller's until they are
// set (png_set_unknown_chunks copies it).
std::vector<png_unknown_chunk> UnknownChunks(const std::vector<ImageChunk>& chunks, bool after_image) {
  std::vector<png_unknown_chunk> unknown;
  for (const ImageChunk& chunk : chunks) {
    if (chunk.after_image != after_image) continue;
    png_unknown_chunk entry = {};
    std::memcpy(entry.name, chunk.type.data(), 4);
    entry.data = const_cast<png_byte*>(chunk.data.data());
    entry.size = chunk.data.size();
    entry.location = static_cast<png_byte>(after_image ? PNG_AFTER_IDAT : PNG_HAVE_IHDR);
    unknown.push_back(entry);
  }
  return unknown;
}

bool PngSetChunks(png_structp png, png_infop info, const std::vector<png_unknown_chunk>& chunks) {
  if (setjmp(png_jmpbuf(png))) return false;
  if (!chunks.empty()) png_set_unknown_chunks(png, info, chunks.data(), static_cast<int>(chunks.size()));
  return true;
}

bool PngWriteHeader(png_structp png, png_infop info, png_uint_32 width, png_uint_32 height, int bit_depth,
                    int color_type, png_textp text) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_IHDR(png, info, width, height, bit_depth, color_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (text != nullptr) png_set_text(png, info, text, 1);
  png_write_info(png, info);
  if (bit_depth < 8) png_set_packing(png);  // rows hold one sample per byte
  return true;
}

bool PngWriteRow(png_structp png, png_const_bytep row) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_write_row(png, row);
  return true;
}

bool PngWriteEnd(png_structp png, png_infop info) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_write_end(png, info);
  return true;
}

// By samples a pixel: gray, gray+alpha, RGB, RGBA.
constexpr int kPngColourTypes[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                   PNG_COLOR_TYPE_RGB_ALPHA};

class PngWriter final : public ImageWriter {
 public:
  PngWriter(ByteWriter* out, std::string name) : name_(std::move(name)) { context_.out = out; }
  ~PngWriter() override {
    if (png_ != nullptr) png_destroy_write_struct(&png_, info_ != nullptr ? &info_ : nullptr);
  }

  void Start(uint32_t width, uint32_t height, const ImageWriteOptions& options) {
    png_ = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context_, PngError, PngWarning);
    if (png_ != nullptr) info_ = png_create_info_struct(png_);
    if (info_ == nullptr) throw std::bad_alloc();
    png_set_write_fn(png_, &context_, PngWrite, PngFlush);
    png_set_user_limits(png_, 0x7FFFFFFF, 0x7FFFFFFF);
    KeepChunksAsUnknown(png_);
    options_ = options;
    // Gray maxval 1, 3, 15, 255 are PNG's depths 1, 2, 4, 8; any other (and with more channels,
    // which PNG holds at 8 bits, any but 255) is written as 8 bits, scaled.
    const uint32_t maxval = options.maxval;
    const int depth = options.channels != 1 ? 8 : maxval == 1 ? 1 : maxval == 3 ? 2 : maxval == 15 ? 4 : 8;
    if (depth == 8 && maxval != 255) scaled_.resize(std::size_t{width} * options.channels);
    std::string key = "Comment", comment = options.comment;
    png_text text = {};
    text.compression = PNG_TEXT_COMPRESSION_NONE;
    text.key = key.data();
    text.text = comment.data();
    if (!PngSetChunks(png_, info_, UnknownChunks(options.chunks, false)) ||
        !PngWriteHeader(png_, info_, width, height, depth,
                        kPngColourTypes[options.channels - 1],
                        comment.empty() ? nullptr : &text)) {
      Fail();
    }
  }
  void WriteRow(const uint8_t* row) override {
    if (error_) std::rethrow_exception(error_);
    if (!scaled_.empty()) {
      const uint32_t maxval = options_.maxval;
      for (std::size_t x = 0; x < scaled_.size(); ++x) scaled_[x] = static_cast<uint8_t>((510u * row[x] + maxval) / (2 * maxval));
      row = scaled_.data();
    }
    if (!PngWriteRow(png_, row)) Fail();
  }
  void Finish(const std::vector<ImageChunk>& after_image) override {
    if (error_) std::rethrow_exception(error_);
    std::vector<ImageChunk> chunks;
    for (const ImageChunk& chunk : options_.chunks) {
      if (chunk.after_image) chunks.push_back(chunk);
    }
    chunks.insert(chunks.end(), after_image.begin(), after_image.end());
    for (ImageChunk& chunk : chunks) chunk.after_image = true;
    if (!PngSetChunks(png_, info_, UnknownChunks(chunks, true)) || !PngWriteEnd(png_, info_)) Fail();
  }

 private:
  // libpng is unusable after an error: keep the error for every later call.
  [[noreturn]] void Fail() {
    error_ = context_.write_error
                 ? context_.write_error
                 : std::make_exception_ptr(std::runtime_error(name_ + ": libpng: " + context_.message));
    std::rethrow_exception(error_);
  }

  std::string name_;
  PngContext context_;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  ImageWriteOptions options_;
  std::vector<uint8_t> scaled_;  // a row scaled to 8 bits, for a maxval that is no PNG depth
  std::exception_ptr error_;
};

}  // namespace

std::unique_ptr<ImageReader> OpenPngReader(const std::string& path, UniqueFile file, const ImageReadOptions& options) {
  auto reader = std::make_unique<PngReader>(path, std::move(file), options);
  reader->Open();
  return reader;
}

std::unique_ptr<ImageWriter> OpenPngWriter(uint32_t width, uint32_t height, ByteWriter* out, const std::string& name,
                                           const ImageWriteOptions& options) {
  auto writer = std::make_unique<PngWriter>(out, name);
  writer->Start(width, height, options);
  return writer;
}

}  // namespace ride::tools::internal
