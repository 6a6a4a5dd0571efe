#include "trainer/src/checkpoint_json.h"

#include <stdexcept>

#include "tools/common/file_bytes.h"
#include "tools/common/output_file.h"

namespace ride::trainer::checkpoint_json {

[[noreturn]] void Bad(const std::string& field, const std::string& problem) {
  throw std::runtime_error("checkpoint: " + field + ": " + problem);
}

const json& Field(const json& object, const std::string& parent, const char* name) {
  if (!object.is_object()) Bad(parent, "is not an object");
  auto it = object.find(name);
  if (it == object.end()) Bad(parent.empty() ? name : parent + "." + name, "missing");
  return *it;
}

double Number(const json& object, const std::string& parent, const char* name) {
  const json& v = Field(object, parent, name);
  if (!v.is_number()) Bad(parent + "." + name, "is not a number");
  return v.get<double>();
}

int Int(const json& object, const std::string& parent, const char* name, int min_value) {
  const json& v = Field(object, parent, name);
  if (!v.is_number_integer()) Bad(parent + "." + name, "is not an integer");
  const int64_t value = v.get<int64_t>();
  if (value < min_value || value > (1 << 20)) {
    Bad(parent + "." + name, std::to_string(value) + " is out of range " +
                                 std::to_string(min_value) + ".." + std::to_string(1 << 20));
  }
  return static_cast<int>(value);
}

// A row-major `rows` × `cols` array of numbers into an Eigen matrix.
Eigen::MatrixXd Matrix(const json& object, const std::string& parent, const char* name, int rows,
                       int cols) {
  const json& v = Field(object, parent, name);
  const std::string field = parent + "." + name;
  if (!v.is_array()) Bad(field, "is not an array");
  const size_t expected = static_cast<size_t>(rows) * cols;
  if (v.size() != expected) {
    Bad(field, "has " + std::to_string(v.size()) + " values, expected " + std::to_string(expected));
  }
  Eigen::MatrixXd m(rows, cols);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const json& e = v[static_cast<size_t>(r) * cols + c];
      if (!e.is_number()) Bad(field, "holds a non-number");
      m(r, c) = e.get<double>();
    }
  }
  return m;
}

std::vector<double> RowMajor(const Eigen::MatrixXd& m) {
  std::vector<double> out;
  out.reserve(m.size());
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) out.push_back(m(r, c));
  }
  return out;
}

json Header(const std::string& kind) {
  json j;
  j["format"] = "ride-checkpoint";
  j["version"] = kCheckpointVersion;
  j["model"] = kind;
  return j;
}

void CheckHeader(const json& j, const std::string& kind) {
  if (!j.is_object()) Bad("(top level)", "is not an object");
  const json& format = Field(j, "", "format");
  if (!format.is_string() || format.get<std::string>() != "ride-checkpoint") Bad("format", "is not \"ride-checkpoint\"");
  const int version = Int(j, "", "version", 0);
  if (version < 1 || version > kCheckpointVersion) {
    Bad("version", std::to_string(version) + " is not supported (this trainer reads 1.." +
                       std::to_string(kCheckpointVersion) + ")");
  }
  const json& model = Field(j, "", "model");
  if (!model.is_string() || model.get<std::string>() != kind) Bad("model", "is not \"" + kind + "\"");
}

json WindowToJson(const CausalWindow& window) { return {{"width", window.width}, {"height", window.height}}; }

CausalWindow WindowFromJson(const json& j) {
  CausalWindow window;
  window.width = Int(j, "window", "width", 1);
  window.height = Int(j, "window", "height", 1);
  try {
    window.Check();
  } catch (const std::invalid_argument& e) {
    Bad("window", e.what());
  }
  return window;
}

json WhiteningToJson(const Whitening& w) {
  return {{"inputs", w.inputs()},
          {"mean_x", std::vector<double>(w.mean_x.data(), w.mean_x.data() + w.mean_x.size())},
          {"mean_y", w.mean_y},
          {"whiten_x", RowMajor(w.whiten_x)},
          {"regression", RowMajor(w.regression)},
          {"p_out", w.p_out}};
}

Whitening WhiteningFromJson(const json& wj, int d) {
  if (Int(wj, "whitening", "inputs", 1) != d) Bad("whitening.inputs", "differs from the window's " + std::to_string(d));
  Whitening w;
  w.mean_x = Matrix(wj, "whitening", "mean_x", d, 1);
  w.mean_y = Number(wj, "whitening", "mean_y");
  w.whiten_x = Matrix(wj, "whitening", "whiten_x", d, d);
  w.regression = Matrix(wj, "whitening", "regression", 1, d);
  w.p_out = Number(wj, "whitening", "p_out");
  return w;
}

json McgsmToJson(const McgsmParams& p) {
  return {{"inputs", p.shape.inputs},
          {"components", p.shape.components},
          {"scales", p.shape.scales},
          {"features", p.shape.features},
          {"eta", RowMajor(p.eta)},
          {"alpha", RowMajor(p.alpha)},
          {"beta", RowMajor(p.beta)},
          {"features_b", RowMajor(p.features)},
          {"predictors", RowMajor(p.predictors)}};
}

McgsmParams McgsmFromJson(const json& mj, int d) {
  McgsmParams p;
  p.shape.inputs = Int(mj, "mcgsm", "inputs", 1);
  if (p.shape.inputs != d) Bad("mcgsm.inputs", "is " + std::to_string(p.shape.inputs) + ", expected " + std::to_string(d));
  p.shape.components = Int(mj, "mcgsm", "components", 1);
  p.shape.scales = Int(mj, "mcgsm", "scales", 1);
  p.shape.features = Int(mj, "mcgsm", "features", 1);
  const int C = p.shape.components, S = p.shape.scales, F = p.shape.features;
  p.eta = Matrix(mj, "mcgsm", "eta", C, S);
  p.alpha = Matrix(mj, "mcgsm", "alpha", C, S);
  p.beta = Matrix(mj, "mcgsm", "beta", C, F);
  p.features = Matrix(mj, "mcgsm", "features_b", d, F);
  p.predictors = Matrix(mj, "mcgsm", "predictors", d, C);
  return p;
}

json TrainingToJson(const TrainingInfo& t) {
  return {{"data", t.data},
          {"train_pixels", t.train_pixels},
          {"validation_bits_per_pixel", t.validation_bits_per_pixel},
          {"iterations", t.iterations},
          {"seed", t.seed},
          {"trainer_version", t.trainer_version},
          {"date", t.date},
          {"command", t.command}};
}

TrainingInfo TrainingFromJson(const json& t) {
  TrainingInfo info;
  if (!t.is_object()) return info;
  info.data = t.value("data", "");
  info.train_pixels = t.value("train_pixels", int64_t{0});
  info.validation_bits_per_pixel = t.value("validation_bits_per_pixel", 0.0);
  info.iterations = t.value("iterations", 0);
  info.seed = t.value("seed", uint64_t{0});
  info.trainer_version = t.value("trainer_version", "");
  info.date = t.value("date", "");
  info.command = t.value("command", "");
  return info;
}

void WriteJsonAtomically(const json& j, const std::string& path) {
  tools::OutputFileOptions options;
  options.overwrite = true;  // checkpoints are rewritten after every stage
  tools::WriteFileAtomically(path, j.dump(1) + "\n", options);
}

std::string ReadTextFile(const std::string& path) {
  const std::vector<uint8_t> bytes = tools::ReadFileBytes(path, kMaxTextFileBytes);
  return {bytes.begin(), bytes.end()};
}

json ParseJson(const std::string& text, const std::string& name) {
  // A frozen model (a FlatBuffer whose identifier "RIDM" stands at bytes 4..7) given for a checkpoint.
  if (text.size() >= 8 && text.compare(4, 4, "RIDM") == 0) {
    throw std::invalid_argument(name +
                                ": a compiled model (.ride), not a trainer checkpoint (.ckpt.json); "
                                "ride-train and ride-compile read checkpoints, `ride eval --model` rates a .ride file");
  }
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw std::runtime_error(name + ": not valid JSON: " + e.what());
  }
}

json ReadJsonFile(const std::string& path) { return ParseJson(ReadTextFile(path), path); }

}  // namespace ride::trainer::checkpoint_json
