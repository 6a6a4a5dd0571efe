#include "runtime/src/container/rim_file.h"

#include <utility>

namespace ride::container {

Status WriteRimFile(const RimHeader& fields, const ByteSpan* lanes, std::size_t lane_count, coder::ByteSink* sink) {
  if (lane_count > kRimMaxLanes) {
    return Status::Error(StatusCode::kInvalidArgument, "cannot write .rim: %zu lanes exceed the limit %u",
                         lane_count, static_cast<unsigned>(kRimMaxLanes));
  }
  RimHeader header = fields;
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
  data_ = nullptr;
  header_ = RimHeader();
  header_bytes_ = 0;
  lane_offsets_.clear();
  RimHeader header;
  std::size_t header_bytes = 0;
  RIDE_RETURN_IF_ERROR(ParseRimHeader(data, size, &header, &header_bytes));
  RIDE_RETURN_IF_ERROR(ValidateRimLayout(header, header_bytes, size));
  std::vector<uint64_t> offsets(header.lane_count());
  uint64_t offset = header_bytes;
  for (uint32_t lane = 0; lane < header.lane_count(); ++lane) {
    offsets[lane] = offset;
    offset += header.lane_bytes[lane];
  }
  data_ = data;
  header_ = std::move(header);
  header_bytes_ = header_bytes;
  lane_offsets_ = std::move(offsets);
  return Status::Ok();
}

ByteSpan RimReader::lane(uint32_t lane) const {
  return ByteSpan{data_ + lane_offsets_[lane], static_cast<std::size_t>(header_.lane_bytes[lane])};
}

}  // namespace ride::container
