// The `ride` command-line tool: argument parsing only; each subcommand lives in its own file.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "ride/ride.h"
#include "tools/common/command_line.h"
#include "tools/common/interrupts.h"
#include "tools/ride/bash_completion.h"
#include "tools/ride/commands.h"

namespace {

// "ride 0.2.0 (Release build; kernels: avx512)": the project's version (ride_version.h), CMake's
// build type, and the kernels this CPU gets.
std::string VersionLine() {
  const std::string build = *RIDE_BUILD_TYPE ? RIDE_BUILD_TYPE " build" : "no build type";
  return std::string("ride ") + RIDE_VERSION_STRING + " (" + build + "; kernels: " + ride_kernels() + ")";
}

// The options every command that writes files shares.
void AddOutputFlags(CLI::App* command, bool* force, bool* quiet) {
  command->add_flag("-f,--force", *force, "Overwrite existing outputs");
  command->add_flag("-q,--quiet", *quiet, "No progress or summary on stderr");
}

void AddThreads(CLI::App* command, uint32_t* threads, const char* what) {
  *threads = ride::cli::DefaultThreads();
  command->add_option("-j,--threads", *threads, std::string("Threads: ") + what)->check(CLI::Range(1, 64));
}

// --model, and -e/--effort as cjxl's: the level picks the built-in model, so the two exclude each other.
void AddModelAndEffort(CLI::App* command, std::string* model_path, uint32_t* effort) {
  CLI::Option* model = command->add_option(
      "--model", *model_path,
      "Model file (.ride) or built-in model's name; default: the effort level's built-in model");
  command
      ->add_option("-e,--effort", *effort,
                   "Speed against size when no --model is given: 1 fastest to 3 smallest, default 2 "
                   "(docs/cli.md lists each level's models; decoding needs no level)")
      ->check(CLI::Range(RIDE_FASTEST_EFFORT, RIDE_BEST_EFFORT))
      ->excludes(model);
}

}  // namespace

int main(int argc, char** argv) {
  ride::tools::InstallInterruptHandlers();
  CLI::App app{"ride: learned lossless image codec and generative image model (RIDE).\n"
               "Exit status: 0 success, 1 bad input, 2 usage error, 3 I/O error, 4 internal error, "
               "128+N stopped by signal N (docs/cli.md).",
               "ride"};
  ride::tools::SetUpCommandLine(app);
  app.set_version_flag("--version", VersionLine);

  ride::cli::CompressOptions compress_options;
  CLI::App* compress = app.add_subcommand("compress", "Compress images losslessly: gray, gray+alpha, RGB and RGBA of 1 to 8 bits per sample");
  compress->add_option("inputs", compress_options.inputs,
                       "Images (PNG, JPEG, PGM, PPM or PAM), folders with -r, or - for standard input")
      ->required();
  compress->add_option("-o,--output", compress_options.output,
                       "Compressed file (.rim) for a single input, - for standard output "
                       "(default: the input's name with .rim, beside it; standard output for -)");
  compress->add_option("--output-dir", compress_options.output_dir, "Folder for the default output names");
  compress->add_flag("-r,--recursive", compress_options.recursive, "Compress the images in folders and below");
  AddModelAndEffort(compress, &compress_options.model_path, &compress_options.effort);
  compress->add_flag("--gray", compress_options.gray, "Convert colour input to gray (BT.601) instead of refusing it");
  compress->add_flag("--strip", compress_options.strip,
                     "Keep no metadata (a PNG's colour space, physical size, text and Exif chunks)");
  compress->add_option("--lanes", compress_options.lanes,
                       "Substreams (1-1024; 0: the codec's choice); more lets decoders batch more rows")
      ->check(CLI::Range(0, 1024));
  compress->add_option("--group-rows", compress_options.group_rows,
                       "Rows per group, each written as soon as it is coded (0: about 256 KiB of samples)")
      ->check(CLI::Range(0u, 0x7FFFFFFFu));
  compress->add_flag("--force-name", compress_options.force_name,
                     "Allow an output named like an image or model (.png, .ride, ...)");
  AddThreads(compress, &compress_options.threads, "for one image, or images at once when there are several");
  AddOutputFlags(compress, &compress_options.force, &compress_options.quiet);

  ride::cli::DecompressOptions decompress_options;
  CLI::App* decompress = app.add_subcommand("decompress", "Restore images from .rim files");
  decompress->add_option("inputs", decompress_options.inputs,
                         "Compressed files (.rim), folders with -r, or - for standard input")
      ->required();
  decompress->add_option("-o,--output", decompress_options.output,
                         "Image to write (.png, .pgm or .pam) for a single input, - for standard output "
                         "(default: the input's name with its original format's extension)");
  decompress->add_option("--output-dir", decompress_options.output_dir, "Folder for the default output names");
  decompress->add_flag("-r,--recursive", decompress_options.recursive, "Decompress the .rim files in folders and below");
  decompress->add_option("--format", decompress_options.format,
                         "png, pgm or pam (default: the output name's, else the original format)")
      ->check(CLI::IsMember({"png", "pgm", "pam"}));
  decompress->add_option("--model", decompress_options.model_path, "Model file the images were compressed with");
  decompress->add_flag("--force-name", decompress_options.force_name,
                       "Allow an output name without an image extension (written in the original format)");
  AddThreads(decompress, &decompress_options.threads, "for one file, or files at once when there are several");
  AddOutputFlags(decompress, &decompress_options.force, &decompress_options.quiet);

  ride::cli::InfoOptions info_options;
  CLI::App* info = app.add_subcommand("info", "Describe .rim files and .ride model files");
  info->add_option("inputs", info_options.inputs, "Compressed files (.rim) or models (.ride), or - for standard input")
      ->required();
  info->add_option("--model", info_options.model_path, "Model to check compressed files against");

  ride::cli::EvalOptions eval_options;
  CLI::App* eval = app.add_subcommand("eval", "Coding cost of images under a model, in bit/px (lower is better)");
  eval->add_option("images", eval_options.inputs, "Images (PNG, JPEG, PGM, PPM or PAM), or - for standard input")
      ->required();
  AddModelAndEffort(eval, &eval_options.model_path, &eval_options.effort);
  eval->add_option("--map", eval_options.map_path, "Write a heat map of per-pixel bits (PNG) for one image");
  eval->add_option("--trust-map", eval_options.trust_map_path,
                   "Write a map of the adaptive component the mixer trusted most at each pixel (PNG) for one image");
  eval->add_flag("--gray", eval_options.gray, "Convert colour input to gray (BT.601)");
  AddThreads(eval, &eval_options.threads, "images evaluated at once");
  AddOutputFlags(eval, &eval_options.force, &eval_options.quiet);

  ride::cli::SampleOptions sample_options;
  CLI::App* sample = app.add_subcommand("sample", "Draw an image from the model (reproducible from --seed)");
  sample->add_option("--size", sample_options.size, "Size WxH, e.g. 256x256 (default: the context image's)");
  sample->add_option("-o,--output", sample_options.output, "Image to write (.png, .pgm or .pam), or -")->required();
  sample->add_option("--format", sample_options.format, "png, pgm or pam (default: the output name's; PNG for -)")
      ->check(CLI::IsMember({"png", "pgm", "pam"}));
  sample->add_option("--model", sample_options.model_path, "Model file (.ride); default: the built-in model");
  sample->add_option("--seed", sample_options.seed, "Random seed; the same seed gives the same image");
  sample->add_option("--context", sample_options.context_path, "Image whose top rows / left columns are kept");
  sample->add_option("--context-rows", sample_options.context_rows, "Rows kept from the top of --context")
      ->check(CLI::Range(0, 65535));
  sample->add_option("--context-columns", sample_options.context_columns, "Columns kept from the left of --context")
      ->check(CLI::Range(0, 65535));
  sample->add_flag("--gray", sample_options.gray, "Convert a colour context image to gray (BT.601)");
  sample->add_flag("--force-name", sample_options.force_name, "Allow an output name without an image extension");
  AddThreads(sample, &sample_options.threads, "for the sampler");
  AddOutputFlags(sample, &sample_options.force, &sample_options.quiet);

  ride::cli::InpaintOptions inpaint_options;
  CLI::App* inpaint = app.add_subcommand("inpaint", "Fill the masked pixels of an image with a sample from the model");
  inpaint->add_option("image", inpaint_options.input, "Image to inpaint (PNG, JPEG, PGM, PPM or PAM), or -")
      ->required();
  inpaint->add_option("--mask", inpaint_options.mask_path,
                      "Gray mask of the same size: nonzero pixels are filled (- for standard input)")
      ->required();
  inpaint->add_option("-o,--output", inpaint_options.output, "Image to write (.png, .pgm or .pam), or -")->required();
  inpaint->add_option("--format", inpaint_options.format, "png, pgm or pam (default: the output name's; PNG for -)")
      ->check(CLI::IsMember({"png", "pgm", "pam"}));
  inpaint->add_option("--model", inpaint_options.model_path, "Model file (.ride); default: the built-in model");
  inpaint->add_option("--seed", inpaint_options.seed, "Random seed; the same seed gives the same image");
  inpaint->add_option("--sweeps", inpaint_options.sweeps, "Gibbs sweeps over the masked blocks")
      ->check(CLI::Range(0, 100000));
  inpaint->add_flag("--gray", inpaint_options.gray, "Convert a colour image to gray (BT.601)");
  inpaint->add_flag("--force-name", inpaint_options.force_name, "Allow an output name without an image extension");
  AddThreads(inpaint, &inpaint_options.threads, "for the initial fills");
  AddOutputFlags(inpaint, &inpaint_options.force, &inpaint_options.quiet);

  std::string shell;
  CLI::App* completion = app.add_subcommand("completion", "Print a completion script for the shell (bash)");
  completion->add_option("shell", shell, "bash")->required()->check(CLI::IsMember({"bash"}));

  if (const std::optional<int> status = ride::tools::ParseCommandLine(app, argc, argv)) return *status;

  if (compress->parsed()) return ride::cli::RunCompress(compress_options);
  if (decompress->parsed()) return ride::cli::RunDecompress(decompress_options);
  if (info->parsed()) return ride::cli::RunInfo(info_options);
  if (eval->parsed()) return ride::cli::RunEval(eval_options);
  if (sample->parsed()) return ride::cli::RunSample(sample_options);
  if (inpaint->parsed()) return ride::cli::RunInpaint(inpaint_options);
  if (completion->parsed()) {
    std::printf("%s", ride::cli::BashCompletion(app).c_str());
    return 0;
  }
  return 2;
}
