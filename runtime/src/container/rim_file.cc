#include "runtime/src/container/rim_file.h"

#include <cinttypes>
#include <cstring>
#include <utility>

#include "runtime/src/container/pixel_checksum.h"

namespace ride::container {

Status WriteRimFile(const RimHeader& fields, const ByteSpan* lanes, std::size_t lane_count, coder::ByteSink* sink) {
  if (lane_count > kRimMaxLanes) {
    return Status::Error(StatusCode::kInvalidArgument, "cannot write .rim: %zu lanes exceed the limit %u",
                         lane_count, static_cast<unsigned>(kRimMaxLanes));
  }
  if (fields.version != 1) {
    return Status::Error(StatusCode::kInvalidArgument, "cannot write .rim version %u from lanes: only version 1",
                         static_cast<unsigned>(fields.version));
  }
  RimHeader header = fields;
  header.lanes = static_cast<uint32_t>(lane_count);
  header.lane_bytes.resize(lane_count);
  for (std::size_t lane = 0; lane < lane_count; ++lane) header.lane_bytes[lane] = lanes[lane].size;
  RIDE_RETURN_IF_ERROR(WriteRimHeader(header, sink));
  for (std::size_t lane = 0; lane < lane_count; ++lane) {
    RIDE_RETURN_IF_ERROR(sink->Append(lanes[lane].data, lanes[lane].size));
  }
  return Status::Ok();
}

Status WriteRimFile(const RimHeader& fields, const std::vector<std::vector<uint8_t>>& lanes, coder::ByteSink* sink) {
  std::vector<ByteSpan> spans(lanes.size());
  for (std::size_t lane = 0; lane < lanes.size(); ++lane) spans[lane] = ByteSpan{lanes[lane].data(), lanes[lane].size()};
  return WriteRimFile(fields, spans.data(), spans.size(), sink);
}

Status RimReader::Open(const uint8_t* data, std::size_t size) {
  *this = RimReader();
  RimHeader header;
  std::size_t header_bytes = 0;
  RIDE_RETURN_IF_ERROR(ParseRimHeader(data, size, &header, &header_bytes));
  header_ = std::move(header);
  header_bytes_ = header_bytes;
  Status status;
  if (header_.version == 1) {
    status = ValidateRimLayout(header_, header_bytes_, size);
    if (status.ok()) {
      lane_offsets_.resize(header_.lane_count());
      uint64_t offset = header_bytes_;
      for (uint32_t lane = 0; lane < header_.lane_count(); ++lane) {
        lane_offsets_[lane] = offset;
        offset += header_.lane_bytes[lane];
      }
    }
  } else {
    status = OpenV2(data, size);
  }
  if (!status.ok()) {
    *this = RimReader();
    return status;
  }
  data_ = data;
  size_ = size;
  return Status::Ok();
}

Status RimReader::OpenV2(const uint8_t* data, std::size_t size) {
  RimBlockSequence sequence(header_);
  uint64_t offset = header_bytes_;
  while (!sequence.ended()) {
    if (offset == size) return sequence.EndOfInput(offset);
    RimBlockHead head;
    RIDE_RETURN_IF_ERROR(ParseRimBlockHead(data + offset, size - offset, offset, &head));
    RIDE_RETURN_IF_ERROR(sequence.Accept(head));
    const uint64_t payload_at = offset + head.head_bytes;
    if (head.size > size - payload_at) {
      return Status::Error(StatusCode::kTruncated,
                           ".rim block at offset %" PRIu64 ": %" PRIu64 " bytes of payload run beyond the file's %zu bytes",
                           offset, head.size, size);
    }
    const uint8_t* payload = data + payload_at;
    switch (head.kind) {
      case RimBlockKind::kMetadata: {
        RimMetadataView view;
        std::memcpy(view.tag.data(), payload, kRimTagBytes);
        view.after_image = sequence.groups() != 0;
        view.data = ByteSpan{payload + kRimTagBytes, static_cast<std::size_t>(head.size - kRimTagBytes)};
        metadata_.push_back(view);
        break;
      }
      case RimBlockKind::kGroup:
        if (sequence.groups() == 1) first_group_offset_ = offset;
        ++method_groups_[payload[0]];
        break;
      case RimBlockKind::kEnd:
        end_offset_ = offset;
        end_ = DecodeRimEnd(payload);
        break;
    }
    offset = payload_at + head.size;
  }
  if (offset != size) {
    return Status::Error(StatusCode::kCorrupt, ".rim file: %" PRIu64 " bytes after the end block (which ends at %" PRIu64 ")",
                         size - offset, offset);
  }
  return Status::Ok();
}

ByteSpan RimReader::lane(uint32_t lane) const {
  return ByteSpan{data_ + lane_offsets_[lane], static_cast<std::size_t>(header_.lane_bytes[lane])};
}

uint64_t RimReader::ComputeBlocksChecksum() const {
  return Xxh3Hash64(data_ + header_bytes_, static_cast<std::size_t>(end_offset_ - header_bytes_));
}

RimReader::GroupCursor RimReader::groups() const {
  GroupCursor cursor;
  cursor.reader_ = this;
  cursor.offset_ = first_group_offset_;
  return cursor;
}

RimGroupView RimReader::GroupCursor::Next() {
  RimBlockHead head;
  // The heads passed Open's checks, so this cannot fail.
  const Status parsed =
      ParseRimBlockHead(reader_->data_ + offset_, reader_->size_ - offset_, offset_, &head);
  (void)parsed;
  const uint8_t* payload = reader_->data_ + offset_ + head.head_bytes;
  RimGroupView view;
  view.method = payload[0];
  view.payload = ByteSpan{payload + 1, static_cast<std::size_t>(head.size - 1)};
  view.offset = offset_;
  offset_ += head.head_bytes + head.size;
  return view;
}

}  // namespace ride::container
