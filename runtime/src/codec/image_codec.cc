#include "runtime/src/codec/image_codec.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

#include "runtime/src/parallel/band_runner.h"
#include "runtime/src/codec/lane_visitors.h"
#include "runtime/src/coder/range_decoder.h"
#include "runtime/src/coder/range_encoder.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/container/rim_file.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::codec {
namespace {

Status CheckModel(const CodecModel& model) {
  if (model.model == nullptr) return Status::Error(StatusCode::kInvalidArgument, "no model");
  return model.model->Check();
}

// Band buffer of `rows` × `width` pixels, allocated without throwing.
Status AllocateBand(uint32_t width, uint32_t rows, std::unique_ptr<uint8_t[]>* band) {
  band->reset(new (std::nothrow) uint8_t[std::size_t{width} * rows]);
  if (*band == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "cannot allocate %u rows of %u pixels", rows, width);
  }
  return Status();
}

// A session for `threads` workers and each worker's buffer of `band_rows` rows.
Status PrepareWorkers(const CodecModel& model, uint32_t width, uint32_t band_rows, uint32_t threads,
                      engine::WavefrontSession* session, std::vector<std::unique_ptr<uint8_t[]>>* bands) {
  RIDE_RETURN_IF_ERROR(session->Init(model.model, width, band_rows, nullptr, threads));
  bands->resize(threads);
  for (auto& band : *bands) RIDE_RETURN_IF_ERROR(AllocateBand(width, band_rows, &band));
  return Status();
}

// Rows per band for `threads` workers over `lanes` lanes: rows being coded at once must sit in
// different lanes, and a band of R rows on each of T workers keeps T·R rows in flight.
uint32_t BandRows(uint32_t lanes, uint32_t threads) { return std::max(1u, lanes / threads); }

}  // namespace

Status EncodeImage(const CodecModel& model, uint32_t width, uint32_t height, RowSource* source,
                   const EncodeOptions& options, coder::ByteSink* sink, EncodeResult* result) {
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  container::RimHeader header;
  header.width = width;
  header.height = height;
  header.model_fingerprint = model.fingerprint;
  const uint32_t lanes = std::max(1u, std::min({options.lanes, height, container::kRimMaxLanes}));
  header.lane_bytes.assign(lanes, 0);
  // Dimensions are checked before anything is allocated for them.
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header));

  const uint32_t threads = std::min(options.threads, lanes);
  const uint32_t band_rows = BandRows(lanes, threads);
  engine::WavefrontSession session;
  std::vector<std::unique_ptr<uint8_t[]>> bands;
  RIDE_RETURN_IF_ERROR(PrepareWorkers(model, width, band_rows, threads, &session, &bands));

  std::vector<coder::VectorByteSink> lane_sinks(lanes);
  std::vector<std::unique_ptr<coder::RangeEncoder>> encoders;
  std::vector<coder::RangeEncoder*> encoder_pointers;
  for (auto& lane_sink : lane_sinks) {
    encoders.push_back(std::make_unique<coder::RangeEncoder>(&lane_sink));
    encoder_pointers.push_back(encoders.back().get());
  }
  std::vector<std::unique_ptr<EncodingVisitor>> visitors;
  for (uint32_t w = 0; w < threads; ++w) {
    visitors.push_back(std::make_unique<EncodingVisitor>(encoder_pointers.data(), lanes));
  }
  container::PixelChecksum checksum;

  parallel::BandRunner runner(&session);
  std::mutex progress_mutex;
  uint32_t rows_done = 0;
  const uint32_t band_count = static_cast<uint32_t>((uint64_t{height} + band_rows - 1) / band_rows);
  const Status ran = runner.Run(band_count, [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = bands[w].get();
    // The source hands out rows in order only.
    if (!runner.BeginInOrder(band)) return Status();
    for (uint32_t i = 0; i < count; ++i) {
      uint8_t* row = pixels + std::size_t{i} * width;
      const Status read = source->ReadRow(row);
      if (!read.ok()) return read;
      checksum.Update(row, width);
    }
    runner.EndInOrder();
    visitors[w]->SetBand(BandBuffer{pixels, width, first});
    RIDE_RETURN_IF_ERROR(session.ProcessParallelBand(band, count, visitors[w].get()));
    if (options.progress != nullptr) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      rows_done += count;
      options.progress->RowsDone(rows_done, height);
    }
    return Status();
  });
  if (!ran.ok()) return ran;

  std::vector<std::vector<uint8_t>> lane_bytes(lanes);
  for (uint32_t k = 0; k < lanes; ++k) {
    RIDE_RETURN_IF_ERROR(encoders[k]->Finish());
    lane_bytes[k] = std::move(lane_sinks[k].bytes());
  }
  header.pixel_checksum = checksum.Digest();
  RIDE_RETURN_IF_ERROR(container::WriteRimFile(header, lane_bytes, sink));

  if (result != nullptr) {
    header.lane_bytes.clear();
    for (const auto& lane : lane_bytes) header.lane_bytes.push_back(lane.size());
    result->file_bytes = container::RimHeaderSize(header);
    for (const auto& lane : lane_bytes) result->file_bytes += lane.size();
    result->model_bits = 0;
    for (const auto& visitor : visitors) result->model_bits += visitor->coded_bits();
    result->lanes = lanes;
  }
  return Status();
}

Status DecodeImage(const CodecModel& model, const uint8_t* data, std::size_t size, RowSink* sink,
                   const DecodeOptions& options) {
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  container::RimReader reader;
  RIDE_RETURN_IF_ERROR(reader.Open(data, size));
  const container::RimHeader& header = reader.header();
  RIDE_RETURN_IF_ERROR(container::CheckModelFingerprint(header, model.fingerprint));

  const uint32_t width = header.width, height = header.height, lanes = header.lane_count();
  std::vector<std::unique_ptr<coder::SpanByteSource>> sources;
  std::vector<std::unique_ptr<coder::RangeDecoder>> decoders;
  std::vector<coder::RangeDecoder*> decoder_pointers;
  for (uint32_t k = 0; k < lanes; ++k) {
    const container::ByteSpan lane = reader.lane(k);
    sources.push_back(std::make_unique<coder::SpanByteSource>(lane.data, lane.size));
    decoders.push_back(std::make_unique<coder::RangeDecoder>(sources.back().get()));
    decoder_pointers.push_back(decoders.back().get());
  }

  const uint32_t threads = std::min(options.threads, lanes);
  const uint32_t band_rows = BandRows(lanes, threads);
  engine::WavefrontSession session;
  std::vector<std::unique_ptr<uint8_t[]>> bands;
  RIDE_RETURN_IF_ERROR(PrepareWorkers(model, width, band_rows, threads, &session, &bands));
  std::vector<std::unique_ptr<DecodingVisitor>> visitors;
  for (uint32_t w = 0; w < threads; ++w) {
    visitors.push_back(std::make_unique<DecodingVisitor>(decoder_pointers.data(), lanes));
  }
  container::PixelChecksum checksum;

  parallel::BandRunner runner(&session);
  const uint32_t band_count = static_cast<uint32_t>((uint64_t{height} + band_rows - 1) / band_rows);
  const Status ran = runner.Run(band_count, [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = bands[w].get();
    visitors[w]->SetBand(BandBuffer{pixels, width, first});
    RIDE_RETURN_IF_ERROR(session.ProcessParallelBand(band, count, visitors[w].get()));
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
    if (options.progress != nullptr) options.progress->RowsDone(first + count, height);
    runner.EndInOrder();
    return Status();
  });
  if (!ran.ok()) return ran;
  for (uint32_t k = 0; k < lanes; ++k) {
    const Status finished = decoders[k]->Finish();
    if (!finished.ok()) return Status::Error(finished.code(), "lane %u: %s", k, finished.message());
  }
  return container::CheckPixelChecksum(header, checksum.Digest());
}

}  // namespace ride::codec
