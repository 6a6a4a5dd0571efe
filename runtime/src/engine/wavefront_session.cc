#include "runtime/src/engine/wavefront_session.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <thread>

#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine {
namespace {

constexpr uint32_t kMaxWidth = uint32_t{1} << 24;
constexpr uint32_t kMaxRowsPerBand = 1024;
constexpr uint32_t kMaxWorkers = 256;

}  // namespace

Status WavefrontSession::Plan(const EngineModel* model, uint32_t width, uint32_t rows_per_band, uint32_t workers) {
  RIDE_RETURN_IF_ERROR(model->Check());
  if (width == 0 || width > kMaxWidth) {
    return Status::Error(StatusCode::kResourceExhausted, "session: width %u outside 1..%u", width, kMaxWidth);
  }
  if (rows_per_band == 0 || rows_per_band > kMaxRowsPerBand) {
    return Status::Error(StatusCode::kInvalidArgument, "session: %u rows per band outside 1..%u", rows_per_band,
                         kMaxRowsPerBand);
  }
  if (workers == 0 || workers > kMaxWorkers) {
    return Status::Error(StatusCode::kInvalidArgument, "session: %u workers outside 1..%u", workers, kMaxWorkers);
  }
  model_ = model;
  width_ = width;
  rows_per_band_ = rows_per_band;
  workers_ = workers;
  half_width_ = model->window.HalfWidth();
  lag_ = static_cast<uint32_t>(half_width_) + 1;
  channels_ = model->channels;
  inputs_ = model->NeighbourhoodInputs();
  neighbourhood_stride_ = inputs_ + channels_ - 1;  // then the pixel's earlier channels
  pixel_stride_ = width + 2 * half_width_;
  // T bands in flight: a row's slot is reused only once every band that reads it is done.
  const std::size_t rows_in_flight = std::size_t{rows_per_band} * workers;
  pixel_ring_rows_ = rows_in_flight + model->window.height - 1;
  state_ring_rows_ = rows_in_flight + 1;
  max_hidden_ = 1;
  max_recurrent_inputs_ = 0;
  max_features_ = max_components_ = max_terms_ = 0;
  for (std::size_t c = 0; c < channels_; ++c) {
    const McgsmHead& head = model->Head(c);
    max_recurrent_inputs_ = std::max(max_recurrent_inputs_, head.inputs + inputs_);  // the head's [z; n]
    max_features_ = std::max(max_features_, head.features);
    max_components_ = std::max(max_components_, head.components);
    max_terms_ = std::max(max_terms_, head.components * head.scales);
  }
  max_gates_ = 1;
  for (const SlstmLayer& layer : model->layers) {
    max_hidden_ = std::max(max_hidden_, layer.hidden);
    max_recurrent_inputs_ = std::max(max_recurrent_inputs_, layer.RecurrentInputs());
    max_gates_ = std::max(max_gates_, 5 * layer.hidden);
  }
  return Status::Ok();
}

void WavefrontSession::LayOut(ArenaLayout* arena) {
  using P = ArenaLayout;
  const std::size_t r = rows_per_band_;
  const std::size_t cs = max_terms_;
  pixels_ = arena->Take<float>(P::Product(P::Product(pixel_ring_rows_, channels_), pixel_stride_));
  padding_row_ = arena->Take<float>(pixel_stride_);
  zeros_ = arena->Take<float>(max_hidden_);
  layer_states_ = arena->Take<float*>(model_->layers.size());
  for (std::size_t l = 0; l < model_->layers.size(); ++l) {
    const std::size_t plane = P::Product(width_, model_->layers[l].hidden);
    float* states = arena->Take<float>(P::Product(P::Product(state_ring_rows_, 2), plane));
    if (layer_states_ != nullptr) layer_states_[l] = states;
  }
  progress_ = arena->Take<std::atomic<uint64_t>>(workers_);
  scratch_ = arena->Take<Scratch>(workers_);
  for (uint32_t w = 0; w < workers_; ++w) {
    Scratch s;
    s.active = arena->Take<Active>(r);
    s.neighbourhood = arena->Take<float>(P::Product(r, neighbourhood_stride_));
    s.layer_pixels = arena->Take<SlstmPixel>(r);
    s.head_inputs = arena->Take<const float*>(r);
    s.layer.inputs = arena->Take<float>(P::Product(r, max_recurrent_inputs_));
    s.layer.input_stride = max_recurrent_inputs_;
    s.layer.gates = arena->Take<float>(P::Product(r, max_gates_));
    s.layer.gate_stride = max_gates_;
    s.layer.cell_output = arena->Take<float>(max_hidden_);
    s.head.inputs = s.layer.inputs;  // the layers are done with it when the head gathers
    s.head.input_stride = max_recurrent_inputs_;
    s.head.features = arena->Take<float>(P::Product(r, max_features_));
    s.head.energy = arena->Take<float>(P::Product(r, max_components_));
    s.head.means = arena->Take<float>(P::Product(r, max_components_));
    s.head.log_weight = arena->Take<float>(P::Product(r, cs));
    s.head.weight = arena->Take<float>(P::Product(r, cs));
    s.head.sums = arena->Take<float>(r);
    s.head.log_sums = arena->Take<float>(r);
    s.head.expected = arena->Take<float>(r);
    s.mixture.mean = arena->Take<float>(cs);
    s.mixture.coded_weight = arena->Take<float>(cs + kCodedTermPadding);
    s.mixture.coded_mean = arena->Take<float>(cs + kCodedTermPadding);
    s.mixture.coded_inv_std = arena->Take<float>(cs + kCodedTermPadding);
    s.mixture.terms = arena->Take<float>(cs + kCodedTermPadding);
    if (scratch_ != nullptr) scratch_[w] = s;
  }
}

std::size_t WavefrontSession::MemoryNeeded(const EngineModel& model, uint32_t width, uint32_t rows_per_band,
                                           uint32_t workers) {
  WavefrontSession plan;
  if (!plan.Plan(&model, width, rows_per_band, workers).ok()) return 0;
  ArenaLayout measure;
  plan.LayOut(&measure);
  return measure.bytes();
}

Status WavefrontSession::Init(const EngineModel* model, uint32_t width, uint32_t rows_per_band,
                              const kernels::KernelTable* kernels, uint32_t workers, void* memory,
                              std::size_t memory_bytes) {
  owned_block_.reset();
  arena_bytes_ = 0;
  Status status = Plan(model, width, rows_per_band, workers);
  if (status.ok()) status = PlaceBlock(memory, memory_bytes);
  if (!status.ok()) {
    model_ = nullptr;  // unusable until an Init succeeds
    return status;
  }
  kernels_ = kernels != nullptr ? *kernels : kernels::GetKernelTable();
  next_row_ = 0;
  aborted_.store(false, std::memory_order_relaxed);
  std::fill(pixels_, pixels_ + pixel_ring_rows_ * channels_ * pixel_stride_, model->padding);
  std::fill(padding_row_, padding_row_ + pixel_stride_, model->padding);
  return Status::Ok();
}

Status WavefrontSession::PlaceBlock(void* memory, std::size_t memory_bytes) {
  ArenaLayout measure;
  LayOut(&measure);
  if (measure.overflowed()) return Status::Error(StatusCode::kResourceExhausted, "session: memory size overflows");
  const std::size_t needed = measure.bytes();
  void* block = memory;
  if (memory != nullptr) {
    if (reinterpret_cast<std::uintptr_t>(memory) % ArenaLayout::kAlignment != 0) {
      return Status::Error(StatusCode::kInvalidArgument, "session: caller memory at %p is not aligned to %zu bytes",
                           memory, ArenaLayout::kAlignment);
    }
    if (memory_bytes < needed) {
      return Status::Error(StatusCode::kBufferTooSmall, "session: caller memory holds %zu bytes, the session needs %zu",
                           memory_bytes, needed);
    }
  } else {
    owned_block_.reset(::operator new(needed, std::align_val_t{ArenaLayout::kAlignment}, std::nothrow));
    if (owned_block_ == nullptr) {
      return Status::Error(StatusCode::kResourceExhausted, "session: cannot allocate %zu bytes", needed);
    }
    block = owned_block_.get();
  }
  ArenaLayout place(block);
  LayOut(&place);
  arena_bytes_ = needed;
  return Status::Ok();
}

float* WavefrontSession::PixelRow(int64_t row, std::size_t channel) {
  if (row < 0) return padding_row_ + half_width_;
  const std::size_t slot = static_cast<std::size_t>(row % pixel_ring_rows_) * channels_ + channel;
  return pixels_ + slot * pixel_stride_ + half_width_;
}

float* WavefrontSession::StateRow(std::size_t layer, int64_t row, bool cell) {
  if (row < 0) return nullptr;
  const std::size_t plane = width_ * model_->layers[layer].hidden;
  return layer_states_[layer] + static_cast<std::size_t>(row % state_ring_rows_) * 2 * plane + (cell ? plane : 0);
}

void WavefrontSession::GatherNeighbourhood(const Active& a, float* out) {
  const int64_t hw = static_cast<int64_t>(half_width_);
  const int64_t j = a.column;
  std::size_t k = 0;
  for (std::size_t channel = 0; channel < channels_; ++channel) {
    for (int64_t dy = static_cast<int64_t>(model_->window.height) - 1; dy >= 1; --dy) {
      const float* row = PixelRow(static_cast<int64_t>(a.row) - dy, channel);
      for (int64_t dx = -hw; dx <= hw; ++dx) out[k++] = row[j + dx];
    }
    const float* row = PixelRow(a.row, channel);
    for (int64_t dx = -hw; dx < 0; ++dx) out[k++] = row[j + dx];
  }
}

void WavefrontSession::PrepareLayer(Scratch& s, std::size_t l, std::size_t batch) {
  const SlstmLayer& layer = model_->layers[l];
  const std::size_t hidden = layer.hidden;
  for (std::size_t b = 0; b < batch; ++b) {
    const Active& a = s.active[b];
    const int64_t row = a.row;
    SlstmPixel& p = s.layer_pixels[b];
    p.input = l == 0 ? s.neighbourhood + b * neighbourhood_stride_ : StateRow(l - 1, row, false) + a.column * layer.inputs;
    p.h_left = a.column > 0 ? StateRow(l, row, false) + (a.column - 1) * hidden : zeros_;
    p.h_top = a.row > 0 ? StateRow(l, row - 1, false) + a.column * hidden : zeros_;
    p.c_left = a.column > 0 ? StateRow(l, row, true) + (a.column - 1) * hidden : zeros_;
    p.c_top = a.row > 0 ? StateRow(l, row - 1, true) + a.column * hidden : zeros_;
    p.h = StateRow(l, row, false) + a.column * hidden;
    p.c = StateRow(l, row, true) + a.column * hidden;
  }
}

Status WavefrontSession::ProcessBand(uint32_t first_row, uint32_t count, PixelVisitor* visitor) {
  if (model_ == nullptr) return Status::Error(StatusCode::kInternal, "session: ProcessBand before Init");
  if (first_row != next_row_ || count == 0 || count > rows_per_band_) {
    return Status::Error(StatusCode::kInternal, "session: band of %u rows at row %u (expected row %u, at most %u rows)",
                         count, first_row, next_row_, rows_per_band_);
  }
  RunBand(0, -1, first_row, count, visitor);
  next_row_ = first_row + count;
  return Status::Ok();
}

Status WavefrontSession::ProcessParallelBand(uint32_t band, uint32_t count, PixelVisitor* visitor) {
  if (model_ == nullptr) return Status::Error(StatusCode::kInternal, "session: ProcessParallelBand before Init");
  if (count == 0 || count > rows_per_band_ || uint64_t{band} * rows_per_band_ + count > (uint64_t{1} << 32)) {
    return Status::Error(StatusCode::kInternal, "session: band %u of %u rows", band, count);
  }
  RunBand(band % workers_, band, band * rows_per_band_, count, visitor);
  if (aborted_.load(std::memory_order_acquire)) return Status::Error(StatusCode::kInternal, "session: aborted");
  return Status::Ok();
}

bool WavefrontSession::WaitForColumns(int64_t band, uint32_t columns) {
  // Band `band` on its worker has done `columns` columns of its last row once the worker's counter
  // reaches this; the counter only grows, and a later band on that worker means this one is done.
  const uint64_t target = static_cast<uint64_t>(band) * (uint64_t{width_} + 1) + columns;
  std::atomic<uint64_t>& progress = progress_[static_cast<std::size_t>(band) % workers_];
  for (unsigned spins = 0; progress.load(std::memory_order_acquire) < target; ++spins) {
    if (aborted_.load(std::memory_order_relaxed)) return false;
    if (spins >= 64) std::this_thread::yield();
  }
  return true;
}

void WavefrontSession::RunBand(uint32_t w, int64_t band, uint32_t first_row, uint32_t count, PixelVisitor* visitor) {
  Scratch& s = scratch_[w];
  PixelDistribution distribution;
  const std::size_t top = model_->layers.size();
  const bool parallel = band >= 0 && workers_ > 1;
  const uint64_t band_base = band >= 0 ? static_cast<uint64_t>(band) * (uint64_t{width_} + 1) : 0;

  const uint64_t steps = uint64_t{width_} + uint64_t{count - 1} * lag_;
  for (uint64_t t = 0; t < steps; ++t) {
    std::size_t batch = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const int64_t column = static_cast<int64_t>(t) - int64_t{i} * lag_;
      if (column < 0) break;  // later rows start later still
      if (column >= width_) continue;
      s.active[batch++] = Active{first_row + i, static_cast<uint32_t>(column)};
    }
    // The band's first row reads the row above up to `lag` columns ahead.
    if (parallel && band > 0 && t < width_ &&
        !WaitForColumns(band - 1, static_cast<uint32_t>(std::min<uint64_t>(width_, t + lag_)))) {
      return;
    }
    for (std::size_t b = 0; b < batch; ++b) GatherNeighbourhood(s.active[b], s.neighbourhood + b * neighbourhood_stride_);
    for (std::size_t l = 0; l < top; ++l) {
      PrepareLayer(s, l, batch);
      RunSlstmLayer(model_->layers[l], s.layer_pixels, batch, s.layer, kernels_);
    }
    for (std::size_t b = 0; b < batch; ++b) {
      const Active& a = s.active[b];
      s.head_inputs[b] = top == 0 ? s.neighbourhood + b * neighbourhood_stride_
                                  : StateRow(top - 1, a.row, false) + a.column * model_->head.inputs;
    }
    // A colour pixel's channels in order: channel c's head reads the earlier channels' values,
    // appended to each pixel's neighbourhood (colour models have no layers, so z is n there).
    for (std::size_t channel = 0; channel < channels_; ++channel) {
      const McgsmHead& head = model_->Head(channel);
      RunMcgsmHead(head, s.head_inputs, s.neighbourhood, inputs_, neighbourhood_stride_, batch, s.head, kernels_);
      for (std::size_t b = 0; b < batch; ++b) {
        BuildPixelDistribution(McgsmPixelMixture(head, s.head, b), s.mixture, &kernels_, &distribution);
        const Active& a = s.active[b];
        const uint8_t value = visitor->Visit(a.row, a.column, static_cast<uint32_t>(channel), distribution);
        const float x = (static_cast<float>(value) + 0.5f) * (1.0f / 256.0f);
        PixelRow(a.row, channel)[a.column] = x;
        if (channel + 1 < channels_) s.neighbourhood[b * neighbourhood_stride_ + inputs_ + channel] = x;
      }
    }
    if (parallel) {
      const int64_t last_column = static_cast<int64_t>(t) - int64_t{count - 1} * lag_;
      if (last_column >= 0 && last_column < width_) {
        progress_[w].store(band_base + static_cast<uint64_t>(last_column) + 1, std::memory_order_release);
      }
    }
  }
  if (parallel) progress_[w].store(band_base + width_, std::memory_order_release);
}

}  // namespace ride::engine
