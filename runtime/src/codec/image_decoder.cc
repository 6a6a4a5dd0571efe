#include "runtime/src/codec/image_decoder.h"

#include <algorithm>

#include "runtime/src/codec/lane_visitors.h"
#include "runtime/src/coder/range_decoder.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/parallel/band_runner.h"

namespace ride::codec {
namespace {

bool SameHeader(const container::RimHeader& a, const container::RimHeader& b) {
  return a.version == b.version && a.width == b.width && a.height == b.height && a.channels == b.channels &&
         a.bit_depth == b.bit_depth && a.model_fingerprint == b.model_fingerprint &&
         a.pixel_checksum == b.pixel_checksum && a.lane_bytes == b.lane_bytes;
}

}  // namespace

Status ImageDecoder::Init(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options) {
  ready_ = false;
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header));
  RIDE_RETURN_IF_ERROR(container::CheckModelFingerprint(header, model.fingerprint));
  model_ = model;
  header_ = header;
  threads_ = std::min(options.threads, header.lane_count());
  band_rows_ = BandRows(header.lane_count(), threads_);
  progress_ = options.progress;
  RIDE_RETURN_IF_ERROR(workers_.Init(model, header.width, band_rows_, threads_));
  ready_ = true;
  return Status();
}

Status ImageDecoder::Decode(const uint8_t* data, std::size_t size, RowSink* sink) {
  if (!ready_) return Status::Error(StatusCode::kInvalidArgument, "decoder: not initialised, or already used");
  container::RimReader reader;
  RIDE_RETURN_IF_ERROR(reader.Open(data, size));
  if (!SameHeader(reader.header(), header_)) {
    return Status::Error(StatusCode::kInvalidArgument, "decoder: the file's header is not the one it was set up for");
  }
  ready_ = false;
  const uint32_t width = header_.width, height = header_.height, lanes = header_.lane_count();
  std::vector<std::unique_ptr<coder::SpanByteSource>> sources;
  std::vector<std::unique_ptr<coder::RangeDecoder>> decoders;
  std::vector<coder::RangeDecoder*> decoder_pointers;
  for (uint32_t k = 0; k < lanes; ++k) {
    const container::ByteSpan lane = reader.lane(k);
    sources.push_back(std::make_unique<coder::SpanByteSource>(lane.data, lane.size));
    decoders.push_back(std::make_unique<coder::RangeDecoder>(sources.back().get()));
    decoder_pointers.push_back(decoders.back().get());
  }
  std::vector<std::unique_ptr<DecodingVisitor>> visitors;
  for (uint32_t w = 0; w < threads_; ++w) {
    visitors.push_back(std::make_unique<DecodingVisitor>(decoder_pointers.data(), lanes));
  }
  container::PixelChecksum checksum;

  const uint32_t band_rows = band_rows_;
  parallel::BandRunner runner(&workers_.session);
  const Status ran = runner.Run(BandCount(height, band_rows), [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = workers_.bands[w].get();
    visitors[w]->SetBand(BandBuffer{pixels, width, first});
    RIDE_RETURN_IF_ERROR(workers_.session.ProcessParallelBand(band, count, visitors[w].get()));
    // A damaged lane shows as a decoder error; stop before handing out rows built from it.
    for (uint32_t i = 0; i < count; ++i) {
      const Status lane_status = decoders[(first + i) % lanes]->status();
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
    const Status finished = decoders[k]->Finish();
    if (!finished.ok()) return Status::Error(finished.code(), "lane %u: %s", k, finished.message());
  }
  return container::CheckPixelChecksum(header_, checksum.Digest());
}

}  // namespace ride::codec
