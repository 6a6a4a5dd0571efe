#include "runtime/src/generate/inpainter.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "runtime/src/generate/counter_rng.h"
#include "runtime/src/generate/pixel_drawer.h"

namespace ride::generate {
namespace {

// Tags of the independent random streams under CounterRng(seed).
constexpr uint64_t kInitialFillTag = 2;
constexpr uint64_t kSweepTag = 3;
// Counters of a sweep's own stream; block b's proposal uses the sweep's Child(kFirstBlockTag + b).
constexpr uint64_t kFlipHorizontalCounter = 0, kFlipVerticalCounter = 1, kRowOffsetCounter = 2,
                   kColumnOffsetCounter = 3, kFirstShuffleCounter = 4;
constexpr uint64_t kFirstBlockTag = 1;
constexpr uint64_t kAcceptanceTag = 1;  // under a block's stream; its pixels use the stream itself

struct Block {
  uint32_t top, left, bottom, right;  // rows [top, bottom), columns [left, right)
};

Status Allocate(std::size_t bytes, std::unique_ptr<uint8_t[]>* out) {
  out->reset(new (std::nothrow) uint8_t[bytes]);
  if (*out == nullptr) return Status::Error(StatusCode::kResourceExhausted, "cannot allocate %zu bytes", bytes);
  return Status();
}

// An image and its mask in a flippable working copy.
class Canvas {
 public:
  Canvas(uint32_t width, uint32_t height, uint8_t* pixels, uint8_t* mask)
      : width_(width), height_(height), pixels_(pixels), mask_(mask) {}
  uint32_t width() const { return width_; }
  uint32_t height() const { return height_; }
  uint8_t* pixels() { return pixels_; }
  const uint8_t* mask() const { return mask_; }

  // Brings the canvas to the orientation (horizontal, vertical) relative to the original.
  void Orient(bool horizontal, bool vertical) {
    if (horizontal != horizontal_) {
      FlipHorizontally(pixels_);
      FlipHorizontally(mask_);
      horizontal_ = horizontal;
    }
    if (vertical != vertical_) {
      FlipVertically(pixels_);
      FlipVertically(mask_);
      vertical_ = vertical;
    }
  }

 private:
  void FlipHorizontally(uint8_t* image) {
    for (uint32_t r = 0; r < height_; ++r) std::reverse(image + std::size_t{r} * width_, image + std::size_t{r + 1} * width_);
  }
  void FlipVertically(uint8_t* image) {
    for (uint32_t r = 0, s = height_ - 1; r < s; ++r, --s) {
      std::swap_ranges(image + std::size_t{r} * width_, image + std::size_t{r + 1} * width_, image + std::size_t{s} * width_);
    }
  }

  uint32_t width_, height_;
  uint8_t* pixels_;
  uint8_t* mask_;
  bool horizontal_ = false, vertical_ = false;
};

// Start of a window of `size` (clipped to `extent`) centred on [first, last).
uint32_t CentredStart(uint32_t first, uint32_t last, uint32_t size, uint32_t extent) {
  if (extent <= size) return 0;
  const uint32_t centre = first + (last - first) / 2;
  const uint32_t start = centre > size / 2 ? centre - size / 2 : 0;
  return std::min(start, extent - size);
}

// One Metropolis-Hastings step on block `block` of `canvas`; returns whether it was accepted.
class BlockSampler {
 public:
  explicit BlockSampler(const engine::EngineModel& model) : model_(model) {}

  Status Step(Canvas* canvas, const Block& block, const CounterRng& rng, bool* accepted) {
    const uint32_t width = std::min(kPatchSize, canvas->width()), height = std::min(kPatchSize, canvas->height());
    const uint32_t top = CentredStart(block.top, block.bottom, height, canvas->height());
    const uint32_t left = CentredStart(block.left, block.right, width, canvas->width());
    for (uint32_t r = 0; r < height; ++r) {
      const std::size_t from = std::size_t{top + r} * canvas->width() + left;
      std::memcpy(old_ + r * width, canvas->pixels() + from, width);
      for (uint32_t c = 0; c < width; ++c) {
        const bool in_block = top + r >= block.top && top + r < block.bottom && left + c >= block.left &&
                              left + c < block.right;
        selected_[r * width + c] = in_block && canvas->mask()[from + c] != 0 ? 1 : 0;
      }
    }
    std::memcpy(new_, old_, std::size_t{width} * height);

    // p(P_old) and q(B_old | ·): the old block scored as if it had been proposed.
    DrawRequest request;
    request.width = width;
    request.height = height;
    request.mask = selected_;
    request.pixels = old_;
    request.draw = false;
    DrawResult old_result, new_result;
    RIDE_RETURN_IF_ERROR(DrawPixels(model_, request, &old_result));
    // The proposal B_new ~ q, and p(P_new), q(B_new | ·).
    request.pixels = new_;
    request.draw = true;
    request.rng = rng;
    RIDE_RETURN_IF_ERROR(DrawPixels(model_, request, &new_result));

    // log2 of p(P_new) q(B_old) / (p(P_old) q(B_new)); bits are −log2 probabilities.
    const double log2_ratio =
        (old_result.bits - new_result.bits) + (new_result.selected_bits - old_result.selected_bits);
    *accepted = log2_ratio >= 0 || rng.Child(kAcceptanceTag).Unit(0) < std::exp2(log2_ratio);
    if (*accepted) {
      for (uint32_t r = 0; r < height; ++r) {
        for (uint32_t c = 0; c < width; ++c) {
          if (selected_[r * width + c] != 0) canvas->pixels()[std::size_t{top + r} * canvas->width() + left + c] = new_[r * width + c];
        }
      }
    }
    return Status();
  }

 private:
  const engine::EngineModel& model_;
  uint8_t old_[kPatchSize * kPatchSize] = {};
  uint8_t new_[kPatchSize * kPatchSize] = {};
  uint8_t selected_[kPatchSize * kPatchSize] = {};
};

// The blocks of one sweep that hold masked pixels, in random order.
std::vector<Block> SweepBlocks(const Canvas& canvas, const CounterRng& rng) {
  const int64_t row_offset = rng.Below(kRowOffsetCounter, kBlockStride);
  const int64_t column_offset = rng.Below(kColumnOffsetCounter, kBlockStride);
  const int64_t size = kBlockSize;
  std::vector<Block> blocks;
  for (int64_t r0 = row_offset - (size - 1); r0 < canvas.height(); r0 += kBlockStride) {
    for (int64_t c0 = column_offset - (size - 1); c0 < canvas.width(); c0 += kBlockStride) {
      const Block block{static_cast<uint32_t>(std::max<int64_t>(r0, 0)), static_cast<uint32_t>(std::max<int64_t>(c0, 0)),
                        static_cast<uint32_t>(std::min<int64_t>(r0 + size, canvas.height())),
                        static_cast<uint32_t>(std::min<int64_t>(c0 + size, canvas.width()))};
      bool masked = false;
      for (uint32_t r = block.top; r < block.bottom && !masked; ++r) {
        for (uint32_t c = block.left; c < block.right && !masked; ++c) {
          masked = canvas.mask()[std::size_t{r} * canvas.width() + c] != 0;
        }
      }
      if (masked) blocks.push_back(block);
    }
  }
  for (std::size_t i = blocks.size(); i > 1; --i) {  // Fisher–Yates
    const uint32_t j = rng.Below(kFirstShuffleCounter + i, static_cast<uint32_t>(i));
    std::swap(blocks[i - 1], blocks[j]);
  }
  return blocks;
}

Status CheckArguments(uint32_t width, uint32_t height, const uint8_t* mask, const InpaintOptions& options,
                      const uint8_t* pixels) {
  if (width == 0 || height == 0 || mask == nullptr || pixels == nullptr) {
    return Status::Error(StatusCode::kInvalidArgument, "inpainting needs an image and a mask (%ux%u)", width, height);
  }
  if (options.sweeps > kMaxSweeps) {
    return Status::Error(StatusCode::kInvalidArgument, "%u sweeps: use 0 to %u", options.sweeps, kMaxSweeps);
  }
  if (options.candidates == 0 || options.candidates > kMaxCandidates) {
    return Status::Error(StatusCode::kInvalidArgument, "%u initial fills: use 1 to %u", options.candidates, kMaxCandidates);
  }
  return Status();
}

}  // namespace

Status Inpaint(const engine::EngineModel& model, uint32_t width, uint32_t height, const uint8_t* mask,
               const InpaintOptions& options, uint8_t* pixels, InpaintResult* result) {
  RIDE_RETURN_IF_ERROR(CheckArguments(width, height, mask, options, pixels));
  RIDE_RETURN_IF_ERROR(model.Check());
  if (model.channels != 1) {
    return Status::Error(StatusCode::kUnsupported, "inpainting with a colour model (%zu channels) is not supported yet",
                         model.channels);
  }
  InpaintResult summary;
  const std::size_t count = std::size_t{width} * height;
  for (std::size_t i = 0; i < count; ++i) summary.masked += mask[i] != 0 ? 1 : 0;
  if (summary.masked == 0) {
    if (result != nullptr) *result = summary;
    return Status();
  }

  // 1. The best of `candidates` ancestral fills.
  const CounterRng root(options.seed);
  std::unique_ptr<uint8_t[]> best, candidate, work_mask;
  RIDE_RETURN_IF_ERROR(Allocate(count, &best));
  RIDE_RETURN_IF_ERROR(Allocate(count, &candidate));
  RIDE_RETURN_IF_ERROR(Allocate(count, &work_mask));
  for (uint32_t k = 0; k < options.candidates; ++k) {
    std::memcpy(candidate.get(), pixels, count);
    DrawRequest request;
    request.width = width;
    request.height = height;
    request.pixels = candidate.get();
    request.mask = mask;
    request.rng = root.Child(kInitialFillTag).Child(k);
    request.threads = options.threads;
    DrawResult drawn;
    RIDE_RETURN_IF_ERROR(DrawPixels(model, request, &drawn));
    if (options.observer != nullptr) options.observer->InitialFill(k + 1, options.candidates, drawn.bits);
    if (k == 0 || drawn.bits < summary.initial_bits) {
      std::swap(best, candidate);
      summary.initial_bits = drawn.bits;
      summary.best_candidate = k + 1;
    }
  }
  candidate.reset();

  // 2–3. Sweeps of block proposals, flipped at random between sweeps.
  std::memcpy(work_mask.get(), mask, count);
  Canvas canvas(width, height, best.get(), work_mask.get());
  std::unique_ptr<BlockSampler> sampler(new (std::nothrow) BlockSampler(model));
  if (sampler == nullptr) return Status::Error(StatusCode::kResourceExhausted, "cannot allocate the block sampler");
  for (uint32_t sweep = 0; sweep < options.sweeps; ++sweep) {
    const CounterRng rng = root.Child(kSweepTag).Child(sweep);
    if (sweep > 0) {
      canvas.Orient(rng.Below(kFlipHorizontalCounter, 2) != 0, rng.Below(kFlipVerticalCounter, 2) != 0);
    }
    const std::vector<Block> blocks = SweepBlocks(canvas, rng);
    SweepReport report;
    report.sweep = sweep + 1;
    report.sweeps = options.sweeps;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      bool accepted = false;
      RIDE_RETURN_IF_ERROR(sampler->Step(&canvas, blocks[b], rng.Child(kFirstBlockTag + b), &accepted));
      ++report.proposals;
      report.accepted += accepted ? 1 : 0;
    }
    summary.proposals += report.proposals;
    summary.accepted += report.accepted;
    if (options.observer != nullptr) options.observer->SweepDone(report);
  }
  canvas.Orient(false, false);

  // Only masked pixels are copied out: the others are never written, whatever happened above.
  for (std::size_t i = 0; i < count; ++i) {
    if (mask[i] != 0) pixels[i] = best[i];
  }
  if (result != nullptr) *result = summary;
  return Status();
}

}  // namespace ride::generate
