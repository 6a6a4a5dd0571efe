// XnnpackFullyConnected: a batched fully-connected layer, output = input · W + b, run by XNNPACK.
//
// Off the coding path only. XNNPACK's accumulation order differs from ride's reference kernels and
// between its own ISA variants, so its results agree with the reference only to within
// kXnnpackFullyConnectedRelativeTolerance; nothing that feeds the entropy coder may use it. Built
// only with RIDE_WITH_XNNPACK.
#ifndef RIDE_RUNTIME_SRC_XNNPACK_XNNPACK_FULLY_CONNECTED_H_
#define RIDE_RUNTIME_SRC_XNNPACK_XNNPACK_FULLY_CONNECTED_H_

#include <cstddef>

#include "runtime/src/base/status.h"

struct xnn_operator;

namespace ride::xnnpack {

// Largest |xnnpack - reference| / (sum_k |x_k w_ko| + |b_o|) over tested shapes.
inline constexpr float kXnnpackFullyConnectedRelativeTolerance = 1e-5f;

class XnnpackFullyConnected {
 public:
  XnnpackFullyConnected() = default;
  ~XnnpackFullyConnected();
  XnnpackFullyConnected(const XnnpackFullyConnected&) = delete;
  XnnpackFullyConnected& operator=(const XnnpackFullyConnected&) = delete;

  // `weights` are input-major (element (output o, input k) at k * outputs + o), the layout of ride's
  // model files; `bias` has `outputs` entries or is null. XNNPACK packs its own copy, so neither
  // needs to outlive the call. Fails with kUnsupported when XNNPACK cannot run on this CPU.
  Status Setup(std::size_t inputs, std::size_t outputs, const float* weights, const float* bias);

  // output[n * outputs + o] for n < batch, from input[n * inputs + k]. Single-threaded.
  Status Run(const float* input, std::size_t batch, float* output);

 private:
  xnn_operator* op_ = nullptr;
};

}  // namespace ride::xnnpack

#endif  // RIDE_RUNTIME_SRC_XNNPACK_XNNPACK_FULLY_CONNECTED_H_
