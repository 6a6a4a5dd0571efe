#include "runtime/src/model/model_writer.h"

#include <string>
#include <utility>

#include "runtime/src/model/model_fingerprint.h"
#include "schema/ride_model_generated.h"

namespace ride::model {
namespace {

namespace fbs = ::ride::schema;

flatbuffers::Offset<flatbuffers::Vector<float>> Floats(flatbuffers::FlatBufferBuilder* b,
                                                       const engine::FloatArray& values) {
  return b->CreateVector(values.data(), values.size());
}

// Absent and empty read the same; empty strings are left out.
flatbuffers::Offset<flatbuffers::String> OptionalString(flatbuffers::FlatBufferBuilder* b,
                                                        const std::string& s) {
  return s.empty() ? flatbuffers::Offset<flatbuffers::String>() : b->CreateString(s);
}

flatbuffers::Offset<fbs::McgsmHead> BuildHead(flatbuffers::FlatBufferBuilder* builder, const engine::McgsmHead& h) {
  flatbuffers::FlatBufferBuilder& b = *builder;
  const auto feature_weights = Floats(&b, h.feature_weights);
  const auto feature_bias = Floats(&b, h.feature_bias);
  const auto feature_weights_squared = Floats(&b, h.feature_weights_squared);
  const auto gate_bias = Floats(&b, h.gate_bias);
  const auto gate_scale = Floats(&b, h.gate_scale);
  const auto predictor_weights = Floats(&b, h.predictor_weights);
  const auto predictor_bias = Floats(&b, h.predictor_bias);
  const auto expert_inv_std = Floats(&b, h.expert_inv_std);
  return fbs::CreateMcgsmHead(
      b, static_cast<uint32_t>(h.inputs), static_cast<uint32_t>(h.components),
      static_cast<uint32_t>(h.scales), static_cast<uint32_t>(h.features),
      h.predictors_see_neighbourhood, feature_weights, feature_bias, feature_weights_squared,
      gate_bias, gate_scale, predictor_weights, predictor_bias, expert_inv_std);
}

}  // namespace

uint32_t ModelSchemaVersionFor(const engine::EngineModel& model) {
  for (const engine::SlstmLayer& layer : model.layers)
    if (layer.bounded) return 3;
  return model.channels > 1 ? 2 : 1;
}

void BuildModelBuffer(const engine::EngineModel& model, const ModelProvenance& provenance,
                      uint32_t schema_version, const ModelFingerprint& fingerprint,
                      flatbuffers::FlatBufferBuilder* builder) {
  flatbuffers::FlatBufferBuilder& b = *builder;
  std::vector<flatbuffers::Offset<fbs::SlstmLayer>> layers;
  for (const engine::SlstmLayer& layer : model.layers) {
    const auto weights = Floats(&b, layer.weights);
    const auto bias = Floats(&b, layer.bias);
    layers.push_back(fbs::CreateSlstmLayer(b, static_cast<uint32_t>(layer.inputs),
                                           static_cast<uint32_t>(layer.hidden), layer.extended,
                                           weights, bias, layer.bounded));
  }
  const auto layer_vector = b.CreateVector(layers);

  const auto head = BuildHead(&b, model.head);
  // Gray models leave the colour fields out, so that their bytes are schema 1's.
  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fbs::McgsmHead>>> channel_heads;
  if (model.channels > 1) {
    std::vector<flatbuffers::Offset<fbs::McgsmHead>> heads;
    for (const engine::McgsmHead& h : model.channel_heads) heads.push_back(BuildHead(&b, h));
    channel_heads = b.CreateVector(heads);
  }

  const auto training_data = OptionalString(&b, provenance.training_data);
  const auto trainer_version = OptionalString(&b, provenance.trainer_version);
  const auto created = OptionalString(&b, provenance.created);
  const auto command = OptionalString(&b, provenance.command);
  const auto notes = OptionalString(&b, provenance.notes);
  const auto provenance_table = fbs::CreateProvenance(
      b, training_data, provenance.validation_bits_per_pixel, provenance.test_bits_per_pixel,
      trainer_version, created, command, notes);

  const auto window = fbs::CreateCausalWindow(b, static_cast<uint32_t>(model.window.width),
                                              static_cast<uint32_t>(model.window.height));
  const auto fingerprint_vector = b.CreateVector(fingerprint.data(), fingerprint.size());
  const auto root = fbs::CreateModel(b, schema_version, window, model.padding, layer_vector, head,
                                     provenance_table, fingerprint_vector,
                                     static_cast<uint32_t>(model.channels), channel_heads);
  fbs::FinishModelBuffer(b, root);
}

Status WriteModelFile(const engine::EngineModel& model, const ModelProvenance& provenance,
                      std::vector<uint8_t>* bytes) {
  const Status check = model.Check();
  if (!check.ok()) return Status::Error(StatusCode::kInvalidArgument, "model writer: %s", check.message());
  flatbuffers::FlatBufferBuilder builder(1024);
  BuildModelBuffer(model, provenance, ModelSchemaVersionFor(model), ComputeModelFingerprint(model), &builder);
  std::vector<uint8_t> written(builder.GetBufferPointer(), builder.GetBufferPointer() + builder.GetSize());
  // What the runtime would refuse (limits, non-finite weights) is refused here, with its message.
  LoadedModel loaded;
  const Status load = LoadModelFromBuffer(written.data(), written.size(), &loaded);
  if (!load.ok()) {
    return Status::Error(StatusCode::kInvalidArgument, "model writer: the file would not load: %s", load.message());
  }
  *bytes = std::move(written);
  return Status();
}

}  // namespace ride::model
