#include "python/src/errors.h"

#include <exception>

#include "tools/common/file_error.h"

namespace py = pybind11;

namespace ride::python {

void Check(ride_status status, const char* message) {
  if (status != RIDE_OK) throw StatusError(status, message);
}

void Check(ride_status status) {
  if (status != RIDE_OK) throw StatusError(status, ride_last_error());
}

void ThrowValueError(const std::string& message) { throw py::value_error(message); }

void RegisterErrors(py::module_& module) {
  // Translators run with the GIL held; the classes live in the pure-Python part of the package.
  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const StatusError& e) {
      const py::object type = py::module_::import("ride._errors").attr("_error_class")(static_cast<int>(e.status()));
      PyErr_SetString(type.ptr(), e.what());
    } catch (const tools::FileError& e) {
      PyErr_SetString(e.kind() == tools::FileErrorKind::kIo ? PyExc_OSError : PyExc_ValueError, e.what());
    }
  });
  module.def(
      "_status_name", [](int code) { return ride_status_name(static_cast<ride_status>(code)); }, py::arg("code"),
      "ride_status_name(code): the runtime's name of a status (for the tests of the exception classes).");
}

}  // namespace ride::python
