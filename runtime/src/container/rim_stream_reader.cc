#include "runtime/src/container/rim_stream_reader.h"

#include <cinttypes>


namespace ride::container {

RimStreamReader::RimStreamReader(const RimHeader& header, std::size_t header_bytes, coder::ByteSource* source)
    : source_(source), sequence_(header), offset_(header_bytes) {}

Status RimStreamReader::ReadExactly(uint8_t* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    std::size_t got = 0;
    RIDE_RETURN_IF_ERROR(source_->Read(data + done, size - done, &got));
    if (got == 0) {
      return Status::Error(StatusCode::kTruncated,
                           ".rim block at offset %" PRIu64 ": %" PRIu64
                           " bytes of payload run beyond the input, which ends at offset %" PRIu64,
                           head_.offset, head_.size, offset_ + done);
    }
    done += got;
  }
  hash_.Update(data, size);
  offset_ += size;
  return Status::Ok();
}

Status RimStreamReader::Peek(RimBlockHead* head) {
  if (!peeked_) {
    uint8_t bytes[kRimMaxBlockHeadBytes];
    std::size_t got = 0;
    RIDE_RETURN_IF_ERROR(source_->Read(bytes, 1, &got));
    if (got == 0) return sequence_.EndOfInput(offset_);
    // The size varint, a byte at a time: its last byte has bit 7 clear.
    std::size_t length = 1;
    do {
      got = 0;
      RIDE_RETURN_IF_ERROR(source_->Read(bytes + length, 1, &got));
      if (got == 0) break;
      ++length;
    } while ((bytes[length - 1] & 0x80) != 0 && length < kRimMaxBlockHeadBytes);
    RIDE_RETURN_IF_ERROR(ParseRimBlockHead(bytes, length, offset_, &head_));
    RIDE_RETURN_IF_ERROR(sequence_.Accept(head_));
    // The blocks checksum covers everything before the end block.
    if (head_.kind == RimBlockKind::kEnd) blocks_checksum_ = hash_.Digest();
    hash_.Update(bytes, length);
    offset_ += length;
    peeked_ = true;
  }
  *head = head_;
  return Status::Ok();
}

Status RimStreamReader::Read(uint8_t* payload) {
  peeked_ = false;
  return ReadExactly(payload, static_cast<std::size_t>(head_.size));
}

Status RimStreamReader::ReadEnd(RimEnd* end) {
  if (!peeked_ || head_.kind != RimBlockKind::kEnd) {
    return Status::Error(StatusCode::kInternal, ".rim stream: ReadEnd without the end block peeked");
  }
  peeked_ = false;
  uint8_t payload[kRimEndPayloadBytes];
  RIDE_RETURN_IF_ERROR(ReadExactly(payload, kRimEndPayloadBytes));
  *end = DecodeRimEnd(payload);
  RIDE_RETURN_IF_ERROR(CheckRimBlocksChecksum(*end, blocks_checksum_));
  uint8_t extra = 0;
  std::size_t got = 0;
  RIDE_RETURN_IF_ERROR(source_->Read(&extra, 1, &got));
  if (got != 0) {
    return Status::Error(StatusCode::kCorrupt, ".rim file: the input goes on after the end block (which ends at %" PRIu64 ")",
                         offset_);
  }
  return Status::Ok();
}

}  // namespace ride::container
