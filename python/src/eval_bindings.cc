// cost_map and log_likelihood_rate: what every pixel costs to code (ride.h's ride_evaluate, what
// `ride eval` prints and `ride eval --map` draws), without coding it.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstring>
#include <string>

#include "python/src/arguments.h"
#include "python/src/bindings.h"
#include "python/src/callbacks.h"
#include "python/src/errors.h"
#include "python/src/model_bindings.h"
#include "ride/ride.h"

namespace py = pybind11;

namespace ride::python {
namespace {

struct EvalContext {
  ImageView image;
  float* costs;    // height × width, or null
  uint8_t* trust;  // height × width, or null
  PythonCalls* calls;
};

int ReadRows(void* user, uint32_t first_row, uint32_t count, uint8_t* rows, size_t stride) {
  const auto* context = static_cast<const EvalContext*>(user);
  if (context->calls->failed()) return 1;
  for (uint32_t i = 0; i < count; ++i) {
    std::memcpy(rows + i * stride, context->image.pixels + size_t{first_row + i} * context->image.width,
                context->image.width);
  }
  return 0;
}

int KeepCosts(void* user, uint32_t row, const float* bits, uint32_t width) {
  const auto* context = static_cast<const EvalContext*>(user);
  std::memcpy(context->costs + size_t{row} * width, bits, size_t{width} * sizeof(float));
  return 0;
}

int KeepTrust(void* user, uint32_t row, const uint8_t* component, uint32_t width) {
  const auto* context = static_cast<const EvalContext*>(user);
  std::memcpy(context->trust + size_t{row} * width, component, width);
  return 0;
}

// Runs ride_evaluate over `view` without the GIL; `costs` and `trust` may be null.
ride_eval_stats Evaluate(const ImageView& view, const ride_model* model, float* costs, const py::object& progress,
                         uint8_t* trust = nullptr) {
  PythonCalls calls(progress);
  ride_eval_options options;
  ride_eval_options_init(&options);
  if (calls.has_progress()) {
    options.progress = &PythonCalls::ReportProgress;
    options.progress_user = &calls;
  }
  ride_eval_stats stats;
  ride_eval_stats_init(&stats);
  EvalContext context{view, costs, trust, &calls};
  if (trust != nullptr) {
    options.trust = &KeepTrust;
    options.trust_user = &context;
  }
  ride_status status = RIDE_OK;
  std::string message;
  {
    py::gil_scoped_release release;
    status = ride_evaluate(model, view.width, view.height, &ReadRows, &context, costs != nullptr ? &KeepCosts : nullptr,
                           &context, &options, &stats);
    if (status != RIDE_OK) message = ride_last_error();
  }
  calls.RaiseIfFailed();
  Check(status, message.c_str());
  return stats;
}

py::array_t<float> CostMap(const py::object& image, const py::object& model, const py::object& progress) {
  const ImageView view = GrayImageArgument(image, "image");
  const ride_model* handle = ModelArgument(model);
  py::array_t<float> costs({static_cast<py::ssize_t>(view.height), static_cast<py::ssize_t>(view.width)});
  Evaluate(view, handle, costs.mutable_data(), progress);
  return costs;
}

py::array_t<uint8_t> TrustMap(const py::object& image, const py::object& model, const py::object& progress) {
  const ImageView view = GrayImageArgument(image, "image");
  const ride_model* handle = ModelArgument(model);
  py::array_t<uint8_t> trust({static_cast<py::ssize_t>(view.height), static_cast<py::ssize_t>(view.width)});
  Evaluate(view, handle, nullptr, progress, trust.mutable_data());
  return trust;
}

double LogLikelihoodRate(const py::object& image, const py::object& model, const py::object& progress) {
  const ImageView view = GrayImageArgument(image, "image");
  const ride_eval_stats stats = Evaluate(view, ModelArgument(model), nullptr, progress);
  return 8.0 - stats.total_bits / static_cast<double>(stats.pixels);
}

}  // namespace

void RegisterEval(py::module_& module) {
  module.def("cost_map", &CostMap, py::arg("image"), py::arg("model") = py::none(), py::kw_only(),
             py::arg("progress") = py::none(), R"doc(
What each pixel of `image` costs to code with `model`, in bits: a new float32 array of the image's
shape (H, W), what `ride eval --map` draws. These are the costs the encoder codes with (-log2 of
each pixel's coded probability, given the pixels before it in raster order), so their sum is the
model's share of the compressed size: compress_with_stats(image, model)[1].model_bits, and
cost_map(image).mean() is `ride eval`'s bit/px.

image: numpy.ndarray of dtype uint8, shape (H, W) or (H, W, 1), C-contiguous (not copied).
model: a ride.Model, or None for the default built-in model.
progress: None, or progress(rows_done, height); an exception it raises stops the evaluation and
    is raised here.

The GIL is released while the model runs. Raises ValueError or TypeError for a bad image,
InvalidArgumentError for a side of 0, ResourceExhaustedError for a width beyond 2^24.
)doc");
  module.def("trust_map", &TrustMap, py::arg("image"), py::arg("model") = py::none(), py::kw_only(),
             py::arg("progress") = py::none(), R"doc(
Which adaptive component the mixer trusted most at each pixel of `image` when coding it with
`model`: a new uint8 array of the image's shape (H, W), what `ride eval --trust-map` draws. Each
value is a component's index (ride.ADAPTIVE_COMPONENTS names them: 0 learned, 1 matches, 2
relative, 3 order4, 4 order6, 5 order11), or ride.TRUST_TIE (255) where several shared the
largest weight.

Arguments and errors as cost_map().
)doc");
  py::list names;
  for (uint32_t k = 0; k < RIDE_ADAPTIVE_COMPONENTS; ++k) names.append(ride_adaptive_component_name(k));
  module.attr("ADAPTIVE_COMPONENTS") = py::tuple(names);
  module.attr("TRUST_TIE") = py::int_(RIDE_TRUST_TIE);
  module.def("log_likelihood_rate", &LogLikelihoodRate, py::arg("image"), py::arg("model") = py::none(),
             py::kw_only(), py::arg("progress") = py::none(), R"doc(
The discrete log-likelihood rate of `image` under the frozen model, in bit/px, higher is better:
8 - cost_map(image, model).mean(), i.e. the mean over pixels of log2(256 * P(v)), where P(v) is the
probability the codec gives the pixel's value v (the model's mass on [v/256, (v+1)/256), tails
folded into 0 and 255, as the coder quantises it) given the exact pixels before it.

It has the meaning and units of the rate `ride-train eval` reports (mean log2 density on the [0, 1)
scale, bit/px, higher is better; a codec's cost is about 8 minus it) and measures the same model,
but not the same protocol: `ride-train eval` reads the trainer's continuous density at noisy
values given noisy neighbours (with --midpoint, at mid-bin values), on a checkpoint. This one is
what the codec reaches on the exact pixels, from the frozen model, and comes out higher: for the
same conditioning, log2(256 * P(v)) is at least the mean log2 density over the bin (Jensen's
inequality). On six BSDS300 test images an 8-component MCGSM gave 3.999 here, 3.976 with
`ride-train eval --whole --midpoint` and 3.906 with `ride-train eval --whole`.

Errors as cost_map().
)doc");
}

}  // namespace ride::python
