#include "runtime/src/container/pixel_checksum.h"

#include <gtest/gtest.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdint>
#include <random>
#include <vector>

namespace ride::container {
namespace {

std::vector<uint8_t> RandomBytes(std::size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> bytes(size);
  for (auto& b : bytes) b = static_cast<uint8_t>(rng());
  return bytes;
}

TEST(PixelChecksumTest, RowByRowEqualsOneShotXxh3) {
  for (std::size_t width : {1u, 3u, 64u, 255u, 1000u}) {
    const std::size_t height = 37;
    const auto pixels = RandomBytes(width * height, static_cast<uint32_t>(width));
    PixelChecksum checksum;
    for (std::size_t row = 0; row < height; ++row) checksum.Update(pixels.data() + row * width, width);
    EXPECT_EQ(checksum.Digest(), XXH3_64bits(pixels.data(), pixels.size())) << width;
    EXPECT_EQ(checksum.Digest(), Xxh3Hash64(pixels.data(), pixels.size()));
  }
}

TEST(PixelChecksumTest, ResetStartsOver) {
  const auto pixels = RandomBytes(5000, 7);
  PixelChecksum checksum;
  checksum.Update(pixels.data(), 1234);
  checksum.Reset();
  checksum.Update(pixels.data(), pixels.size());
  EXPECT_EQ(checksum.Digest(), Xxh3Hash64(pixels.data(), pixels.size()));
}

TEST(PixelChecksumTest, EmptyInputIsXxh3OfNothing) {
  PixelChecksum checksum;
  checksum.Update(nullptr, 0);
  EXPECT_EQ(checksum.Digest(), XXH3_64bits(nullptr, 0));
}

TEST(PixelChecksumTest, KnownValueIsPinned) {
  // XXH3-64 of the bytes 0..255, seed 0: pins the algorithm so that no target swaps the hash.
  std::vector<uint8_t> bytes(256);
  for (int i = 0; i < 256; ++i) bytes[i] = static_cast<uint8_t>(i);
  PixelChecksum checksum;
  checksum.Update(bytes.data(), bytes.size());
  EXPECT_EQ(checksum.Digest(), XXH3_64bits(bytes.data(), bytes.size()));
  EXPECT_EQ(checksum.Digest(), 0x9408a4433b952d71ull);
}

}  // namespace
}  // namespace ride::container
