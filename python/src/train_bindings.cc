// train_mcgsm and train_ride: the trainer's whole runs (trainer/src/mcgsm_run.h, ride_run.h), the
// code `ride-train mcgsm` and `ride-train ride` run, so the same options give the same checkpoints.
// There is no C API for training; this file and compile_bindings.cc are the only ones that use the
// trainer's and the compiler's C++ libraries.
//
// Training runs without the GIL. The trainer asks should_stop between steps on the calling thread:
// there Python's signal handlers run (Ctrl-C becomes a KeyboardInterrupt), and an exception from the
// progress callback ends training the same way; the checkpoints are left as after the last step,
// then the exception is raised.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "python/src/arguments.h"
#include "python/src/bindings.h"
#include "python/src/callbacks.h"
#include "python/src/errors.h"
#include "trainer/src/distributed.h"
#include "trainer/src/mcgsm_run.h"
#include "trainer/src/ride_run.h"

namespace py = pybind11;

namespace ride::python {
namespace {

// Paths: "" for None.
std::string OptionalPath(const py::object& path) { return path.is_none() ? std::string() : PathArgument(path); }

void RefuseExistingOutput(const std::string& output, bool overwrite) {
  if (output.empty()) ThrowValueError("output: the checkpoint to write is required");
  if (!overwrite && std::filesystem::exists(output)) {
    ThrowValueError(output + ": exists (pass overwrite=True to replace it)");
  }
}

// The trainer's lines about the data go to the logger "ride" at level INFO.
void LogNote(PythonCalls* calls, const std::string& line) {
  calls->Run([&] { py::module_::import("logging").attr("getLogger")("ride").attr("info")(line); });
}

// Runs `train(hooks)` without the GIL, with the hooks every run takes from Python: notes to the
// logger, and should_stop, which runs Python's signal handlers and says stop once a Python call
// (Ctrl-C's KeyboardInterrupt, a progress callback) has raised; that exception is raised after the
// run has ended cleanly.
template <typename Hooks, typename Train>
auto TrainWithPython(PythonCalls* calls, Hooks* hooks, Train&& train) {
  hooks->note = [calls](const std::string& line) { LogNote(calls, line); };
  hooks->should_stop = [calls] { return !calls->CheckSignals(); };
  decltype(train(*hooks, std::declval<trainer::Communicator&>())) result;
  {
    py::gil_scoped_release release;
    trainer::LocalCommunicator alone;  // one process: the module trains without MPI
    result = train(*hooks, alone);
  }
  calls->RaiseIfFailed();
  return result;
}

py::object OptionalFloat(bool present, double value) {
  return present ? py::object(py::float_(value)) : py::object(py::none());
}

// The ride-train command line that asks for the same run, recorded as the checkpoint's
// training.command: how to reproduce the model without Python.
class CommandLine {
 public:
  explicit CommandLine(const char* call, const char* subcommand) {
    text_ << call << "; as ride-train " << subcommand;
  }
  template <typename T>
  CommandLine& Add(const char* option, const T& value) {
    text_ << " " << option << " " << value;
    return *this;
  }
  CommandLine& AddPath(const char* option, const std::string& path) {
    if (!path.empty()) text_ << " " << option << " '" << path << "'";
    return *this;
  }
  template <typename T>
  CommandLine& AddList(const char* option, const std::vector<T>& values) {
    text_ << " " << option;
    for (const T& value : values) text_ << " " << value;
    return *this;
  }
  CommandLine& Flag(const char* option, bool on) {
    if (on) text_ << " " << option;
    return *this;
  }
  std::string str() const { return text_.str(); }

 private:
  std::ostringstream text_;
};

// The one folder a Python call trains on ("" for a texture), for the recorded command line.
std::string TrainFolder(const trainer::TrainingImageSource& source) {
  return source.train_dirs.empty() ? "" : source.train_dirs.front();
}

void SetSource(const py::object& train_dir, const py::object& texture, int val_count, int held_out_region,
               trainer::TrainingImageSource* source) {
  const std::string folder = OptionalPath(train_dir);
  source->train_dirs.clear();
  if (!folder.empty()) source->train_dirs.push_back(folder);
  source->texture = OptionalPath(texture);
  source->val_count = val_count;
  source->held_out_region = held_out_region;
  if (folder.empty() == source->texture.empty()) {
    ThrowValueError("give train_dir (a folder of images) or texture= (one texture image), not " +
                    std::string(source->texture.empty() ? "neither" : "both"));
  }
}

py::object TrainMcgsm(const py::object& train_dir, const py::object& output, const py::object& texture,
                      int val_count, int held_out_region, int64_t pixels, int64_t val_pixels, const std::string& window,
                      int components, int scales, int features, int max_iter, int validate_every, int patience,
                      int threads, const py::object& seed, const py::object& metrics, bool overwrite,
                      const py::object& progress) {
  trainer::McgsmRunOptions options;
  SetSource(train_dir, texture, val_count, held_out_region, &options);
  options.output = PathArgument(output);
  RefuseExistingOutput(options.output, overwrite);
  options.pixels = pixels;
  options.val_pixels = val_pixels;
  options.window = window;
  options.components = components;
  options.scales = scales;
  options.features = features;
  options.max_iter = max_iter;
  options.validate_every = validate_every;
  options.patience = patience;
  options.threads = threads;
  options.seed = SeedArgument(seed, "seed");
  options.metrics = OptionalPath(metrics);
  CommandLine command("ride.train_mcgsm()", "mcgsm");
  command.AddPath("--train-dir", TrainFolder(options)).AddPath("--texture", options.texture);
  if (options.texture.empty()) command.Add("--val-count", val_count);
  if (!options.texture.empty()) command.Add("--held-out-region", held_out_region);
  command.Add("--pixels", pixels).Add("--val-pixels", val_pixels).Add("--window", window)
      .Add("--components", components).Add("--scales", scales).Add("--features", features)
      .Add("--max-iter", max_iter).Add("--validate-every", validate_every).Add("--patience", patience)
      .Add("--threads", threads).Add("--seed", options.seed).AddPath("-o", options.output).AddPath("--metrics", options.metrics);
  options.command = command.str();

  PythonCalls calls(progress);
  const py::object progress_type = py::module_::import("ride._types").attr("McgsmProgress");
  trainer::McgsmRunHooks hooks;
  if (calls.has_progress()) {
    hooks.on_iteration = [&](const trainer::TrainProgress& p) {
      calls.Run([&] {
        progress(progress_type(
            py::arg("iteration") = p.iteration, py::arg("max_iterations") = max_iter,
            py::arg("evaluations") = p.evaluations, py::arg("train_bits_per_pixel") = p.train_bpp,
            py::arg("validation_bits_per_pixel") = OptionalFloat(p.validated, p.val_bpp),
            py::arg("best_validation_bits_per_pixel") = OptionalFloat(p.best_iteration > 0, p.best_val_bpp),
            py::arg("best_iteration") = p.best_iteration, py::arg("elapsed_seconds") = p.elapsed_seconds));
      });
    };
  }
  const trainer::McgsmRunResult run =
      TrainWithPython(&calls, &hooks, [&](const trainer::McgsmRunHooks& h, trainer::Communicator& comm) { return RunMcgsmTraining(options, h, comm); });
  const trainer::McgsmTrainResult& r = run.train;
  return py::module_::import("ride._types").attr("McgsmTrainResult")(
      py::arg("checkpoint") = options.output, py::arg("iterations") = r.iterations,
      py::arg("best_iteration") = r.best_iteration, py::arg("train_bits_per_pixel") = r.train_bpp,
      py::arg("validation_bits_per_pixel") = r.val_bpp, py::arg("stop_reason") = r.stop_reason,
      py::arg("elapsed_seconds") = run.elapsed_seconds);
}

py::object TrainRide(const py::object& train_dir, const py::object& output, const py::object& texture, int val_count,
                     int held_out_region, const std::string& window, const std::vector<int>& hidden, bool extended,
                     bool bounded_cells, bool exact_neighbours, int components, int scales, int features,
                     const std::optional<std::vector<int>>& patch_sizes,
                     const std::optional<std::vector<double>>& learning_rates, double momentum, int batch_size,
                     std::optional<int64_t> epoch_pixels, bool flips, std::optional<double> max_gradient_norm,
                     int64_t refit_pixels, int refit_iterations, std::optional<int> validation_patches,
                     std::optional<int> validation_patch_size, int threads, const py::object& seed,
                     const py::object& checkpoint_dir, bool rebaseline_validation, const py::object& metrics,
                     const py::object& curve, bool overwrite, const py::object& progress) {
  trainer::RideRunOptions options;
  SetSource(train_dir, texture, val_count, held_out_region, &options);
  options.output = PathArgument(output);
  RefuseExistingOutput(options.output, overwrite);
  options.window = window;
  if (hidden.empty()) ThrowValueError("hidden: give the hidden units of at least one layer, e.g. [64]");
  options.hidden = hidden;
  options.extended = extended;
  options.bounded = bounded_cells;
  options.components = components;
  options.scales = scales;
  options.features = features;
  trainer::RideTrainOptions& t = options.train;
  // The options a texture changes the defaults of: given when not None.
  options.patch_sizes_given = patch_sizes.has_value();
  if (patch_sizes) t.patch_sizes = *patch_sizes;
  options.learning_rates_given = learning_rates.has_value();
  if (learning_rates) t.learning_rates = *learning_rates;
  options.epoch_pixels_given = epoch_pixels.has_value();
  if (epoch_pixels) t.epoch_pixels = *epoch_pixels;
  if (max_gradient_norm) t.max_gradient_norm = *max_gradient_norm;
  options.validation_patches_given = validation_patches.has_value();
  if (validation_patches) t.validation_patches = *validation_patches;
  options.validation_patch_size_given = validation_patch_size.has_value();
  if (validation_patch_size) t.validation_patch_size = *validation_patch_size;
  t.momentum = momentum;
  t.batch_size = batch_size;
  t.flips = flips;
  t.exact_neighbours = exact_neighbours;
  t.refit_pixels = refit_pixels;
  t.refit_iterations = refit_iterations;
  t.threads = threads;
  t.seed = SeedArgument(seed, "seed");
  options.checkpoint_dir = OptionalPath(checkpoint_dir);
  options.rebaseline_validation = rebaseline_validation;
  options.metrics = OptionalPath(metrics);
  options.curve = OptionalPath(curve);
  CommandLine command("ride.train_ride()", "ride");
  command.AddPath("--train-dir", TrainFolder(options)).AddPath("--texture", options.texture);
  if (options.texture.empty()) command.Add("--val-count", val_count);
  if (!options.texture.empty()) command.Add("--held-out-region", held_out_region);
  command.Add("--window", window).AddList("--hidden", hidden).Flag("--extended", extended)
      .Flag("--bounded-cells", bounded_cells).Flag("--exact-neighbours", exact_neighbours)
      .Add("--components", components).Add("--scales", scales).Add("--features", features);
  if (patch_sizes) command.AddList("--patch-sizes", *patch_sizes);
  if (learning_rates) command.AddList("--learning-rates", *learning_rates);
  command.Add("--momentum", momentum).Add("--batch-size", batch_size);
  if (epoch_pixels) command.Add("--epoch-pixels", *epoch_pixels);
  if (max_gradient_norm) command.Add("--max-gradient-norm", *max_gradient_norm);
  command.Add("--refit-pixels", refit_pixels).Add("--refit-iterations", refit_iterations);
  if (validation_patches) command.Add("--validation-patches", *validation_patches);
  if (validation_patch_size) command.Add("--validation-patch-size", *validation_patch_size);
  command.Flag("--no-flips", !flips).Add("--threads", threads).Add("--seed", t.seed).AddPath("-o", options.output)
      .AddPath("--checkpoint-dir", options.checkpoint_dir).AddPath("--metrics", options.metrics)
      .AddPath("--curve", options.curve);
  options.command = command.str();

  PythonCalls calls(progress);
  const py::object progress_type = py::module_::import("ride._types").attr("RideProgress");
  trainer::RideRunHooks hooks;
  if (calls.has_progress()) {
    hooks.progress = [&](const trainer::RideStageReport& r) {
      calls.Run([&] {
        progress(progress_type(
            py::arg("stage") = r.stage + 1, py::arg("stages") = r.stages, py::arg("batch") = r.batch,
            py::arg("batches") = r.batches, py::arg("train_bits_per_pixel") = r.train_bpp,
            py::arg("validation_bits_per_pixel") = OptionalFloat(r.finished, r.validation_bpp),
            py::arg("finished") = r.finished, py::arg("elapsed_seconds") = r.elapsed_seconds,
            py::arg("stage_elapsed_seconds") = r.stage_elapsed_seconds));
      });
    };
  }
  const trainer::RideRunResult run =
      TrainWithPython(&calls, &hooks, [&](const trainer::RideRunHooks& h, trainer::Communicator& comm) { return RunRideTraining(options, h, comm); });
  const trainer::RideTrainState& s = run.state;
  return py::module_::import("ride._types").attr("RideTrainResult")(
      py::arg("checkpoint") = options.output, py::arg("stages_done") = s.stages_done,
      py::arg("best_stage") = s.best_stage + 1, py::arg("best_validation_bits_per_pixel") = s.best_validation_bpp,
      py::arg("train_bits_per_pixel") = py::tuple(py::cast(s.train_bpp)),
      py::arg("validation_bits_per_pixel") = py::tuple(py::cast(s.validation_bpp)),
      py::arg("stopped_early") = s.stopped, py::arg("elapsed_seconds") = run.elapsed_seconds);
}

}  // namespace

void RegisterTrain(py::module_& module) {
  module.def("train_mcgsm", &TrainMcgsm, py::arg("train_dir"), py::arg("output"), py::kw_only(),
             py::arg("texture") = py::none(), py::arg("val_count") = 20, py::arg("held_out_region") = 15,
             py::arg("pixels") = 1000000, py::arg("val_pixels") = 200000, py::arg("window") = "9x5",
             py::arg("components") = 32, py::arg("scales") = 4, py::arg("features") = 32,
             py::arg("max_iter") = 1000, py::arg("validate_every") = 5, py::arg("patience") = 5,
             py::arg("threads") = 0, py::arg("seed") = 1, py::arg("metrics") = py::none(),
             py::arg("overwrite") = false, py::arg("progress") = py::none(), R"doc(
Trains an MCGSM on whitened causal neighbourhoods by L-BFGS with early stopping, as
`ride-train mcgsm` does with the same options (docs/trainer.md): the same code, the same
checkpoint (JSON, for compile()), rewritten whenever the validation rate improves, and the same
JSON-lines metrics. Returns a McgsmTrainResult.

train_dir: folder of training images, sorted by name; the last `val_count` validate. Or None with
    texture=: one texture image cut into 4x4 regions, 15 train and `held_out_region` validates.
output: the checkpoint to write; an existing file only with overwrite=True.
pixels, val_pixels: training and validation (neighbourhood, pixel) pairs.
window: the causal window "WIDTHxHEIGHT" (width odd). components, scales, features: the MCGSM.
max_iter, validate_every, patience: L-BFGS iterations at most, iterations between validations,
    validations without improvement before stopping.
threads: 0 for all cores. seed: data sampling, dequantisation and initialisation.
metrics: a JSON-lines log to write, or None.
progress: None, or a callable taking a McgsmProgress after every iteration.

Trains in this process alone; on several machines, run ride-train under mpirun (docs/trainer.md,
"Several machines"). The checkpoint records the ride-train command line that trains the same
model. The trainer's notes about the data go to the logger "ride" (INFO). Training runs without
the GIL; Ctrl-C, or an exception raised by `progress`, stops it after the iteration under way,
leaving the checkpoint of the best model so far, and is then raised. Raises ValueError for options out of range or bad
images (naming them), OSError for unreadable files, RuntimeError for the rest.
)doc");
  module.def("train_ride", &TrainRide, py::arg("train_dir"), py::arg("output"), py::kw_only(),
             py::arg("texture") = py::none(), py::arg("val_count") = 20, py::arg("held_out_region") = 15,
             py::arg("window") = "5x3", py::arg("hidden") = std::vector<int>{64}, py::arg("extended") = false,
             py::arg("bounded_cells") = false, py::arg("exact_neighbours") = false,
             py::arg("components") = 32, py::arg("scales") = 4, py::arg("features") = 32,
             py::arg("patch_sizes") = py::none(),
             py::arg("learning_rates") = py::none(), py::arg("momentum") = 0.9, py::arg("batch_size") = 50,
             py::arg("epoch_pixels") = py::none(), py::arg("flips") = true, py::arg("max_gradient_norm") = py::none(),
             py::arg("refit_pixels") = 200000, py::arg("refit_iterations") = 100,
             py::arg("validation_patches") = py::none(), py::arg("validation_patch_size") = py::none(),
             py::arg("threads") = 0, py::arg("seed") = 1, py::arg("checkpoint_dir") = py::none(),
             py::arg("rebaseline_validation") = false, py::arg("metrics") = py::none(), py::arg("curve") = py::none(),
             py::arg("overwrite") = false, py::arg("progress") = py::none(), R"doc(
Trains RIDE (spatial LSTMs and an MCGSM) with the paper's staged recipe, as `ride-train ride`
does with the same options (docs/trainer.md, "RIDE"): the same code and the same checkpoints.
Returns a RideTrainResult.

train_dir, texture, val_count, held_out_region: the data, as for train_mcgsm(). A texture switches
    the defaults of the options left at None to the paper's texture recipe.
window: "WIDTHxHEIGHT". hidden: units per layer, e.g. [64, 64] for two layers. extended: memory
    units as extra inputs. bounded_cells: cells bounded by construction, stable on images of any
    size (model schema 3). exact_neighbours: condition on the bin centres the codec sees and
    dequantise only the predicted pixel. components, scales, features: the MCGSM on the top layer.
patch_sizes, learning_rates: one per stage (None: 8, 10, .., 22 and 1, .5, .1, .05, .01, .005,
    .001, .0005). momentum, batch_size: SGD. epoch_pixels: training pixels per stage (None:
    5,000,000). flips: horizontal flips as augmentation. max_gradient_norm: clip each step's
    gradient to this norm (None: 1; 0: off).
refit_pixels, refit_iterations: the MCGSM refit by L-BFGS after every stage.
validation_patches, validation_patch_size: early stopping on this many patches of the validation
    images (None: 200 of 64x64).
threads: 0 for all cores. seed: every stage's randomness comes from its own stream of it.
checkpoint_dir: every stage writes stage-NN.ckpt.json and latest.ckpt.json there, and a call with
    the same options resumes after the last finished stage, ending with the model an uninterrupted
    run gives; other options are refused, naming each (threads may differ).
rebaseline_validation: resume even though the validation options (validation_patches,
    validation_patch_size) differ from the checkpoint's: its model is measured on the new
    validation first, and later stages are compared with that. metrics: JSON lines, appended. curve: training curves as SVG, redrawn per stage.
progress: None, or a callable taking a RideProgress after every SGD batch and every stage.

Trains in this process alone, as train_mcgsm(); stage checkpoints written by ride-train under
mpirun resume here, and the other way round. Training runs without the GIL; Ctrl-C, or an
exception raised by `progress`, abandons the stage under way (the checkpoints stay those of the
last finished stage, so a call with checkpoint_dir resumes from there; `output` is written if a
stage had finished), and is then raised. Errors as train_mcgsm().
)doc");
}

}  // namespace ride::python
