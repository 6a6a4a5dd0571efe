// Writes frozen model files (*.ride, schema/ride_model.fbs, docs/model_format.md), beside the
// loader that reads them: the last step of the compiler, and how tests make model files. Not part
// of the installed runtime (it lives in its own library, ride_model_writer).
#ifndef RIDE_RUNTIME_SRC_MODEL_MODEL_WRITER_H_
#define RIDE_RUNTIME_SRC_MODEL_MODEL_WRITER_H_

#include <cstdint>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "runtime/src/base/status.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/model/model_fingerprint.h"
#include "runtime/src/model/model_loader.h"

namespace ride::model {

// The oldest schema_version that holds `model`: 1 for gray, 2 for colour, 3 with a bounded layer.
// Writers stamp it, so that older readers keep reading the models they can run.
uint32_t ModelSchemaVersionFor(const engine::EngineModel& model);

// Stores in *bytes a .ride file holding `model` and `provenance`, stamped with
// ModelSchemaVersionFor(model) and the model's fingerprint (ComputeModelFingerprint). Fails with kInvalidArgument, with the
// loader's message naming the field, if `model` fails EngineModel::Check() or the file would not
// load (limits, non-finite weights): a file this writes always loads.
Status WriteModelFile(const engine::EngineModel& model, const ModelProvenance& provenance,
                      std::vector<uint8_t>* bytes);

// Serialises `model` exactly as it is, without any check, with the given schema_version and
// fingerprint, and finishes `builder`'s buffer with the "RIDM" identifier. For tests that need
// files the loader must refuse; everything else calls WriteModelFile.
void BuildModelBuffer(const engine::EngineModel& model, const ModelProvenance& provenance,
                      uint32_t schema_version, const ModelFingerprint& fingerprint,
                      flatbuffers::FlatBufferBuilder* builder);

}  // namespace ride::model

#endif  // RIDE_RUNTIME_SRC_MODEL_MODEL_WRITER_H_
