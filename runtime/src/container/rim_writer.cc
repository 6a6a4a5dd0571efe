#include "runtime/src/container/rim_writer.h"

#include <cinttypes>

namespace ride::container {

Status RimWriter::Start(const RimHeader& header, coder::ByteSink* sink) {
  if (header.version < 2 || header.version > kRimVersion) {
    return Status::Error(StatusCode::kInvalidArgument, "RimWriter writes versions 2 and 3, not %u",
                         static_cast<unsigned>(header.version));
  }
  coder::VectorByteSink bytes;
  RIDE_RETURN_IF_ERROR(WriteRimHeader(header, &bytes));
  sink_ = sink;
  sequence_ = RimBlockSequence(header);
  hash_.Reset();
  bytes_written_ = 0;
  payload_owed_ = 0;
  RIDE_RETURN_IF_ERROR(sink_->Append(bytes.bytes().data(), bytes.bytes().size()));
  bytes_written_ = bytes.bytes().size();
  return Status::Ok();
}

Status RimWriter::Put(const uint8_t* data, std::size_t size) {
  hash_.Update(data, size);
  RIDE_RETURN_IF_ERROR(sink_->Append(data, size));
  bytes_written_ += size;
  return Status::Ok();
}

Status RimWriter::CheckNoPayloadOwed() const {
  if (payload_owed_ == 0) return Status::Ok();
  return Status::Error(StatusCode::kInvalidArgument, "RimWriter: %" PRIu64 " bytes of group %" PRIu32 " missing",
                       payload_owed_, sequence_.groups() - 1);
}

Status RimWriter::Head(RimBlockKind kind, uint64_t payload_bytes) {
  if (sink_ == nullptr) return Status::Error(StatusCode::kInvalidArgument, "RimWriter: not started");
  RIDE_RETURN_IF_ERROR(CheckNoPayloadOwed());
  RimBlockHead head;
  head.kind = kind;
  head.size = payload_bytes;
  head.offset = bytes_written_;
  const Status accepted = sequence_.Accept(head);
  if (!accepted.ok()) {
    // The metadata limits are the caller's to meet; anything else is the writer's caller's mistake.
    const StatusCode code = accepted.code() == StatusCode::kResourceExhausted ? accepted.code()
                                                                             : StatusCode::kInvalidArgument;
    return Status::Error(code, "RimWriter: %s", accepted.message());
  }
  uint8_t bytes[kRimMaxBlockHeadBytes];
  const std::size_t length = EncodeRimBlockHead(kind, payload_bytes, bytes);
  return Put(bytes, length);
}

Status RimWriter::Metadata(const RimTag& tag, const uint8_t* data, std::size_t size) {
  RIDE_RETURN_IF_ERROR(Head(RimBlockKind::kMetadata, kRimTagBytes + uint64_t{size}));
  RIDE_RETURN_IF_ERROR(Put(tag.data(), tag.size()));
  return Put(data, size);
}

Status RimWriter::BeginGroup(uint8_t method, uint64_t payload_bytes) {
  RIDE_RETURN_IF_ERROR(Head(RimBlockKind::kGroup, 1 + payload_bytes));
  RIDE_RETURN_IF_ERROR(Put(&method, 1));
  payload_owed_ = payload_bytes;
  return Status::Ok();
}

Status RimWriter::Append(const uint8_t* data, std::size_t size) {
  if (size > payload_owed_) {
    return Status::Error(StatusCode::kInvalidArgument, "RimWriter: %zu bytes beyond group %" PRIu32 "'s payload",
                         size, sequence_.groups() - 1);
  }
  payload_owed_ -= size;
  return Put(data, size);
}

Status RimWriter::Finish(uint64_t pixel_checksum) {
  RimEnd end;
  end.pixel_checksum = pixel_checksum;
  end.blocks_checksum = hash_.Digest();  // of everything before the end block
  RIDE_RETURN_IF_ERROR(Head(RimBlockKind::kEnd, kRimEndPayloadBytes));
  uint8_t payload[kRimEndPayloadBytes];
  EncodeRimEnd(end, payload);
  return Put(payload, sizeof payload);
}

}  // namespace ride::container
