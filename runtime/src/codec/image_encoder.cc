#include "runtime/src/codec/image_encoder.h"

#include <algorithm>
#include <mutex>
#include <new>

#include "runtime/src/codec/coding_methods.h"
#include "runtime/src/codec/stored_rows.h"
#include "runtime/src/container/leb128.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/parallel/band_runner.h"

namespace ride::codec {
namespace {

uint64_t RoundUp(uint64_t value, uint64_t multiple) { return (value + multiple - 1) / multiple * multiple; }

// The options a writer may not get wrong: kInvalidArgument (the layout against the model is
// LayoutForModel's).
Status CheckImageOptions(const EncodeOptions& options) {
  if (options.maxval == 0 || options.maxval > container::kRimMaxMaxval) {
    return Status::Error(StatusCode::kInvalidArgument, "encoder: maxval %u outside 1..%u",
                         static_cast<unsigned>(options.maxval), static_cast<unsigned>(container::kRimMaxMaxval));
  }
  if (options.source_format > container::kRimMaxSourceFormat) {
    return Status::Error(StatusCode::kInvalidArgument, "encoder: source format %u does not exist",
                         static_cast<unsigned>(options.source_format));
  }
  return Status();
}

}  // namespace

Status ImageEncoder::Plan(const CodecModel& model, uint32_t width, uint32_t height, const EncodeOptions& options) {
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  RIDE_RETURN_IF_ERROR(CheckImageOptions(options));
  const Status layout = LayoutForModel(options.layout, *model.model, &layout_);
  if (!layout.ok()) return Status::Error(layout.code(), "encoder: %s", layout.message());
  header_ = container::RimHeader();
  header_.width = width;
  header_.height = height;
  header_.layout = static_cast<uint8_t>(options.layout);  // in range: CheckImageOptions
  header_.maxval = static_cast<uint16_t>(options.maxval);
  header_.source_format = static_cast<uint8_t>(options.source_format);
  header_.model_fingerprint = model.fingerprint;
  header_.lanes = std::max(1u, std::min({options.lanes, height, container::kRimMaxLanes}));
  header_.group_rows = header_.lanes;
  // Dimensions are checked before anything is sized from them.
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header_));
  const uint64_t row_bytes = container::RimPackedRowBytes(header_);
  const uint64_t wanted = options.group_rows != 0 ? options.group_rows : (kDefaultGroupBytes + row_bytes - 1) / row_bytes;
  header_.group_rows =
      static_cast<uint32_t>(std::min(RoundUp(wanted, header_.lanes), RoundUp(height, header_.lanes)));
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header_));
  stored_bytes_ = static_cast<std::size_t>(container::RimMaxStoredGroupBytes(header_));  // <= kRimMaxGroupBytes
  pool_chunks_ = LaneChunkPool::ChunksFor(stored_bytes_, header_.lanes);
  depth_ = container::RimBitDepth(header_.maxval);
  cost_sink_ = options.costs;
  RIDE_RETURN_IF_ERROR(PlanSession(model, width, layout_.samples, header_.lanes, options.threads, &plan_));
  plan_.cdf = CdfRuleOf(header_);
  return Status();
}

void ImageEncoder::LayOut(ArenaLayout* layout) {
  workers_.LayOut(plan_, layout);
  for (uint32_t s = 0; s < 2; ++s) {
    GroupSet& set = sets_[s];
    set.stored = layout->Take<uint8_t>(stored_bytes_);
    pools_[s].LayOut(pool_chunks_, layout);
    set.lanes = TakeRoom<LaneChunks>(layout, plan_.lanes);
    set.encoders = TakeRoom<coder::RangeEncoder>(layout, plan_.lanes);
    set.lane_bytes = layout->Take<uint64_t>(plan_.lanes);
  }
  visitors_ = TakeRoom<EncodingVisitor>(layout, plan_.threads);
  for (uint32_t k = 0; k < layout_.samples; ++k) learners_[k].LayOut(plan_.width, plan_.lanes, layout);
  const std::size_t band_pixels = ArenaLayout::Product(plan_.width, plan_.band_rows);
  band_costs_ = cost_sink_ != nullptr ? layout->Take<float>(ArenaLayout::Product(band_pixels, plan_.threads)) : nullptr;
  band_trust_ = cost_sink_ != nullptr && cost_sink_->WantsTrust()
                    ? layout->Take<uint8_t>(ArenaLayout::Product(band_pixels, plan_.threads))
                    : nullptr;
}

void ImageEncoder::Reset() {
  ready_ = false;
  DestroyPlaced(visitors_, &placed_visitors_);
  for (GroupSet& set : sets_) {
    DestroyPlaced(set.encoders, &set.placed_encoders);
    DestroyPlaced(set.lanes, &set.placed_lanes);
  }
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
  lane_sets_.lanes = plan_.lanes;
  lane_sets_.group_rows = header_.group_rows;
  for (uint32_t s = 0; s < 2; ++s) {
    GroupSet& set = sets_[s];
    for (; set.placed_lanes < plan_.lanes; ++set.placed_lanes) new (set.lanes + set.placed_lanes) LaneChunks(&pools_[s]);
    lane_sets_.coders[s] = set.encoders;
    lane_sets_.levels[s] = set.levels;
  }
  for (uint32_t k = 0; k < layout_.samples; ++k) learners_[k].Init(workers_.session().lag());
  lane_sets_.layout = layout_;
  lane_sets_.learners = learners_;
  for (; placed_visitors_ < plan_.threads; ++placed_visitors_) {
    new (visitors_ + placed_visitors_) EncodingVisitor(&lane_sets_);
  }
  codes_ = SampleCodes(header_.maxval);
  progress_ = options.progress;
  metadata_ = options.metadata;
  metadata_count_ = options.metadata_count;
  trailing_metadata_ = options.trailing_metadata;
  ready_ = true;
  return Status();
}

void ImageEncoder::StartGroup(uint32_t group) {
  GroupSet& set = sets_[group & 1u];
  pools_[group & 1u].Reset();
  DestroyPlaced(set.encoders, &set.placed_encoders);
  for (uint32_t k = 0; k < plan_.lanes; ++k) set.lanes[k].Reset();
  for (; set.placed_encoders < plan_.lanes; ++set.placed_encoders) {
    new (set.encoders + set.placed_encoders) coder::RangeEncoder(set.lanes + set.placed_encoders);
  }
}

Status ImageEncoder::ReadRow(RowSource* source, uint32_t row, uint8_t* values) {
  RIDE_RETURN_IF_ERROR(source->ReadRow(values));
  const std::size_t samples = std::size_t{header_.width} * layout_.samples;
  if (header_.maxval != 255) {
    for (std::size_t i = 0; i < samples; ++i) {
      if (values[i] > header_.maxval) {
        return Status::Error(StatusCode::kInvalidArgument, "row %u, column %zu: sample %u exceeds maxval %u", row,
                             i / layout_.samples, static_cast<unsigned>(values[i]),
                             static_cast<unsigned>(header_.maxval));
      }
    }
  }
  const std::size_t row_bytes = PackedRowBytes(samples, depth_);
  PackRow(values, samples, depth_, sets_[(row / header_.group_rows) & 1u].stored + (row % header_.group_rows) * row_bytes);
  codes_.CodeRow(values, samples);
  return Status();
}

Status ImageEncoder::ReadGroup(RowSource* source, uint32_t group, uint8_t* scratch) {
  const uint32_t first = group * header_.group_rows;
  const uint32_t rows = std::min(header_.group_rows, header_.height - first);
  uint64_t histograms[kMaxSamples][adaptive::kValues] = {};
  for (uint32_t i = 0; i < rows; ++i) {
    RIDE_RETURN_IF_ERROR(ReadRow(source, first + i, scratch));
    CountSamples(scratch, std::size_t{header_.width} * layout_.samples, layout_.samples, histograms);
  }
  for (uint32_t k = 0; k < layout_.samples; ++k) adaptive::ChooseLevelSet(histograms[k], &sets_[group & 1u].levels[k]);
  return Status();
}

Status ImageEncoder::RowFromGroup(uint32_t row, uint8_t* values) {
  const std::size_t samples = std::size_t{header_.width} * layout_.samples;
  const std::size_t row_bytes = PackedRowBytes(samples, depth_);
  const uint8_t* packed = sets_[(row / header_.group_rows) & 1u].stored + (row % header_.group_rows) * row_bytes;
  RIDE_RETURN_IF_ERROR(UnpackRow(packed, samples, depth_, header_.maxval, values));
  codes_.CodeRow(values, samples);
  return Status();
}

Status ImageEncoder::WriteGroup(uint32_t group, container::RimWriter* writer, EncodeResult* result) {
  GroupSet& set = sets_[group & 1u];
  for (uint32_t k = 0; k < plan_.lanes; ++k) {
    RIDE_RETURN_IF_ERROR(set.encoders[k].Finish());
    set.lane_bytes[k] = set.lanes[k].size();
  }
  const uint64_t stored = container::RimStoredGroupBytes(header_, group);
  const bool fits = !pools_[group & 1u].overflowed();
  uint8_t levels[kMaxSamples * adaptive::kMaxLevelSetBytes];
  std::size_t level_bytes = 0;
  for (uint32_t k = 0; k < layout_.samples; ++k) level_bytes += adaptive::WriteLevelSet(set.levels[k], levels + level_bytes);
  const uint64_t model = fits ? level_bytes + ModelPayloadBytes(set.lane_bytes, plan_.lanes) : UINT64_MAX;
  ++result->groups;
  if (model >= stored) {
    ++result->stored_groups;
    RIDE_RETURN_IF_ERROR(writer->BeginGroup(kMethodStored, stored));
    return writer->Append(set.stored, static_cast<std::size_t>(stored));
  }
  RIDE_RETURN_IF_ERROR(writer->BeginGroup(kMethodAdaptive, model));
  RIDE_RETURN_IF_ERROR(writer->Append(levels, level_bytes));
  for (uint32_t k = 0; k < plan_.lanes; ++k) {
    uint8_t varint[container::kMaxLeb128Bytes];
    RIDE_RETURN_IF_ERROR(writer->Append(varint, static_cast<std::size_t>(container::EncodeLeb128(set.lane_bytes[k], varint))));
  }
  for (uint32_t k = 0; k < plan_.lanes; ++k) {
    RIDE_RETURN_IF_ERROR(
        set.lanes[k].ForEachChunk([&](const uint8_t* data, std::size_t size) { return writer->Append(data, size); }));
  }
  return Status();
}

Status ImageEncoder::Encode(RowSource* source, coder::ByteSink* sink, EncodeResult* result) {
  if (!ready_) return Status::Error(StatusCode::kInvalidArgument, "encoder: not initialised, or already used");
  ready_ = false;
  const uint32_t width = header_.width, height = header_.height, group_rows = header_.group_rows;
  const uint32_t band_rows = plan_.band_rows;
  const std::size_t row_samples = std::size_t{width} * layout_.samples;
  EncodeResult counts;
  container::RimWriter writer;
  RIDE_RETURN_IF_ERROR(writer.Start(header_, sink));
  for (std::size_t i = 0; i < metadata_count_; ++i) {
    if (metadata_[i].after_image) continue;
    RIDE_RETURN_IF_ERROR(writer.Metadata(metadata_[i].tag, metadata_[i].data.data, metadata_[i].data.size));
  }
  container::PixelChecksum checksum;
  parallel::BandRunner runner(&workers_.session());
  std::mutex progress_mutex;
  uint32_t rows_done = 0;
  const Status ran = runner.Run(BandCount(height, band_rows), [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = workers_.band(w);
    // The source hands out rows in order only. A group's set is free again by the time its next
    // group's first row is read: the bands in flight span at most `lanes` <= group_rows rows.
    if (!runner.BeginInOrder(band, 0)) return Status();
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t row = first + i;
      uint8_t* values = pixels + i * row_samples;
      if (row % group_rows == 0) {
        StartGroup(row / group_rows);
        const Status read = ReadGroup(source, row / group_rows, values);
        if (!read.ok()) return read;
      }
      const Status unpacked = RowFromGroup(row, values);
      if (!unpacked.ok()) return unpacked;
      checksum.Update(values, row_samples);
    }
    runner.EndInOrder(0);
    float* band_costs = band_costs_ != nullptr ? band_costs_ + std::size_t{w} * width * band_rows : nullptr;
    uint8_t* band_trust = band_trust_ != nullptr ? band_trust_ + std::size_t{w} * width * band_rows : nullptr;
    visitors_[w].SetBand(BandBuffer{pixels, width, first, layout_.samples}, band_costs, band_trust);
    RIDE_RETURN_IF_ERROR(workers_.session().ProcessParallelBand(band, count, &visitors_[w]));
    // Groups whose last row this band coded are written in order, as soon as they are complete.
    if (!runner.BeginInOrder(band, 1)) return Status();
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t row = first + i;
      if (row % group_rows == group_rows - 1 || row == height - 1) {
        const Status written = WriteGroup(row / group_rows, &writer, &counts);
        if (!written.ok()) return written;
      }
      if (cost_sink_ != nullptr) {
        const Status given = cost_sink_->RowCosts(row, band_costs + std::size_t{i} * width, width);
        if (!given.ok()) return given;
        if (band_trust != nullptr) {
          const Status trusted = cost_sink_->RowTrust(row, band_trust + std::size_t{i} * width, width);
          if (!trusted.ok()) return trusted;
        }
      }
    }
    runner.EndInOrder(1);
    if (progress_ != nullptr) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      rows_done += count;
      progress_->RowsDone(rows_done, height);
    }
    return Status();
  });
  if (!ran.ok()) return ran;

  for (std::size_t i = 0; i < metadata_count_; ++i) {
    if (!metadata_[i].after_image) continue;
    RIDE_RETURN_IF_ERROR(writer.Metadata(metadata_[i].tag, metadata_[i].data.data, metadata_[i].data.size));
  }
  if (trailing_metadata_ != nullptr) {
    const container::RimMetadataView* blocks = nullptr;
    std::size_t count = 0;
    RIDE_RETURN_IF_ERROR(trailing_metadata_->Blocks(&blocks, &count));
    for (std::size_t i = 0; i < count; ++i) {
      RIDE_RETURN_IF_ERROR(writer.Metadata(blocks[i].tag, blocks[i].data.data, blocks[i].data.size));
    }
  }
  RIDE_RETURN_IF_ERROR(writer.Finish(checksum.Digest()));

  if (result != nullptr) {
    *result = counts;
    result->file_bytes = writer.bytes_written();
    result->model_bits = 0;
    const double samples = static_cast<double>(width) * height * layout_.samples;
    for (uint32_t w = 0; w < plan_.threads; ++w) {
      result->model_bits += visitors_[w].coded_bits();
      for (uint32_t k = 0; k < adaptive::kComponents; ++k) {
        result->component_bits[k] += visitors_[w].component_bits()[k];
        result->component_weight[k] += visitors_[w].component_weight()[k] / samples;
      }
    }
    result->memory_bytes = memory_bytes_;
    result->lanes = plan_.lanes;
    result->group_rows = group_rows;
  }
  return Status();
}

}  // namespace ride::codec
