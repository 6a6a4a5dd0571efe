// An RGB picture with a legend underneath, for the maps `ride eval` draws (heat_map.h,
// trust_map.h): pixels, filled boxes and labels in a small built-in font (digits, lower-case
// letters and a few signs, 3 × 5 cells drawn 2 × 2), written as a PNG.
#ifndef RIDE_TOOLS_RIDE_LEGEND_CANVAS_H_
#define RIDE_TOOLS_RIDE_LEGEND_CANVAS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/common/byte_writer.h"

namespace ride::cli {

class LegendCanvas {
 public:
  // Width of one character of Text, in pixels.
  static constexpr uint32_t kCharWidth = 8;

  // White, width × height. Throws FileError (kInput, naming `name`) for pictures too large to draw.
  LegendCanvas(uint32_t width, uint32_t height, const std::string& name);
  uint32_t width() const { return width_; }
  void Set(uint32_t x, uint32_t y, const uint8_t* rgb);
  void Fill(uint32_t x, uint32_t y, uint32_t width, uint32_t height, const uint8_t* rgb);
  // Black text from (x, y), its top left; characters without a glyph are left blank.
  void Text(uint32_t x, uint32_t y, const char* text);
  // The picture as an RGB PNG with `comment` as its text chunk.
  void WritePng(tools::ByteWriter* out, const std::string& name, const std::string& comment) const;

 private:
  uint32_t width_, height_;
  std::vector<uint8_t> rgb_;
};

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_LEGEND_CANVAS_H_
