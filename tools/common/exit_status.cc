#include "tools/common/exit_status.h"

#include <new>
#include <stdexcept>

#include "tools/common/file_error.h"

namespace ride::tools {

int ExitStatusFor(const std::exception& error) {
  if (const auto* file_error = dynamic_cast<const FileError*>(&error)) {
    switch (file_error->kind()) {
      case FileErrorKind::kInput: return kExitInput;
      case FileErrorKind::kIo: return kExitIo;
      case FileErrorKind::kUsage: return kExitUsage;
    }
  }
  if (dynamic_cast<const std::bad_alloc*>(&error) != nullptr) return kExitInternal;
  // The trainer and the compiler check what a checkpoint or a user's value holds with
  // std::invalid_argument: bad input, unlike the other logic errors (broken invariants).
  if (dynamic_cast<const std::invalid_argument*>(&error) != nullptr) return kExitInput;
  if (dynamic_cast<const std::logic_error*>(&error) != nullptr) return kExitInternal;
  return kExitInput;
}

int CombinedExitStatus(int first, int next) { return first != kExitSuccess ? first : next; }

}  // namespace ride::tools
