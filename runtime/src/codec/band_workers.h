// What the encoder and the decoder share: the wavefront session their worker threads run, and each
// worker's buffer for the pixels of the band it is coding.
#ifndef RIDE_RUNTIME_SRC_CODEC_BAND_WORKERS_H_
#define RIDE_RUNTIME_SRC_CODEC_BAND_WORKERS_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/src/base/status.h"
#include "runtime/src/codec/image_codec.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::codec {

// kInvalidArgument without a model, else the model's own check.
Status CheckModel(const CodecModel& model);

// Rows per band for `threads` workers over `lanes` lanes: rows being coded at once must sit in
// different lanes, and a band of R rows on each of T workers keeps T·R rows in flight.
inline uint32_t BandRows(uint32_t lanes, uint32_t threads) { return std::max(1u, lanes / threads); }

// Bands of `band_rows` rows cover `height` rows in this many bands.
inline uint32_t BandCount(uint32_t height, uint32_t band_rows) {
  return static_cast<uint32_t>((uint64_t{height} + band_rows - 1) / band_rows);
}

// The session for `threads` workers and each worker's buffer of `band_rows` rows of `width` pixels.
struct BandWorkers {
  engine::WavefrontSession session;
  std::vector<std::unique_ptr<uint8_t[]>> bands;  // one per worker

  Status Init(const CodecModel& model, uint32_t width, uint32_t band_rows, uint32_t threads);
};

}  // namespace ride::codec

#endif  // RIDE_RUNTIME_SRC_CODEC_BAND_WORKERS_H_
