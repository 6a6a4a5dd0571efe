// A picture of where a model is surprised: each pixel's coding cost in bits, coloured on a fixed
// perceptual scale (dark = cheap, bright = expensive), with a labelled colour bar underneath.
#ifndef RIDE_TOOLS_RIDE_HEAT_MAP_H_
#define RIDE_TOOLS_RIDE_HEAT_MAP_H_

#include <cstdint>
#include <string>

#include "tools/common/byte_writer.h"

namespace ride::cli {

// Top of the colour scale in bits: costs at or above it get the brightest colour.
inline constexpr float kHeatMapMaxBits = 12.0f;

// Writes an RGB PNG of width max(width, 200) and height height + 56 (the legend) to `out`; `bits` holds
// width × height costs in raster order. `name` is used in messages. Throws FileError
// (tools/common/file_error.h): kInput for images too large to draw, or what `out` throws.
void WriteHeatMapPng(const float* bits, uint32_t width, uint32_t height, tools::ByteWriter* out,
                     const std::string& name);

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_HEAT_MAP_H_
