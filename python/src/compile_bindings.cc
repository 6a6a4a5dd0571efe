// compile: a trainer checkpoint -> a verified frozen model, what ride-compile does, through the
// compiler's library (compiler/src/compile_checkpoint.h; there is no C API for it). The result is
// opened through ride.h like any other model's bytes.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "compiler/src/compile_checkpoint.h"
#include "python/src/arguments.h"
#include "python/src/bindings.h"
#include "python/src/errors.h"
#include "python/src/model_bindings.h"
#include "ride/ride.h"
#include "tools/common/output_file.h"

namespace py = pybind11;

namespace ride::python {
namespace {

py::object Compile(const py::object& checkpoint, const py::object& output, const py::object& verify_images,
                   int verify_patches, std::optional<double> test_bits_per_pixel, const std::string& notes,
                   bool overwrite) {
  const std::string checkpoint_path = PathArgument(checkpoint);
  const std::string output_path = output.is_none() ? std::string() : PathArgument(output);
  compiler::CompileOptions options;
  options.verify_dir = verify_images.is_none() ? std::string() : PathArgument(verify_images);
  options.verify_patches = verify_patches;
  options.test_bits_per_pixel = test_bits_per_pixel.value_or(NAN);
  options.notes = notes;
  options.verify_dir_option = "verify_images=";
  if (!output_path.empty() && !overwrite && std::filesystem::exists(output_path)) {
    ThrowValueError(output_path + ": exists (pass overwrite=True to replace it)");
  }
  compiler::CompiledCheckpoint compiled;
  {
    py::gil_scoped_release release;
    compiled = compiler::CompileCheckpoint(checkpoint_path, options);
    if (!compiled.Verified()) {
      char detail[128];
      std::snprintf(detail, sizeof detail, " (max |runtime - trainer| = %.2e nats/px on %d patches, limit %.0e)",
                    compiled.report.max_abs_difference, compiled.report.patches, compiled.report.limit);
      throw std::runtime_error(std::string(compiler::kVerificationFailed) + detail);
    }
    if (!output_path.empty()) {
      tools::OutputFileOptions output_options;
      output_options.overwrite = overwrite;
      output_options.input_path = checkpoint_path;
      tools::WriteFileAtomically(
          output_path, {reinterpret_cast<const char*>(compiled.bytes.data()), compiled.bytes.size()}, output_options);
    }
  }
  ride_model* model = nullptr;
  Check(ride_model_open_memory(compiled.bytes.data(), compiled.bytes.size(), RIDE_MODEL_COPY, &model));
  return WrapModel(model);
}

}  // namespace

void RegisterCompile(py::module_& module) {
  module.def("compile", &Compile, py::arg("checkpoint"), py::arg("output") = py::none(), py::kw_only(),
             py::arg("verify_images") = py::none(), py::arg("verify_patches") = 8,
             py::arg("test_bits_per_pixel") = py::none(), py::arg("notes") = "", py::arg("overwrite") = false,
             R"doc(
Freezes a trainer checkpoint (train_mcgsm(), train_ride() or ride-train wrote it; MCGSM or RIDE of
any depth) into a model, as ride-compile does: folds the whitening into the weights, writes the
.ride bytes with the checkpoint's provenance, loads them back through the runtime's loader and
checks that the runtime's per-pixel log-densities match the trainer's (1e-4 nats/px) on 64x64
centre patches of `verify_patches` images of `verify_images` (default: the checkpoint's training
folder). Returns the model; with `output`, also writes the .ride file (the bytes ride-compile
writes), which appears only when verified and complete.

test_bits_per_pixel and notes are recorded in the model's provenance (Model.info).

The GIL is released while compiling. Raises ValueError for a verification folder that is not one,
verify_patches outside 1..1000 or an existing output without overwrite=True, RuntimeError for a
checkpoint that does not load (the message names the field) or a failed verification, OSError when
the system refuses to read the checkpoint (a missing file) or to write the output.
)doc");
}

}  // namespace ride::python
