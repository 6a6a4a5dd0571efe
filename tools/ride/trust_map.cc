#include "tools/ride/trust_map.h"

#include <algorithm>
#include <cstring>

#include "ride/ride.h"
#include "tools/ride/legend_canvas.h"

namespace ride::cli {
namespace {

// One colour per component, in ride_adaptive_component_name's order: Okabe and Ito's palette,
// which colour-blind readers can tell apart. The learned model gets the calm blue.
constexpr uint8_t kComponentColours[RIDE_ADAPTIVE_COMPONENTS][3] = {
    {0, 114, 178}, {230, 159, 0}, {0, 158, 115}, {204, 121, 167}, {213, 94, 0}, {240, 228, 66}};
constexpr uint8_t kTieColour[3] = {200, 200, 200};

}  // namespace

void WriteTrustMapPng(const uint8_t* components, uint32_t width, uint32_t height, tools::ByteWriter* out,
                      const std::string& name) {
  constexpr uint32_t kLegendHeight = 24;
  const uint32_t out_width = std::max(width, 480u);
  LegendCanvas canvas(out_width, height + kLegendHeight, name);
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      const uint8_t k = components[std::size_t{y} * width + x];
      canvas.Set(x, y, k < RIDE_ADAPTIVE_COMPONENTS ? kComponentColours[k] : kTieColour);
    }
  // A swatch and the name of each component, left to right.
  uint32_t x = 8;
  for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) {
    const char* label = ride_adaptive_component_name(k);
    canvas.Fill(x, height + 6, 10, 10, kComponentColours[k]);
    canvas.Text(x + 14, height + 6, label);
    x += 14 + static_cast<uint32_t>(std::strlen(label)) * LegendCanvas::kCharWidth + 8;
  }
  canvas.Fill(x, height + 6, 10, 10, kTieColour);
  canvas.Text(x + 14, height + 6, "tie");
  canvas.WritePng(out, name, "ride eval: the adaptive component the mixer trusted most at each pixel");
}

}  // namespace ride::cli
