#include "tools/ride/runtime_bridge.h"

#include "tools/common/file_error.h"

namespace ride::cli {

Status StatusOf(const std::exception& error) {
  StatusCode code = StatusCode::kInternal;
  if (const auto* file_error = dynamic_cast<const tools::FileError*>(&error)) {
    code = file_error->kind() == tools::FileErrorKind::kIo ? StatusCode::kIoError : StatusCode::kInvalidArgument;
  }
  return Status::Error(code, "%s", error.what());
}

}  // namespace ride::cli
