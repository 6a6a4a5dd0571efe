// The C API's errors: a ride_status is a ride::StatusCode's value, and a failing call leaves its
// message for the calling thread (ride_last_error) and, for calls on an encoder or a decoder, in
// the handle (ride_*_last_error). Messages start with the function that failed
// ("ride_encoder_create: options: struct_size 8 is smaller than ride_encode_options (48 bytes)").
//
// Also the checks every entry point makes on its arguments, each a Status whose message names the
// argument, so that entry points read as a list of checks (the structs' own: api_structs.h).
#ifndef RIDE_RUNTIME_SRC_API_API_ERROR_H_
#define RIDE_RUNTIME_SRC_API_API_ERROR_H_

#include <cstddef>
#include <cstdint>

#include "ride/ride.h"
#include "runtime/src/base/status.h"

namespace ride::api {

// A function's name, a colon and a Status message fit.
inline constexpr std::size_t kMaxErrorMessage = 64 + Status::kMaxMessage;

// The last failure of one handle.
struct ErrorText {
  char message[kMaxErrorMessage] = "";
};

// For a failing `status`: keeps "function: message" as this thread's last error and in `handle`
// (when not null). Returns the status's code as a ride_status (RIDE_OK, recording nothing, for ok).
ride_status Report(const char* function, const Status& status, ErrorText* handle = nullptr);

// This thread's last error ("" if none).
const char* ThreadLastError();

// kInvalidArgument, "`name` is NULL", unless `pointer` is set.
Status CheckNotNull(const void* pointer, const char* name);

// The same for a callback.
template <typename Function>
Status CheckCallback(Function function, const char* name) {
  if (function == nullptr) return Status::Error(StatusCode::kInvalidArgument, "the %s callback is NULL", name);
  return Status();
}

// kInvalidArgument unless 1 <= threads <= RIDE_MAX_THREADS, naming the struct's field.
Status CheckThreadCount(uint32_t threads, const char* struct_name);

}  // namespace ride::api

#endif  // RIDE_RUNTIME_SRC_API_API_ERROR_H_
