#include "runtime/src/codec/image_decoder.h"

#include <algorithm>
#include <new>

#include "runtime/src/codec/coding_methods.h"
#include "runtime/src/codec/stored_rows.h"
#include "runtime/src/container/pixel_checksum.h"
#include "runtime/src/parallel/band_runner.h"

namespace ride::codec {
namespace {

bool SameHeader(const container::RimHeader& a, const container::RimHeader& b) {
  return a.version == b.version && a.width == b.width && a.height == b.height && a.layout == b.layout &&
         a.source_format == b.source_format && a.maxval == b.maxval && a.lanes == b.lanes &&
         a.group_rows == b.group_rows && a.model_fingerprint == b.model_fingerprint &&
         a.pixel_checksum == b.pixel_checksum && a.lane_bytes == b.lane_bytes;
}

}  // namespace

Status ImageDecoder::Plan(const CodecModel& model, const container::RimHeader& header, const DecodeOptions& options) {
  RIDE_RETURN_IF_ERROR(CheckModel(model));
  RIDE_RETURN_IF_ERROR(parallel::CheckThreads(options.threads));
  RIDE_RETURN_IF_ERROR(container::CheckRimHeaderFields(header));
  RIDE_RETURN_IF_ERROR(container::CheckModelFingerprint(header, model.fingerprint));
  // The fingerprint named this model, so a layout it cannot code is a damaged header.
  const Status layout = LayoutForModel(header.layout, *model.model, &layout_);
  if (!layout.ok()) return Status::Error(StatusCode::kCorrupt, ".rim header: %s", layout.message());
  group_buffer_bytes_ = options.group_buffer_bytes;
  depth_ = container::RimBitDepth(header.maxval);
  RIDE_RETURN_IF_ERROR(PlanSession(model, header.width, layout_.samples, header.lane_count(), options.threads, &plan_));
  plan_.cdf = CdfRuleOf(header);
  return Status();
}

void ImageDecoder::LayOut(ArenaLayout* layout) {
  workers_.LayOut(plan_, layout);
  for (GroupSet& set : sets_) {
    set.buffer.bytes = layout->Take<uint8_t>(group_buffer_bytes_);
    set.buffer.capacity = group_buffer_bytes_;
    set.buffer.lanes = layout->Take<container::ByteSpan>(plan_.lanes);
    set.sources = TakeRoom<coder::SpanByteSource>(layout, plan_.lanes);
    set.decoders = TakeRoom<coder::RangeDecoder>(layout, plan_.lanes);
  }
  visitors_ = TakeRoom<DecodingVisitor>(layout, plan_.threads);
  for (uint32_t k = 0; k < layout_.samples; ++k) learners_[k].LayOut(plan_.width, plan_.lanes, layout);
  scratch_row_ = layout->Take<uint8_t>(ArenaLayout::Product(plan_.width, layout_.samples));
}

void ImageDecoder::Reset() {
  ready_ = false;
  DestroyPlaced(visitors_, &placed_visitors_);
  for (GroupSet& set : sets_) {
    DestroyPlaced(set.decoders, &set.placed_decoders);
    DestroyPlaced(set.sources, &set.placed_sources);
  }
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
  lane_sets_.lanes = plan_.lanes;
  lane_sets_.group_rows = header_.group_rows;
  for (uint32_t s = 0; s < 2; ++s) {
    lane_sets_.coders[s] = sets_[s].decoders;
    lane_sets_.levels[s] = sets_[s].buffer.levels;
  }
  for (uint32_t k = 0; k < layout_.samples; ++k) learners_[k].Init(workers_.session().lag());
  lane_sets_.layout = layout_;
  lane_sets_.learners = header.version >= 2 ? learners_ : nullptr;
  for (; placed_visitors_ < plan_.threads; ++placed_visitors_) {
    new (visitors_ + placed_visitors_) DecodingVisitor(&lane_sets_);
  }
  codes_ = SampleCodes(header_.maxval);
  progress_ = options.progress;
  ready_ = true;
  return Status();
}

Status ImageDecoder::StartGroup(GroupSource* source, uint32_t group) {
  GroupSet& set = sets_[group & 1u];
  DestroyPlaced(set.decoders, &set.placed_decoders);
  DestroyPlaced(set.sources, &set.placed_sources);
  RIDE_RETURN_IF_ERROR(source->LoadGroup(group, &set.buffer));
  const bool stored = set.buffer.method == kMethodStored;
  lane_sets_.stored[group & 1u] = stored;
  lane_sets_.method[group & 1u] = set.buffer.method;
  if (lane_sets_.learners != nullptr) RIDE_RETURN_IF_ERROR(FindLevels(group));
  if (stored) return Status();
  for (; set.placed_sources < plan_.lanes; ++set.placed_sources) {
    const container::ByteSpan lane = set.buffer.lanes[set.placed_sources];
    new (set.sources + set.placed_sources) coder::SpanByteSource(lane.data, lane.size);
  }
  for (; set.placed_decoders < plan_.lanes; ++set.placed_decoders) {
    new (set.decoders + set.placed_decoders) coder::RangeDecoder(set.sources + set.placed_decoders);
  }
  return Status();
}

Status ImageDecoder::FindLevels(uint32_t group) {
  GroupBuffer& buffer = sets_[group & 1u].buffer;
  if (buffer.method == kMethodAdaptive) return Status();  // read with the group
  if (buffer.method == kMethodModel) {  // gray only (coding_methods.h)
    bool all[adaptive::kValues];
    for (bool& flag : all) flag = true;
    adaptive::BuildLevelSet(all, &buffer.levels[0]);
  } else {
    uint64_t histograms[kMaxSamples][adaptive::kValues] = {};
    const uint32_t width = header_.width, group_rows = header_.group_rows, samples = layout_.samples;
    const uint32_t rows = std::min(group_rows, header_.height - group * group_rows);
    const std::size_t row_samples = std::size_t{width} * samples;
    const std::size_t row_bytes = PackedRowBytes(row_samples, depth_);
    for (uint32_t i = 0; i < rows; ++i) {
      const Status unpacked =
          UnpackRow(buffer.stored.data + std::size_t{i} * row_bytes, row_samples, depth_, header_.maxval, scratch_row_);
      if (!unpacked.ok()) {
        return Status::Error(unpacked.code(), "group %u, row %u: %s", group, group * group_rows + i,
                             unpacked.message());
      }
      codes_.CodeRow(scratch_row_, row_samples);
      CountSamples(scratch_row_, row_samples, samples, histograms);
    }
    for (uint32_t k = 0; k < samples; ++k) adaptive::ChooseLevelSet(histograms[k], &buffer.levels[k]);
  }
  return Status();
}

Status ImageDecoder::FinishGroup(uint32_t group) {
  if (lane_sets_.stored[group & 1u]) return Status();
  const GroupSet& set = sets_[group & 1u];
  for (uint32_t k = 0; k < plan_.lanes; ++k) {
    const Status finished = set.decoders[k].Finish();
    if (!finished.ok()) return Status::Error(finished.code(), "group %u, lane %u: %s", group, k, finished.message());
  }
  return Status();
}

Status ImageDecoder::UnpackStoredRows(uint32_t first, uint32_t count, uint8_t* pixels) {
  const uint32_t group_rows = header_.group_rows;
  const std::size_t row_samples = std::size_t{header_.width} * layout_.samples;
  const std::size_t row_bytes = PackedRowBytes(row_samples, depth_);
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t row = first + i;
    const uint32_t set = (row / group_rows) & 1u;
    if (!lane_sets_.stored[set]) continue;
    uint8_t* values = pixels + i * row_samples;
    const Status unpacked = UnpackRow(sets_[set].buffer.stored.data + std::size_t{row % group_rows} * row_bytes,
                                      row_samples, depth_, header_.maxval, values);
    if (!unpacked.ok()) {
      return Status::Error(unpacked.code(), "group %u, row %u: %s", row / group_rows, row, unpacked.message());
    }
    codes_.CodeRow(values, row_samples);
  }
  return Status();
}

Status ImageDecoder::Decode(GroupSource* source, RowSink* sink) {
  if (!ready_) return Status::Error(StatusCode::kInvalidArgument, "decoder: not initialised, or already used");
  if (!SameHeader(source->header(), header_)) {
    return Status::Error(StatusCode::kInvalidArgument, "decoder: the file's header is not the one it was set up for");
  }
  if (source->buffer_bytes() > group_buffer_bytes_) {
    return Status::Error(StatusCode::kInvalidArgument, "decoder: the source needs %zu bytes a group, it was set up for %zu",
                         source->buffer_bytes(), group_buffer_bytes_);
  }
  ready_ = false;
  const uint32_t width = header_.width, height = header_.height, group_rows = header_.group_rows;
  const std::size_t row_samples = std::size_t{width} * layout_.samples;
  container::PixelChecksum checksum;

  const uint32_t band_rows = plan_.band_rows;
  parallel::BandRunner runner(&workers_.session());
  const Status ran = runner.Run(BandCount(height, band_rows), [&](uint32_t w, uint32_t band) -> Status {
    const uint32_t first = band * band_rows;
    const uint32_t count = std::min(band_rows, height - first);
    uint8_t* pixels = workers_.band(w);
    // Groups are read in order as the first band that touches them starts; a set is free again by
    // then, since the bands in flight span at most `lanes` <= group_rows rows.
    if (!runner.BeginInOrder(band, 0)) return Status();
    for (uint32_t row = first; row < first + count; ++row) {
      if (row % group_rows != 0) continue;
      const Status started = StartGroup(source, row / group_rows);
      if (!started.ok()) return started;
    }
    runner.EndInOrder(0);
    RIDE_RETURN_IF_ERROR(UnpackStoredRows(first, count, pixels));
    visitors_[w].SetBand(BandBuffer{pixels, width, first, layout_.samples});
    RIDE_RETURN_IF_ERROR(workers_.session().ProcessParallelBand(band, count, &visitors_[w]));
    // A damaged lane shows as a decoder error; stop before handing out rows built from it.
    for (uint32_t row = first; row < first + count; ++row) {
      if (lane_sets_.stored[lane_sets_.SetOfRow(row)]) continue;
      const Status lane_status = lane_sets_.LaneOfRow(row)->status();
      if (!lane_status.ok()) {
        return Status::Error(lane_status.code(), "group %u, lane %u (row %u): %s", row / group_rows,
                             row % plan_.lanes, row, lane_status.message());
      }
    }
    if (!runner.BeginInOrder(band, 1)) return Status();
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t row = first + i;
      uint8_t* values = pixels + i * row_samples;
      checksum.Update(values, row_samples);
      if (!codes_.SampleRow(values, row_samples)) {
        return Status::Error(StatusCode::kCorrupt, "row %u: a decoded value is no sample's code (maxval %u)", row,
                             static_cast<unsigned>(header_.maxval));
      }
      const Status written = sink->WriteRow(values);
      if (!written.ok()) return written;
      if (row % group_rows == group_rows - 1 || row == height - 1) {
        const Status finished = FinishGroup(row / group_rows);
        if (!finished.ok()) return finished;
      }
    }
    if (progress_ != nullptr) progress_->RowsDone(first + count, height);
    runner.EndInOrder(1);
    return Status();
  });
  if (!ran.ok()) return ran;
  uint64_t expected = 0;
  RIDE_RETURN_IF_ERROR(source->Finish(&expected));
  return container::CheckPixelChecksum(expected, checksum.Digest());
}

}  // namespace ride::codec
