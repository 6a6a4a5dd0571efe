#include "runtime/src/codec/lane_visitors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "runtime/src/coder/byte_stream.h"
#include "tests/runtime/engine/random_engine_model.h"

namespace ride::codec {
namespace {

using engine::testing::ModelShape;
using engine::testing::RandomEngineModel;
using engine::testing::RandomImage;

// `count` objects in one array, as the codec keeps its lane coders (LaneSets).
template <typename T>
class PlacedArray {
 public:
  explicit PlacedArray(std::size_t count) : storage_(new unsigned char[count * sizeof(T)]) {}
  ~PlacedArray() {
    for (std::size_t i = count_; i > 0; --i) data()[i - 1].~T();
  }
  template <typename... Args>
  T* Add(Args&&... args) {
    return new (data() + count_++) T(std::forward<Args>(args)...);
  }
  T* data() { return reinterpret_cast<T*>(storage_.get()); }

 private:
  std::unique_ptr<unsigned char[]> storage_;
  std::size_t count_ = 0;
};

// One group of all the rows: both sets are the same coders.
template <typename Coder>
LaneSets<Coder> OneGroup(Coder* coders, uint32_t lanes, uint32_t height) {
  LaneSets<Coder> sets;
  sets.coders[0] = sets.coders[1] = coders;
  sets.lanes = lanes;
  sets.group_rows = height;
  return sets;
}

struct Coded {
  std::vector<std::vector<uint8_t>> lanes;
  double model_bits = 0;
};

Coded Encode(const engine::EngineModel& model, std::vector<uint8_t> image, uint32_t width, uint32_t height,
             uint32_t lanes, uint32_t band) {
  std::vector<coder::VectorByteSink> sinks(lanes);
  PlacedArray<coder::RangeEncoder> encoders(lanes);
  for (auto& sink : sinks) encoders.Add(&sink);
  engine::WavefrontSession session;
  EXPECT_TRUE(session.Init(&model, width, band).ok());
  const LaneSets<coder::RangeEncoder> sets = OneGroup(encoders.data(), lanes, height);
  EncodingVisitor visitor(&sets);
  for (uint32_t row = 0; row < height; row += band) {
    visitor.SetBand(BandBuffer{image.data() + std::size_t{row} * width, width, row});
    EXPECT_TRUE(session.ProcessBand(row, std::min(band, height - row), &visitor).ok());
  }
  Coded coded;
  for (std::size_t k = 0; k < lanes; ++k) {
    EXPECT_TRUE(encoders.data()[k].Finish().ok());
    coded.lanes.push_back(sinks[k].bytes());
  }
  coded.model_bits = visitor.coded_bits();
  return coded;
}

// Decodes into `out`; returns false if any lane reports an error.
bool Decode(const engine::EngineModel& model, const Coded& coded, uint32_t width, uint32_t height, uint32_t band,
            std::vector<uint8_t>* out) {
  const uint32_t lanes = static_cast<uint32_t>(coded.lanes.size());
  std::vector<std::unique_ptr<coder::SpanByteSource>> sources;
  PlacedArray<coder::RangeDecoder> decoders(lanes);
  for (const auto& lane : coded.lanes) {
    sources.push_back(std::make_unique<coder::SpanByteSource>(lane.data(), lane.size()));
    decoders.Add(sources.back().get());
  }
  engine::WavefrontSession session;
  EXPECT_TRUE(session.Init(&model, width, band).ok());
  const LaneSets<coder::RangeDecoder> sets = OneGroup(decoders.data(), lanes, height);
  DecodingVisitor visitor(&sets);
  out->assign(std::size_t{width} * height, 0);
  for (uint32_t row = 0; row < height; row += band) {
    visitor.SetBand(BandBuffer{out->data() + std::size_t{row} * width, width, row});
    EXPECT_TRUE(session.ProcessBand(row, std::min(band, height - row), &visitor).ok());
  }
  bool ok = true;
  for (uint32_t k = 0; k < lanes; ++k) ok = decoders.data()[k].Finish().ok() && ok;
  return ok;
}

TEST(LaneCodingTest, RoundTripsWithAnyLaneCountAndBandHeights) {
  ModelShape shape;
  shape.hidden = {8, 6};
  const engine::EngineModel model = RandomEngineModel(shape, 21);
  const uint32_t width = 37, height = 19;
  const auto image = RandomImage(width, height, 8);
  for (uint32_t lanes : {1u, 3u, 8u}) {
    for (uint32_t encode_band : {1u, lanes}) {
      const Coded coded = Encode(model, image, width, height, lanes, encode_band);
      for (uint32_t decode_band : {1u, lanes, std::max(1u, lanes / 2)}) {
        std::vector<uint8_t> decoded;
        EXPECT_TRUE(Decode(model, coded, width, height, decode_band, &decoded));
        EXPECT_EQ(decoded, image) << "lanes " << lanes << " bands " << encode_band << "/" << decode_band;
      }
    }
  }
}

TEST(LaneCodingTest, CodedSizeIsCloseToTheModelsCrossEntropy) {
  ModelShape shape;
  const engine::EngineModel model = RandomEngineModel(shape, 3);
  const uint32_t width = 64, height = 48;
  const auto image = RandomImage(width, height, 2);
  const Coded coded = Encode(model, image, width, height, 4, 4);
  std::size_t bytes = 0;
  for (const auto& lane : coded.lanes) bytes += lane.size();
  EXPECT_LE(8.0 * bytes, coded.model_bits * 1.001 + 8 * 2 * coded.lanes.size());
}

TEST(LaneCodingTest, CorruptLanesDecodeToBoundedPixelsOrErrors) {
  ModelShape shape;
  const engine::EngineModel model = RandomEngineModel(shape, 4);
  const uint32_t width = 20, height = 10;
  const auto image = RandomImage(width, height, 6);
  Coded coded = Encode(model, image, width, height, 2, 2);
  for (std::size_t i = 0; i < coded.lanes[0].size(); i += 3) {
    Coded corrupt = coded;
    corrupt.lanes[0][i] ^= 0x55;
    std::vector<uint8_t> decoded;
    const bool ok = Decode(model, corrupt, width, height, 2, &decoded);
    EXPECT_TRUE(!ok || decoded != image || i + 1 >= coded.lanes[0].size()) << "byte " << i;
  }
}

}  // namespace
}  // namespace ride::codec
