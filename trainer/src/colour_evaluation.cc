#include "trainer/src/colour_evaluation.h"

#include <cmath>
#include <stdexcept>

#include "trainer/src/colour_dataset.h"
#include "trainer/src/random.h"

namespace ride::trainer {

Eigen::MatrixXd ColourImageLogLikelihood(const ColourMcgsmModel& model, const std::array<std::vector<double>, 3>& values,
                                         int width, int height) {
  if (!model.complete()) throw std::invalid_argument("colour model: " + std::to_string(model.heads.size()) + " of 3 heads");
  Eigen::MatrixXd out(height, 3 * width);
  const Eigen::Index pixels = static_cast<Eigen::Index>(width) * height;
  for (int c = 0; c < kColourChannels; ++c) {
    const ColourHead& head = model.heads[static_cast<size_t>(c)];
    Eigen::MatrixXd inputs(ColourInputs(model.window, c), pixels);
    Eigen::RowVectorXd outputs(pixels);
    for (int row = 0; row < height; ++row) {
      for (int col = 0; col < width; ++col) {
        const Eigen::Index k = static_cast<Eigen::Index>(row) * width + col;
        ExtractColourInputs(values, width, height, model.window, model.transform, c, row, col, inputs.col(k).data());
        outputs[k] = values[c][static_cast<size_t>(k)];
      }
    }
    head.whitening.WhitenInPlace(&inputs, &outputs);
    const Eigen::RowVectorXd log_density =
        McgsmLogLikelihood(head.mcgsm, inputs, outputs).array() + head.whitening.LogJacobian();
    for (int row = 0; row < height; ++row)
      for (int col = 0; col < width; ++col) out(row, 3 * col + c) = log_density(static_cast<Eigen::Index>(row) * width + col);
  }
  return out;
}

ColourEvalReport EvaluateColourImageFiles(const ColourMcgsmModel& model, const std::vector<std::string>& paths,
                                          bool midpoint, uint64_t seed) {
  std::vector<std::string> colour;
  ColourEvalReport report;
  for (const std::string& path : paths) {
    if (IsColourImageFile(path)) {
      colour.push_back(path);
    } else {
      ++report.skipped_gray;
    }
  }
  const int n = static_cast<int>(colour.size());
  std::vector<double> rates(n);
  std::vector<std::array<double, 3>> sums(n);
  std::vector<double> samples(n);
  constexpr double kLn2 = 0.69314718055994530942;
#pragma omp parallel for schedule(dynamic)
  for (int i = 0; i < n; ++i) {
    const ColourImage image = ApplyColourTransform(ReadRgbImage(colour[static_cast<size_t>(i)]), model.transform);
    std::mt19937_64 rng = StreamGenerator(seed, static_cast<uint64_t>(i));
    const auto values = midpoint ? MidpointPlanes(image) : DequantizePlanes(image, rng);
    const Eigen::MatrixXd ll = ColourImageLogLikelihood(model, values, image.width, image.height);
    for (int c = 0; c < 3; ++c) {
      double sum = 0;
      for (int col = 0; col < image.width; ++col) sum += ll.col(3 * col + c).sum();
      sums[static_cast<size_t>(i)][static_cast<size_t>(c)] = sum;
    }
    samples[static_cast<size_t>(i)] = static_cast<double>(ll.size());
    rates[static_cast<size_t>(i)] = ll.mean() / kLn2;
  }
  report.images = n;
  report.whole = MeanAndStandardError(rates);
  double pixels = 0, total = 0;  // pixels of the set; every sample's log-likelihood
  for (int i = 0; i < n; ++i) pixels += samples[static_cast<size_t>(i)] / 3;
  for (int c = 0; c < 3; ++c) {
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += sums[static_cast<size_t>(i)][static_cast<size_t>(c)];
    report.channel_rate[static_cast<size_t>(c)] = pixels > 0 ? sum / pixels / kLn2 : 0;
    total += sum;
  }
  report.pooled_rate = pixels > 0 ? total / (3 * pixels) / kLn2 : 0;
  return report;
}

}  // namespace ride::trainer
