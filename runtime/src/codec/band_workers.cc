#include "runtime/src/codec/band_workers.h"

#include <new>

namespace ride::codec {

Status CheckModel(const CodecModel& model) {
  if (model.model == nullptr) return Status::Error(StatusCode::kInvalidArgument, "no model");
  return model.model->Check();
}

Status BandWorkers::Init(const CodecModel& model, uint32_t width, uint32_t band_rows, uint32_t threads) {
  RIDE_RETURN_IF_ERROR(session.Init(model.model, width, band_rows, nullptr, threads));
  bands.resize(threads);
  for (auto& band : bands) {
    band.reset(new (std::nothrow) uint8_t[std::size_t{width} * band_rows]);
    if (band == nullptr) {
      return Status::Error(StatusCode::kResourceExhausted, "cannot allocate %u rows of %u pixels", band_rows, width);
    }
  }
  return Status();
}

}  // namespace ride::codec
