#include "python/src/callbacks.h"

namespace py = pybind11;

namespace ride::python {

PythonCalls::PythonCalls(py::object progress) : progress_(std::move(progress)) {
  if (!progress_.is_none() && !PyCallable_Check(progress_.ptr())) {
    throw py::type_error("progress must be a callable taking (done, total), or None");
  }
}

bool PythonCalls::Progress(uint64_t done, uint64_t total) noexcept {
  if (progress_.is_none()) return !failed();
  return Run([&] {
    progress_(done, total);
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  });
}

bool PythonCalls::CheckSignals() noexcept {
  return Run([] {
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  });
}

void PythonCalls::RaiseIfFailed() {
  if (error_) std::rethrow_exception(error_);
}

void PythonCalls::ReportProgress(void* user, uint32_t rows_done, uint32_t height) {
  static_cast<PythonCalls*>(user)->Progress(rows_done, height);
}

}  // namespace ride::python
