#include "runtime/src/codec/sample_codes.h"

namespace ride::codec {

SampleCodes::SampleCodes(uint32_t maxval) : maxval_(maxval) {
  for (uint32_t v = 0; v < 256; ++v) {
    code_[v] = 0;
    valid_[v] = 0;
    sample_[v] = static_cast<uint8_t>((v * maxval + 127) / 255);
  }
  for (uint32_t s = 0; s <= maxval; ++s) {
    code_[s] = static_cast<uint8_t>((510 * s + maxval) / (2 * maxval));
    valid_[code_[s]] = 1;
  }
}

void SampleCodes::CodeRow(uint8_t* values, std::size_t count) const {
  if (identity()) return;
  for (std::size_t i = 0; i < count; ++i) values[i] = code_[values[i]];
}

bool SampleCodes::SampleRow(uint8_t* values, std::size_t count) const {
  if (identity()) return true;
  for (std::size_t i = 0; i < count; ++i) {
    if (valid_[values[i]] == 0) return false;
    values[i] = sample_[values[i]];
  }
  return true;
}

}  // namespace ride::codec
