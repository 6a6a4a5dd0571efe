#include "tools/ride/heat_map.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "tools/ride/legend_canvas.h"

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

}  // namespace

void WriteHeatMapPng(const float* bits, uint32_t width, uint32_t height, tools::ByteWriter* out,
                     const std::string& name) {
  constexpr uint32_t kLegendHeight = 56;
  const uint32_t out_width = std::max(width, 200u);
  LegendCanvas canvas(out_width, height + kLegendHeight, name);
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
    canvas.Fill(x, bar_top, 1, bar_height, rgb);
  }
  static constexpr uint8_t kInk[3] = {0, 0, 0};
  for (int tick = 0; tick <= static_cast<int>(kHeatMapMaxBits); tick += 2) {
    const uint32_t x = bar_left + static_cast<uint32_t>(tick / kHeatMapMaxBits * (bar_width - 1));
    canvas.Fill(x, bar_top + bar_height, 1, 4, kInk);
    char label[8];
    std::snprintf(label, sizeof label, tick == static_cast<int>(kHeatMapMaxBits) ? "%d+" : "%d", tick);
    const uint32_t label_width = static_cast<uint32_t>(std::strlen(label)) * LegendCanvas::kCharWidth;
    canvas.Text(std::min(x - std::min(x, label_width / 2), out_width - label_width), bar_top + bar_height + 6, label);
  }
  canvas.Text(out_width / 2 - 3 * LegendCanvas::kCharWidth, bar_top + bar_height + 20, "bit/px");
  canvas.WritePng(out, name, "ride eval: coding cost per pixel in bits (colour bar: bits)");
}

}  // namespace ride::cli
