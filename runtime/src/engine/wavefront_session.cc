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

// The mixture weights of a batch of pixels, everything BuildDistribution needs except the
// per-pixel compaction. Per pixel, with terms i = c·S + s in order:
//   logit_i = gate_bias_i − gate_scale_i · energy_c, best = the maximum logit (see below),
//   e_i = exp(logit_i − best), sum = Σ e_i in order, weight_i = e_i · (1 / sum),
//   log_weight_i = (logit_i − best) − log(sum), expected = Σ weight_i · mean_c over the coded terms
//   (weight_i >= kMinCodedWeight), in order.
// The element-wise steps are plain loops the compiler vectorises; the in-order sums of different
// pixels are independent, so they run interleaved (pixel by pixel within each term), which keeps
// each pixel's order and hides the latency of the additions. weight holds batch × count floats and
// then, from batch_stride × count on, three arrays of batch_stride floats: the sums, their logs and
// the expected values (read by BuildDistribution).
void PrepareMixtures(const McgsmHead& head, std::size_t batch, std::size_t batch_stride, const float* energy,
                     const float* means, float* log_weight, float* weight, const kernels::KernelTable& kernels) {
  const std::size_t components = head.components;
  const std::size_t scales = head.scales;
  const std::size_t count = components * scales;
  const float* gate_bias = head.gate_bias.data();
  const float* gate_scale = head.gate_scale.data();
  float* sums = weight + batch_stride * count;
  float* log_sums = sums + batch_stride;
  float* expected = log_sums + batch_stride;
  for (std::size_t b = 0; b < batch; ++b) {
    float* lw = log_weight + b * count;
    float* w = weight + b * count;  // free until the exp below: each term's energy
    for (std::size_t c = 0; c < components; ++c) {
      const float e = energy[b * components + c];
      float* wc = w + c * scales;
      for (std::size_t k = 0; k < scales; ++k) wc[k] = e;
    }
    for (std::size_t i = 0; i < count; ++i) lw[i] = gate_bias[i] - gate_scale[i] * w[i];
    // The maximum is specified as the sequential rule best = logit > best ? logit : best from
    // −inf: the first logit that is greater than all earlier ones; NaNs never win (−inf if all
    // are NaN). Eight interleaved partial maxima under the same rule, combined in lane order, give
    // the same value: each partial is the first maximum of its subsequence, and floats that compare
    // equal have the same bits unless they are zeros of opposite sign. So only a maximum of ±0 may
    // differ in sign from the sequential rule, and then the first zero in term order is taken.
    float partial[8] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY};
    std::size_t i = 0;
    for (; i + 8 <= count; i += 8) {
      for (std::size_t k = 0; k < 8; ++k) partial[k] = lw[i + k] > partial[k] ? lw[i + k] : partial[k];
    }
    for (; i < count; ++i) partial[0] = lw[i] > partial[0] ? lw[i] : partial[0];
    float best = -INFINITY;
    for (float candidate : partial) best = candidate > best ? candidate : best;
    if (best == 0.0f) {
      for (i = 0; lw[i] != 0.0f; ++i) {
      }
      best = lw[i];
    }
    for (i = 0; i < count; ++i) lw[i] -= best;
  }
  kernels.exp_f32(log_weight, weight, batch * count);
  // Eight pixels at a time, each pixel's sum in a register of its own, adding in term order.
  for (std::size_t b0 = 0; b0 < batch; b0 += 8) {
    const std::size_t pixels = std::min<std::size_t>(8, batch - b0);
    const float* w = weight + b0 * count;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t k = 0; k < 8; ++k) {
        if (k < pixels) acc[k] += w[k * count + i];
      }
    }
    for (std::size_t k = 0; k < pixels; ++k) sums[b0 + k] = acc[k];
  }
  kernels.log_f32(sums, log_sums, batch);
  for (std::size_t b = 0; b < batch; ++b) {
    float* lw = log_weight + b * count;
    float* w = weight + b * count;
    const float inverse_sum = 1.0f / sums[b];
    const float log_sum = log_sums[b];
    for (std::size_t i = 0; i < count; ++i) {
      w[i] *= inverse_sum;
      lw[i] -= log_sum;
    }
  }
  // Terms below kMinCodedWeight add +0 instead of being skipped: the same bits, as the sum starts
  // at +0 and so is never −0 (x + 0 = x for every other x, NaN payloads included).
  for (std::size_t b0 = 0; b0 < batch; b0 += 8) {
    const std::size_t pixels = std::min<std::size_t>(8, batch - b0);
    const float* w = weight + b0 * count;
    const float* m = means + b0 * components;
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t c = 0, i = 0; c < components; ++c) {
      for (std::size_t j = 0; j < scales; ++j, ++i) {
        for (std::size_t k = 0; k < 8; ++k) {
          if (k < pixels) {
            const float wk = w[k * count + i];
            const float product = wk * m[k * components + c];
            acc[k] += wk >= kMinCodedWeight ? product : 0.0f;
          }
        }
      }
    }
    for (std::size_t k = 0; k < pixels; ++k) expected[b0 + k] = acc[k];
  }
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
  scratch_.reset(new (std::nothrow) Scratch[workers]);
  progress_.reset(new (std::nothrow) std::atomic<uint64_t>[workers]);
  if (!layer_offset_ || !active_ || !scratch_ || !progress_) {
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
  // mix_weight and mix_log_weight hold the whole batch (PrepareMixtures); mix_weight also the
  // batch's sums, their logs and the expected values.
  const std::size_t scratch_sizes[] = {r * inputs_, r * max_recurrent_inputs_, r * max_gates_, r * head.features,
                                       r * head.components, r * head.components, r * cs + 3 * r, r * cs, cs,
                                       cs + 7, cs + 7, cs + 7, cs + 7, max_hidden};
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
    float** targets[] = {&s.neighbourhood, &s.inputs,         &s.gates,    &s.features,
                         &s.energy,        &s.means,          &s.mix_weight, &s.mix_log_weight,
                         &s.mix_mean,      &s.coded_weight,   &s.coded_mean, &s.coded_inv_std,
                         &s.terms,         &s.cell_output};
    for (std::size_t k = 0; k < sizeof(scratch_sizes) / sizeof(scratch_sizes[0]); ++k) {
      *targets[k] = cursor;
      cursor += scratch_sizes[k];
    }
    s.active = active_.get() + std::size_t{w} * rows_per_band;
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

void WavefrontSession::RunLayer(Scratch& s, std::size_t l, std::size_t batch) {
  const SlstmLayer& layer = model_->layers[l];
  const std::size_t hidden = layer.hidden;
  const std::size_t bytes = hidden * sizeof(float);
  for (std::size_t b = 0; b < batch; ++b) {
    const Active& a = s.active[b];
    float* x = s.inputs + b * max_recurrent_inputs_;
    if (l == 0) {
      std::memcpy(x, s.neighbourhood + b * inputs_, inputs_ * sizeof(float));
    } else {
      std::memcpy(x, StateRow(l - 1, a.row, false) + a.column * layer.inputs, layer.inputs * sizeof(float));
    }
    x += layer.inputs;
    const float* h_left = a.column > 0 ? StateRow(l, a.row, false) + (a.column - 1) * hidden : zeros_;
    const float* h_top = a.row > 0 ? StateRow(l, int64_t{a.row} - 1, false) + a.column * hidden : zeros_;
    std::memcpy(x, h_left, bytes);
    std::memcpy(x + hidden, h_top, bytes);
    if (layer.extended) {
      const float* c_left = a.column > 0 ? StateRow(l, a.row, true) + (a.column - 1) * hidden : zeros_;
      const float* c_top = a.row > 0 ? StateRow(l, int64_t{a.row} - 1, true) + a.column * hidden : zeros_;
      std::memcpy(x + 2 * hidden, c_left, bytes);
      std::memcpy(x + 3 * hidden, c_top, bytes);
    }
  }
  kernels_.f32_gemm(kernels::F32GemmArgs{batch, layer.RecurrentInputs(), 5 * hidden, s.inputs, max_recurrent_inputs_,
                             layer.weights.data(), layer.bias.data(), s.gates, max_gates_});
  for (std::size_t b = 0; b < batch; ++b) {
    const Active& a = s.active[b];
    float* p = s.gates + b * max_gates_;
    kernels_.tanh_f32(p, p, hidden);                   // g
    kernels_.sigmoid_f32(p + hidden, p + hidden, 4 * hidden);  // i, o, f_left, f_top
    const float* c_left = a.column > 0 ? StateRow(l, a.row, true) + (a.column - 1) * hidden : zeros_;
    const float* c_top = a.row > 0 ? StateRow(l, int64_t{a.row} - 1, true) + a.column * hidden : zeros_;
    float* h = StateRow(l, a.row, false) + a.column * hidden;
    float* c = StateRow(l, a.row, true) + a.column * hidden;
    // Plain products and sums in a fixed order: the same bits on every target, vectorised or not.
    for (std::size_t u = 0; u < hidden; ++u) {
      const float cell = (p[u] * p[hidden + u] + c_left[u] * p[3 * hidden + u]) + c_top[u] * p[4 * hidden + u];
      c[u] = cell;
      s.cell_output[u] = cell * p[2 * hidden + u];
    }
    kernels_.tanh_f32(s.cell_output, h, hidden);       // h = tanh(c ⊙ o)
  }
}

void WavefrontSession::RunHead(Scratch& s, std::size_t batch) {
  const McgsmHead& head = model_->head;
  const std::size_t z = head.inputs;
  for (std::size_t b = 0; b < batch; ++b) {
    const Active& a = s.active[b];
    float* x = s.inputs + b * max_recurrent_inputs_;
    const float* n = s.neighbourhood + b * inputs_;
    if (model_->layers.empty()) {
      std::memcpy(x, n, inputs_ * sizeof(float));
    } else {
      std::memcpy(x, StateRow(model_->layers.size() - 1, a.row, false) + a.column * z, z * sizeof(float));
    }
    if (head.predictors_see_neighbourhood) std::memcpy(x + z, n, inputs_ * sizeof(float));
  }
  kernels_.f32_gemm(kernels::F32GemmArgs{batch, z, head.features, s.inputs, max_recurrent_inputs_,
                             head.feature_weights.data(), head.feature_bias.data(), s.features, head.features});
  for (std::size_t k = 0; k < batch * head.features; ++k) s.features[k] *= s.features[k];
  kernels_.f32_gemm(kernels::F32GemmArgs{batch, head.features, head.components, s.features, head.features,
                             head.feature_weights_squared.data(), nullptr, s.energy, head.components});
  const std::size_t predictor_inputs = z + (head.predictors_see_neighbourhood ? inputs_ : 0);
  kernels_.f32_gemm(kernels::F32GemmArgs{batch, predictor_inputs, head.components, s.inputs, max_recurrent_inputs_,
                             head.predictor_weights.data(), head.predictor_bias.data(), s.means,
                             head.components});
}

void WavefrontSession::BuildDistribution(Scratch& s, std::size_t b, PixelDistribution* distribution) {
  // The mixture weights were computed for the whole batch by PrepareMixtures; this pixel's part.
  const McgsmHead& head = model_->head;
  const std::size_t components = head.components;
  const std::size_t scales = head.scales;
  const std::size_t count = components * scales;
  const float* weight = s.mix_weight + b * count;
  const float* means = s.means + b * components;
  const float* inv_std = head.expert_inv_std.data();
  float* mean = s.mix_mean;
  for (std::size_t c = 0; c < components; ++c) {
    const float m = means[c];
    float* mc = mean + c * scales;
    for (std::size_t k = 0; k < scales; ++k) mc[k] = m;
  }
  distribution->weight = weight;
  distribution->log_weight = s.mix_log_weight + b * count;
  // The coded terms: those with weight >= kMinCodedWeight, in term order. Blocks of 8 terms that
  // are all kept (or all dropped) are copied whole (or skipped); the others term by term.
  float* coded_weight = s.coded_weight;
  float* coded_mean = s.coded_mean;
  float* coded_inv_std = s.coded_inv_std;
  std::size_t coded = 0;
  std::size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    int kept = 0;
    for (std::size_t k = 0; k < 8; ++k) kept += weight[i + k] >= kMinCodedWeight ? 1 : 0;
    if (kept == 8) {
      for (std::size_t k = 0; k < 8; ++k) {
        coded_weight[coded + k] = weight[i + k];
        coded_mean[coded + k] = mean[i + k];
        coded_inv_std[coded + k] = inv_std[i + k];
      }
      coded += 8;
      continue;
    }
    if (kept == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      if (weight[k] >= kMinCodedWeight) {
        coded_weight[coded] = weight[k];
        coded_mean[coded] = mean[k];
        coded_inv_std[coded] = inv_std[k];
        ++coded;
      }
    }
  }
  for (; i < count; ++i) {
    if (weight[i] >= kMinCodedWeight) {
      coded_weight[coded] = weight[i];
      coded_mean[coded] = mean[i];
      coded_inv_std[coded] = inv_std[i];
      ++coded;
    }
  }
  for (; coded % 8 != 0; ++coded) {
    coded_weight[coded] = 0.0f;
    coded_mean[coded] = 0.0f;
    coded_inv_std[coded] = 1.0f;
  }
  distribution->coded_count = coded;
  // NaN-safe clamp of the decoder's starting point (only speed depends on it).
  const float expected = s.mix_weight[rows_per_band_ * (count + 2) + b];  // PrepareMixtures' expected values
  const float scaled = expected * 256.0f;
  distribution->guess = scaled >= 1.0f ? (scaled < 255.0f ? static_cast<uint32_t>(scaled) : 255u) : 0u;
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
  distribution.count = model_->head.components * model_->head.scales;
  distribution.weight = s.mix_weight;
  distribution.log_weight = s.mix_log_weight;
  distribution.mean = s.mix_mean;
  distribution.inv_std = model_->head.expert_inv_std.data();
  distribution.coded_weight = s.coded_weight;
  distribution.coded_mean = s.coded_mean;
  distribution.coded_inv_std = s.coded_inv_std;
  distribution.terms = s.terms;
  distribution.kernels = &kernels_;
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
    for (std::size_t l = 0; l < model_->layers.size(); ++l) RunLayer(s, l, batch);
    RunHead(s, batch);
    PrepareMixtures(model_->head, batch, rows_per_band_, s.energy, s.means, s.mix_log_weight, s.mix_weight,
                    kernels_);
    for (std::size_t b = 0; b < batch; ++b) {
      BuildDistribution(s, b, &distribution);
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
