// ride_sample and ride_inpaint (ride.h, "Sampling and inpainting").
#include "ride/ride.h"
#include "runtime/src/api/api_callbacks.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/api/api_structs.h"
#include "runtime/src/api/api_handles.h"
#include "runtime/src/generate/inpainter.h"
#include "runtime/src/generate/sampler.h"

namespace ride::api {
namespace {

static_assert(RIDE_MAX_SAMPLE_SIDE == generate::kMaxSampleSide, "sample side limit");

// `size` bytes hold a width × height image of `channels` samples a pixel without padding.
Status CheckImageBytes(const char* name, std::size_t size, uint32_t width, uint32_t height, uint32_t channels = 1) {
  const uint64_t needed = uint64_t{width} * height * channels;
  if (size < needed) {
    return Status::Error(StatusCode::kBufferTooSmall, "%s: %zu bytes, a %ux%u image needs %llu", name, size, width,
                         height, static_cast<unsigned long long>(needed));
  }
  return Status();
}

class InpaintCallbacks final : public generate::InpaintObserver {
 public:
  explicit InpaintCallbacks(const ride_inpaint_options& options) : options_(options) {}
  void InitialFill(uint32_t candidate, uint32_t candidates, double bits) override {
    if (options_.on_initial_fill != nullptr) options_.on_initial_fill(options_.observer_user, candidate, candidates, bits);
  }
  void SweepDone(const generate::SweepReport& report) override {
    if (options_.on_sweep != nullptr) {
      options_.on_sweep(options_.observer_user, report.sweep, report.sweeps, report.proposals, report.accepted);
    }
  }

 private:
  const ride_inpaint_options& options_;
};

}  // namespace
}  // namespace ride::api

using ride::Status;
using ride::api::CheckNotNull;
using ride::api::Report;

extern "C" {

ride_status ride_sample(const ride_model* model, uint32_t width, uint32_t height, uint8_t* pixels, size_t size,
                        const ride_sample_options* options, double* bits) {
  constexpr const char* kFunction = "ride_sample";
  Status status = CheckNotNull(model, "model");
  if (status.ok()) status = CheckNotNull(pixels, "pixels");
  if (status.ok()) status = ride::api::CheckOptionalStruct(options, "ride_sample_options");
  if (!status.ok()) return Report(kFunction, status);
  const ride_sample_options given = ride::api::OptionsOrDefaults(options, ride_sample_options_init);
  status = ride::api::CheckThreadCount(given.threads, "ride_sample_options");
  if (status.ok()) status = ride::generate::CheckSampleSize(width, height);
  if (status.ok()) {
    status = ride::api::CheckImageBytes("pixels", size, width, height,
                                        static_cast<uint32_t>(model->loaded.model.channels));
  }
  if (!status.ok()) return Report(kFunction, status);

  ride::api::CallbackGate gate;
  ride::api::ProgressCallback progress(given.progress, given.progress_user, &gate);
  ride::generate::SampleOptions sample_options;
  sample_options.seed = given.seed;
  sample_options.context_rows = given.context_rows;
  sample_options.context_columns = given.context_columns;
  sample_options.threads = given.threads;
  sample_options.progress = progress.observer();
  double total_bits = 0;
  status = ride::generate::SampleImage(model->loaded.model, width, height, sample_options, pixels, &total_bits);
  if (status.ok() && bits != nullptr) *bits = total_bits;
  return Report(kFunction, status);
}

ride_status ride_inpaint(const ride_model* model, uint32_t width, uint32_t height, uint8_t* pixels,
                         const uint8_t* mask, size_t size, const ride_inpaint_options* options,
                         ride_inpaint_stats* stats) {
  constexpr const char* kFunction = "ride_inpaint";
  Status status = CheckNotNull(model, "model");
  if (status.ok()) status = CheckNotNull(pixels, "pixels");
  if (status.ok()) status = CheckNotNull(mask, "mask");
  if (status.ok()) status = ride::api::CheckOptionalStruct(options, "ride_inpaint_options");
  if (status.ok()) status = ride::api::CheckOptionalStruct(stats, "ride_inpaint_stats");
  if (!status.ok()) return Report(kFunction, status);
  const ride_inpaint_options given = ride::api::OptionsOrDefaults(options, ride_inpaint_options_init);
  status = ride::api::CheckThreadCount(given.threads, "ride_inpaint_options");
  if (status.ok() && given.sweeps > ride::generate::kMaxSweeps) {
    status = Status::Error(ride::StatusCode::kInvalidArgument, "ride_inpaint_options: sweeps %u outside 0..%u",
                           given.sweeps, ride::generate::kMaxSweeps);
  }
  if (status.ok() && (given.candidates == 0 || given.candidates > ride::generate::kMaxCandidates)) {
    status = Status::Error(ride::StatusCode::kInvalidArgument, "ride_inpaint_options: candidates %u outside 1..%u",
                           given.candidates, ride::generate::kMaxCandidates);
  }
  if (status.ok()) status = ride::api::CheckImageBytes("pixels and mask", size, width, height);
  if (!status.ok()) return Report(kFunction, status);

  ride::api::InpaintCallbacks callbacks(given);
  ride::generate::InpaintOptions inpaint_options;
  inpaint_options.seed = given.seed;
  inpaint_options.sweeps = given.sweeps;
  inpaint_options.candidates = given.candidates;
  inpaint_options.threads = given.threads;
  inpaint_options.observer = &callbacks;
  ride::generate::InpaintResult result;
  status = ride::generate::Inpaint(model->loaded.model, width, height, mask, inpaint_options, pixels, &result);
  if (status.ok() && stats != nullptr) {
    ride::api::ResetResults(stats, ride_inpaint_stats_init);
    stats->masked = result.masked;
    stats->proposals = result.proposals;
    stats->accepted = result.accepted;
    stats->initial_bits = result.initial_bits;
  }
  return Report(kFunction, status);
}

}  // extern "C"
