// The compressed bytes of one group's lanes while the group is being coded, in chunks of a pool
// planned with the session: nothing is allocated while coding, and the memory does not depend on
// the image (container version 1 kept every lane until the end of the image instead).
//
// A group's lanes are worth keeping only while they are smaller than the group's stored form (the
// encoder stores the group otherwise), so the pool has room for that many bytes plus one partly
// filled chunk per lane: when it runs out, the lanes already hold more than the stored form and the
// group is stored; the pool says so (overflowed) and drops what does not fit.
//
// Lanes of one group are coded on several threads at once: each lane's sink is used by one thread
// at a time, and the pool hands out chunks atomically.
#ifndef RIDE_RUNTIME_SRC_CODEC_LANE_CHUNKS_H_
#define RIDE_RUNTIME_SRC_CODEC_LANE_CHUNKS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "runtime/src/base/arena_layout.h"
#include "runtime/src/base/status.h"
#include "runtime/src/coder/byte_stream.h"

namespace ride::codec {

class LaneChunkPool;

// One lane's bytes: a list of the pool's chunks.
class LaneChunks final : public coder::ByteSink {
 public:
  explicit LaneChunks(LaneChunkPool* pool) : pool_(pool) {}
  Status Append(const uint8_t* data, std::size_t size) override;

  // Empties the lane for the next group (after its pool's Reset).
  void Reset() {
    empty_ = true;
    used_in_last_ = 0;
    size_ = 0;
  }
  uint64_t size() const { return size_; }
  // Calls visit(data, size) on each chunk's bytes in order (only when the pool did not overflow).
  template <typename Visit>
  Status ForEachChunk(Visit&& visit) const;

 private:
  friend class LaneChunkPool;
  LaneChunkPool* pool_;
  uint32_t first_ = 0;
  uint32_t last_ = 0;
  bool empty_ = true;
  std::size_t used_in_last_ = 0;
  uint64_t size_ = 0;
};

class LaneChunkPool {
 public:
  static constexpr std::size_t kChunkBytes = 2048;
  // Chunks for lanes whose total is worth keeping below `limit_bytes`.
  static std::size_t ChunksFor(uint64_t limit_bytes, uint32_t lanes);

  // Takes the chunks and their links from `layout` (measuring or placing).
  void LayOut(std::size_t chunks, ArenaLayout* layout);
  // Empties the pool for the next group; its lanes must be reset too (LaneChunks::Reset).
  void Reset();
  bool overflowed() const { return overflowed_.load(std::memory_order_relaxed); }

 private:
  friend class LaneChunks;
  // A fresh chunk's index, or false when none is left (then the pool has overflowed).
  bool Take(uint32_t* chunk);
  uint8_t* chunk(uint32_t index) const { return bytes_ + std::size_t{index} * kChunkBytes; }

  uint8_t* bytes_ = nullptr;
  uint32_t* next_ = nullptr;
  std::size_t chunks_ = 0;
  std::atomic<std::size_t> taken_{0};
  std::atomic<bool> overflowed_{false};
};

template <typename Visit>
Status LaneChunks::ForEachChunk(Visit&& visit) const {
  if (empty_) return Status::Ok();
  for (uint32_t index = first_;; index = pool_->next_[index]) {
    const bool last = index == last_;
    RIDE_RETURN_IF_ERROR(visit(pool_->chunk(index), last ? used_in_last_ : LaneChunkPool::kChunkBytes));
    if (last) return Status::Ok();
  }
}

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_LANE_CHUNKS_H_
