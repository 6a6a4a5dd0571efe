// Writes frozen model files (*.ride, schema/ride_model.fbs, docs/model_format.md): the last step
// of the compiler, and how tests make model files. Workstation code: errors are exceptions.
#ifndef RIDE_COMPILER_SRC_MODEL_WRITER_H_
#define RIDE_COMPILER_SRC_MODEL_WRITER_H_

#include <cstdint>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/engine/engine_model.h"
#include "runtime/src/model/model_loader.h"

namespace ride::compiler {

// Returns the bytes of a .ride file holding `model` and `provenance`, stamped with
// model::kModelSchemaVersion and the model's fingerprint (model::ComputeModelFingerprint).
// Throws std::invalid_argument, with the runtime's message naming the field, if `model` fails
// EngineModel::Check() or the written file would not load (limits, non-finite weights): a file
// this returns always loads.
std::vector<uint8_t> WriteModelFile(const engine::EngineModel& model,
                                    const model::ModelProvenance& provenance);

// Serialises `model` exactly as it is, without any check, with the given schema_version and
// fingerprint, and finishes `builder`'s buffer with the "RIDM" identifier. For tests that need
// files the loader must refuse; everything else calls WriteModelFile.
void BuildModelBuffer(const engine::EngineModel& model, const model::ModelProvenance& provenance,
                      uint32_t schema_version, const container::ModelFingerprint& fingerprint,
                      flatbuffers::FlatBufferBuilder* builder);

}  // namespace ride::compiler

#endif  // RIDE_COMPILER_SRC_MODEL_WRITER_H_
