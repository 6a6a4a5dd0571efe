#include "runtime/src/codec/lane_chunks.h"

#include <cstring>

namespace ride::codec {

std::size_t LaneChunkPool::ChunksFor(uint64_t limit_bytes, uint32_t lanes) {
  return static_cast<std::size_t>((limit_bytes + kChunkBytes - 1) / kChunkBytes) + lanes;
}

void LaneChunkPool::LayOut(std::size_t chunks, ArenaLayout* layout) {
  chunks_ = chunks;
  bytes_ = layout->Take<uint8_t>(ArenaLayout::Product(chunks, kChunkBytes));
  next_ = layout->Take<uint32_t>(chunks);
}

void LaneChunkPool::Reset() {
  taken_.store(0, std::memory_order_relaxed);
  overflowed_.store(false, std::memory_order_relaxed);
}

bool LaneChunkPool::Take(uint32_t* chunk) {
  const std::size_t index = taken_.fetch_add(1, std::memory_order_relaxed);
  if (index >= chunks_) {
    overflowed_.store(true, std::memory_order_relaxed);
    return false;
  }
  *chunk = static_cast<uint32_t>(index);
  return true;
}

Status LaneChunks::Append(const uint8_t* data, std::size_t size) {
  size_ += size;
  while (size > 0) {
    if (empty_ || used_in_last_ == LaneChunkPool::kChunkBytes) {
      uint32_t chunk = 0;
      if (!pool_->Take(&chunk)) return Status::Ok();  // the group will be stored: drop the rest
      if (empty_) {
        first_ = chunk;
        empty_ = false;
      } else {
        pool_->next_[last_] = chunk;
      }
      last_ = chunk;
      used_in_last_ = 0;
    }
    const std::size_t room = LaneChunkPool::kChunkBytes - used_in_last_;
    const std::size_t part = size < room ? size : room;
    std::memcpy(pool_->chunk(last_) + used_in_last_, data, part);
    used_in_last_ += part;
    data += part;
    size -= part;
  }
  return Status::Ok();
}

}  // namespace ride::codec
