#include "tools/ride/ride_api.h"

#include <cstdio>
#include <cstring>

#include "tools/common/exit_status.h"

namespace ride::cli {
namespace {

// "ride_decoder_decode: lane 3: ..." -> "lane 3: ...".
const char* WithoutFunctionName(const char* message) {
  if (std::strncmp(message, "ride_", 5) != 0) return message;
  const char* colon = std::strstr(message, ": ");
  return colon == nullptr ? message : colon + 2;
}

}  // namespace

void Check(ride_status status, const char* message, const std::string& context) {
  if (status == RIDE_OK) return;
  std::string text = context.empty() ? std::string() : context + ": ";
  text += WithoutFunctionName(message);
  throw ApiError(status, text);
}

void Check(ride_status status, const std::string& context) { Check(status, ride_last_error(), context); }

int ExitStatusForError(const std::exception& error) {
  if (const auto* api_error = dynamic_cast<const ApiError*>(&error)) {
    switch (api_error->status()) {
      case RIDE_IO_ERROR: return tools::kExitIo;
      case RIDE_INTERNAL:
      case RIDE_BUFFER_TOO_SMALL: return tools::kExitInternal;
      default: return tools::kExitInput;
    }
  }
  return tools::ExitStatusFor(error);
}

int ReportFailure(const std::string& command, const std::exception& error) {
  std::fprintf(stderr, "ride %s: %s\n", command.c_str(), error.what());
  return ExitStatusForError(error);
}

Model OpenChosenModel(const std::string& path) {
  ride_model* model = nullptr;
  if (path.empty()) {
    Check(ride_model_open_builtin(nullptr, &model), "built-in model");
  } else {
    Check(ride_model_open_file(path.c_str(), &model));
  }
  return Model(model);
}

ride_model_info DescribeModel(const ride_model* model) {
  ride_model_info info;
  ride_model_info_init(&info);
  Check(ride_model_describe(model, &info));
  return info;
}

}  // namespace ride::cli
