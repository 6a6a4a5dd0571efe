#include "tools/ride/legend_canvas.h"

#include <cstring>
#include <memory>

#include "tools/common/file_error.h"
#include "tools/common/image_file.h"

namespace ride::cli {
namespace {

// 3 × 5 glyphs, one row per entry, bit 2 = left column.
struct Glyph {
  char c;
  uint8_t rows[5];
};
constexpr Glyph kGlyphs[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}}, {'3', {7, 1, 7, 1, 7}},
    {'4', {5, 5, 7, 1, 1}}, {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 1, 1}},
    {'8', {7, 5, 7, 5, 7}}, {'9', {7, 5, 7, 1, 7}}, {'a', {0, 7, 1, 7, 7}}, {'b', {4, 4, 7, 5, 7}},
    {'c', {0, 7, 4, 4, 7}}, {'d', {1, 1, 7, 5, 7}}, {'e', {0, 7, 7, 4, 7}}, {'h', {4, 4, 7, 5, 5}},
    {'i', {2, 0, 2, 2, 2}}, {'l', {6, 2, 2, 2, 7}}, {'m', {0, 7, 7, 5, 5}}, {'n', {0, 6, 5, 5, 5}},
    {'o', {0, 7, 5, 5, 7}}, {'p', {0, 7, 5, 7, 4}}, {'r', {0, 7, 4, 4, 4}}, {'s', {0, 7, 6, 3, 7}},
    {'t', {2, 7, 2, 2, 3}}, {'u', {0, 5, 5, 5, 7}}, {'v', {0, 5, 5, 5, 2}}, {'x', {0, 5, 2, 2, 5}},
    {'/', {1, 1, 2, 4, 4}}, {'+', {0, 2, 7, 2, 0}}, {' ', {0, 0, 0, 0, 0}}};
constexpr int kScale = 2;  // glyph pixels are 2 × 2

}  // namespace

LegendCanvas::LegendCanvas(uint32_t width, uint32_t height, const std::string& name)
    : width_(width), height_(height) {
  if (uint64_t{width} * height > (uint64_t{1} << 28)) {
    tools::ThrowFileError(tools::FileErrorKind::kInput, name, "image too large for a map");
  }
  rgb_.assign(std::size_t{width} * height * 3, 255);
}

void LegendCanvas::Set(uint32_t x, uint32_t y, const uint8_t* rgb) {
  if (x < width_ && y < height_) std::memcpy(&rgb_[(std::size_t{y} * width_ + x) * 3], rgb, 3);
}

void LegendCanvas::Fill(uint32_t x, uint32_t y, uint32_t width, uint32_t height, const uint8_t* rgb) {
  for (uint32_t dy = 0; dy < height; ++dy)
    for (uint32_t dx = 0; dx < width; ++dx) Set(x + dx, y + dy, rgb);
}

void LegendCanvas::Text(uint32_t x, uint32_t y, const char* text) {
  static constexpr uint8_t kInk[3] = {0, 0, 0};
  for (; *text != '\0'; ++text, x += kCharWidth) {
    for (const Glyph& glyph : kGlyphs) {
      if (glyph.c != *text) continue;
      for (int row = 0; row < 5; ++row)
        for (int column = 0; column < 3; ++column)
          if (glyph.rows[row] & (4 >> column)) Fill(x + column * kScale, y + row * kScale, kScale, kScale, kInk);
    }
  }
}

void LegendCanvas::WritePng(tools::ByteWriter* out, const std::string& name, const std::string& comment) const {
  tools::ImageWriteOptions options;
  options.channels = 3;
  options.comment = comment;
  const std::unique_ptr<tools::ImageWriter> writer =
      tools::OpenImageWriter(tools::ImageFormat::kPng, width_, height_, out, name, options);
  for (uint32_t y = 0; y < height_; ++y) writer->WriteRow(&rgb_[std::size_t{y} * width_ * 3]);
  writer->Finish();
}

}  // namespace ride::cli
