// ride.h seen from the ride tool's C++: handles that close themselves, failures as exceptions, and
// C callbacks that run C++ code without letting an exception into the library.
//
// The tool reaches the runtime only through ride.h (tests/check_tool_dependencies.cmake checks it),
// so that whatever the command line does, an embedder can do with the C API.
#ifndef RIDE_TOOLS_RIDE_RIDE_API_H_
#define RIDE_TOOLS_RIDE_RIDE_API_H_

#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include "ride/ride.h"

namespace ride::cli {

// A failed ride.h call: its status and message.
class ApiError : public std::runtime_error {
 public:
  ApiError(ride_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  ride_status status() const noexcept { return status_; }

 private:
  ride_status status_;
};

// Throws ApiError with `message` (a ride.h error message) unless `status` is RIDE_OK. The message
// loses the "ride_function: " prefix the library puts first: a user of the tool never called it.
// `context`, when not empty, comes first instead ("photo.rim: pixel checksum mismatch ...").
void Check(ride_status status, const char* message, const std::string& context = "");
// The same with this thread's last error message.
void Check(ride_status status, const std::string& context = "");

struct ModelCloser {
  void operator()(ride_model* model) const { ride_model_close(model); }
};
struct EncoderDestroyer {
  void operator()(ride_encoder* encoder) const { ride_encoder_destroy(encoder); }
};
struct DecoderDestroyer {
  void operator()(ride_decoder* decoder) const { ride_decoder_destroy(decoder); }
};
using Model = std::unique_ptr<ride_model, ModelCloser>;
using Encoder = std::unique_ptr<ride_encoder, EncoderDestroyer>;
using Decoder = std::unique_ptr<ride_decoder, DecoderDestroyer>;

// The exit status (tools/common/exit_status.h) for a failure a command caught: a ride.h status
// by its kind (a bad, truncated or unsupported file and another model's file are input errors, a
// refused read is an I/O error, a broken invariant internal), the tool library's by theirs.
int ExitStatusForError(const std::exception& error);

// Reports `error` on stderr as "ride COMMAND: message" and returns its exit status.
int ReportFailure(const std::string& command, const std::exception& error);

// The model a command runs: the built-in model named `path` (ride info --models lists them), else
// the file at `path`, or the default built-in model when `path` is empty.
Model OpenChosenModel(const std::string& path);

// The model's description (ride_model_describe).
ride_model_info DescribeModel(const ride_model* model);

// The channels a model codes for an image of `layout` (RIDE_LAYOUT_*): 1 for gray and gray+alpha,
// 3 for RGB and RGBA (alpha is never modelled).
uint32_t ModelledChannels(uint32_t layout);

// The model for each image of a batch: the file at `path` for every image, or, when `path` is
// empty, the built-in model that codes the image's kind (gray or colour) at `effort`
// (RIDE_FASTEST_EFFORT..RIDE_BEST_EFFORT), opened once. Thread-safe: a batch's images may ask from
// several threads.
class ModelChoice {
 public:
  ModelChoice(std::string path, uint32_t effort);
  // Throws a std::runtime_error "IMAGE: ..." naming the image's layout and the model's channels
  // when the model cannot code the image (pass --gray to convert colour).
  const ride_model* For(uint32_t layout, const std::string& image);

 private:
  std::string path_;
  uint32_t effort_;
  std::mutex mutex_;
  Model chosen_;     // the file's
  Model builtin_[2];  // gray, colour
};

// Lets a C callback run C++ code: Run calls `call`, returns 0, or, if it throws, keeps the
// exception and returns 1 so that the library stops with RIDE_CALLBACK_FAILED. After the library
// call, RethrowIfFailed throws the kept exception, which says what really went wrong (a full disk,
// a bad row) better than the library's "callback failed".
class CallbackGuard {
 public:
  template <typename Call>
  int Run(Call&& call) noexcept {
    if (error_) return 1;
    try {
      std::forward<Call>(call)();
      return 0;
    } catch (...) {
      error_ = std::current_exception();
      return 1;
    }
  }
  void RethrowIfFailed() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::exception_ptr error_;
};

}  // namespace ride::cli

#endif  // RIDE_TOOLS_RIDE_RIDE_API_H_
