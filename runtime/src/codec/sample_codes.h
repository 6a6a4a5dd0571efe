// The model codes 8-bit values (DESIGN §3): a sample s of maxval m is coded as
// round(s · 255 / m) = (510 s + m) div 2m, which is injective because 255 / m >= 1, and the
// decoder inverts it exactly with s = (v · m + 127) div 255 (docs/bitstream.md, "Samples"). The pixel
// checksum is over the coded values. For maxval 255 both maps are the identity.
#ifndef RIDE_RUNTIME_SRC_CODEC_SAMPLE_CODES_H_
#define RIDE_RUNTIME_SRC_CODEC_SAMPLE_CODES_H_

#include <cstddef>
#include <cstdint>

namespace ride::codec {

class SampleCodes {
 public:
  // 1 <= maxval <= 255.
  explicit SampleCodes(uint32_t maxval = 255);

  uint32_t maxval() const { return maxval_; }
  bool identity() const { return maxval_ == 255; }
  // Requires sample <= maxval().
  uint8_t Code(uint8_t sample) const { return code_[sample]; }
  // True when some sample has code `code`.
  bool IsCode(uint8_t code) const { return valid_[code] != 0; }
  uint8_t Sample(uint8_t code) const { return sample_[code]; }

  // In place, count values: samples to codes, and codes to samples.
  void CodeRow(uint8_t* values, std::size_t count) const;
  // False (leaving the row partly converted) when a value is not a code: a damaged stream.
  bool SampleRow(uint8_t* values, std::size_t count) const;

 private:
  uint32_t maxval_;
  uint8_t code_[256];
  uint8_t sample_[256];
  uint8_t valid_[256];
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_SAMPLE_CODES_H_
