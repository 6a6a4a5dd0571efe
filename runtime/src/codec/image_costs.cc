#include "runtime/src/codec/image_costs.h"

namespace ride::codec {

Status EvaluateImage(const engine::EngineModel& model, uint32_t width, uint32_t height, RowSource* source,
                     CostSink* costs, const EvaluateOptions& options, EvaluateResult* result) {
  if (width == 0 || height == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "evaluate: size %ux%u, both sides must be at least 1", width,
                         height);
  }
  CodecModel codec_model;
  codec_model.model = &model;
  EncodeOptions encode;
  encode.threads = options.threads;
  encode.layout = options.layout;
  encode.progress = options.progress;
  encode.costs = costs;
  coder::CountingByteSink sink;
  EncodeResult encoded;
  RIDE_RETURN_IF_ERROR(EncodeImage(codec_model, width, height, source, encode, &sink, &encoded));
  if (result != nullptr) {
    result->total_bits = encoded.model_bits;
    result->pixels = uint64_t{width} * height;
    result->file_bytes = sink.bytes();
    for (uint32_t k = 0; k < adaptive::kComponents; ++k) {
      result->component_bits[k] = encoded.component_bits[k];
      result->component_weight[k] = encoded.component_weight[k];
    }
    result->engine_memory_bytes = encoded.memory_bytes;
  }
  return Status();
}

}  // namespace ride::codec
