#include "runtime/src/codec/image_decoder.h"

#include <algorithm>
#include <new>

#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/parallel/band_runner.h"

namespace ride::codec {
namespace {

bool SameHeader(const container::RimHeader& a, const container::RimHeader& b) {
  return a.version == b.version && a.width == b.width && a.height == b.height && a.channels == b.channels &&
         a.bit_depth == b.bit_depth && a.model_fingerprint == b.model_fingerprint &&
         a.pixel_checksum == b.pixel_checksum && a.lane_bytes == b.lane_bytes;
}

}  // namespace

Status ImageDecoder::Plan(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options) {
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header));
  RIDE_RETURN_IF_ERROR(container::CheckModelFingerprint(header, model.fingerprint));
  return PlanSession(model, header.width, header.lane_count(), options.threads, &plan_);
}

void ImageDecoder::LayOut(ArenaLayout* layout) {
  workers_.LayOut(plan_, layout);
  sources_ = TakeRoom<coder::SpanByteSource>(layout, plan_.lanes);
  decoders_ = TakeRoom<coder::RangeDecoder>(layout, plan_.lanes);
  decoder_pointers_ = layout->Take<coder::RangeDecoder*>(plan_.lanes);
  visitors_ = TakeRoom<DecodingVisitor>(layout, plan_.threads);
}

void ImageDecoder::Reset() {
  ready_ = false;
  DestroyPlaced(visitors_, &placed_visitors_);
  DestroyPlaced(decoders_, &placed_decoders_);
  DestroyPlaced(sources_, &placed_sources_);
}

Status ImageDecoder::MemoryNeeded(const CodecModel& model, const container::RimHeader& header,
                                  const DecodeOptions& options, std::size_t* bytes) {
  ImageDecoder planner;
  RIDE_RETURN_IF_ERROR(planner.Plan(model, header, options));
  ArenaLayout measure;
  planner.LayOut(&measure);
  if (measure.overflowed()) return Status::Error(StatusCode::kResourceExhausted, "decoder: session size overflows");
  *bytes = measure.bytes();
  return Status();
}

Status ImageDecoder::Init(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options) {
  Reset();
  RIDE_RETURN_IF_ERROR(Plan(model, header, options));
  ArenaLayout measure;
  LayOut(&measure);
  if (measure.overflowed()) return Status::Error(StatusCode::kResourceExhausted, "decoder: session size overflows");
  memory_bytes_ = measure.bytes();
  RIDE_RETURN_IF_ERROR(block_.Acquire(options.memory, options.memory_bytes, memory_bytes_));
  ArenaLayout place(block_.data());
  LayOut(&place);
  RIDE_RETURN_IF_ERROR(workers_.Init(model, plan_));
  header_ = header;
  for (uint32_t k = 0; k < plan_.lanes; ++k) decoder_pointers_[k] = decoders_ + k;
  for (; placed_visitors_ < plan_.threads; ++placed_visitors_) {
    new (visitors_ + placed_visitors_) DecodingVisitor(decoder_pointers_, plan_.lanes);
  }
  progress_ = options.progress;
  ready_ = true;
  return Status();
}

Status ImageDecoder::Decode(const uint8_t* data, std::size_t size, RowSink* sink) {
  if (!ready_) return Status::Error(StatusCode::kInvalidArgument, "decoder: not initialised, or already used");
  {
    container::RimHeader file_header;
    std::size_t header_bytes = 0;
    RIDE_RETURN_IF_ERROR(container::ParseRimHeader(data, size, &file_header, &header_bytes));
    RIDE_RETURN_IF_ERROR(container::ValidateRimLayout(file_header, header_bytes, size));
    if (!SameHeader(file_header, header_)) {
      return Status::Error(StatusCode::kInvalidArgument, "decoder: the file's header is not the one it was set up for");
    }
    ready_ = false;
    std::size_t offset = header_bytes;
    for (; placed_sources_ < plan_.lanes; ++placed_sources_) {
      const std::size_t length = static_cast<std::size_t>(header_.lane_bytes[placed_sources_]);
      new (sources_ + placed_sources_) coder::SpanByteSource(data + offset, length);
      offset += length;
    }
  }
  const uint32_t width = header_.width, height = header_.height, lanes = plan_.lanes;
  for (; placed_decoders_ < lanes; ++placed_decoders_) {
    new (decoders_ + placed_decoders_) coder::RangeDecoder(sources_ + placed_decoders_);
  }
  container::PixelChecksum checksum;

  const uint32_t band_rows = plan_.band_rows;
  parallel::BandRunner runner(&workers_.session());
  const Status ran = runner.Run(BandCount(height, band_rows), [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = workers_.band(w);
    visitors_[w].SetBand(BandBuffer{pixels, width, first});
    RIDE_RETURN_IF_ERROR(workers_.session().ProcessParallelBand(band, count, &visitors_[w]));
    // A damaged lane shows as a decoder error; stop before handing out rows built from it.
    for (uint32_t i = 0; i < count; ++i) {
      const Status lane_status = decoders_[(first + i) % lanes].status();
      if (!lane_status.ok()) {
        return Status::Error(lane_status.code(), "lane %u (row %u): %s", (first + i) % lanes, first + i,
                             lane_status.message());
      }
    }
    if (!runner.BeginInOrder(band)) return Status();
    for (uint32_t i = 0; i < count; ++i) {
      const uint8_t* row = pixels + std::size_t{i} * width;
      checksum.Update(row, width);
      const Status written = sink->WriteRow(row);
      if (!written.ok()) return written;
    }
    if (progress_ != nullptr) progress_->RowsDone(first + count, height);
    runner.EndInOrder();
    return Status();
  });
  if (!ran.ok()) return ran;
  for (uint32_t k = 0; k < lanes; ++k) {
    const Status finished = decoders_[k].Finish();
    if (!finished.ok()) return Status::Error(finished.code(), "lane %u: %s", k, finished.message());
  }
  return container::CheckPixelChecksum(header_, checksum.Digest());
}

}  // namespace ride::codec
