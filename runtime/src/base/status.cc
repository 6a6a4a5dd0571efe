#include "runtime/src/base/status.h"

#include <cstdarg>
#include <cstdio>

namespace ride {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kTruncated: return "truncated";
    case StatusCode::kCorrupt: return "corrupt";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kModelMismatch: return "model mismatch";
    case StatusCode::kResourceExhausted: return "resource exhausted";
    case StatusCode::kIoError: return "i/o error";
    case StatusCode::kInternal: return "internal error";
    case StatusCode::kBufferTooSmall: return "buffer too small";
    case StatusCode::kCallbackFailed: return "callback failed";
  }
  return "unknown";
}

Status Status::Error(StatusCode code, const char* format, ...) {
  Status status;
  status.code_ = code;
  va_list args;
  va_start(args, format);
  std::vsnprintf(status.message_, kMaxMessage, format, args);
  va_end(args);
  return status;
}

}  // namespace ride
