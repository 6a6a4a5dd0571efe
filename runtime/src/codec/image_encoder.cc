#include "runtime/src/codec/image_encoder.h"

#include <algorithm>
#include <mutex>
#include <utility>

#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/parallel/band_runner.h"

namespace ride::codec {

Status ImageEncoder::Init(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options) {
  ready_ = false;
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  header_ = container::RimHeader();
  header_.width = width;
  header_.height = height;
  header_.model_fingerprint = model.fingerprint;
  const uint32_t lanes = std::max(1u, std::min({options.lanes, height, container::kRimMaxLanes}));
  header_.lane_bytes.assign(lanes, 0);
  // Dimensions are checked before anything is allocated for them.
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header_));

  threads_ = std::min(options.threads, lanes);
  band_rows_ = BandRows(lanes, threads_);
  progress_ = options.progress;
  RIDE_RETURN_IF_ERROR(workers_.Init(model, width, band_rows_, threads_));
  lane_sinks_ = std::vector<coder::VectorByteSink>(lanes);
  encoders_.clear();
  encoder_pointers_.clear();
  for (auto& lane_sink : lane_sinks_) {
    encoders_.push_back(std::make_unique<coder::RangeEncoder>(&lane_sink));
    encoder_pointers_.push_back(encoders_.back().get());
  }
  visitors_.clear();
  for (uint32_t w = 0; w < threads_; ++w) {
    visitors_.push_back(std::make_unique<EncodingVisitor>(encoder_pointers_.data(), lanes));
  }
  ready_ = true;
  return Status();
}

Status ImageEncoder::Encode(RowSource* source, coder::ByteSink* sink, EncodeResult* result) {
  if (!ready_) return Status::Error(StatusCode::kInvalidArgument, "encoder: not initialised, or already used");
  ready_ = false;
  const uint32_t width = header_.width, height = header_.height, lanes = header_.lane_count();
  const uint32_t band_rows = band_rows_;
  container::PixelChecksum checksum;
  parallel::BandRunner runner(&workers_.session);
  std::mutex progress_mutex;
  uint32_t rows_done = 0;
  const Status ran = runner.Run(BandCount(height, band_rows), [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = workers_.bands[w].get();
    // The source hands out rows in order only.
    if (!runner.BeginInOrder(band)) return Status();
    for (uint32_t i = 0; i < count; ++i) {
      uint8_t* row = pixels + std::size_t{i} * width;
      const Status read = source->ReadRow(row);
      if (!read.ok()) return read;
      checksum.Update(row, width);
    }
    runner.EndInOrder();
    visitors_[w]->SetBand(BandBuffer{pixels, width, first});
    RIDE_RETURN_IF_ERROR(workers_.session.ProcessParallelBand(band, count, visitors_[w].get()));
    if (progress_ != nullptr) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      rows_done += count;
      progress_->RowsDone(rows_done, height);
    }
    return Status();
  });
  if (!ran.ok()) return ran;

  std::vector<std::vector<uint8_t>> lane_bytes(lanes);
  for (uint32_t k = 0; k < lanes; ++k) {
    RIDE_RETURN_IF_ERROR(encoders_[k]->Finish());
    lane_bytes[k] = std::move(lane_sinks_[k].bytes());
  }
  header_.pixel_checksum = checksum.Digest();
  RIDE_RETURN_IF_ERROR(container::WriteRimFile(header_, lane_bytes, sink));

  if (result != nullptr) {
    header_.lane_bytes.clear();
    for (const auto& lane : lane_bytes) header_.lane_bytes.push_back(lane.size());
    result->file_bytes = container::RimHeaderSize(header_);
    for (const auto& lane : lane_bytes) result->file_bytes += lane.size();
    result->model_bits = 0;
    for (const auto& visitor : visitors_) result->model_bits += visitor->coded_bits();
    result->lanes = lanes;
  }
  return Status();
}

}  // namespace ride::codec
