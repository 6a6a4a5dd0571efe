// Inpaint: fills the masked pixels of an image with a sample from the model given the rest, by
// Metropolis-within-Gibbs as in Theis & Bethge (NIPS 2015) and DESIGN §2 (docs/generate.md):
//
//   1. Initialisation: `candidates` ancestral fills of the masked pixels (raster order, each pixel
//      drawn given the known and already filled pixels before it); the fill under which the whole
//      image is most likely is kept.
//   2. Each sweep visits, in random order, the kBlockSize² blocks (stride kBlockStride from a random
//      offset, so they overlap) that hold masked pixels. For block B, the kPatchSize² patch P around
//      it (clipped to the image) is run as an image of its own; the proposal draws B's masked pixels
//      ancestrally given everything in P before them, and is accepted with probability
//      min(1, p(P_new) q(B_old) / (p(P_old) q(B_new))), p the model's discrete likelihood of the
//      whole patch and q the proposal's probability of the block's values.
//   3. Between sweeps the image and mask are flipped at random (horizontally, vertically), so that
//      context reaches the masked pixels from every side; they are flipped back at the end.
//
// Pixels outside the mask are never written. All randomness is counter-based from `seed`, so the
// result is a function of (model, image, mask, seed, sweeps, candidates), whatever the thread count.
#ifndef RIDE_RUNTIME_SRC_GENERATE_INPAINTER_H_
#define RIDE_RUNTIME_SRC_GENERATE_INPAINTER_H_

#include <cstdint>

#include "runtime/src/base/status.h"
#include "runtime/src/engine/engine_model.h"

namespace ride::generate {

inline constexpr uint32_t kBlockSize = 5;
inline constexpr uint32_t kBlockStride = 3;
inline constexpr uint32_t kPatchSize = 19;
inline constexpr uint32_t kDefaultSweeps = 10;
inline constexpr uint32_t kDefaultCandidates = 5;
inline constexpr uint32_t kMaxSweeps = 100000;
inline constexpr uint32_t kMaxCandidates = 1000;

struct SweepReport {
  uint32_t sweep = 0;   // 1-based
  uint32_t sweeps = 0;
  uint64_t proposals = 0;  // blocks visited in this sweep
  uint64_t accepted = 0;
};

class InpaintObserver {
 public:
  virtual ~InpaintObserver() = default;
  // After initial fill `candidate` (1-based) of `candidates`, with its Σ −log2 P over the image.
  virtual void InitialFill(uint32_t candidate, uint32_t candidates, double bits) = 0;
  virtual void SweepDone(const SweepReport& report) = 0;
};

struct InpaintOptions {
  uint64_t seed = 0;
  uint32_t sweeps = kDefaultSweeps;          // 0..kMaxSweeps; 0 keeps the best initial fill
  uint32_t candidates = kDefaultCandidates;  // initial fills, 1..kMaxCandidates
  uint32_t threads = 1;                      // for the initial fills; never changes the result
  InpaintObserver* observer = nullptr;       // called on the calling thread
};

struct InpaintResult {
  uint64_t masked = 0;           // pixels filled
  uint32_t best_candidate = 0;   // 1-based; 0 when nothing was masked
  double initial_bits = 0;       // Σ −log2 P over the image after the initial fill
  uint64_t proposals = 0;        // over all sweeps
  uint64_t accepted = 0;
};

// `pixels` and `mask` hold width × height bytes, row-major; pixels whose mask byte is nonzero are
// replaced, the others are context and are never written. An empty mask leaves the image as it is.
// Errors: kInvalidArgument (zero size, options out of range), kResourceExhausted (memory); on error
// the masked pixels may hold a partial fill.
Status Inpaint(const engine::EngineModel& model, uint32_t width, uint32_t height, const uint8_t* mask,
               const InpaintOptions& options, uint8_t* pixels, InpaintResult* result = nullptr);

}  // namespace ride::generate

#endif  // RIDE_RUNTIME_SRC_GENERATE_INPAINTER_H_
