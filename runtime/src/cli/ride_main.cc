// The `ride` command-line tool. Subcommands follow the runtime's capabilities as they land; a
// subcommand whose capability is not built yet says so and fails, it never writes fake output.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr const char* kVersion = "0.1.0";

int NotImplemented(const char* subcommand, const char* what) {
  std::fprintf(stderr, "ride %s: not implemented yet: %s\n", subcommand, what);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ride: learned lossless image codec and generative image model (RIDE)", "ride"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  std::string input;
  std::string output;
  bool force = false;
  bool quiet = false;

  CLI::App* compress = app.add_subcommand("compress", "Compress an 8-bit grayscale PNG or PGM losslessly");
  compress->add_option("input", input, "Image to compress (PNG or PGM)")->required();
  compress->add_option("-o,--output", output, "Compressed file (.rim)")->required();
  compress->add_flag("-f,--force", force, "Overwrite an existing output");
  compress->add_flag("-q,--quiet", quiet, "No progress on stderr");

  CLI::App* decompress = app.add_subcommand("decompress", "Restore an image from a .rim file");
  decompress->add_option("input", input, "Compressed file (.rim)")->required();
  decompress->add_option("-o,--output", output, "Image to write (PNG or PGM, by extension)")->required();
  decompress->add_flag("-f,--force", force, "Overwrite an existing output");
  decompress->add_flag("-q,--quiet", quiet, "No progress on stderr");

  CLI::App* info = app.add_subcommand("info", "Describe a .rim file");
  info->add_option("input", input, "Compressed file (.rim)")->required();

  CLI11_PARSE(app, argc, argv);

  const char* codec = "the codec (compressed-image container and model-driven entropy coding) is not in this build";
  if (compress->parsed()) return NotImplemented("compress", codec);
  if (decompress->parsed()) return NotImplemented("decompress", codec);
  if (info->parsed()) return NotImplemented("info", codec);
  return 1;
}
