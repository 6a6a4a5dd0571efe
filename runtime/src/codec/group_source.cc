#include "runtime/src/codec/group_source.h"

#include "runtime/src/codec/coding_methods.h"

namespace ride::codec {
namespace {

// Reads metadata blocks while they come; stops at the first block of another kind.
Status ReadMetadataBlocks(container::RimStreamReader* reader, MetadataSink* metadata, bool after_image,
                          container::RimBlockHead* next) {
  for (;;) {
    RIDE_RETURN_IF_ERROR(reader->Peek(next));
    if (next->kind != container::RimBlockKind::kMetadata) return Status::Ok();
    uint8_t* payload = nullptr;
    RIDE_RETURN_IF_ERROR(metadata->Reserve(static_cast<std::size_t>(next->size), after_image, &payload));
    RIDE_RETURN_IF_ERROR(reader->Read(payload));
  }
}

}  // namespace

Status MemoryGroupSource::LoadGroup(uint32_t group, GroupBuffer* buffer) {
  const container::RimHeader& header = reader_->header();
  if (header.version == 1) {
    buffer->method = kMethodModel;
    for (uint32_t k = 0; k < header.lane_count(); ++k) buffer->lanes[k] = reader_->lane(k);
    return Status::Ok();
  }
  const container::RimGroupView view = cursor_.Next();
  buffer->method = view.method;
  return SplitGroupPayload(header, group, view.method, view.payload, buffer->lanes, &buffer->stored,
                           buffer->levels);
}

Status MemoryGroupSource::Finish(uint64_t* pixel_checksum) {
  if (reader_->header().version == 1) {
    *pixel_checksum = reader_->header().pixel_checksum;
    return Status::Ok();
  }
  RIDE_RETURN_IF_ERROR(container::CheckRimBlocksChecksum(reader_->end(), reader_->ComputeBlocksChecksum()));
  *pixel_checksum = reader_->end().pixel_checksum;
  return Status::Ok();
}

std::size_t StreamGroupSource::buffer_bytes() const {
  // A group's payload never exceeds its stored form (RimBlockSequence), and the method byte is
  // read into the same buffer.
  return static_cast<std::size_t>(container::RimMaxStoredGroupBytes(*header_)) + 1;
}

Status StreamGroupSource::LoadGroup(uint32_t group, GroupBuffer* buffer) {
  container::RimBlockHead head;
  RIDE_RETURN_IF_ERROR(reader_->Peek(&head));
  if (head.kind != container::RimBlockKind::kGroup) {
    // RimBlockSequence refuses metadata between groups and an early end, so this is group 0's place.
    return Status::Error(StatusCode::kInternal, "stream: a block other than group %u", group);
  }
  RIDE_RETURN_IF_ERROR(reader_->Read(buffer->bytes));  // head.size <= buffer_bytes(), checked by Peek
  buffer->method = buffer->bytes[0];
  ++method_groups_[buffer->method];
  const container::ByteSpan payload{buffer->bytes + 1, static_cast<std::size_t>(head.size - 1)};
  return SplitGroupPayload(*header_, group, buffer->method, payload, buffer->lanes, &buffer->stored,
                           buffer->levels);
}

Status StreamGroupSource::Finish(uint64_t* pixel_checksum) {
  container::RimBlockHead head;
  RIDE_RETURN_IF_ERROR(ReadMetadataBlocks(reader_, metadata_, true, &head));
  container::RimEnd end;
  RIDE_RETURN_IF_ERROR(reader_->ReadEnd(&end));
  pixel_checksum_ = end.pixel_checksum;
  *pixel_checksum = end.pixel_checksum;
  return Status::Ok();
}

Status ReadLeadingMetadata(container::RimStreamReader* reader, MetadataSink* metadata) {
  container::RimBlockHead head;
  return ReadMetadataBlocks(reader, metadata, false, &head);
}

}  // namespace ride::codec
