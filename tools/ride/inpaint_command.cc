// ride inpaint: replaces the pixels of an image where a mask is nonzero by a sample from the model
// given the rest (Metropolis-within-Gibbs, docs/generate.md, through ride.h's ride_inpaint); every
// other pixel is kept exactly.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ride/ride.h"
#include "tools/common/file_error.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tools/common/output_file.h"
#include "tools/ride/commands.h"
#include "tools/ride/output_names.h"
#include "tools/ride/ride_api.h"

namespace ride::cli {
namespace {

struct WholeImage {
  uint32_t width = 0, height = 0;
  std::vector<uint8_t> pixels;
};

WholeImage ReadImage(const std::string& path, bool to_gray, bool is_mask = false) {
  tools::ImageReadOptions read_options;
  read_options.to_gray = to_gray || is_mask;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(path, read_options);
  // A colour mask is most likely the wrong file (the photograph itself): refused, not converted.
  if (is_mask && reader->colour()) {
    tools::ThrowFileError(tools::FileErrorKind::kInput, reader->path(),
                          "the mask is a colour image (" + reader->description() +
                              "); give a gray or 1-bit image whose nonzero pixels mark what to fill");
  }
  WholeImage image;
  image.width = reader->width();
  image.height = reader->height();
  image.pixels = tools::ReadAllRows(reader.get());
  return image;
}

// Progress on stderr: the initial fills, then one line per sweep with its acceptance rate.
class SweepPrinter {
 public:
  SweepPrinter(std::string label, double pixels, bool quiet) : label_(std::move(label)), pixels_(pixels), quiet_(quiet) {}
  static void InitialFill(void* user, uint32_t candidate, uint32_t candidates, double bits) {
    const auto* self = static_cast<const SweepPrinter*>(user);
    if (self->quiet_) return;
    std::fprintf(stderr, "%s: initial fill %u of %u, %.4f bit/px, %.1f s\n", self->label_.c_str(), candidate,
                 candidates, bits / self->pixels_, self->Seconds());
  }
  static void Sweep(void* user, uint32_t sweep, uint32_t sweeps, uint64_t proposals, uint64_t accepted) {
    const auto* self = static_cast<const SweepPrinter*>(user);
    if (self->quiet_) return;
    const double rate = proposals > 0 ? 100.0 * accepted / proposals : 0.0;
    std::fprintf(stderr, "%s: sweep %u of %u, acceptance %.1f%% (%llu of %llu blocks), %.1f s\n",
                 self->label_.c_str(), sweep, sweeps, rate, static_cast<unsigned long long>(accepted),
                 static_cast<unsigned long long>(proposals), self->Seconds());
  }
  double Seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::string label_;
  double pixels_;
  bool quiet_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

int RunInpaint(const InpaintOptions& options) try {
  const tools::ImageFormat format =
      ChooseImageFormat(options.output, options.format, options.force_name, tools::ImageFormat::kPng);
  if (options.input == "-" && options.mask_path == "-") {
    throw tools::FileError(tools::FileErrorKind::kUsage, "the image and the mask cannot both be standard input");
  }
  WholeImage image = ReadImage(options.input, options.gray);
  // A gray mask (an opaque gray+alpha one too): nonzero marks a pixel to fill.
  const WholeImage mask = ReadImage(options.mask_path, false, /*is_mask=*/true);
  if (mask.width != image.width || mask.height != image.height) {
    tools::ThrowFileError(tools::FileErrorKind::kInput, tools::InputName(options.mask_path),
                          "mask is " + std::to_string(mask.width) + "x" + std::to_string(mask.height) + " but " +
                              options.input + " is " + std::to_string(image.width) + "x" +
                              std::to_string(image.height) + "; they must be the same size");
  }
  const Model model = OpenChosenModel(options.model_path);
  const tools::ImageOutput output =
      tools::CreateImageOutput(options.output, options.force, options.input, format, image.width, image.height);

  SweepPrinter printer("inpaint " + options.input, static_cast<double>(image.pixels.size()), options.quiet);
  ride_inpaint_options inpaint_options;
  ride_inpaint_options_init(&inpaint_options);
  inpaint_options.seed = options.seed;
  inpaint_options.sweeps = options.sweeps;
  inpaint_options.threads = options.threads;
  inpaint_options.on_initial_fill = &SweepPrinter::InitialFill;
  inpaint_options.on_sweep = &SweepPrinter::Sweep;
  inpaint_options.observer_user = &printer;
  ride_inpaint_stats stats;
  ride_inpaint_stats_init(&stats);
  Check(ride_inpaint(model.get(), image.width, image.height, image.pixels.data(), mask.pixels.data(),
                     image.pixels.size(), &inpaint_options, &stats),
        options.input);
  for (uint32_t r = 0; r < image.height; ++r) output.writer->WriteRow(image.pixels.data() + std::size_t{r} * image.width);
  output.writer->Finish();
  output.file->Commit();

  if (!options.quiet) {  // on stderr: standard output may be the image
    const double rate = stats.proposals > 0 ? 100.0 * stats.accepted / stats.proposals : 0.0;
    std::fprintf(stderr, "%s: %ux%u, %llu pixels filled, seed %llu, %u sweeps, acceptance %.1f%%, %.2f s\n",
                output.file->path().c_str(), image.width, image.height, static_cast<unsigned long long>(stats.masked),
                static_cast<unsigned long long>(options.seed), options.sweeps, rate, printer.Seconds());
  }
  return 0;
} catch (const std::exception& error) {
  return ReportFailure("inpaint", error);
}

}  // namespace ride::cli
