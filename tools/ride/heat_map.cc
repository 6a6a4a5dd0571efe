#include "tools/ride/heat_map.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "tools/common/file_error.h"
#include "tools/common/image_file.h"

namespace ride::cli {
namespace {

// Control points of the "inferno" colour map (perceptually uniform, readable in grey), linearly
// interpolated.
constexpr uint8_t kInferno[9][3] = {{0, 0, 4},     {31, 12, 72},   {85, 15, 109},  {136, 34, 106}, {186, 54, 85},
                                    {227, 89, 51}, {249, 140, 10}, {249, 201, 50}, {252, 255, 164}};

void ColourOf(float bits, uint8_t* rgb) {
  const float t = std::clamp(bits / kHeatMapMaxBits, 0.0f, 1.0f) * 8.0f;
  const int i = std::min(static_cast<int>(t), 7);
  const float f = t - static_cast<float>(i);
  for (int k = 0; k < 3; ++k) {
    rgb[k] = static_cast<uint8_t>(kInferno[i][k] + f * (kInferno[i + 1][k] - kInferno[i][k]) + 0.5f);
  }
}

// 3 × 5 glyphs, one row per entry, bit 2 = left column.
struct Glyph {
  char c;
  uint8_t rows[5];
};
constexpr Glyph kGlyphs[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}}, {'3', {7, 1, 7, 1, 7}},
    {'4', {5, 5, 7, 1, 1}}, {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 1, 1}},
    {'8', {7, 5, 7, 5, 7}}, {'9', {7, 5, 7, 1, 7}}, {'b', {4, 4, 7, 5, 7}}, {'i', {2, 0, 2, 2, 2}},
    {'t', {2, 7, 2, 2, 3}}, {'/', {1, 1, 2, 4, 4}}, {'p', {0, 7, 5, 7, 4}}, {'x', {0, 5, 2, 2, 5}},
    {'+', {0, 2, 7, 2, 0}}, {' ', {0, 0, 0, 0, 0}}};
constexpr int kScale = 2;  // glyph pixels are 2 × 2

class Canvas {
 public:
  Canvas(uint32_t width, uint32_t height) : width_(width), height_(height), rgb_(std::size_t{width} * height * 3, 255) {}
  void Set(uint32_t x, uint32_t y, const uint8_t* rgb) {
    if (x < width_ && y < height_) std::memcpy(&rgb_[(std::size_t{y} * width_ + x) * 3], rgb, 3);
  }
  void Text(uint32_t x, uint32_t y, const char* text) {
    static constexpr uint8_t kInk[3] = {0, 0, 0};
    for (; *text != '\0'; ++text, x += 4 * kScale) {
      for (const Glyph& glyph : kGlyphs) {
        if (glyph.c != *text) continue;
        for (int row = 0; row < 5; ++row)
          for (int column = 0; column < 3; ++column)
            if (glyph.rows[row] & (4 >> column))
              for (int d = 0; d < kScale * kScale; ++d)
                Set(x + column * kScale + d % kScale, y + row * kScale + d / kScale, kInk);
      }
    }
  }
  const uint8_t* Row(uint32_t y) const { return &rgb_[std::size_t{y} * width_ * 3]; }

 private:
  uint32_t width_, height_;
  std::vector<uint8_t> rgb_;
};

}  // namespace

void WriteHeatMapPng(const float* bits, uint32_t width, uint32_t height, tools::ByteWriter* out,
                     const std::string& name) {
  constexpr uint32_t kLegendHeight = 56;
  const uint32_t out_width = std::max(width, 200u);
  if (uint64_t{out_width} * (height + kLegendHeight) > (uint64_t{1} << 28)) {
    tools::ThrowFileError(tools::FileErrorKind::kInput, name, "image too large for a heat map");
  }
  Canvas canvas(out_width, height + kLegendHeight);
  uint8_t rgb[3];
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      ColourOf(bits[std::size_t{y} * width + x], rgb);
      canvas.Set(x, y, rgb);
    }
  // Colour bar from 0 to kHeatMapMaxBits bits with a tick and label every 2 bits.
  const uint32_t bar_left = 8, bar_right = out_width - 8, bar_top = height + 6, bar_height = 12;
  const uint32_t bar_width = bar_right - bar_left;
  for (uint32_t x = bar_left; x < bar_right; ++x) {
    ColourOf(kHeatMapMaxBits * (x - bar_left) / (bar_width - 1), rgb);
    for (uint32_t y = bar_top; y < bar_top + bar_height; ++y) canvas.Set(x, y, rgb);
  }
  static constexpr uint8_t kInk[3] = {0, 0, 0};
  for (int tick = 0; tick <= static_cast<int>(kHeatMapMaxBits); tick += 2) {
    const uint32_t x = bar_left + static_cast<uint32_t>(tick / kHeatMapMaxBits * (bar_width - 1));
    for (uint32_t y = bar_top + bar_height; y < bar_top + bar_height + 4; ++y) canvas.Set(x, y, kInk);
    char label[8];
    std::snprintf(label, sizeof label, tick == static_cast<int>(kHeatMapMaxBits) ? "%d+" : "%d", tick);
    const uint32_t label_width = static_cast<uint32_t>(std::strlen(label)) * 4 * kScale;
    canvas.Text(std::min(x - std::min(x, label_width / 2), out_width - label_width), bar_top + bar_height + 6, label);
  }
  canvas.Text(out_width / 2 - 3 * 4 * kScale, bar_top + bar_height + 20, "bit/px");

  tools::ImageWriteOptions options;
  options.channels = 3;
  options.comment = "ride eval: coding cost per pixel in bits (colour bar: bits)";
  const std::unique_ptr<tools::ImageWriter> writer =
      tools::OpenImageWriter(tools::ImageFormat::kPng, out_width, height + kLegendHeight, out, name, options);
  for (uint32_t y = 0; y < height + kLegendHeight; ++y) writer->WriteRow(canvas.Row(y));
  writer->Finish();
}

}  // namespace ride::cli
