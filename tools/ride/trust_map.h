// A picture of which adaptive component the mixer trusted (docs/adaptive.md, "Mixing"): each pixel
// in the colour of the component with the largest share of the mixer's weight there, with a legend
// of the components' names underneath.
#ifndef RIDE_TOOLS_RIDE_TRUST_MAP_H_
#define RIDE_TOOLS_RIDE_TRUST_MAP_H_

#include <cstdint>
#include <string>

#include "tools/common/byte_writer.h"

namespace ride::cli {

// Writes an RGB PNG of width max(width, 480) and height height + 24 (the legend) to `out`;
// `components` holds width × height component indices (0 .. RIDE_ADAPTIVE_COMPONENTS − 1, or
// RIDE_TRUST_TIE, light grey) in raster order. `name` is used in messages. Throws FileError (tools/common/file_error.h): kInput
// for images too large to draw, or what `out` throws.
void WriteTrustMapPng(const uint8_t* components, uint32_t width, uint32_t height, tools::ByteWriter* out,
                      const std::string& name);

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_TRUST_MAP_H_
