// The `ride` command-line tool: argument parsing only; each subcommand lives in its own file.
#include <CLI/CLI.hpp>

#include <string>

#include "runtime/src/cli/commands.h"

namespace {

constexpr const char* kVersion = "0.1.0";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ride: learned lossless image codec and generative image model (RIDE)", "ride"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  ride::cli::CompressOptions compress_options;
  CLI::App* compress = app.add_subcommand("compress", "Compress an 8-bit grayscale PNG or PGM losslessly");
  compress->add_option("input", compress_options.input, "Image to compress (PNG or PGM)")->required();
  compress->add_option("-o,--output", compress_options.output, "Compressed file (.rim)")->required();
  compress->add_option("--model", compress_options.model_path, "Model file (.ride); default: the built-in model");
  compress->add_flag("--gray", compress_options.gray, "Convert colour input to gray (BT.601) instead of refusing it");
  compress->add_option("--lanes", compress_options.lanes, "Substreams (1-1024); more lets decoders batch more rows")
      ->check(CLI::Range(1, 1024));
  compress_options.threads = ride::cli::DefaultThreads();
  compress->add_option("-j,--threads", compress_options.threads, "Threads (default: all hardware threads)")
      ->check(CLI::Range(1, 64));
  compress->add_flag("-f,--force", compress_options.force, "Overwrite an existing output");
  compress->add_flag("-q,--quiet", compress_options.quiet, "No progress or summary");

  ride::cli::DecompressOptions decompress_options;
  CLI::App* decompress = app.add_subcommand("decompress", "Restore an image from a .rim file");
  decompress->add_option("input", decompress_options.input, "Compressed file (.rim)")->required();
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
  eval->add_option("images", eval_options.inputs, "Images (PNG or PGM)")->required();
  eval->add_option("--model", eval_options.model_path, "Model file (.ride); default: the built-in model");
  eval->add_option("--map", eval_options.map_path, "Write a heat map of per-pixel bits (PNG) for one image");
  eval->add_flag("--gray", eval_options.gray, "Convert colour input to gray (BT.601)");
  eval->add_flag("-f,--force", eval_options.force, "Overwrite an existing map");
  eval->add_flag("-q,--quiet", eval_options.quiet, "No progress on stderr");

  CLI11_PARSE(app, argc, argv);

  if (compress->parsed()) return ride::cli::RunCompress(compress_options);
  if (decompress->parsed()) return ride::cli::RunDecompress(decompress_options);
  if (info->parsed()) return ride::cli::RunInfo(info_options);
  if (eval->parsed()) return ride::cli::RunEval(eval_options);
  return 1;
}
