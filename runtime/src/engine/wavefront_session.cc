#include "runtime/src/engine/wavefront_session.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <thread>

#include "runtime/src/kernels/kernel_table.h"

namespace ride::engine {
namespace {

constexpr uint32_t kMaxWidth = uint32_t{1} << 24;
constexpr uint32_t kMaxRowsPerBand = 1024;
constexpr uint32_t kMaxWorkers = 256;

// a * b, or false when it does not fit.
bool Multiply(std::size_t a, std::size_t b, std::size_t* out) {
  if (a != 0 && b > SIZE_MAX / a) return false;
  *out = a * b;
  return true;
}

}  // namespace

Status WavefrontSession::Init(const EngineModel* model, uint32_t width, uint32_t rows_per_band,
                              const kernels::KernelTable* kernels, uint32_t workers) {
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
  kernels_ = kernels != nullptr ? *kernels : kernels::GetKernelTable();
  width_ = width;
  rows_per_band_ = rows_per_band;
  workers_ = workers;
  next_row_ = 0;
  half_width_ = model->window.HalfWidth();
  lag_ = static_cast<uint32_t>(half_width_) + 1;
  inputs_ = model->window.Inputs();
  pixel_stride_ = width + 2 * half_width_;
  // T bands in flight: a row's slot is reused only once every band that reads it is done.
  const std::size_t rows_in_flight = std::size_t{rows_per_band} * workers;
  pixel_ring_rows_ = rows_in_flight + model->window.height - 1;
  state_ring_rows_ = rows_in_flight + 1;

  const McgsmHead& head = model->head;
  std::size_t max_hidden = 1;
  max_recurrent_inputs_ = head.inputs + inputs_;  // the head's [z; n]
  max_gates_ = 1;
  layer_offset_.reset(new (std::nothrow) std::size_t[model->layers.size() + 1]);
  active_.reset(new (std::nothrow) Active[rows_in_flight]);
  layer_pixels_.reset(new (std::nothrow) SlstmPixel[rows_in_flight]);
  head_inputs_.reset(new (std::nothrow) const float*[rows_in_flight]);
  scratch_.reset(new (std::nothrow) Scratch[workers]);
  progress_.reset(new (std::nothrow) std::atomic<uint64_t>[workers]);
  if (!layer_offset_ || !active_ || !layer_pixels_ || !head_inputs_ || !scratch_ || !progress_) {
    return Status::Error(StatusCode::kResourceExhausted, "session: out of memory");
  }
  for (uint32_t w = 0; w < workers; ++w) progress_[w].store(0, std::memory_order_relaxed);
  aborted_.store(false, std::memory_order_relaxed);
  std::size_t states = 0;
  for (std::size_t l = 0; l < model->layers.size(); ++l) {
    const SlstmLayer& layer = model->layers[l];
    max_hidden = std::max(max_hidden, layer.hidden);
    max_recurrent_inputs_ = std::max(max_recurrent_inputs_, layer.RecurrentInputs());
    max_gates_ = std::max(max_gates_, 5 * layer.hidden);
    layer_offset_[l] = states;
    std::size_t layer_states = 0;
    if (!Multiply(state_ring_rows_ * 2 * layer.hidden, width, &layer_states)) {
      return Status::Error(StatusCode::kResourceExhausted, "session: state of layer %zu overflows", l);
    }
    states += layer_states;
  }
  const std::size_t cs = head.components * head.scales;
  const std::size_t r = rows_per_band;
  const std::size_t shared_sizes[] = {pixel_ring_rows_ * pixel_stride_, pixel_stride_, max_hidden, states};
  float** shared_targets[] = {&pixels_, &padding_row_, &zeros_, &states_};
  const std::size_t scratch_sizes[] = {r * inputs_, r * max_recurrent_inputs_, r * max_gates_, max_hidden,
                                       r * head.features, r * head.components, r * head.components, r * cs, r * cs,
                                       r, r, r, cs, cs + kCodedTermPadding, cs + kCodedTermPadding,
                                       cs + kCodedTermPadding, cs + kCodedTermPadding};
  arena_floats_ = 0;
  for (std::size_t size : shared_sizes) arena_floats_ += size;
  std::size_t scratch_floats = 0;
  for (std::size_t size : scratch_sizes) scratch_floats += size;
  std::size_t all_scratch = 0;
  if (!Multiply(scratch_floats, workers, &all_scratch) || all_scratch > SIZE_MAX / sizeof(float) - arena_floats_) {
    return Status::Error(StatusCode::kResourceExhausted, "session: arena size overflows");
  }
  arena_floats_ += all_scratch;
  arena_.reset(new (std::nothrow) float[arena_floats_]);
  if (!arena_) {
    return Status::Error(StatusCode::kResourceExhausted, "session: cannot allocate %zu bytes", arena_bytes());
  }
  float* cursor = arena_.get();
  for (std::size_t k = 0; k < sizeof(shared_sizes) / sizeof(shared_sizes[0]); ++k) {
    *shared_targets[k] = cursor;
    cursor += shared_sizes[k];
  }
  for (uint32_t w = 0; w < workers; ++w) {
    Scratch& s = scratch_[w];
    s.layer.input_stride = max_recurrent_inputs_;
    s.layer.gate_stride = max_gates_;
    s.head.input_stride = max_recurrent_inputs_;
    float** targets[] = {&s.neighbourhood,    &s.layer.inputs,        &s.layer.gates,      &s.layer.cell_output,
                         &s.head.features,    &s.head.energy,         &s.head.means,       &s.head.log_weight,
                         &s.head.weight,      &s.head.sums,           &s.head.log_sums,    &s.head.expected,
                         &s.mixture.mean,     &s.mixture.coded_weight, &s.mixture.coded_mean,
                         &s.mixture.coded_inv_std, &s.mixture.terms};
    static_assert(sizeof(targets) / sizeof(targets[0]) == sizeof(scratch_sizes) / sizeof(scratch_sizes[0]));
    for (std::size_t k = 0; k < sizeof(scratch_sizes) / sizeof(scratch_sizes[0]); ++k) {
      *targets[k] = cursor;
      cursor += scratch_sizes[k];
    }
    s.head.inputs = s.layer.inputs;
    s.active = active_.get() + std::size_t{w} * rows_per_band;
    s.layer_pixels = layer_pixels_.get() + std::size_t{w} * rows_per_band;
    s.head_inputs = head_inputs_.get() + std::size_t{w} * rows_per_band;
  }
  std::fill(arena_.get(), arena_.get() + arena_floats_, 0.0f);
  std::fill(pixels_, pixels_ + pixel_ring_rows_ * pixel_stride_, model->padding);
  std::fill(padding_row_, padding_row_ + pixel_stride_, model->padding);
  return Status::Ok();
}

float* WavefrontSession::PixelRow(int64_t row) {
  float* base = row < 0 ? padding_row_ : pixels_ + static_cast<std::size_t>(row % pixel_ring_rows_) * pixel_stride_;
  return base + half_width_;
}

float* WavefrontSession::StateRow(std::size_t layer, int64_t row, bool cell) {
  if (row < 0) return nullptr;
  const std::size_t plane = width_ * model_->layers[layer].hidden;
  return states_ + layer_offset_[layer] + static_cast<std::size_t>(row % state_ring_rows_) * 2 * plane +
         (cell ? plane : 0);
}

void WavefrontSession::GatherNeighbourhood(const Active& a, float* out) {
  const int64_t hw = static_cast<int64_t>(half_width_);
  const int64_t j = a.column;
  std::size_t k = 0;
  for (int64_t dy = static_cast<int64_t>(model_->window.height) - 1; dy >= 1; --dy) {
    const float* row = PixelRow(static_cast<int64_t>(a.row) - dy);
    for (int64_t dx = -hw; dx <= hw; ++dx) out[k++] = row[j + dx];
  }
  const float* row = PixelRow(a.row);
  for (int64_t dx = -hw; dx < 0; ++dx) out[k++] = row[j + dx];
}

void WavefrontSession::PrepareLayer(Scratch& s, std::size_t l, std::size_t batch) {
  const SlstmLayer& layer = model_->layers[l];
  const std::size_t hidden = layer.hidden;
  for (std::size_t b = 0; b < batch; ++b) {
    const Active& a = s.active[b];
    const int64_t row = a.row;
    SlstmPixel& p = s.layer_pixels[b];
    p.input = l == 0 ? s.neighbourhood + b * inputs_ : StateRow(l - 1, row, false) + a.column * layer.inputs;
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
  const McgsmHead& head = model_->head;
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
    for (std::size_t b = 0; b < batch; ++b) GatherNeighbourhood(s.active[b], s.neighbourhood + b * inputs_);
    for (std::size_t l = 0; l < top; ++l) {
      PrepareLayer(s, l, batch);
      RunSlstmLayer(model_->layers[l], s.layer_pixels, batch, s.layer, kernels_);
    }
    for (std::size_t b = 0; b < batch; ++b) {
      const Active& a = s.active[b];
      s.head_inputs[b] = top == 0 ? s.neighbourhood + b * inputs_ : StateRow(top - 1, a.row, false) + a.column * head.inputs;
    }
    RunMcgsmHead(head, s.head_inputs, s.neighbourhood, inputs_, batch, s.head, kernels_);
    for (std::size_t b = 0; b < batch; ++b) {
      BuildPixelDistribution(McgsmPixelMixture(head, s.head, b), s.mixture, &kernels_, &distribution);
      const Active& a = s.active[b];
      const uint8_t value = visitor->Visit(a.row, a.column, distribution);
      PixelRow(a.row)[a.column] = (static_cast<float>(value) + 0.5f) * (1.0f / 256.0f);
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
