// ride_status_name, ride_last_error and the versions (ride.h, "Status codes and errors",
// "Versions and the machine").
#include "ride/ride.h"
#include "ride/ride_version.h"
#include "runtime/src/api/api_error.h"
#include "runtime/src/base/status.h"
#include "runtime/src/container/rim_header.h"
#include "runtime/src/kernels/kernel_table.h"
#include "runtime/src/model/model_loader.h"

extern "C" {

const char* ride_status_name(ride_status status) {
  if (static_cast<int>(status) < RIDE_OK || static_cast<int>(status) > RIDE_CALLBACK_FAILED) return "unknown";
  return ride::StatusCodeName(static_cast<ride::StatusCode>(status));
}

const char* ride_last_error(void) { return ride::api::ThreadLastError(); }

const char* ride_version_string(void) { return RIDE_VERSION_STRING; }

uint32_t ride_version_number(void) { return RIDE_VERSION_NUMBER; }

uint32_t ride_container_version(void) { return ride::container::kRimVersion; }

uint32_t ride_model_schema_version(void) { return ride::model::kModelSchemaVersion; }

const char* ride_kernels(void) { return ride::kernels::KernelVariantName(ride::kernels::GetKernelTable().variant); }

}  // extern "C"
