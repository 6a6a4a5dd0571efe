// A picture of where a model is surprised: each pixel's coding cost in bits, coloured on a fixed
// perceptual scale (dark = cheap, bright = expensive), with a labelled colour bar underneath.
#ifndef RIDE_RUNTIME_SRC_CLI_HEAT_MAP_H_
#define RIDE_RUNTIME_SRC_CLI_HEAT_MAP_H_

#include <cstdint>
#include <string>

#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"

namespace ride::cli {

// Top of the colour scale in bits: costs at or above it get the brightest colour.
inline constexpr float kHeatMapMaxBits = 12.0f;

// Writes an RGB PNG of width max(width, 200) and height height + 56 (the legend) to `sink`; `bits` holds
// width × height costs in raster order. `name` is used in messages.
Status WriteHeatMapPng(const float* bits, uint32_t width, uint32_t height, coder::ByteSink* sink,
                       const std::string& name);

}  // namespace ride::cli

#endif  // RIDE_RUNTIME_SRC_CLI_HEAT_MAP_H_
