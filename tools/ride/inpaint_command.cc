// ride inpaint: replaces the pixels of an image where a mask is nonzero by a sample from the model
// given the rest (Metropolis-within-Gibbs, docs/generate.md); every other pixel is kept exactly.
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <utility>

#include "tools/ride/commands.h"
#include "tools/common/image_file.h"
#include "tools/common/image_output.h"
#include "tools/ride/model_choice.h"
#include "tools/common/output_file.h"
#include "tools/ride/runtime_bridge.h"
#include "runtime/src/generate/inpainter.h"

namespace ride::cli {
namespace {

int Fail(const Status& status) {
  std::fprintf(stderr, "ride inpaint: %s\n", status.message());
  return 1;
}

// Reads a whole image into memory.
Status ReadImage(const std::string& path, bool to_gray, uint32_t* width, uint32_t* height,
                 std::unique_ptr<uint8_t[]>* pixels) {
  tools::ImageReadOptions read_options;
  read_options.to_gray = to_gray;
  const std::unique_ptr<tools::ImageReader> reader = tools::OpenImageReader(path, read_options);
  *width = reader->width();
  *height = reader->height();
  const std::size_t count = std::size_t{*width} * *height;
  pixels->reset(new (std::nothrow) uint8_t[count]);
  if (*pixels == nullptr) {
    return Status::Error(StatusCode::kResourceExhausted, "%s: cannot allocate %ux%u pixels", path.c_str(), *width,
                         *height);
  }
  for (uint32_t r = 0; r < *height; ++r) reader->ReadRow(pixels->get() + std::size_t{r} * *width);
  return Status();
}

// Progress on stderr: the initial fills, then one line per sweep with its acceptance rate.
class SweepPrinter final : public generate::InpaintObserver {
 public:
  SweepPrinter(std::string label, double pixels, bool quiet) : label_(std::move(label)), pixels_(pixels), quiet_(quiet) {}
  void InitialFill(uint32_t candidate, uint32_t candidates, double bits) override {
    if (quiet_) return;
    std::fprintf(stderr, "%s: initial fill %u of %u, %.4f bit/px, %.1f s\n", label_.c_str(), candidate, candidates,
                 bits / pixels_, Seconds());
  }
  void SweepDone(const generate::SweepReport& report) override {
    if (quiet_) return;
    const double rate = report.proposals > 0 ? 100.0 * report.accepted / report.proposals : 0.0;
    std::fprintf(stderr, "%s: sweep %u of %u, acceptance %.1f%% (%llu of %llu blocks), %.1f s\n", label_.c_str(),
                 report.sweep, report.sweeps, rate, static_cast<unsigned long long>(report.accepted),
                 static_cast<unsigned long long>(report.proposals), Seconds());
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
  const tools::ImageFormat format = tools::ImageFormatForPath(options.output);

  uint32_t width = 0, height = 0, mask_width = 0, mask_height = 0;
  std::unique_ptr<uint8_t[]> pixels, mask;
  Status status = ReadImage(options.input, options.gray, &width, &height, &pixels);
  if (!status.ok()) return Fail(status);
  // Any mask image will do: nonzero after conversion to gray marks a pixel to fill.
  status = ReadImage(options.mask_path, /*to_gray=*/true, &mask_width, &mask_height, &mask);
  if (!status.ok()) return Fail(status);
  if (mask_width != width || mask_height != height) {
    return Fail(Status::Error(StatusCode::kInvalidArgument, "mask %s is %ux%u but %s is %ux%u; they must be the same size",
                              options.mask_path.c_str(), mask_width, mask_height, options.input.c_str(), width, height));
  }

  model::LoadedModel loaded;
  status = LoadChosenModel(options.model_path, &loaded);
  if (!status.ok()) return Fail(status);

  const auto [output, writer] =
      tools::CreateImageOutput(options.output, options.force, options.input, format, width, height);

  const double count = static_cast<double>(width) * height;
  SweepPrinter printer("inpaint " + options.input, count, options.quiet);
  generate::InpaintOptions inpaint_options;
  inpaint_options.seed = options.seed;
  inpaint_options.sweeps = options.sweeps;
  inpaint_options.threads = options.threads;
  inpaint_options.observer = &printer;
  generate::InpaintResult result;
  status = generate::Inpaint(loaded.model, width, height, mask.get(), inpaint_options, pixels.get(), &result);
  if (!status.ok()) return Fail(status);
  for (uint32_t r = 0; r < height; ++r) writer->WriteRow(pixels.get() + std::size_t{r} * width);
  writer->Finish();
  output->Commit();

  if (!options.quiet) {
    const double rate = result.proposals > 0 ? 100.0 * result.accepted / result.proposals : 0.0;
    std::printf("%s: %ux%u, %llu pixels filled, seed %llu, %u sweeps, acceptance %.1f%%, %.2f s\n",
                options.output.c_str(), width, height, static_cast<unsigned long long>(result.masked),
                static_cast<unsigned long long>(options.seed), options.sweeps, rate, printer.Seconds());
  }
  return 0;
} catch (const std::exception& error) {
  return Fail(StatusOf(error));
}

}  // namespace ride::cli
