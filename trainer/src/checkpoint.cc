#include "trainer/src/checkpoint.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace ride::trainer {
namespace {

using nlohmann::json;

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

}  // namespace

void McgsmModel::Check() const {
  window.Check();
  whitening.Check();
  mcgsm.Check();
  if (whitening.inputs() != window.Inputs() || mcgsm.shape.inputs != window.Inputs()) {
    throw std::invalid_argument("model: window " + window.ToString() + " has " +
                                std::to_string(window.Inputs()) + " inputs, whitening " +
                                std::to_string(whitening.inputs()) + ", mcgsm " +
                                std::to_string(mcgsm.shape.inputs));
  }
}

json McgsmModelToJson(const McgsmModel& model) {
  model.Check();
  const McgsmParams& p = model.mcgsm;
  const Whitening& w = model.whitening;
  json j;
  j["format"] = "ride-checkpoint";
  j["version"] = kCheckpointVersion;
  j["model"] = "mcgsm";
  j["window"] = {{"width", model.window.width}, {"height", model.window.height}};
  j["padding"] = model.padding;
  j["whitening"] = {
      {"inputs", w.inputs()},
      {"mean_x", std::vector<double>(w.mean_x.data(), w.mean_x.data() + w.mean_x.size())},
      {"mean_y", w.mean_y},
      {"whiten_x", RowMajor(w.whiten_x)},
      {"regression", RowMajor(w.regression)},
      {"p_out", w.p_out}};
  j["mcgsm"] = {{"inputs", p.shape.inputs},
                {"components", p.shape.components},
                {"scales", p.shape.scales},
                {"features", p.shape.features},
                {"eta", RowMajor(p.eta)},
                {"alpha", RowMajor(p.alpha)},
                {"beta", RowMajor(p.beta)},
                {"features_b", RowMajor(p.features)},
                {"predictors", RowMajor(p.predictors)}};
  const TrainingInfo& t = model.training;
  j["training"] = {{"data", t.data},
                   {"train_pixels", t.train_pixels},
                   {"validation_bits_per_pixel", t.validation_bits_per_pixel},
                   {"iterations", t.iterations},
                   {"seed", t.seed},
                   {"trainer_version", t.trainer_version},
                   {"date", t.date},
                   {"command", t.command}};
  return j;
}

McgsmModel McgsmModelFromJson(const json& j) {
  if (!j.is_object()) Bad("(top level)", "is not an object");
  const json& format = Field(j, "", "format");
  if (!format.is_string() || format.get<std::string>() != "ride-checkpoint")
    Bad("format", "is not \"ride-checkpoint\"");
  const int version = Int(j, "", "version", 0);
  if (version < 1 || version > kCheckpointVersion) {
    Bad("version", std::to_string(version) + " is not supported (this trainer reads 1.." +
                       std::to_string(kCheckpointVersion) + ")");
  }
  const json& kind = Field(j, "", "model");
  if (!kind.is_string() || kind.get<std::string>() != "mcgsm") Bad("model", "is not \"mcgsm\"");

  McgsmModel model;
  const json& win = Field(j, "", "window");
  model.window.width = Int(win, "window", "width", 1);
  model.window.height = Int(win, "window", "height", 1);
  try {
    model.window.Check();
  } catch (const std::invalid_argument& e) {
    Bad("window", e.what());
  }
  model.padding = Number(j, "", "padding");
  const int d = model.window.Inputs();

  const json& wj = Field(j, "", "whitening");
  if (Int(wj, "whitening", "inputs", 1) != d)
    Bad("whitening.inputs", "differs from the window's " + std::to_string(d));
  Whitening& w = model.whitening;
  w.mean_x = Matrix(wj, "whitening", "mean_x", d, 1);
  w.mean_y = Number(wj, "whitening", "mean_y");
  w.whiten_x = Matrix(wj, "whitening", "whiten_x", d, d);
  w.regression = Matrix(wj, "whitening", "regression", 1, d);
  w.p_out = Number(wj, "whitening", "p_out");

  const json& mj = Field(j, "", "mcgsm");
  McgsmParams& p = model.mcgsm;
  p.shape.inputs = Int(mj, "mcgsm", "inputs", 1);
  if (p.shape.inputs != d) Bad("mcgsm.inputs", "differs from the window's " + std::to_string(d));
  p.shape.components = Int(mj, "mcgsm", "components", 1);
  p.shape.scales = Int(mj, "mcgsm", "scales", 1);
  p.shape.features = Int(mj, "mcgsm", "features", 1);
  const int C = p.shape.components, S = p.shape.scales, F = p.shape.features;
  p.eta = Matrix(mj, "mcgsm", "eta", C, S);
  p.alpha = Matrix(mj, "mcgsm", "alpha", C, S);
  p.beta = Matrix(mj, "mcgsm", "beta", C, F);
  p.features = Matrix(mj, "mcgsm", "features_b", d, F);
  p.predictors = Matrix(mj, "mcgsm", "predictors", d, C);

  if (j.contains("training") && j["training"].is_object()) {
    const json& t = j["training"];
    TrainingInfo& info = model.training;
    info.data = t.value("data", "");
    info.train_pixels = t.value("train_pixels", int64_t{0});
    info.validation_bits_per_pixel = t.value("validation_bits_per_pixel", 0.0);
    info.iterations = t.value("iterations", 0);
    info.seed = t.value("seed", uint64_t{0});
    info.trainer_version = t.value("trainer_version", "");
    info.date = t.value("date", "");
    info.command = t.value("command", "");
  }
  try {
    model.Check();
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("checkpoint: ") + e.what());
  }
  return model;
}

void SaveCheckpoint(const McgsmModel& model, const std::string& path) {
  const std::string text = McgsmModelToJson(model).dump(1) + "\n";
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(temp + ": cannot open for writing");
    out << text;
    out.flush();
    if (!out) throw std::runtime_error(temp + ": write failed");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": cannot rename " + temp + " over it");
  }
}

McgsmModel LoadCheckpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
  try {
    return McgsmModelFromJson(j);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace ride::trainer
