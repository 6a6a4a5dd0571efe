#include "compiler/src/verify_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "compiler/src/trainer_bridge.h"
#include "runtime/src/engine/wavefront_session.h"
#include "tools/common/image_folder.h"

namespace ride::compiler {
namespace {

class LogDensityVisitor final : public engine::PixelVisitor {
 public:
  LogDensityVisitor(const trainer::GrayImage& image, Eigen::MatrixXd* out) : image_(image), out_(out) {}
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t /*channel*/, const engine::PixelDistribution& distribution) override {
    const uint8_t value = image_.at(static_cast<int>(row), static_cast<int>(column));
    (*out_)(row, column) = distribution.LogDensity((value + 0.5f) / 256.0f);
    return value;
  }

 private:
  const trainer::GrayImage& image_;
  Eigen::MatrixXd* out_;
};

// The colour image's samples, and each channel's log-density into column 3 · col + channel.
class ColourLogDensityVisitor final : public engine::PixelVisitor {
 public:
  ColourLogDensityVisitor(const trainer::ColourImage& image, Eigen::MatrixXd* out) : image_(image), out_(out) {}
  uint8_t Visit(uint32_t row, uint32_t column, uint32_t channel, const engine::PixelDistribution& distribution) override {
    const auto value = static_cast<uint8_t>(image_.at(static_cast<int>(channel), static_cast<int>(row), static_cast<int>(column)));
    (*out_)(row, 3 * column + channel) = distribution.LogDensity((value + 0.5f) / 256.0f);
    return value;
  }

 private:
  const trainer::ColourImage& image_;
  Eigen::MatrixXd* out_;
};

template <typename Visitor, typename Image>
Eigen::MatrixXd RunSession(const engine::EngineModel& model, const Image& image, int columns_per_pixel) {
  constexpr uint32_t kBand = 8;
  Eigen::MatrixXd out(image.height, columns_per_pixel * image.width);
  engine::WavefrontSession session;
  const Status status = session.Init(&model, static_cast<uint32_t>(image.width), kBand);
  if (!status.ok()) throw std::runtime_error(std::string("runtime session: ") + status.message());
  Visitor visitor(image, &out);
  for (uint32_t row = 0; row < static_cast<uint32_t>(image.height); row += kBand) {
    const uint32_t count = std::min(kBand, static_cast<uint32_t>(image.height) - row);
    const Status band = session.ProcessBand(row, count, &visitor);
    if (!band.ok()) throw std::runtime_error(std::string("runtime session: ") + band.message());
  }
  return out;
}

}  // namespace

Eigen::MatrixXd RuntimeLogDensities(const engine::EngineModel& model, const trainer::GrayImage& image) {
  return RunSession<LogDensityVisitor>(model, image, 1);
}

Eigen::MatrixXd RuntimeLogDensities(const engine::EngineModel& model, const trainer::ColourImage& image) {
  return RunSession<ColourLogDensityVisitor>(model, image, 3);
}

namespace {

template <typename Trained, typename Image>
VerifyReport Compare(const Trained& trained, const engine::EngineModel& model, const std::vector<Image>& patches) {
  VerifyReport report;
  double log_likelihood = 0;
  for (const Image& patch : patches) {
    const Eigen::MatrixXd expected = TrainerLogDensities(trained, patch);
    const Eigen::MatrixXd actual = RuntimeLogDensities(model, patch);
    const double difference = (expected - actual).cwiseAbs().maxCoeff();
    report.max_abs_difference = std::max(report.max_abs_difference, std::isnan(difference) ? INFINITY : difference);
    report.patches += 1;
    report.pixels += expected.size();
    log_likelihood += expected.sum();
  }
  // Density on [0, 1) in nats -> log-likelihood rate in bits.
  report.trainer_bits_per_pixel = report.pixels > 0 ? log_likelihood / report.pixels / std::log(2.0) : 0;
  return report;
}

}  // namespace

VerifyReport CompareWithTrainer(const trainer::McgsmModel& checkpoint, const engine::EngineModel& model,
                                const std::vector<trainer::GrayImage>& patches) {
  return Compare(checkpoint, model, patches);
}

VerifyReport CompareWithTrainer(const trainer::RideModel& trained, const engine::EngineModel& model,
                                const std::vector<trainer::GrayImage>& patches) {
  return Compare(trained, model, patches);
}

VerifyReport CompareWithTrainer(const trainer::ColourMcgsmModel& trained, const engine::EngineModel& model,
                                const std::vector<trainer::ColourImage>& patches) {
  VerifyReport report = Compare(trained, model, patches);
  report.limit = kMaxColourLogDensityError;
  return report;
}

std::vector<trainer::ColourImage> ColourVerificationPatches(const std::string& dir, int count, int size) {
  std::vector<trainer::ColourImage> patches;
  for (const std::string& path : tools::ListImageFiles(dir)) {
    if (static_cast<int>(patches.size()) >= count) break;
    if (!trainer::IsColourImageFile(path)) continue;
    const trainer::ColourImage image = trainer::ReadRgbImage(path);
    const int height = std::min(size, image.height), width = std::min(size, image.width);
    const int top = (image.height - height) / 2, left = (image.width - width) / 2;
    trainer::ColourImage patch;
    patch.width = width;
    patch.height = height;
    for (int c = 0; c < 3; ++c) {
      patch.planes[c].resize(static_cast<std::size_t>(width) * height);
      for (int row = 0; row < height; ++row)
        for (int col = 0; col < width; ++col) patch.planes[c][row * width + col] = image.at(c, top + row, left + col);
    }
    patches.push_back(std::move(patch));
  }
  return patches;
}

std::vector<trainer::GrayImage> VerificationPatches(const std::string& dir, int count, int size) {
  std::vector<trainer::GrayImage> patches;
  for (const std::string& path : tools::ListImageFiles(dir)) {
    if (static_cast<int>(patches.size()) >= count) break;
    const trainer::GrayImage image = trainer::ReadGrayImage(path);
    const int height = std::min(size, image.height), width = std::min(size, image.width);
    const int top = (image.height - height) / 2, left = (image.width - width) / 2;
    trainer::GrayImage patch;
    patch.width = width;
    patch.height = height;
    patch.pixels.resize(static_cast<std::size_t>(width) * height);
    for (int row = 0; row < height; ++row)
      for (int col = 0; col < width; ++col) patch.pixels[row * width + col] = image.at(top + row, left + col);
    patches.push_back(std::move(patch));
  }
  return patches;
}

}  // namespace ride::compiler
