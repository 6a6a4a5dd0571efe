// ride_evaluate: each pixel's coding cost without coding it (ride.h, "Evaluation").
#include "ride/ride.h"
#include "runtime/src/api/api_callbacks.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/api/api_structs.h"
#include "runtime/src/api/api_handles.h"
#include "runtime/src/codec/image_costs.h"

using ride::Status;
using ride::api::CheckCallback;
using ride::api::CheckNotNull;
using ride::api::Report;

static_assert(RIDE_ADAPTIVE_COMPONENTS == ride::adaptive::kComponents, "ride.h counts the adaptive components");
static_assert(RIDE_TRUST_TIE == ride::adaptive::kTrustTie, "ride.h names the trust map's tie");

extern "C" {

const char* ride_adaptive_component_name(uint32_t component) {
  static const char* const kNames[RIDE_ADAPTIVE_COMPONENTS] = {"learned", "matches", "relative", "order4", "order6",
                                                                "order11"};
  return component < RIDE_ADAPTIVE_COMPONENTS ? kNames[component] : nullptr;
}

ride_status ride_evaluate(const ride_model* model, uint32_t width, uint32_t height, ride_rows_in_fn rows,
                          void* rows_user, ride_costs_fn costs, void* costs_user, const ride_eval_options* options,
                          ride_eval_stats* stats) {
  constexpr const char* kFunction = "ride_evaluate";
  Status status = CheckNotNull(model, "model");
  if (status.ok()) status = CheckCallback(rows, "rows");
  if (status.ok()) status = ride::api::CheckOptionalStruct(options, "ride_eval_options");
  if (status.ok()) status = ride::api::CheckOptionalStruct(stats, "ride_eval_stats");
  if (status.ok() && (width == 0 || height == 0)) {
    status = Status::Error(ride::StatusCode::kInvalidArgument, "size %ux%u: both sides must be at least 1", width,
                           height);
  }
  if (!status.ok()) return Report(kFunction, status);

  // Rows in the model's own channels: gray, or R, G, B for a colour model.
  const auto layout = static_cast<uint32_t>(model->loaded.model.channels);
  ride::api::CallbackGate gate;
  ride::api::RowsInCallback source(rows, rows_user, width * layout, &gate);
  const ride_trust_fn trust = options != nullptr ? options->trust : nullptr;
  ride::api::CostsCallback cost_sink(costs, costs_user, trust, options != nullptr ? options->trust_user : nullptr,
                                     &gate);
  ride::api::ProgressCallback progress(options != nullptr ? options->progress : nullptr,
                                       options != nullptr ? options->progress_user : nullptr, &gate);
  ride::codec::EvaluateOptions evaluate_options;
  evaluate_options.progress = progress.observer();
  evaluate_options.layout = layout;
  ride::codec::EvaluateResult result;
  status = ride::codec::EvaluateImage(model->loaded.model, width, height, &source, costs != nullptr || trust != nullptr ? &cost_sink : nullptr,
                                      evaluate_options, &result);
  if (status.ok() && stats != nullptr) {
    ride::api::ResetResults(stats, ride_eval_stats_init);
    stats->total_bits = result.total_bits;
    stats->pixels = result.pixels;
    stats->engine_memory_bytes = result.engine_memory_bytes;
    for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) {
      stats->component_bits[k] = result.component_bits[k];
      stats->component_weight[k] = result.component_weight[k];
    }
    stats->file_bytes = result.file_bytes;
  }
  return Report(kFunction, status);
}

}  // extern "C"
