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
    return Model(model);
  }
  for (size_t i = 0; i < ride_builtin_model_count(); ++i) {  // a built-in model's name
    if (path == ride_builtin_model_name(i)) {
      Check(ride_model_open_builtin(path.c_str(), &model), "built-in model");
      return Model(model);
    }
  }
  {
    Check(ride_model_open_file(path.c_str(), &model));
  }
  return Model(model);
}

uint32_t ModelledChannels(uint32_t layout) {
  return layout == RIDE_LAYOUT_GRAY || layout == RIDE_LAYOUT_GRAY_ALPHA ? 1 : 3;
}

namespace {

const char* LayoutName(uint32_t layout) {
  switch (layout) {
    case RIDE_LAYOUT_GRAY: return "gray";
    case RIDE_LAYOUT_GRAY_ALPHA: return "gray+alpha";
    case RIDE_LAYOUT_RGB: return "RGB";
    case RIDE_LAYOUT_RGBA: return "RGBA";
  }
  return "unknown layout";
}

}  // namespace

ModelChoice::ModelChoice(std::string path, uint32_t effort) : path_(std::move(path)), effort_(effort) {
  if (!path_.empty()) chosen_ = OpenChosenModel(path_);  // a bad model file fails before any image
}

const ride_model* ModelChoice::For(uint32_t layout, const std::string& image) {
  const uint32_t channels = ModelledChannels(layout);
  if (chosen_) {
    const ride_model_info info = DescribeModel(chosen_.get());
    if (info.channels != channels) {
      throw std::runtime_error(image + ": " + LayoutName(layout) + " image, but the model " + path_ + " codes " +
                               (info.channels == 1 ? "gray" : "colour") +
                               (channels == 3 ? " (pass --gray to convert the image to gray, or a colour model)"
                                              : " (give a gray model, or none for the built-in one)"));
    }
    return chosen_.get();
  }
  const std::lock_guard<std::mutex> lock(mutex_);
  Model& slot = builtin_[channels == 1 ? 0 : 1];
  if (slot) return slot.get();
  if (const char* name = ride_builtin_model_for(channels, effort_)) {
    ride_model* model = nullptr;
    Check(ride_model_open_builtin(name, &model), "built-in model");
    slot = Model(model);
    return slot.get();
  }
  throw std::runtime_error(image + ": " + LayoutName(layout) + " image, and no built-in model codes " +
                           (channels == 1 ? "gray" : "colour") + " (pass --gray to convert, or --model)");
}

ride_model_info DescribeModel(const ride_model* model) {
  ride_model_info info;
  ride_model_info_init(&info);
  Check(ride_model_describe(model, &info));
  return info;
}

}  // namespace ride::cli
