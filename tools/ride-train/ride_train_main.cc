// ride-train: fits models to image folders or textures, evaluates them, makes data (docs/trainer.md).
//   ride-train mcgsm (--train-dir DIR | --texture IMAGE) -o model.ckpt.json [options]
//   ride-train ride (--train-dir DIR | --texture IMAGE) -o model.ckpt.json [--checkpoint-dir DIR] [options]
//   ride-train colour --train-dir DIR... --val-dir DIR... -o model.ckpt.json [--downscale 2] [--resume] [options]
//   ride-train eval --model model.ckpt.json (--dir DIR | --texture IMAGE) [--patches 64] [--whole] [--ensemble]
//   ride-train dead-leaves -o DIR --count N [--test-count T] [--size 256] [--seed 1]
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "trainer/src/checkpoint.h"
#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/colour_evaluation.h"
#include "trainer/src/dataset.h"
#include "trainer/src/evaluation.h"
#include "trainer/src/image_io.h"
#include "trainer/src/elapsed.h"
#include "trainer/src/mcgsm_run.h"
#include "trainer/src/mcgsm_train.h"
#include "trainer/src/ride_checkpoint.h"
#include "trainer/src/ride_evaluation.h"
#include "trainer/src/random.h"
#include "trainer/src/texture_split.h"
#include "trainer/src/whitening.h"
#include "tools/common/command_line.h"
#include "tools/common/exit_status.h"
#include "tools/common/image_folder.h"
#include "tools/common/interrupts.h"
#include "tools/ride-train/colour_command.h"
#include "tools/ride-train/dead_leaves_command.h"
#include "tools/ride-train/ride_command.h"
#include "tools/ride-train/training_data.h"
#include "trainer/src/distributed.h"

namespace ride::trainer {
namespace {

constexpr double kLn2 = 0.69314718055994530942;

// The options of mcgsm_run.h, and the program's own.
struct McgsmArgs : McgsmRunOptions {
  bool force = false, quiet = false;
  double mpi_timeout = Communicator::kDefaultTimeoutSeconds;
};

struct EvalArgs {
  std::string model, dir, texture;
  int held_out_region = kDefaultHeldOutRegion;
  int patches = 64;
  bool whole = false, midpoint = false, interior = false, ensemble = false;
  uint64_t seed = 1;
  int threads = 0;
};

int RunMcgsm(McgsmArgs args, const std::string& command, Communicator& comm) {
  RefuseExistingOutput(args.output, args.force, comm);
  const bool talk = !args.quiet && comm.is_root();
  args.command = command;
  McgsmRunHooks hooks;
  hooks.note = [&](const std::string& line) {
    if (talk) std::fprintf(stderr, "%s\n", line.c_str());
  };
  bool first_iteration = true;
  hooks.on_iteration = [&](const TrainProgress& p) {
    if (!talk) return;
    if (first_iteration) std::fprintf(stderr, "%s\n", kRatesNote);
    first_iteration = false;
    const double per_iter = p.elapsed_seconds / p.iteration;
    const double eta = per_iter * (args.max_iter - p.iteration);
    if (p.validated) {
      std::fprintf(stderr, "iter %4d/%d  rate train %.4f, validation %.4f bit/px (best %.4f @%d)  elapsed %s  eta %s\n",
                   p.iteration, args.max_iter, p.train_bpp, p.val_bpp, p.best_val_bpp, p.best_iteration,
                   Duration(p.elapsed_seconds).c_str(), Duration(eta).c_str());
    } else {
      std::fprintf(stderr, "iter %4d/%d  rate train %.4f bit/px  elapsed %s  eta %s\n", p.iteration, args.max_iter,
                   p.train_bpp, Duration(p.elapsed_seconds).c_str(), Duration(eta).c_str());
    }
  };
  const McgsmRunResult run = RunMcgsmTraining(args, hooks, comm);
  if (!comm.is_root()) return 0;
  const McgsmTrainResult& result = run.train;
  if (talk) {
    std::fprintf(stderr, "stopped after %d iterations (%s); best validation at iteration %d; total %s\n",
                 result.iterations, result.stop_reason.c_str(), result.best_iteration,
                 Duration(run.elapsed_seconds).c_str());
  }
  std::printf("log-likelihood rate: train %.4f bit/px, validation %.4f bit/px (higher is better) -> %s\n",
              result.train_bpp, result.val_bpp, args.output.c_str());
  return 0;
}

// The held-out region of a texture as one image (the whole-image protocol), dequantised like image 0
// of `ride-train eval --dir`: the same rate as evaluating a folder that holds only that region.
int RunTextureEval(const EvalArgs& args) {
  const TextureSplit split = ReadTextureSplit(args.texture, args.held_out_region);
  const GrayImage& image = split.held_out;
  std::mt19937_64 rng = StreamGenerator(args.seed, 0);
  const std::vector<double> values = args.midpoint ? Midpoints(image) : Dequantize(image, rng);
  const auto start = std::chrono::steady_clock::now();
  double bpp = 0;
  int64_t pixels = int64_t{image.width} * image.height;
  if (CheckpointModelKind(args.model) == "ride") {
    if (args.interior && args.ensemble) throw std::runtime_error("--interior takes no --ensemble");
    const RideModel model = LoadRideCheckpoint(args.model, nullptr);
    model.Check();
    const int transforms = args.ensemble ? 8 : 1;
    std::vector<double> totals;
    for (int k = 0; k < transforms; ++k) {
      int w = image.width, h = image.height;
      const std::vector<double> transformed = TransformImage(values, &w, &h, k);
      const Eigen::MatrixXd ll = RideImageLogLikelihoods(model, {transformed.data()}, w, h, args.interior);
      pixels = ll.cols();
      totals.push_back(ll.sum());
    }
    bpp = EnsembleLogLikelihood(totals) / static_cast<double>(pixels) / kLn2;
  } else {
    if (args.ensemble) throw std::runtime_error("--ensemble needs a RIDE model");
    const McgsmModel model = LoadCheckpoint(args.model);
    const Eigen::RowVectorXd loglik = ImageLogLikelihood(model, values.data(), image.width, image.height);
    if (args.interior) {
      const int half = (model.window.width - 1) / 2;
      double sum = 0;
      pixels = 0;
      for (int r = model.window.height - 1; r < image.height; ++r) {
        for (int c = half; c < image.width - half; ++c) {
          sum += loglik[static_cast<Eigen::Index>(r) * image.width + c];
          ++pixels;
        }
      }
      if (pixels == 0) throw std::runtime_error("--interior: the held-out region has no interior pixel");
      bpp = sum / static_cast<double>(pixels) / kLn2;
    } else {
      bpp = loglik.mean() / kLn2;
    }
  }
  std::printf("held-out region %d (%dx%d) of %s: log-likelihood rate %.4f bit/px (%lld pixels; higher is better)\n",
              args.held_out_region, image.width, image.height, args.texture.c_str(), bpp,
              static_cast<long long>(pixels));
  std::fprintf(stderr, "evaluated in %s\n", Duration(Seconds(start)).c_str());
  return 0;
}

// A colour model on a folder's colour images, whole images only.
int RunColourEval(const EvalArgs& args, bool patches_given) {
  if (patches_given || args.interior || args.ensemble || !args.texture.empty()) {
    throw std::runtime_error("a colour model evaluates whole images of a --dir (no --patches, --interior, --ensemble, --texture)");
  }
  const auto start = std::chrono::steady_clock::now();
  const ColourMcgsmModel model = LoadColourCheckpoint(args.model);
  const ColourEvalReport report =
      EvaluateColourImageFiles(model, tools::ListImageFiles(args.dir), args.midpoint, args.seed);
  std::printf("whole images:   log-likelihood rate %.4f ± %.4f bit per sub-pixel (%d colour images; higher is better; "
              "a codec costs about %.4f)\n",
              report.whole.mean, report.whole.standard_error, report.images, 8 - report.whole.mean);
  std::printf("over every sub-pixel: %.4f (channels %.4f %.4f %.4f, %s)\n", report.pooled_rate, report.channel_rate[0],
              report.channel_rate[1], report.channel_rate[2], ColourTransformName(model.transform).c_str());
  if (report.skipped_gray > 0) std::fprintf(stderr, "%d gray images passed over\n", report.skipped_gray);
  std::fprintf(stderr, "evaluated %d images in %s\n", report.images, Duration(Seconds(start)).c_str());
  return 0;
}

int RunEval(EvalArgs args, bool patches_given) {
  if (args.threads > 0) omp_set_num_threads(args.threads);
  if (!args.texture.empty()) {
    if (patches_given || args.whole) {
      throw std::runtime_error("--texture evaluates the held-out region as one image; drop --patches and --whole");
    }
    return RunTextureEval(args);
  }
  if (CheckpointModelKind(args.model) == "colour-mcgsm") return RunColourEval(args, patches_given);
  EvalOptions options;
  // Without --whole or --patches both protocols run; with either, only the ones asked for.
  options.whole_images = args.whole || !patches_given;
  options.patch_size = patches_given || !args.whole ? args.patches : 0;
  options.midpoint = args.midpoint;
  options.interior_only = args.interior;
  options.seed = args.seed;
  const auto start = std::chrono::steady_clock::now();
  EvalReport report;
  if (CheckpointModelKind(args.model) == "ride") {
    RideEvalOptions ride_options;
    ride_options.base = options;
    ride_options.ensemble = args.ensemble;
    report = EvaluateRideImageFiles(LoadRideCheckpoint(args.model, nullptr), tools::ListImageFiles(args.dir), ride_options);
  } else {
    if (args.ensemble) throw std::runtime_error("--ensemble needs a RIDE model");
    report = EvaluateImageFiles(LoadCheckpoint(args.model), tools::ListImageFiles(args.dir), options);
  }
  if (options.whole_images) {
    std::printf("whole images:   log-likelihood rate %.4f ± %.4f bit/px (%lld images; higher is better)\n",
                report.whole.mean, report.whole.standard_error, static_cast<long long>(report.whole.count));
  }
  if (options.patch_size > 0) {
    std::printf("%dx%d patches: log-likelihood rate %.4f ± %.4f bit/px (%lld patches; higher is better)\n",
                options.patch_size, options.patch_size, report.patches.mean, report.patches.standard_error,
                static_cast<long long>(report.patches.count));
  }
  std::fprintf(stderr, "evaluated %d images in %s\n", report.images,
               Duration(Seconds(start)).c_str());
  return 0;
}

}  // namespace
}  // namespace ride::trainer

int main(int argc, char** argv) {
  using namespace ride::trainer;
  namespace tools = ride::tools;
  // First of all, so that an interrupt at any point removes the temporaries of unfinished outputs.
  tools::InstallInterruptHandlers();
  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(argv[i]);
  // Under an MPI launcher (mpirun -np N ride-train ...) this process is one of N ranks.
  std::unique_ptr<Communicator> comm;
  try {
    comm = StartCommunicator(&argc, &argv);
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "ride-train: %s\n", ex.what());
    return tools::ExitStatusFor(ex);
  }

  CLI::App app{"ride-train: trains and evaluates ride's image models", "ride-train"};
  tools::SetUpCommandLine(app);
  app.set_version_flag("--version", std::string("ride-train ") + RIDE_TRAINER_VERSION + " (" +
                                        (*RIDE_BUILD_TYPE ? RIDE_BUILD_TYPE " build" : "no build type") + ")");
  McgsmArgs m;
  CLI::App* mcgsm = app.add_subcommand("mcgsm", "train an MCGSM on whitened causal neighbourhoods");
  AddTrainingImageOptions(mcgsm, &m,
                          "train on one texture image instead: a 4x4 grid of equal regions (remainder pixels "
                          "dropped), 15 train and --held-out-region validates");
  mcgsm
      ->add_option("--pixels", m.pixels, "training pairs, drawn uniformly from all training pixels")
      ->capture_default_str();
  mcgsm->add_option("--val-pixels", m.val_pixels, "validation pairs")->capture_default_str();
  mcgsm->add_option("--window", m.window, "causal window WIDTHxHEIGHT (width odd)")->check(WindowValidator());
  mcgsm->add_option("--components", m.components)->check(AtLeast(1));
  mcgsm->add_option("--scales", m.scales)->check(AtLeast(1));
  mcgsm->add_option("--features", m.features)->check(AtLeast(1));
  mcgsm->add_option("--max-iter", m.max_iter, "L-BFGS iterations at most")->check(AtLeast(1));
  mcgsm->add_option("--validate-every", m.validate_every, "iterations between validations")
      ->check(AtLeast(1));
  mcgsm->add_option("--patience", m.patience, "validations without improvement before stopping")
      ->check(AtLeast(1));
  AddThreadsOption(mcgsm, &m.threads);
  mcgsm->add_option("--seed", m.seed, "seed of data sampling, dequantisation and initialisation")
      ->capture_default_str();
  mcgsm->add_option("-o,--output", m.output, "checkpoint to write (JSON)")->required();
  mcgsm->add_option("--metrics", m.metrics, "JSON-lines metrics log");
  mcgsm->add_flag("-f,--force", m.force, "overwrite the output");
  mcgsm->add_flag("-q,--quiet", m.quiet, "no progress on stderr");
  AddMpiTimeoutOption(mcgsm, &m.mpi_timeout);

  EvalArgs e;
  CLI::App* eval =
      app.add_subcommand("eval", "log-likelihood rate of a model on a folder of images");
  eval->add_option("--model", e.model, "checkpoint (JSON)")->required();
  CLI::Option* eval_dir = eval->add_option("--dir", e.dir, "folder of images");
  eval->add_option("--texture", e.texture,
                   "texture image instead: the rate of its held-out region as one image (whole-image "
                   "protocol)")
      ->excludes(eval_dir);
  eval->add_option("--held-out-region", e.held_out_region,
                   "--texture: region held out in training, 0..15 in raster order (15: bottom right)")
      ->check(CLI::Range(0, kTextureRegions - 1));
  CLI::Option* patches =
      eval->add_option("--patches", e.patches, "patch size of the patch protocol (0: none)")
          ->capture_default_str();
  eval->add_flag("--whole", e.whole, "evaluate whole images");
  eval->add_flag("--interior", e.interior,
                 "count only pixels whose whole window lies inside the image or patch (the "
                 "authors' protocol)");
  eval->add_flag("--ensemble", e.ensemble, "RIDE: the ensemble over the 8 flips and transposes");
  eval->add_flag("--midpoint", e.midpoint, "use (v + 0.5)/256 instead of uniform dequantisation");
  eval->add_option("--seed", e.seed, "dequantisation seed")->capture_default_str();
  AddThreadsOption(eval, &e.threads);

  RideArgs r;
  CLI::App* ride = AddRideCommand(&app, &r);

  ColourArgs colour_args;
  CLI::App* colour = AddColourCommand(&app, &colour_args);

  DeadLeavesArgs d;
  CLI::App* dead_leaves = AddDeadLeavesCommand(&app, &d);

  mcgsm->callback([mcgsm] {
    if (mcgsm->count("--train-dir") + mcgsm->count("--texture") == 0) {
      throw CLI::RequiredError("--train-dir or --texture");
    }
  });
  eval->callback([eval] {
    if (eval->count("--dir") + eval->count("--texture") == 0) throw CLI::RequiredError("--dir or --texture");
  });

  if (auto status = tools::ParseCommandLine(app, argc, argv)) return *status;
  try {
    if (*mcgsm) {
      comm->set_timeout_seconds(m.mpi_timeout);
      return RunMcgsm(m, command, *comm);
    }
    if (*ride) {
      comm->set_timeout_seconds(r.mpi_timeout);
      return RunRide(r, command, *comm);
    }
    if (*colour) return RunColour(colour_args, command, *comm);
    if (comm->size() > 1) {
      throw std::runtime_error(std::string(*eval ? "eval" : "dead-leaves") +
                               " runs as one process: start it without mpirun (only mcgsm, ride and colour train over MPI)");
    }
    if (*eval) return RunEval(e, patches->count() > 0);
    if (*dead_leaves) return RunDeadLeaves(d);
  } catch (const std::exception& ex) {
    const int status = tools::ExitStatusFor(ex);
    if (comm->size() == 1) {
      std::fprintf(stderr, "ride-train: %s\n", ex.what());
      return status;
    }
    // The other ranks may be waiting for this one: end them all rather than let them time out.
    std::fprintf(stderr, "ride-train: rank %d of %d: %s\n", comm->rank(), comm->size(), ex.what());
    std::fflush(stderr);
    comm->Abort(status);
    return status;
  }
  return tools::kExitInternal;  // ParseCommandLine ran one of the commands above
}
