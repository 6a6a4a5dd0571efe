#include "tools/ride/ride_api.h"

#include <cstring>

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
