// How failures reach Python. A failed ride.h call becomes the ride.RideError subclass of its
// status (python/ride/_errors.py) with the library's message unchanged. The tool library's
// FileError becomes OSError (the system refused) or ValueError (the file's content, or a request
// that cannot be done); the trainer's std::invalid_argument is pybind11's ValueError and its
// std::runtime_error pybind11's RuntimeError.
#ifndef RIDE_PYTHON_SRC_ERRORS_H_
#define RIDE_PYTHON_SRC_ERRORS_H_

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

#include "ride/ride.h"

namespace ride::python {

// A failed ride.h call: its status and message.
class StatusError : public std::runtime_error {
 public:
  StatusError(ride_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  ride_status status() const noexcept { return status_; }

 private:
  ride_status status_;
};

// Throws StatusError(status, message) unless `status` is RIDE_OK.
void Check(ride_status status, const char* message);
// The same with this thread's ride_last_error().
void Check(ride_status status);

// Throws ValueError (pybind11::value_error) with `message`.
[[noreturn]] void ThrowValueError(const std::string& message);

// Installs the exception translators.
void RegisterErrors(pybind11::module_& module);

}  // namespace ride::python

#endif  // RIDE_PYTHON_SRC_ERRORS_H_
