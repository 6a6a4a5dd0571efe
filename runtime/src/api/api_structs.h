// The options and results structs of ride.h: each starts with struct_size, which tells the library
// which version of the struct the caller was built with.
#ifndef RIDE_RUNTIME_SRC_API_API_STRUCTS_H_
#define RIDE_RUNTIME_SRC_API_API_STRUCTS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/src/api/api_error.h"
#include "runtime/src/base/status.h"

namespace ride::api {

// kInvalidArgument unless an options or results struct announces at least this version's size;
// a larger struct_size (from a newer header) is accepted and its newer fields are ignored.
Status CheckStructSize(uint32_t struct_size, std::size_t size, const char* struct_name);

// An options or results struct that must be present: not null, and of this version's size at least.
template <typename Struct>
Status CheckStruct(const Struct* pointer, const char* name, const char* struct_name) {
  RIDE_RETURN_IF_ERROR(CheckNotNull(pointer, name));
  return CheckStructSize(pointer->struct_size, sizeof(Struct), struct_name);
}

// One that may be null (defaults, or nothing wanted).
template <typename Struct>
Status CheckOptionalStruct(const Struct* pointer, const char* struct_name) {
  return pointer == nullptr ? Status() : CheckStructSize(pointer->struct_size, sizeof(Struct), struct_name);
}

// The caller's options (checked with CheckOptionalStruct), or the defaults `init` sets when there
// are none. Only this version's fields are read.
template <typename Struct>
Struct OptionsOrDefaults(const Struct* options, void (*init)(Struct*)) {
  Struct given;
  init(&given);
  if (options != nullptr) given = *options;
  return given;
}

// Sets a validated results struct to its defaults (`init`, ride.h's ride_*_init) and keeps the
// caller's struct_size, before the library fills it in.
template <typename Struct>
void ResetResults(Struct* results, void (*init)(Struct*)) {
  const uint32_t struct_size = results->struct_size;
  init(results);
  results->struct_size = struct_size;
}

}  // namespace ride::api

#endif  // RIDE_RUNTIME_SRC_API_API_STRUCTS_H_
