#include "runtime/src/xnnpack/xnnpack_fully_connected.h"

#include <xnnpack.h>

#include <limits>

namespace ride::xnnpack {
namespace {

// xnn_initialize is reference counted and thread safe; one call per process is enough.
Status InitializeOnce() {
  static const xnn_status status = xnn_initialize(nullptr);
  if (status != xnn_status_success) {
    return Status::Error(StatusCode::kUnsupported, "xnnpack: initialisation failed (status %d)",
                         static_cast<int>(status));
  }
  return Status::Ok();
}

}  // namespace

XnnpackFullyConnected::~XnnpackFullyConnected() {
  if (op_ != nullptr) xnn_delete_operator(op_);
}

Status XnnpackFullyConnected::Setup(std::size_t inputs, std::size_t outputs, const float* weights,
                                    const float* bias) {
  RIDE_RETURN_IF_ERROR(InitializeOnce());
  if (inputs == 0 || outputs == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "xnnpack fully connected: %zu inputs, %zu outputs",
                         inputs, outputs);
  }
  if (op_ != nullptr) {
    xnn_delete_operator(op_);
    op_ = nullptr;
  }
  const float infinity = std::numeric_limits<float>::infinity();
  const xnn_status status = xnn_create_fully_connected_nc_f32(
      inputs, outputs, inputs, outputs, weights, bias, -infinity, infinity, XNN_FLAG_TRANSPOSE_WEIGHTS, &op_);
  if (status != xnn_status_success) {
    op_ = nullptr;
    return Status::Error(StatusCode::kUnsupported, "xnnpack fully connected: create failed (status %d)",
                         static_cast<int>(status));
  }
  return Status::Ok();
}

Status XnnpackFullyConnected::Run(const float* input, std::size_t batch, float* output) {
  if (op_ == nullptr) return Status::Error(StatusCode::kInternal, "xnnpack fully connected: Run before Setup");
  xnn_status status = xnn_setup_fully_connected_nc_f32(op_, batch, input, output, nullptr);
  if (status == xnn_status_success) status = xnn_run_operator(op_, nullptr);
  if (status != xnn_status_success) {
    return Status::Error(StatusCode::kInternal, "xnnpack fully connected: run failed (status %d)",
                         static_cast<int>(status));
  }
  return Status::Ok();
}

}  // namespace ride::xnnpack
