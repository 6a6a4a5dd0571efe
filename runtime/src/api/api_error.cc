#include "runtime/src/api/api_error.h"

#include <cstdio>

#include "runtime/src/parallel/thread_limit.h"

namespace ride::api {
namespace {

// ride.h's codes are ride::StatusCode's values: a status crosses the API as it is.
static_assert(RIDE_OK == static_cast<int>(StatusCode::kOk), "status codes");
static_assert(RIDE_INVALID_ARGUMENT == static_cast<int>(StatusCode::kInvalidArgument), "status codes");
static_assert(RIDE_TRUNCATED == static_cast<int>(StatusCode::kTruncated), "status codes");
static_assert(RIDE_CORRUPT == static_cast<int>(StatusCode::kCorrupt), "status codes");
static_assert(RIDE_UNSUPPORTED == static_cast<int>(StatusCode::kUnsupported), "status codes");
static_assert(RIDE_MODEL_MISMATCH == static_cast<int>(StatusCode::kModelMismatch), "status codes");
static_assert(RIDE_RESOURCE_EXHAUSTED == static_cast<int>(StatusCode::kResourceExhausted), "status codes");
static_assert(RIDE_IO_ERROR == static_cast<int>(StatusCode::kIoError), "status codes");
static_assert(RIDE_INTERNAL == static_cast<int>(StatusCode::kInternal), "status codes");
static_assert(RIDE_BUFFER_TOO_SMALL == static_cast<int>(StatusCode::kBufferTooSmall), "status codes");
static_assert(RIDE_CALLBACK_FAILED == static_cast<int>(StatusCode::kCallbackFailed), "status codes");
static_assert(RIDE_MAX_THREADS == parallel::kMaxThreads, "thread limit");

thread_local ErrorText t_last_error;

}  // namespace

ride_status Report(const char* function, const Status& status, ErrorText* handle) {
  if (status.ok()) return RIDE_OK;
  std::snprintf(t_last_error.message, sizeof t_last_error.message, "%s: %s", function, status.message());
  if (handle != nullptr) std::snprintf(handle->message, sizeof handle->message, "%s", t_last_error.message);
  return static_cast<ride_status>(status.code());
}

const char* ThreadLastError() { return t_last_error.message; }

Status CheckNotNull(const void* pointer, const char* name) {
  if (pointer == nullptr) return Status::Error(StatusCode::kInvalidArgument, "%s is NULL", name);
  return Status();
}

Status CheckThreadCount(uint32_t threads, const char* struct_name) {
  if (threads == 0 || threads > RIDE_MAX_THREADS) {
    return Status::Error(StatusCode::kInvalidArgument, "%s: threads %u outside 1..%d", struct_name, threads,
                         RIDE_MAX_THREADS);
  }
  return Status();
}

}  // namespace ride::api
