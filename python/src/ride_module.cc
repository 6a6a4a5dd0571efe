// The extension module ride._ride; python/ride/__init__.py re-exports it as `ride`.
#include <pybind11/pybind11.h>

#include "python/src/bindings.h"
#include "python/src/errors.h"
#include "python/src/model_bindings.h"
#include "ride/ride.h"

namespace py = pybind11;

PYBIND11_MODULE(_ride, module) {
  module.doc() = "ride's C API, trainer and compiler for Python (docs/python.md); import ride, not this.";
  ride::python::RegisterErrors(module);
  module.def("version", &ride_version_string, "The ride library's version, \"MAJOR.MINOR.PATCH\".");
  module.def("kernels", &ride_kernels, R"doc(
The kernels chosen for this CPU: "avx512", "avx2", "neon" or "scalar" (every choice gives the same
bits; RIDE_FORCE_SCALAR=1 in the environment before import forces "scalar").
)doc");
  module.def("container_version", &ride_container_version,
             "The newest compressed-image (.rim) container version this library writes "
             "and reads (docs/bitstream.md).");
  module.def("model_schema_version", &ride_model_schema_version,
             "The newest frozen-model (.ride) schema_version this library reads "
             "(docs/model_format.md).");
  ride::python::RegisterModel(module);
  ride::python::RegisterCodec(module);
  ride::python::RegisterEval(module);
  ride::python::RegisterGenerate(module);
  ride::python::RegisterImages(module);
  ride::python::RegisterTrain(module);
  ride::python::RegisterCompile(module);
}
