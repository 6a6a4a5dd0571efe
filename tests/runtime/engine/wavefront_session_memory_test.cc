// The session's memory plan: MemoryNeeded() is exact and known before a session exists, a caller's
// block is used in place (refused when too small or misaligned), the results are the bits of a
// self-allocated session, and nothing is allocated after Init. This file is its own test program:
// it replaces the global operator new to count allocations.
#include <gtest/gtest.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "runtime/src/engine/wavefront_session.h"
#include "tests/runtime/engine/centre_value.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace {

std::atomic<long> g_allocations{0};

void* Allocate(std::size_t size, std::size_t alignment) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (size == 0) size = 1;
  if (alignment <= alignof(std::max_align_t)) return std::malloc(size);
  return std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
}

}  // namespace

void* operator new(std::size_t size) {
  void* p = Allocate(size, 0);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return Allocate(size, 0); }
void* operator new(std::size_t size, std::align_val_t alignment) {
  void* p = Allocate(size, static_cast<std::size_t>(alignment));
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return Allocate(size, static_cast<std::size_t>(alignment));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace ride::engine {
namespace {

using testing::ModelShape;
using testing::RandomEngineModel;
using testing::RandomImage;

// Hashes, per pixel, everything the distribution hands a coder (the mixture, the coded terms, the
// centre and the CDF at the pixel's two edges) into memory sized up front: visiting allocates nothing.
class HashingVisitor final : public PixelVisitor {
 public:
  HashingVisitor(const std::vector<uint8_t>& image, uint32_t width)
      : image_(image), width_(width), pixel_hash_(image.size(), 0) {}
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t /*channel*/, const PixelDistribution& d) override {
    const std::size_t index = std::size_t{row} * width_ + column;
    const uint8_t v = image_[index];
    uint64_t& hash = pixel_hash_[index];
    for (const float* values : {d.weight, d.log_weight, d.mean}) hash = XXH64(values, d.count * sizeof(float), hash);
    for (const float* values : {d.coded_weight, d.coded_mean, d.coded_inv_std}) {
      hash = XXH64(values, d.coded_count * sizeof(float), hash);
    }
    const uint32_t extra[] = {static_cast<uint32_t>(d.coded_count), testing::CentreValue(d), d.QuantizedCdf(v),
                              d.QuantizedCdf(v + 1u)};
    hash = XXH64(extra, sizeof extra, hash);
    return v;
  }
  uint64_t Hash() const { return XXH64(pixel_hash_.data(), pixel_hash_.size() * sizeof(uint64_t), 0); }

 private:
  const std::vector<uint8_t>& image_;
  uint32_t width_;
  std::vector<uint64_t> pixel_hash_;
};

// A block of `bytes` at a 64-byte boundary, followed by guard bytes that must stay untouched.
class Block {
 public:
  static constexpr std::size_t kGuard = 256;
  static constexpr unsigned char kPattern = 0xa5;
  explicit Block(std::size_t bytes, std::size_t offset = 0)
      : storage_(bytes + offset + kGuard + 64, kPattern), bytes_(bytes) {
    const auto address = reinterpret_cast<std::uintptr_t>(storage_.data());
    data_ = storage_.data() + (64 - address % 64) % 64 + offset;
  }
  void* data() { return data_; }
  bool GuardIntact() const {
    return std::all_of(data_ + bytes_, data_ + bytes_ + kGuard, [](unsigned char c) { return c == kPattern; });
  }

 private:
  std::vector<unsigned char> storage_;
  std::size_t bytes_;
  unsigned char* data_;
};

std::vector<ModelShape> Shapes() {
  ModelShape mcgsm;
  mcgsm.hidden = {};
  ModelShape one;
  ModelShape extended;
  extended.hidden = {8, 6};
  extended.extended = true;
  ModelShape codec;
  codec.hidden = {16};
  codec.components = 32;
  codec.scales = 4;
  return {mcgsm, one, extended, codec};
}

// Runs the image band by band, on `workers` workers in turn (each band done before the next starts).
uint64_t RunImage(WavefrontSession& session, const std::vector<uint8_t>& image, uint32_t width, uint32_t height,
                  uint32_t rows_per_band, uint32_t workers) {
  HashingVisitor visitor(image, width);
  for (uint32_t row = 0, band = 0; row < height; row += rows_per_band, ++band) {
    const uint32_t count = std::min(rows_per_band, height - row);
    const Status status = workers == 1 ? session.ProcessBand(row, count, &visitor)
                                       : session.ProcessParallelBand(band, count, &visitor);
    EXPECT_TRUE(status.ok()) << status.message();
  }
  return visitor.Hash();
}

TEST(WavefrontSessionMemoryTest, MemoryNeededIsWhatInitUses) {
  for (const ModelShape& shape : Shapes()) {
    const EngineModel model = RandomEngineModel(shape, 3);
    for (uint32_t width : {1u, 17u, 300u}) {
      for (uint32_t band : {1u, 4u, 16u}) {
        for (uint32_t workers : {1u, 3u}) {
          const std::size_t needed = WavefrontSession::MemoryNeeded(model, width, band, workers);
          EXPECT_GT(needed, 0u);
          EXPECT_EQ(needed % 64, 0u);
          WavefrontSession session;
          ASSERT_TRUE(session.Init(&model, width, band, nullptr, workers).ok());
          EXPECT_EQ(session.arena_bytes(), needed) << "width " << width << " band " << band << " workers " << workers;
        }
      }
    }
  }
}

TEST(WavefrontSessionMemoryTest, MemoryNeededGrowsWithWidthBandHeightAndWorkers) {
  const EngineModel model = RandomEngineModel(Shapes()[2], 1);
  const std::size_t base = WavefrontSession::MemoryNeeded(model, 512, 8, 1);
  EXPECT_GT(WavefrontSession::MemoryNeeded(model, 1024, 8, 1), base);
  EXPECT_GT(WavefrontSession::MemoryNeeded(model, 512, 16, 1), base);
  EXPECT_GT(WavefrontSession::MemoryNeeded(model, 512, 8, 2), base);
}

TEST(WavefrontSessionMemoryTest, MemoryNeededIsZeroForWhatInitRefuses) {
  const EngineModel model = RandomEngineModel(Shapes()[1], 1);
  EXPECT_EQ(WavefrontSession::MemoryNeeded(model, 0, 4), 0u);
  EXPECT_EQ(WavefrontSession::MemoryNeeded(model, (1u << 24) + 1, 4), 0u);
  EXPECT_EQ(WavefrontSession::MemoryNeeded(model, 8, 0), 0u);
  EXPECT_EQ(WavefrontSession::MemoryNeeded(model, 8, 1025), 0u);
  EXPECT_EQ(WavefrontSession::MemoryNeeded(model, 8, 4, 0), 0u);
  EngineModel broken = model;
  broken.head.gate_bias.pop_back();
  EXPECT_EQ(WavefrontSession::MemoryNeeded(broken, 8, 4), 0u);
}

TEST(WavefrontSessionMemoryTest, CallerMemorySmallerThanNeededIsRefusedNamingBothSizes) {
  const EngineModel model = RandomEngineModel(Shapes()[1], 1);
  const std::size_t needed = WavefrontSession::MemoryNeeded(model, 40, 4);
  Block block(needed);
  WavefrontSession session;
  const Status status = session.Init(&model, 40, 4, nullptr, 1, block.data(), needed - 1);
  EXPECT_EQ(status.code(), StatusCode::kBufferTooSmall);
  EXPECT_NE(std::string(status.message()).find(std::to_string(needed - 1)), std::string::npos) << status.message();
  EXPECT_NE(std::string(status.message()).find(std::to_string(needed)), std::string::npos) << status.message();
  EXPECT_EQ(session.arena_bytes(), 0u);
  const auto image = RandomImage(40, 4, 1);
  HashingVisitor visitor(image, 40);
  EXPECT_FALSE(session.ProcessBand(0, 4, &visitor).ok());  // a failed Init leaves nothing to run
  EXPECT_TRUE(block.GuardIntact());
}

TEST(WavefrontSessionMemoryTest, MisalignedCallerMemoryIsRefused) {
  const EngineModel model = RandomEngineModel(Shapes()[1], 1);
  const std::size_t needed = WavefrontSession::MemoryNeeded(model, 40, 4);
  for (std::size_t offset : {4u, 32u}) {
    Block block(needed, offset);
    WavefrontSession session;
    EXPECT_EQ(session.Init(&model, 40, 4, nullptr, 1, block.data(), needed).code(), StatusCode::kInvalidArgument)
        << "offset " << offset;
  }
}

TEST(WavefrontSessionMemoryTest, CallerMemoryGivesTheSelfAllocatedSessionsBits) {
  for (const ModelShape& shape : Shapes()) {
    const EngineModel model = RandomEngineModel(shape, 8);
    const uint32_t width = 23, height = 9;
    const auto image = RandomImage(width, height, 2);
    for (uint32_t workers : {1u, 2u}) {
      for (uint32_t band : {1u, 5u}) {
        WavefrontSession own;
        ASSERT_TRUE(own.Init(&model, width, band, nullptr, workers).ok());
        const uint64_t expected = RunImage(own, image, width, height, band, workers);
        const std::size_t needed = WavefrontSession::MemoryNeeded(model, width, band, workers);
        Block block(needed);  // filled with a pattern, not zeros: Init must set what it relies on
        WavefrontSession caller;
        const Status init = caller.Init(&model, width, band, nullptr, workers, block.data(), needed);
        ASSERT_TRUE(init.ok()) << init.message();
        EXPECT_EQ(caller.arena_bytes(), needed);
        EXPECT_EQ(RunImage(caller, image, width, height, band, workers), expected)
            << "workers " << workers << " band " << band;
        EXPECT_TRUE(block.GuardIntact()) << "wrote past MemoryNeeded()";
      }
    }
  }
}

TEST(WavefrontSessionMemoryTest, NothingIsAllocatedAfterInit) {
  const EngineModel model = RandomEngineModel(Shapes()[2], 4);
  const uint32_t width = 31, height = 9, band = 4;
  const auto image = RandomImage(width, height, 6);
  HashingVisitor visitor(image, width);
  const std::size_t needed = WavefrontSession::MemoryNeeded(model, width, band);
  Block block(needed);

  // With caller memory, neither Init nor coding allocates.
  long before = g_allocations.load();
  WavefrontSession caller;
  ASSERT_TRUE(caller.Init(&model, width, band, nullptr, 1, block.data(), needed).ok());
  for (uint32_t row = 0; row < height; row += band) {
    ASSERT_TRUE(caller.ProcessBand(row, std::min(band, height - row), &visitor).ok());
  }
  EXPECT_EQ(g_allocations.load() - before, 0);

  // Self-allocated: one block at Init, nothing while coding.
  before = g_allocations.load();
  WavefrontSession own;
  ASSERT_TRUE(own.Init(&model, width, band).ok());
  EXPECT_EQ(g_allocations.load() - before, 1);
  before = g_allocations.load();
  for (uint32_t row = 0; row < height; row += band) {
    ASSERT_TRUE(own.ProcessBand(row, std::min(band, height - row), &visitor).ok());
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
}

TEST(WavefrontSessionMemoryTest, ReInitMovesFromOwnMemoryToCallerMemoryAndBack) {
  const EngineModel model = RandomEngineModel(Shapes()[1], 5);
  const uint32_t width = 21, height = 7;
  const auto image = RandomImage(width, height, 9);
  WavefrontSession session;
  ASSERT_TRUE(session.Init(&model, width, 3).ok());
  const uint64_t expected = RunImage(session, image, width, height, 3, 1);
  const std::size_t needed = WavefrontSession::MemoryNeeded(model, width, 3);
  Block block(needed);
  ASSERT_TRUE(session.Init(&model, width, 3, nullptr, 1, block.data(), needed).ok());
  EXPECT_EQ(RunImage(session, image, width, height, 3, 1), expected);
  ASSERT_TRUE(session.Init(&model, width, 3).ok());
  EXPECT_EQ(RunImage(session, image, width, height, 3, 1), expected);
}

}  // namespace
}  // namespace ride::engine
