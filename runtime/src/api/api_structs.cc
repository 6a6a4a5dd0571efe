#include "runtime/src/api/api_structs.h"

namespace ride::api {

Status CheckStructSize(uint32_t struct_size, std::size_t size, const char* struct_name) {
  if (struct_size < size) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "%s: struct_size %u is smaller than this version's %zu bytes (initialise it with %s_init)",
                         struct_name, struct_size, size, struct_name);
  }
  return Status();
}

}  // namespace ride::api
