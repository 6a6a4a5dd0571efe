// Status: how the runtime reports errors. No exceptions cross the runtime; every operation that can
// fail on input it does not control (file bytes, dimensions, a compressed stream) returns a Status.
//
// A Status is a code plus a message naming what was wrong ("model file: schema_version 7 is newer
// than this reader's 3"). The message lives in a fixed inline buffer so that making an error never
// allocates; messages longer than the buffer are truncated.
#ifndef RIDE_RUNTIME_SRC_BASE_STATUS_H_
#define RIDE_RUNTIME_SRC_BASE_STATUS_H_

#include <cstddef>

namespace ride {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument,   // the caller passed something out of range
  kTruncated,         // input ended before the data it announced
  kCorrupt,           // input bytes are inconsistent with the format
  kUnsupported,       // a valid file this build cannot handle (newer version, unknown feature)
  kModelMismatch,     // a compressed file made with another model
  kResourceExhausted, // a size or count beyond a limit, refused before allocating
  kIoError,           // the operating system refused a read or write
  kInternal,          // a broken invariant inside ride; a bug
  kBufferTooSmall,    // caller-supplied memory is smaller than what the call needs
  kCallbackFailed,    // a caller's callback reported an error (reading rows, writing bytes)
};
// The values equal ride.h's ride_status codes, so the C API passes them through unchanged.

// Short stable name of a code ("truncated"), for messages and tests.
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  // Formats the message printf-style; longer messages are truncated to kMaxMessage - 1 bytes.
  static Status Error(StatusCode code, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 2, 3)))
#endif
      ;
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Never null; empty for ok.
  const char* message() const { return message_; }

  static constexpr std::size_t kMaxMessage = 256;

 private:
  StatusCode code_ = StatusCode::kOk;
  char message_[kMaxMessage] = {};
};

}  // namespace ride

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define RIDE_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::ride::Status ride_status_tmp_ = (expr);   \
    if (!ride_status_tmp_.ok()) return ride_status_tmp_; \
  } while (0)

#endif  // RIDE_RUNTIME_SRC_BASE_STATUS_H_
