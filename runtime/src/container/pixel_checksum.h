// XXH3-64 (seed 0) for the .rim container: the checksum of the decoded pixels, fed a row at a time
// so that a streaming decoder can verify an image it never holds whole, and the one-shot hash of the
// header bytes. Feeding the pixels in any split gives the hash of their concatenation.
#ifndef RIDE_RUNTIME_SRC_CONTAINER_PIXEL_CHECKSUM_H_
#define RIDE_RUNTIME_SRC_CONTAINER_PIXEL_CHECKSUM_H_

#include <cstddef>
#include <cstdint>

namespace ride::container {

// XXH3-64 with seed 0 of data[0..size).
uint64_t Xxh3Hash64(const uint8_t* data, std::size_t size);

// Incremental XXH3-64 (seed 0) of the pixels in raster order. Does not allocate.
class PixelChecksum {
 public:
  PixelChecksum();
  PixelChecksum(const PixelChecksum&) = delete;
  PixelChecksum& operator=(const PixelChecksum&) = delete;

  // Starts over, as if newly constructed.
  void Reset();
  // Adds the next `size` pixels (e.g. one row).
  void Update(const uint8_t* pixels, std::size_t size);
  // The hash of everything added since the last Reset; adding more afterwards is allowed.
  uint64_t Digest() const;

  // Room for xxHash's XXH3_state_t (checked in the .cc).
  static constexpr std::size_t kStateBytes = 640;

 private:
  alignas(64) unsigned char state_[kStateBytes];
};

}  // namespace ride::container

#endif  // RIDE_RUNTIME_SRC_CONTAINER_PIXEL_CHECKSUM_H_
