#include "runtime/src/codec/lane_visitors.h"

#include <cmath>

namespace ride::codec {

using engine::kCodingPrecisionBits;

uint8_t EncodingVisitor::Visit(uint32_t row, uint32_t column, const engine::PixelDistribution& distribution) {
  const uint8_t value = band_.pixels[(row - band_.first_row) * band_.stride + column];
  const uint32_t start = distribution.QuantizedCdf(value);
  const uint32_t end = distribution.QuantizedCdf(value + 1u);
  // Every group is coded with the model, whether or not it ends up stored: the encoder only knows
  // at the group's end which is smaller.
  sets_->LaneOfRow(row)->Encode(start, end - start, kCodingPrecisionBits);
  coded_bits_ += kCodingPrecisionBits - std::log2(static_cast<double>(end - start));
  return value;
}

uint8_t DecodingVisitor::Visit(uint32_t row, uint32_t column, const engine::PixelDistribution& distribution) {
  uint8_t* pixel = band_.pixels + (row - band_.first_row) * band_.stride + column;
  // A stored group's values were unpacked into the band before it ran.
  if (sets_->stored[sets_->SetOfRow(row)]) return *pixel;
  coder::RangeDecoder* decoder = sets_->LaneOfRow(row);
  const uint32_t target = decoder->GetTarget(kCodingPrecisionBits);
  uint32_t start = 0, end = 0;
  const uint32_t value = distribution.FindValue(target, &start, &end);
  decoder->Consume(start, end - start);
  *pixel = static_cast<uint8_t>(value);
  return static_cast<uint8_t>(value);
}

}  // namespace ride::codec
