#include "python/src/model_bindings.h"

#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "python/src/arguments.h"
#include "python/src/errors.h"

namespace py = pybind11;

namespace ride::python {
namespace {

py::object OptionalText(const char* text) {
  return text == nullptr || text[0] == '\0' ? py::object(py::none()) : py::object(py::str(text));
}

py::object OptionalNumber(double value) {
  return std::isnan(value) ? py::object(py::none()) : py::object(py::float_(value));
}

py::object DescribeAsPython(const ride_model_info& info) {
  py::list hidden, extended, bounded;
  for (uint32_t l = 0; l < info.layers && l < RIDE_MAX_LAYERS; ++l) {
    hidden.append(info.hidden[l]);
    extended.append(info.extended[l] != 0);
    bounded.append(info.bounded[l] != 0);
  }
  const py::object type = py::module_::import("ride._types").attr("ModelInfo");
  return type(py::arg("builtin_name") = OptionalText(info.builtin_name),
              py::arg("fingerprint") = info.fingerprint_hex, py::arg("channels") = info.channels,
              py::arg("window_width") = info.window_width, py::arg("window_height") = info.window_height,
              py::arg("layers") = info.layers, py::arg("hidden") = py::tuple(hidden),
              py::arg("extended") = py::tuple(extended), py::arg("bounded") = py::tuple(bounded),
              py::arg("components") = info.components,
              py::arg("scales") = info.scales, py::arg("features") = info.features,
              py::arg("parameters") = info.parameters,
              py::arg("multiply_adds_per_pixel") = info.multiply_adds_per_pixel,
              py::arg("file_bytes") = info.file_bytes, py::arg("weights_in_place") = info.weights_in_place != 0,
              py::arg("training_data") = info.training_data, py::arg("trainer_version") = info.trainer_version,
              py::arg("created") = info.created, py::arg("command") = info.command, py::arg("notes") = info.notes,
              py::arg("validation_bits_per_pixel") = OptionalNumber(info.validation_bits_per_pixel),
              py::arg("test_bits_per_pixel") = OptionalNumber(info.test_bits_per_pixel));
}

std::shared_ptr<Model> OpenBuiltin(const std::optional<std::string>& name) {
  ride_model* model = nullptr;
  Check(ride_model_open_builtin(name ? name->c_str() : nullptr, &model));
  return std::make_shared<Model>(model, py::none());
}

// The built-in model `ride compress -e effort` codes images of `channels` with.
std::shared_ptr<Model> OpenForEffort(long long effort, long long channels) {
  const char* name = ride_builtin_model_for(Uint32Argument(channels, "channels"), Uint32Argument(effort, "effort"));
  if (name == nullptr) {
    const std::string message = "no built-in model for effort " + std::to_string(effort) + " and " +
                                std::to_string(channels) + " channels (effort 1-3; channels 1 or 3)";
    Check(RIDE_INVALID_ARGUMENT, message.c_str());
  }
  return OpenBuiltin(std::string(name));
}

std::shared_ptr<Model> OpenFile(const py::handle& path) {
  const std::string bytes = PathArgument(path);
  ride_model* model = nullptr;
  {
    py::gil_scoped_release release;
    Check(ride_model_open_file(bytes.c_str(), &model));
  }
  return std::make_shared<Model>(model, py::none());
}

std::shared_ptr<Model> OpenBytes(const py::object& data) {
  // Immutable bytes can be used in place (the model keeps them alive); other buffers are copied,
  // since their owner may change them.
  const bool immutable = py::isinstance<py::bytes>(data);
  const py::buffer_info buffer = py::reinterpret_borrow<py::buffer>(data).request();
  if (buffer.ndim != 1 || buffer.itemsize != 1 || buffer.strides[0] != 1) {
    ThrowValueError("data must be contiguous bytes (bytes, bytearray, a memoryview of them)");
  }
  ride_model* model = nullptr;
  Check(ride_model_open_memory(buffer.ptr, static_cast<size_t>(buffer.size), immutable ? 0u : RIDE_MODEL_COPY,
                               &model));
  return std::make_shared<Model>(model, immutable ? data : py::object(py::none()));
}

std::vector<std::string> BuiltinNames() {
  std::vector<std::string> names;
  for (size_t i = 0; i < ride_builtin_model_count(); ++i) names.emplace_back(ride_builtin_model_name(i));
  return names;
}

}  // namespace

Model::Model(ride_model* model, py::object keep_alive) : model_(model), keep_alive_(std::move(keep_alive)) {
  ride_model_info_init(&info_);
  const ride_status status = ride_model_describe(model_, &info_);
  if (status != RIDE_OK) {
    ride_model_close(model_);
    Check(status);
  }
}

Model::~Model() { ride_model_close(model_); }

const ride_model* ModelArgument(const py::handle& model) {
  if (model.is_none()) {
    // Opened once: a model is immutable and may serve every thread.
    static const std::shared_ptr<Model>* const kDefault = new std::shared_ptr<Model>(OpenBuiltin(std::nullopt));
    return (*kDefault)->get();
  }
  if (!py::isinstance<Model>(model)) {
    throw py::type_error("model must be a ride.Model or None (the default built-in model), not " +
                         py::str(py::type::handle_of(model).attr("__name__")).cast<std::string>());
  }
  return model.cast<Model&>().get();
}

py::object WrapModel(ride_model* model) { return py::cast(std::make_shared<Model>(model, py::none())); }

void RegisterModel(py::module_& module) {
  py::class_<Model, std::shared_ptr<Model>>(module, "Model", R"doc(
A frozen model (a .ride file): built into the library, read from a file or from bytes.

Opening validates everything (size, identifier, structure, version, shapes, finite weights,
fingerprint) before the model can be used. A model is immutable: any number of threads may use
one at the same time. Two models are equal when their fingerprints are.
)doc")
      .def_static("builtin", &OpenBuiltin, py::arg("name") = py::none(), R"doc(
The built-in model `name` (see builtin_names()); None or "default" for the default model, which
compress() and the other functions use when given no model. Its weights are used in place.
Raises InvalidArgumentError for an unknown name.
)doc")
      .def_static("for_effort", &OpenForEffort, py::arg("effort"), py::arg("channels") = 1, R"doc(
The built-in model that `ride compress -e EFFORT` codes images of `channels` modelled channels
with (1: gray; 3: colour): effort 1 is the fastest, 2 the default, 3 makes the smallest files
(docs/cli.md lists each level's models). Raises InvalidArgumentError for another effort or count.
)doc")
      .def_static("builtin_names", &BuiltinNames, R"doc(
The names of the models built into this library; the first is the default. Built-in models are
never dropped, so a file any release wrote with one decodes with every later release.
)doc")
      .def_static("load", &OpenFile, py::arg("path"), R"doc(
The model file at `path` (a .ride file, as ride-compile or compile() writes). Raises IoError when
it cannot be read, InvalidArgumentError when it is no model file, TruncatedError, CorruptError,
UnsupportedError (a newer schema) or ResourceExhaustedError (beyond the size and shape limits).
)doc")
      .def_static("from_bytes", &OpenBytes, py::arg("data"), R"doc(
The model held in `data` (the bytes of a .ride file). Immutable bytes are used in place when they
are aligned (the model keeps them alive); a bytearray or memoryview is copied. Errors as load(),
but no IoError.
)doc")
      .def_property_readonly(
          "info", [](const Model& self) { return DescribeAsPython(self.info()); },
          "The model's shapes, size, fingerprint and provenance (a ride.ModelInfo).")
      .def_property_readonly("fingerprint", &Model::fingerprint,
                             "The model's fingerprint, 32 hex digits; a compressed file names its model by it.")
      .def("__eq__",
           [](const Model& self, const py::object& other) {
             return py::isinstance<Model>(other) && other.cast<const Model&>().fingerprint() == self.fingerprint();
           })
      .def("__hash__", [](const Model& self) { return py::hash(py::str(self.fingerprint())); })
      .def("__repr__", [](const Model& self) {
        const ride_model_info& info = self.info();
        std::string kind = info.layers == 0 ? "MCGSM" : "RIDE " + std::to_string(info.layers) + " layer";
        if (info.layers > 1) kind += "s";
        const std::string name = info.builtin_name != nullptr && info.builtin_name[0] != '\0'
                                     ? std::string(" builtin=") + info.builtin_name
                                     : std::string();
        return "<ride.Model " + kind + ", window " + std::to_string(info.window_width) + "x" +
               std::to_string(info.window_height) + ", " + std::to_string(info.components) + " components," + name +
               " fingerprint=" + self.fingerprint() + ">";
      });
}

}  // namespace ride::python
