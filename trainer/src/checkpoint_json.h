// The pieces of trainer checkpoints (docs/trainer.md, "Checkpoints"), shared by the MCGSM and RIDE
// formats: reading with errors that name the field, writing doubles exactly, atomic files.
#ifndef RIDE_TRAINER_SRC_CHECKPOINT_JSON_H_
#define RIDE_TRAINER_SRC_CHECKPOINT_JSON_H_

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "trainer/src/checkpoint.h"

namespace ride::trainer::checkpoint_json {

using nlohmann::json;

[[noreturn]] void Bad(const std::string& field, const std::string& problem);
const json& Field(const json& object, const std::string& parent, const char* name);
double Number(const json& object, const std::string& parent, const char* name);
int Int(const json& object, const std::string& parent, const char* name, int min_value);
// A row-major rows × cols array of numbers.
Eigen::MatrixXd Matrix(const json& object, const std::string& parent, const char* name, int rows, int cols);
std::vector<double> RowMajor(const Eigen::MatrixXd& m);

// {"format", "version", "model": kind}; reading checks all three.
json Header(const std::string& kind);
void CheckHeader(const json& j, const std::string& kind);

json WindowToJson(const CausalWindow& window);
CausalWindow WindowFromJson(const json& j);
json WhiteningToJson(const Whitening& whitening);
Whitening WhiteningFromJson(const json& j, int inputs);
json McgsmToJson(const McgsmParams& params);
McgsmParams McgsmFromJson(const json& j, int inputs);
json TrainingToJson(const TrainingInfo& info);
TrainingInfo TrainingFromJson(const json& j);  // absent fields stay at their defaults

void WriteJsonAtomically(const json& j, const std::string& path);
json ReadJsonFile(const std::string& path);
// Checkpoints of the largest models are a few hundred MB of JSON; anything longer is not one.
constexpr uint64_t kMaxTextFileBytes = uint64_t{4} << 30;
// Throws tools::FileError naming PATH (tools/common/file_bytes.h): kIo when it cannot be opened or
// read, kUsage when it is a directory, kInput beyond kMaxTextFileBytes.
std::string ReadTextFile(const std::string& path);
json ParseJson(const std::string& text, const std::string& name);  // throws "NAME: not valid JSON: ..."

}  // namespace ride::trainer::checkpoint_json

#endif  // RIDE_TRAINER_SRC_CHECKPOINT_JSON_H_
