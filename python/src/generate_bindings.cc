// sample and inpaint: the model as a generative model (ride.h's ride_sample and ride_inpaint, what
// `ride sample` and `ride inpaint` run; docs/generate.md).
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

py::array_t<uint8_t> Sample(const py::object& model, const py::object& shape, const py::object& seed,
                            const py::object& context, long long context_rows, long long context_columns,
                            long long threads, const py::object& progress) {
  const ride_model* handle = ModelArgument(model);
  uint32_t height = 0, width = 0;
  ShapeArgument(shape, "shape", RIDE_MAX_SAMPLE_SIDE, &height, &width);
  ride_sample_options options;
  ride_sample_options_init(&options);
  options.seed = SeedArgument(seed, "seed");
  options.context_rows = Uint32Argument(context_rows, "context_rows");
  options.context_columns = Uint32Argument(context_columns, "context_columns");
  options.threads = Uint32Argument(threads, "threads");
  py::array_t<uint8_t> image = NewGrayImage(height, width);
  uint8_t* pixels = MutablePixels(image);
  const bool wants_context = options.context_rows > 0 || options.context_columns > 0;
  if (context.is_none()) {
    if (wants_context) ThrowValueError("context_rows and context_columns need a context image");
    std::memset(pixels, 0, size_t{height} * width);
  } else {
    const ImageView given = GrayImageArgument(context, "context");
    if (given.height != height || given.width != width) {
      ThrowValueError("context is " + std::to_string(given.height) + " x " + std::to_string(given.width) +
                      " but shape is (" + std::to_string(height) + ", " + std::to_string(width) +
                      "); they must be the same");
    }
    if (!wants_context) ThrowValueError("a context image needs context_rows and/or context_columns");
    if (options.context_rows > height || options.context_columns > width) {
      ThrowValueError("context of " + std::to_string(options.context_rows) + " rows and " +
                      std::to_string(options.context_columns) + " columns exceeds the shape (" +
                      std::to_string(height) + ", " + std::to_string(width) + ")");
    }
    std::memcpy(pixels, given.pixels, given.size());
  }
  PythonCalls calls(progress);
  if (calls.has_progress()) {
    options.progress = &PythonCalls::ReportProgress;
    options.progress_user = &calls;
  }
  ride_status status = RIDE_OK;
  std::string message;
  {
    py::gil_scoped_release release;
    status = ride_sample(handle, width, height, pixels, size_t{height} * width, &options, nullptr);
    if (status != RIDE_OK) message = ride_last_error();
  }
  calls.RaiseIfFailed();  // ride_sample cannot be stopped: a progress exception is raised at the end
  Check(status, message.c_str());
  return image;
}

struct InpaintObserver {
  PythonCalls* calls;
  static void Sweep(void* user, uint32_t sweep, uint32_t sweeps, uint64_t /*proposals*/, uint64_t /*accepted*/) {
    static_cast<InpaintObserver*>(user)->calls->Progress(sweep, sweeps);
  }
};

py::array_t<uint8_t> Inpaint(const py::object& image, const py::object& mask, const py::object& model,
                             long long sweeps, const py::object& seed, long long candidates, long long threads,
                             const py::object& progress) {
  const ImageView view = GrayImageArgument(image, "image");
  const ImageView mask_view = MaskArgument(mask, "mask", view);
  const ride_model* handle = ModelArgument(model);
  ride_inpaint_options options;
  ride_inpaint_options_init(&options);
  options.seed = SeedArgument(seed, "seed");
  options.sweeps = Uint32Argument(sweeps, "sweeps");
  options.candidates = Uint32Argument(candidates, "candidates");
  options.threads = Uint32Argument(threads, "threads");
  PythonCalls calls(progress);
  InpaintObserver observer{&calls};
  if (calls.has_progress()) {
    options.on_sweep = &InpaintObserver::Sweep;
    options.observer_user = &observer;
  }
  // The result starts as a copy of the image: ride_inpaint writes only the masked pixels.
  py::array_t<uint8_t> result = NewGrayImage(view.height, view.width);
  uint8_t* pixels = MutablePixels(result);
  std::memcpy(pixels, view.pixels, view.size());
  ride_status status = RIDE_OK;
  std::string message;
  {
    py::gil_scoped_release release;
    status = ride_inpaint(handle, view.width, view.height, pixels, mask_view.pixels, view.size(), &options, nullptr);
    if (status != RIDE_OK) message = ride_last_error();
  }
  calls.RaiseIfFailed();
  Check(status, message.c_str());
  return result;
}

}  // namespace

void RegisterGenerate(py::module_& module) {
  module.def("sample", &Sample, py::arg("model") = py::none(), py::arg("shape") = py::make_tuple(64, 64),
             py::arg("seed") = 0, py::kw_only(), py::arg("context") = py::none(), py::arg("context_rows") = 0,
             py::arg("context_columns") = 0, py::arg("threads") = 1, py::arg("progress") = py::none(), R"doc(
An image drawn from `model` (None: the default built-in model), a new uint8 array of `shape`,
(height, width) as NumPy orders it (`ride sample --size` is WxH), each side 1..65535. Pixels are
drawn ancestrally in raster order from exactly the coder's distribution. The same model, shape,
seed and context give the same image on every machine and for any `threads`: `ride sample --seed`
gives the same pixels.

context: an image of `shape` whose top `context_rows` rows and left `context_columns` columns are
    kept; the rest is sampled given them.

The GIL is released while sampling. Raises ValueError for a bad shape or context,
InvalidArgumentError for threads outside 1..64. An exception raised by progress(rows_done, height)
is raised when sampling has finished (sampling cannot be stopped part way).
)doc");
  module.def("inpaint", &Inpaint, py::arg("image"), py::arg("mask"), py::arg("model") = py::none(),
             py::arg("sweeps") = 10, py::arg("seed") = 0, py::kw_only(), py::arg("candidates") = 5,
             py::arg("threads") = 1, py::arg("progress") = py::none(), R"doc(
A copy of `image` whose pixels where `mask` is nonzero are replaced by a sample from `model` given
the rest (Metropolis-within-Gibbs over 5x5 blocks, as `ride inpaint`; docs/generate.md); every
other pixel is kept exactly, and `image` itself is not changed.

image: numpy.ndarray of dtype uint8, shape (H, W) or (H, W, 1), C-contiguous.
mask: the same shape, dtype bool or uint8 (nonzero: fill), C-contiguous.
sweeps: Gibbs sweeps, 0..100000. candidates: initial ancestral fills, the best is kept, 1..1000.
seed: the same seed gives the same image on every machine, for any `threads`.
progress: None, or progress(sweep, sweeps), after each sweep; an exception it raises is raised
    when inpainting has finished.

The GIL is released while inpainting. Raises ValueError for bad arrays, InvalidArgumentError for
options out of range.
)doc");
}

}  // namespace ride::python
