#include "runtime/src/cli/builtin_model.h"

namespace ride::cli {

extern const uint8_t kBuiltinModelData[];
extern const std::size_t kBuiltinModelSize;

BuiltinModel GetBuiltinModel() {
  if (kBuiltinModelSize == 0) return BuiltinModel{};
  return BuiltinModel{kBuiltinModelData, kBuiltinModelSize};
}

}  // namespace ride::cli
