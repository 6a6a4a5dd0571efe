#include "runtime/src/container/leb128.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace ride::container {
namespace {

TEST(Leb128Test, RoundTripsBoundaryValues) {
  const std::vector<uint64_t> values = {0,           1,          127,         128,        255,       16383,
                                        16384,       (1u << 21), 0xFFFFFFFFu, 1ull << 56, 1ull << 63, UINT64_MAX};
  for (uint64_t value : values) {
    uint8_t bytes[kMaxLeb128Bytes];
    const int size = EncodeLeb128(value, bytes);
    EXPECT_EQ(size, Leb128Size(value)) << value;
    uint64_t decoded = 0;
    std::size_t consumed = 0;
    ASSERT_EQ(DecodeLeb128(bytes, static_cast<std::size_t>(size), &decoded, &consumed), Leb128Result::kOk) << value;
    EXPECT_EQ(decoded, value);
    EXPECT_EQ(consumed, static_cast<std::size_t>(size));
  }
  EXPECT_EQ(Leb128Size(UINT64_MAX), kMaxLeb128Bytes);
}

TEST(Leb128Test, KnownEncodings) {
  uint8_t bytes[kMaxLeb128Bytes];
  ASSERT_EQ(EncodeLeb128(300, bytes), 2);
  EXPECT_EQ(bytes[0], 0xAC);
  EXPECT_EQ(bytes[1], 0x02);
}

TEST(Leb128Test, EndOfInputInsideVarintIsTruncated) {
  const uint8_t bytes[] = {0x80, 0x80};
  uint64_t value = 0;
  std::size_t consumed = 0;
  EXPECT_EQ(DecodeLeb128(bytes, 2, &value, &consumed), Leb128Result::kTruncated);
  EXPECT_EQ(DecodeLeb128(bytes, 0, &value, &consumed), Leb128Result::kTruncated);
}

TEST(Leb128Test, ValuesBeyondSixtyFourBitsOverflow) {
  // Ten bytes whose last carries bit 64.
  std::vector<uint8_t> bytes(9, 0xFF);
  bytes.push_back(0x02);
  uint64_t value = 0;
  std::size_t consumed = 0;
  EXPECT_EQ(DecodeLeb128(bytes.data(), bytes.size(), &value, &consumed), Leb128Result::kOverflow);
  // Eleven bytes.
  std::vector<uint8_t> longer(10, 0x80);
  longer.push_back(0x01);
  EXPECT_EQ(DecodeLeb128(longer.data(), longer.size(), &value, &consumed), Leb128Result::kOverflow);
}

TEST(Leb128Test, RedundantZeroGroupIsNotMinimal) {
  const uint8_t bytes[] = {0x85, 0x00};
  uint64_t value = 0;
  std::size_t consumed = 0;
  EXPECT_EQ(DecodeLeb128(bytes, 2, &value, &consumed), Leb128Result::kNotMinimal);
}

}  // namespace
}  // namespace ride::container
