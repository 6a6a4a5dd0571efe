#include "runtime/src/codec/image_encoder.h"

#include <algorithm>
#include <mutex>
#include <new>

#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/parallel/band_runner.h"

namespace ride::codec {

Status ImageEncoder::Plan(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options) {
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  header_ = container::RimHeader();
  header_.width = width;
  header_.height = height;
  header_.model_fingerprint = model.fingerprint;
  const uint32_t lanes = std::max(1u, std::min({options.lanes, height, container::kRimMaxLanes}));
  header_.lane_bytes.assign(lanes, 0);
  // Dimensions are checked before anything is sized from them.
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header_));
  return PlanSession(model, width, lanes, options.threads, &plan_);
}

void ImageEncoder::LayOut(ArenaLayout* layout) {
  workers_.LayOut(plan_, layout);
  lane_sinks_ = TakeRoom<LaneBytes>(layout, plan_.lanes);
  encoders_ = TakeRoom<coder::RangeEncoder>(layout, plan_.lanes);
  encoder_pointers_ = layout->Take<coder::RangeEncoder*>(plan_.lanes);
  lane_spans_ = layout->Take<container::ByteSpan>(plan_.lanes);
  visitors_ = TakeRoom<EncodingVisitor>(layout, plan_.threads);
}

void ImageEncoder::Reset() {
  ready_ = false;
  DestroyPlaced(visitors_, &placed_visitors_);
  DestroyPlaced(encoders_, &placed_encoders_);
  DestroyPlaced(lane_sinks_, &placed_sinks_);
}

Status ImageEncoder::MemoryNeeded(const CodecModel& model, uint32_t width, uint32_t height,
                                  const EncodeOptions& options, std::size_t* bytes) {
  ImageEncoder planner;
  RIDE_RETURN_IF_ERROR(planner.Plan(model, width, height, options));
  ArenaLayout measure;
  planner.LayOut(&measure);
  if (measure.overflowed()) return Status::Error(StatusCode::kResourceExhausted, "encoder: session size overflows");
  *bytes = measure.bytes();
  return Status();
}

Status ImageEncoder::Init(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options) {
  Reset();
  RIDE_RETURN_IF_ERROR(Plan(model, width, height, options));
  ArenaLayout measure;
  LayOut(&measure);
  if (measure.overflowed()) return Status::Error(StatusCode::kResourceExhausted, "encoder: session size overflows");
  memory_bytes_ = measure.bytes();
  RIDE_RETURN_IF_ERROR(block_.Acquire(options.memory, options.memory_bytes, memory_bytes_));
  ArenaLayout place(block_.data());
  LayOut(&place);
  RIDE_RETURN_IF_ERROR(workers_.Init(model, plan_));
  for (; placed_sinks_ < plan_.lanes; ++placed_sinks_) new (lane_sinks_ + placed_sinks_) LaneBytes();
  for (; placed_encoders_ < plan_.lanes; ++placed_encoders_) {
    encoder_pointers_[placed_encoders_] = new (encoders_ + placed_encoders_) coder::RangeEncoder(lane_sinks_ + placed_encoders_);
  }
  for (; placed_visitors_ < plan_.threads; ++placed_visitors_) {
    new (visitors_ + placed_visitors_) EncodingVisitor(encoder_pointers_, plan_.lanes);
  }
  progress_ = options.progress;
  ready_ = true;
  return Status();
}

Status ImageEncoder::Encode(RowSource* source, coder::ByteSink* sink, EncodeResult* result) {
  if (!ready_) return Status::Error(StatusCode::kInvalidArgument, "encoder: not initialised, or already used");
  ready_ = false;
  const uint32_t width = header_.width, height = header_.height, lanes = plan_.lanes;
  const uint32_t band_rows = plan_.band_rows;
  container::PixelChecksum checksum;
  parallel::BandRunner runner(&workers_.session());
  std::mutex progress_mutex;
  uint32_t rows_done = 0;
  const Status ran = runner.Run(BandCount(height, band_rows), [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = workers_.band(w);
    // The source hands out rows in order only.
    if (!runner.BeginInOrder(band)) return Status();
    for (uint32_t i = 0; i < count; ++i) {
      uint8_t* row = pixels + std::size_t{i} * width;
      const Status read = source->ReadRow(row);
      if (!read.ok()) return read;
      checksum.Update(row, width);
    }
    runner.EndInOrder();
    visitors_[w].SetBand(BandBuffer{pixels, width, first});
    RIDE_RETURN_IF_ERROR(workers_.session().ProcessParallelBand(band, count, &visitors_[w]));
    if (progress_ != nullptr) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      rows_done += count;
      progress_->RowsDone(rows_done, height);
    }
    return Status();
  });
  if (!ran.ok()) return ran;

  uint64_t lane_total = 0;
  for (uint32_t k = 0; k < lanes; ++k) {
    RIDE_RETURN_IF_ERROR(encoders_[k].Finish());
    lane_spans_[k] = container::ByteSpan{lane_sinks_[k].data(), lane_sinks_[k].size()};
    header_.lane_bytes[k] = lane_sinks_[k].size();
    lane_total += lane_sinks_[k].size();
  }
  header_.pixel_checksum = checksum.Digest();
  RIDE_RETURN_IF_ERROR(container::WriteRimFile(header_, lane_spans_, lanes, sink));

  if (result != nullptr) {
    result->file_bytes = container::RimHeaderSize(header_) + lane_total;
    result->model_bits = 0;
    for (uint32_t w = 0; w < plan_.threads; ++w) result->model_bits += visitors_[w].coded_bits();
    result->lanes = lanes;
  }
  return Status();
}

}  // namespace ride::codec
