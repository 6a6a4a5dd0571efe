// What a pixel of a file's layout (docs/bitstream.md, "Colour") holds for the codec: its samples,
// interleaved (gray; gray, alpha; R, G, B; R, G, B, alpha), of which the first `modelled` are the
// model's channels, coded in order with the model's distributions, and the alpha sample, when
// there is one, coded right after them by the adaptive method's components alone.
#ifndef RIDE_RUNTIME_SRC_CODEC_PIXEL_LAYOUT_H_
#define RIDE_RUNTIME_SRC_CODEC_PIXEL_LAYOUT_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/engine/engine_model.h"

namespace ride::codec {

inline constexpr uint32_t kMaxSamples = 4;

struct PixelLayout {
  uint32_t samples = 1;   // per pixel: the layout's number
  uint32_t modelled = 1;  // the model's channels: 1 or 3
  bool alpha() const { return samples > modelled; }
};

// The layout of a file with header layout `layout` (1..4) coded by `model`: kInvalidArgument when
// they do not go together (a gray model for RGB, a colour model for gray), naming both.
Status LayoutForModel(uint32_t layout, const engine::EngineModel& model, PixelLayout* out);

// Adds `count` interleaved samples, `samples` a pixel, to one histogram (256 counts) per sample
// position: what a group's level sets are chosen from.
void CountSamples(const uint8_t* values, std::size_t count, uint32_t samples, uint64_t (*histograms)[256]);

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_PIXEL_LAYOUT_H_
