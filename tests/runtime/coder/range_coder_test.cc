#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "runtime/src/coder/range_decoder.h"
#include "runtime/src/coder/range_encoder.h"
#include "tests/runtime/coder/coder_test_util.h"

namespace ride::coder {
namespace {

using testing::DecodeSymbol;
using testing::DrawSymbol;
using testing::RandomCdf;
using testing::SplitMix64;
using testing::SymbolBits;

// A message whose every symbol has its own distribution, drawn from a pool: the adaptive case a
// pixel model produces.
struct Message {
  int precision_bits;
  std::vector<std::vector<uint32_t>> pool;
  std::vector<int> which;        // distribution index per symbol
  std::vector<uint32_t> symbols;
  double ideal_bits = 0;         // sum of -log2 of the coded probabilities
};

Message MakeMessage(uint64_t seed, int length, int alphabet, int precision_bits, int sharpness, int pool_size = 32) {
  SplitMix64 rng(seed);
  Message m;
  m.precision_bits = precision_bits;
  for (int k = 0; k < pool_size; ++k) m.pool.push_back(RandomCdf(rng, alphabet, precision_bits, sharpness));
  for (int i = 0; i < length; ++i) {
    const int k = static_cast<int>(rng.Below(pool_size));
    const uint32_t s = DrawSymbol(rng, m.pool[k]);
    m.which.push_back(k);
    m.symbols.push_back(s);
    m.ideal_bits += SymbolBits(m.pool[k], s);
  }
  return m;
}

std::vector<uint8_t> Encode(const Message& m) {
  VectorByteSink sink;
  RangeEncoder encoder(&sink);
  for (std::size_t i = 0; i < m.symbols.size(); ++i) {
    const auto& cdf = m.pool[m.which[i]];
    const uint32_t s = m.symbols[i];
    encoder.Encode(cdf[s], cdf[s + 1] - cdf[s], m.precision_bits);
  }
  EXPECT_TRUE(encoder.Finish().ok());
  return sink.bytes();
}

// Decodes m's symbol count from `bytes`; returns the decoder's final status.
Status Decode(const Message& m, const uint8_t* bytes, std::size_t size, std::vector<uint32_t>* out) {
  SpanByteSource source(bytes, size);
  RangeDecoder decoder(&source);
  out->clear();
  for (std::size_t i = 0; i < m.symbols.size(); ++i) {
    const auto& cdf = m.pool[m.which[i]];
    const uint32_t s = DecodeSymbol(decoder, cdf, m.precision_bits);
    EXPECT_LT(s, cdf.size() - 1);
    out->push_back(s);
  }
  return decoder.Finish();
}

TEST(RangeCoderTest, EmptyMessageRoundTrips) {
  const Message m = MakeMessage(1, 0, 256, 24, 1);
  const auto bytes = Encode(m);
  EXPECT_LE(bytes.size(), 1u);
  std::vector<uint32_t> decoded;
  EXPECT_TRUE(Decode(m, bytes.data(), bytes.size(), &decoded).ok());
}

TEST(RangeCoderTest, RoundTripsAtEveryPrecisionAndAlphabet) {
  for (int precision : {1, 8, 16, 24, 30}) {
    for (int alphabet : {2, 3, 256}) {
      if (alphabet >= (1 << precision)) continue;
      const Message m = MakeMessage(precision * 1000 + alphabet, 20000, alphabet, precision, 2);
      const auto bytes = Encode(m);
      std::vector<uint32_t> decoded;
      const Status status = Decode(m, bytes.data(), bytes.size(), &decoded);
      EXPECT_TRUE(status.ok()) << status.message();
      EXPECT_EQ(decoded, m.symbols) << "precision " << precision << " alphabet " << alphabet;
    }
  }
}

// The bar: coded size within 0.1% (plus a few bytes) of the ideal cross-entropy.
void ExpectNearIdealSize(const Message& m) {
  const auto bytes = Encode(m);
  const double coded_bits = 8.0 * bytes.size();
  EXPECT_LE(coded_bits, m.ideal_bits * 1.001 + 64) << "ideal " << m.ideal_bits / 8 << " bytes";
  EXPECT_GE(coded_bits, m.ideal_bits - 64);  // nothing can beat the entropy by more than rounding
  std::vector<uint32_t> decoded;
  EXPECT_TRUE(Decode(m, bytes.data(), bytes.size(), &decoded).ok());
  EXPECT_EQ(decoded, m.symbols);
}

TEST(RangeCoderTest, CodedSizeIsWithinATenthOfAPercentOfTheCrossEntropy) {
  ExpectNearIdealSize(MakeMessage(7, 1000000, 256, 24, 1));   // ~7.6 bits per symbol
  ExpectNearIdealSize(MakeMessage(8, 1000000, 256, 24, 4));   // skewed, a few bits per symbol
  ExpectNearIdealSize(MakeMessage(9, 1000000, 2, 16, 3));     // binary
}

TEST(RangeCoderTest, NearlyCertainSymbolsCostNearlyNothing) {
  // One symbol holds all but 255 units of 2^24: 1e6 of them carry about 0.02 bits each.
  std::vector<float> cdf(257, 1.0f);
  cdf[0] = 0.0f;
  Message m;
  m.precision_bits = 24;
  m.pool.emplace_back(257);
  QuantizeCdf(cdf.data(), 256, 24, m.pool[0].data());
  for (int i = 0; i < 1000000; ++i) {
    m.which.push_back(0);
    m.symbols.push_back(0);
    m.ideal_bits += SymbolBits(m.pool[0], 0);
  }
  ExpectNearIdealSize(m);
}

TEST(RangeCoderTest, CarriesRippleThroughRunsOfFfBytes) {
  // Alternating the top and the bottom symbol of a 2^30 alphabet keeps low near the top of its
  // window, which produces long runs of 0xFF followed by carries.
  Message m;
  m.precision_bits = 30;
  const uint32_t total = 1u << 30;
  m.pool.push_back({0, 1, total - 1, total});
  SplitMix64 rng(3);
  for (int i = 0; i < 200000; ++i) {
    const uint32_t s = (rng.Below(8) == 0) ? 0 : 2;
    m.which.push_back(0);
    m.symbols.push_back(s);
  }
  const auto bytes = Encode(m);
  std::vector<uint32_t> decoded;
  EXPECT_TRUE(Decode(m, bytes.data(), bytes.size(), &decoded).ok());
  EXPECT_EQ(decoded, m.symbols);
}

TEST(RangeCoderTest, EncoderStreamsToItsSinkBeforeFinishing) {
  const Message m = MakeMessage(11, 100000, 256, 24, 1);
  VectorByteSink sink;
  RangeEncoder encoder(&sink);
  for (std::size_t i = 0; i < m.symbols.size(); ++i) {
    const auto& cdf = m.pool[m.which[i]];
    encoder.Encode(cdf[m.symbols[i]], cdf[m.symbols[i] + 1] - cdf[m.symbols[i]], 24);
  }
  // All but the last buffer's worth has reached the sink already.
  EXPECT_GT(sink.bytes().size() + kCoderBufferBytes, encoder.bytes_written());
  EXPECT_GT(sink.bytes().size(), 0u);
  EXPECT_TRUE(encoder.Finish().ok());
}

class OneByteAtATimeSource final : public ByteSource {
 public:
  explicit OneByteAtATimeSource(const std::vector<uint8_t>& bytes) : bytes_(bytes) {}
  Status Read(uint8_t* data, std::size_t capacity, std::size_t* read) override {
    *read = (position_ < bytes_.size() && capacity > 0) ? 1 : 0;
    if (*read) *data = bytes_[position_++];
    return Status::Ok();
  }

 private:
  const std::vector<uint8_t>& bytes_;
  std::size_t position_ = 0;
};

TEST(RangeCoderTest, DecoderAcceptsASourceThatDeliversOneByteAtATime) {
  const Message m = MakeMessage(12, 50000, 256, 24, 2);
  const auto bytes = Encode(m);
  OneByteAtATimeSource source(bytes);
  RangeDecoder decoder(&source);
  std::vector<uint32_t> decoded;
  for (std::size_t i = 0; i < m.symbols.size(); ++i) {
    decoded.push_back(DecodeSymbol(decoder, m.pool[m.which[i]], 24));
  }
  EXPECT_TRUE(decoder.Finish().ok());
  EXPECT_EQ(decoded, m.symbols);
}

TEST(RangeCoderTest, TruncationAtEveryPointIsReportedOrBounded) {
  const Message m = MakeMessage(13, 3000, 256, 24, 2);
  const auto bytes = Encode(m);
  ASSERT_GT(bytes.size(), 1000u);
  int reported = 0;
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + length);
    std::vector<uint32_t> decoded;  // Decode asserts every symbol is inside the alphabet
    const Status status = Decode(m, prefix.data(), prefix.size(), &decoded);
    if (!status.ok()) {
      EXPECT_EQ(status.code(), StatusCode::kTruncated) << status.message();
      ++reported;
    } else {
      // The last few bytes can go missing unnoticed (wrong symbols there decode with fewer bytes);
      // the container's substream lengths and pixel checksum catch those.
      EXPECT_GT(length + 8, bytes.size()) << "silent truncation at " << length;
    }
  }
  EXPECT_GE(reported + 8, static_cast<int>(bytes.size()));
}

TEST(RangeCoderTest, RandomCorruptionsNeverEscapeTheAlphabet) {
  const Message m = MakeMessage(14, 5000, 256, 24, 2);
  const auto bytes = Encode(m);
  SplitMix64 rng(15);
  int detected = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<uint8_t> corrupt = bytes;
    const int flips = 1 + static_cast<int>(rng.Below(8));
    for (int f = 0; f < flips; ++f) corrupt[rng.Below(corrupt.size())] ^= static_cast<uint8_t>(1 + rng.Below(255));
    std::vector<uint32_t> decoded;  // Decode asserts every symbol is inside the alphabet
    const Status status = Decode(m, corrupt.data(), corrupt.size(), &decoded);
    if (!status.ok() || decoded != m.symbols) ++detected;
  }
  EXPECT_GT(detected, 250);  // corruption changes the output or is reported
}

TEST(RangeCoderTest, BytesAfterTheStreamAreReported) {
  const Message m = MakeMessage(16, 1000, 256, 24, 2);
  auto bytes = Encode(m);
  bytes.push_back(0x5A);
  std::vector<uint32_t> decoded;
  const Status status = Decode(m, bytes.data(), bytes.size(), &decoded);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(decoded, m.symbols);
}

class FailingSink final : public ByteSink {
 public:
  Status Append(const uint8_t*, std::size_t) override {
    return Status::Error(StatusCode::kIoError, "disk full");
  }
};

TEST(RangeCoderTest, SinkErrorsReachFinish) {
  const Message m = MakeMessage(17, 20000, 256, 24, 1);
  FailingSink sink;
  RangeEncoder encoder(&sink);
  for (std::size_t i = 0; i < m.symbols.size(); ++i) {
    const auto& cdf = m.pool[m.which[i]];
    encoder.Encode(cdf[m.symbols[i]], cdf[m.symbols[i] + 1] - cdf[m.symbols[i]], 24);
  }
  const Status status = encoder.Finish();
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_STREQ(status.message(), "disk full");
}

TEST(RangeCoderTest, ValueBeyondTheInitialRangeIsCorrupt) {
  const std::vector<uint8_t> bytes(7, 0xFF);
  SpanByteSource source(bytes.data(), bytes.size());
  RangeDecoder decoder(&source);
  EXPECT_EQ(decoder.status().code(), StatusCode::kCorrupt);
  EXPECT_LT(decoder.GetTarget(8), 256u);
}

}  // namespace
}  // namespace ride::coder
