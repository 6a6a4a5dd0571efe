#include "runtime/src/container/pixel_checksum.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <new>

namespace ride::container {

static_assert(sizeof(XXH3_state_t) <= PixelChecksum::kStateBytes, "PixelChecksum::kStateBytes too small");
static_assert(alignof(XXH3_state_t) <= 64, "PixelChecksum state alignment too small");

namespace {

XXH3_state_t* State(unsigned char* storage) { return std::launder(reinterpret_cast<XXH3_state_t*>(storage)); }
const XXH3_state_t* State(const unsigned char* storage) {
  return std::launder(reinterpret_cast<const XXH3_state_t*>(storage));
}

}  // namespace

uint64_t Xxh3Hash64(const uint8_t* data, std::size_t size) { return XXH3_64bits(data, size); }

PixelChecksum::PixelChecksum() {
  new (state_) XXH3_state_t;
  Reset();
}

void PixelChecksum::Reset() { (void)XXH3_64bits_reset(State(state_)); }

void PixelChecksum::Update(const uint8_t* pixels, std::size_t size) {
  if (size == 0) return;
  (void)XXH3_64bits_update(State(state_), pixels, size);
}

uint64_t PixelChecksum::Digest() const { return XXH3_64bits_digest(State(state_)); }

}  // namespace ride::container
