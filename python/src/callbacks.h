// Python code called from inside a long C++ call that runs without the GIL: a progress callable
// given by the caller, Ctrl-C checks, the trainer's hooks. The library may call from its worker
// threads (one at a time, ride.h says); each call takes the GIL, runs, and keeps the first Python
// exception instead of letting it into C++ code that cannot carry it. From then on `failed()` is
// true and later calls do nothing, so the library callbacks that can stop a call (rows, costs,
// the trainer's should_stop) stop it; after the call has returned, with the GIL held again,
// RaiseIfFailed raises the exception itself (a KeyboardInterrupt stays a KeyboardInterrupt).
//
// Make a PythonCalls before releasing the GIL and let it die after taking it back: it holds
// Python objects.
#ifndef RIDE_PYTHON_SRC_CALLBACKS_H_
#define RIDE_PYTHON_SRC_CALLBACKS_H_

#include <pybind11/pybind11.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <utility>

namespace ride::python {

class PythonCalls {
 public:
  // `progress`: None, or a callable taking (done, total).
  explicit PythonCalls(pybind11::object progress);
  PythonCalls(const PythonCalls&) = delete;
  PythonCalls& operator=(const PythonCalls&) = delete;

  // Runs `call` (which may use Python) under the GIL. Returns false when it or an earlier call
  // raised.
  template <typename Call>
  bool Run(Call&& call) noexcept {
    if (failed_.load()) return false;
    pybind11::gil_scoped_acquire gil;
    try {
      std::forward<Call>(call)();
      return true;
    } catch (...) {
      error_ = std::current_exception();
      failed_.store(true);
      return false;
    }
  }

  // progress(done, total), when a progress callable was given; it also sees Ctrl-C. Returns false
  // like Run.
  bool Progress(uint64_t done, uint64_t total) noexcept;
  // Ctrl-C: runs the signal handlers (PyErr_CheckSignals; only the main thread has any), so a
  // pending SIGINT becomes a kept KeyboardInterrupt. Returns false like Run.
  bool CheckSignals() noexcept;

  bool failed() const noexcept { return failed_.load(); }
  bool has_progress() const noexcept { return !progress_.is_none(); }
  // Raises the kept exception, if any. Call with the GIL held.
  void RaiseIfFailed();

  // Progress as ride.h's ride_progress_fn; `user` is the PythonCalls.
  static void ReportProgress(void* user, uint32_t rows_done, uint32_t height);

 private:
  pybind11::object progress_;
  std::atomic<bool> failed_{false};
  std::exception_ptr error_;
};

}  // namespace ride::python

#endif  // RIDE_PYTHON_SRC_CALLBACKS_H_
