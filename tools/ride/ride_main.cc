// The `ride` command-line tool: argument parsing only; each subcommand lives in its own file.
#include <CLI/CLI.hpp>

#include <string>

#include "ride/ride.h"
#include "tools/ride/commands.h"

namespace {

// "ride 0.2.0 (Release build; kernels: avx512)": the project's version (ride_version.h), CMake's
// build type, and the kernels this CPU gets.
std::string VersionLine() {
  const std::string build = *RIDE_BUILD_TYPE ? RIDE_BUILD_TYPE " build" : "no build type";
  return std::string("ride ") + RIDE_VERSION_STRING + " (" + build + "; kernels: " + ride_kernels() + ")";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ride: learned lossless image codec and generative image model (RIDE)", "ride"};
  app.set_version_flag("--version", VersionLine);
  app.require_subcommand(1);

  ride::cli::CompressOptions compress_options;
  CLI::App* compress = app.add_subcommand("compress", "Compress an 8-bit grayscale image losslessly");
  compress->add_option("input", compress_options.input, "Image to compress (PNG, JPEG, PGM, PPM or PAM)")->required();
  compress->add_option("-o,--output", compress_options.output, "Compressed file (.rim)")->required();
  compress->add_option("--model", compress_options.model_path, "Model file (.ride); default: the built-in model");
  compress->add_flag("--gray", compress_options.gray, "Convert colour input to gray (BT.601) instead of refusing it");
  compress->add_flag("--strip", compress_options.strip,
                     "Keep no metadata (a PNG's colour space, physical size, text and Exif chunks)");
  compress->add_option("--lanes", compress_options.lanes, "Substreams (1-1024); more lets decoders batch more rows")
      ->check(CLI::Range(1, 1024));
  compress->add_option("--group-rows", compress_options.group_rows,
                       "Rows per group, each written as soon as it is coded (default: about 256 KiB of samples)")
      ->check(CLI::Range(1u, 0x7FFFFFFFu));
  compress_options.threads = ride::cli::DefaultThreads();
  compress->add_option("-j,--threads", compress_options.threads, "Threads (default: all hardware threads)")
      ->check(CLI::Range(1, 64));
  compress->add_flag("-f,--force", compress_options.force, "Overwrite an existing output");
  compress->add_flag("-q,--quiet", compress_options.quiet, "No progress or summary");

  ride::cli::DecompressOptions decompress_options;
  CLI::App* decompress = app.add_subcommand("decompress", "Restore an image from a .rim file");
  decompress->add_option("input", decompress_options.input, "Compressed file (.rim), or - for standard input")->required();
  decompress->add_option("-o,--output", decompress_options.output, "Image to write (.png or .pgm)")->required();
  decompress->add_option("--model", decompress_options.model_path, "Model file the image was compressed with");
  decompress_options.threads = ride::cli::DefaultThreads();
  decompress->add_option("-j,--threads", decompress_options.threads, "Threads (default: all hardware threads)")
      ->check(CLI::Range(1, 64));
  decompress->add_flag("-f,--force", decompress_options.force, "Overwrite an existing output");
  decompress->add_flag("-q,--quiet", decompress_options.quiet, "No progress on stderr");

  ride::cli::InfoOptions info_options;
  CLI::App* info = app.add_subcommand("info", "Describe a .rim file");
  info->add_option("input", info_options.input, "Compressed file (.rim)")->required();
  info->add_option("--model", info_options.model_path, "Model to check the file against");

  ride::cli::EvalOptions eval_options;
  CLI::App* eval = app.add_subcommand("eval", "Coding cost of images under a model, in bit/px");
  eval->add_option("images", eval_options.inputs, "Images (PNG, JPEG, PGM, PPM or PAM)")->required();
  eval->add_option("--model", eval_options.model_path, "Model file (.ride); default: the built-in model");
  eval->add_option("--map", eval_options.map_path, "Write a heat map of per-pixel bits (PNG) for one image");
  eval->add_flag("--gray", eval_options.gray, "Convert colour input to gray (BT.601)");
  eval->add_flag("-f,--force", eval_options.force, "Overwrite an existing map");
  eval->add_flag("-q,--quiet", eval_options.quiet, "No progress on stderr");

  ride::cli::SampleOptions sample_options;
  CLI::App* sample = app.add_subcommand("sample", "Draw an image from the model (reproducible from --seed)");
  sample->add_option("--size", sample_options.size, "Size WxH, e.g. 256x256 (default: the context image's)");
  sample->add_option("-o,--output", sample_options.output, "Image to write (.png or .pgm)")->required();
  sample->add_option("--model", sample_options.model_path, "Model file (.ride); default: the built-in model");
  sample->add_option("--seed", sample_options.seed, "Random seed (default 0); the same seed gives the same image");
  sample->add_option("--context", sample_options.context_path, "Image whose top rows / left columns are kept");
  sample->add_option("--context-rows", sample_options.context_rows, "Rows kept from the top of --context")
      ->check(CLI::Range(0, 65535));
  sample->add_option("--context-columns", sample_options.context_columns, "Columns kept from the left of --context")
      ->check(CLI::Range(0, 65535));
  sample->add_flag("--gray", sample_options.gray, "Convert a colour context image to gray (BT.601)");
  sample_options.threads = ride::cli::DefaultThreads();
  sample->add_option("-j,--threads", sample_options.threads, "Threads (default: all hardware threads)")
      ->check(CLI::Range(1, 64));
  sample->add_flag("-f,--force", sample_options.force, "Overwrite an existing output");
  sample->add_flag("-q,--quiet", sample_options.quiet, "No progress or summary");

  ride::cli::InpaintOptions inpaint_options;
  CLI::App* inpaint = app.add_subcommand("inpaint", "Fill the masked pixels of an image with a sample from the model");
  inpaint->add_option("image", inpaint_options.input, "Image to inpaint (PNG, JPEG, PGM, PPM or PAM)")->required();
  inpaint->add_option("--mask", inpaint_options.mask_path, "Mask of the same size: nonzero pixels are filled")
      ->required();
  inpaint->add_option("-o,--output", inpaint_options.output, "Image to write (.png or .pgm)")->required();
  inpaint->add_option("--model", inpaint_options.model_path, "Model file (.ride); default: the built-in model");
  inpaint->add_option("--seed", inpaint_options.seed, "Random seed (default 0); the same seed gives the same image");
  inpaint->add_option("--sweeps", inpaint_options.sweeps, "Gibbs sweeps over the masked blocks (default 10)")
      ->check(CLI::Range(0, 100000));
  inpaint->add_flag("--gray", inpaint_options.gray, "Convert a colour image to gray (BT.601)");
  inpaint_options.threads = ride::cli::DefaultThreads();
  inpaint->add_option("-j,--threads", inpaint_options.threads, "Threads (default: all hardware threads)")
      ->check(CLI::Range(1, 64));
  inpaint->add_flag("-f,--force", inpaint_options.force, "Overwrite an existing output");
  inpaint->add_flag("-q,--quiet", inpaint_options.quiet, "No progress or summary");

  CLI11_PARSE(app, argc, argv);

  if (compress->parsed()) return ride::cli::RunCompress(compress_options);
  if (decompress->parsed()) return ride::cli::RunDecompress(decompress_options);
  if (info->parsed()) return ride::cli::RunInfo(info_options);
  if (eval->parsed()) return ride::cli::RunEval(eval_options);
  if (sample->parsed()) return ride::cli::RunSample(sample_options);
  if (inpaint->parsed()) return ride::cli::RunInpaint(inpaint_options);
  return 1;
}
