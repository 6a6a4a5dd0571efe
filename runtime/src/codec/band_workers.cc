#include "runtime/src/codec/band_workers.h"

namespace ride::codec {

Status CheckModel(const CodecModel& model) {
  if (model.model == nullptr) return Status::Error(StatusCode::kInvalidArgument, "no model");
  return model.model->Check();
}

Status PlanSession(const CodecModel& model, uint32_t width, uint32_t samples, uint32_t lanes, uint32_t threads,
                   SessionPlan* plan) {
  plan->width = width;
  plan->samples = samples;
  plan->lanes = lanes;
  plan->threads = std::min(threads, lanes);
  plan->band_rows = std::max(1u, lanes / plan->threads);
  plan->engine_bytes = engine::WavefrontSession::MemoryNeeded(*model.model, width, plan->band_rows, plan->threads);
  if (plan->engine_bytes == 0) {
    return Status::Error(StatusCode::kResourceExhausted,
                         "session: the engine's memory for width %u, %u rows per band and %u threads does not fit",
                         width, plan->band_rows, plan->threads);
  }
  return Status();
}

void BandWorkers::LayOut(const SessionPlan& plan, ArenaLayout* layout) {
  engine_memory_ = layout->Take<unsigned char>(plan.engine_bytes);
  band_bytes_ = ArenaLayout::Product(ArenaLayout::Product(plan.width, plan.samples), plan.band_rows);
  bands_ = layout->Take<uint8_t>(ArenaLayout::Product(band_bytes_, plan.threads));
}

engine::CdfRule CdfRuleOf(const container::RimHeader& header) {
  return header.version >= 3 ? engine::CdfRule::kTable : engine::CdfRule::kSeries;
}

Status BandWorkers::Init(const CodecModel& model, const SessionPlan& plan) {
  const kernels::KernelTable kernels = engine::KernelsForCdfRule(kernels::GetKernelTable(), plan.cdf);
  return session_.Init(model.model, plan.width, plan.band_rows, &kernels, plan.threads, engine_memory_,
                       plan.engine_bytes);
}

}  // namespace ride::codec
