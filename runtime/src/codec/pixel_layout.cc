#include "runtime/src/codec/pixel_layout.h"

#include "runtime/src/container/rim_header.h"

namespace ride::codec {

Status LayoutForModel(uint32_t layout, const engine::EngineModel& model, PixelLayout* out) {
  if (layout == 0 || layout > kMaxSamples) {
    return Status::Error(StatusCode::kInvalidArgument, "layout %u does not exist (1..4)", static_cast<unsigned>(layout));
  }
  // Gray and gray+alpha need a gray model, RGB and RGBA a colour one: alpha is never modelled.
  const uint32_t modelled = layout == container::kRimLayoutGray || layout == container::kRimLayoutGrayAlpha ? 1 : 3;
  if (model.channels != modelled) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "the image is %s but the model codes %s (%zu channel%s): a %s image needs a %s model",
                         container::RimLayoutName(static_cast<uint8_t>(layout)), model.channels == 1 ? "gray" : "colour",
                         model.channels, model.channels == 1 ? "" : "s",
                         container::RimLayoutName(static_cast<uint8_t>(layout)), modelled == 1 ? "gray" : "colour");
  }
  out->samples = layout;
  out->modelled = modelled;
  return Status::Ok();
}

void CountSamples(const uint8_t* values, std::size_t count, uint32_t samples, uint64_t (*histograms)[256]) {
  for (std::size_t i = 0; i < count; ++i) ++histograms[i % samples][values[i]];
}

}  // namespace ride::codec
