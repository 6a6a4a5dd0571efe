#include "trainer/src/evaluation.h"

#include <cmath>
#include <exception>
#include <stdexcept>

#include "trainer/src/dataset.h"
#include "trainer/src/image_io.h"
#include "trainer/src/neighborhood.h"
#include "trainer/src/random.h"

namespace ride::trainer {
namespace {

constexpr double kLn2 = 0.69314718055994530942;

double MeanBitsPerPixel(const McgsmModel& model, const double* values, int width, int height,
                        bool interior_only) {
  const Eigen::RowVectorXd loglik = ImageLogLikelihood(model, values, width, height);
  if (!interior_only) return loglik.mean() / kLn2;
  const int half = (model.window.width - 1) / 2;
  double sum = 0;
  int64_t count = 0;
  for (int r = model.window.height - 1; r < height; ++r) {
    for (int c = half; c < width - half; ++c) {
      sum += loglik[static_cast<Eigen::Index>(r) * width + c];
      ++count;
    }
  }
  if (count == 0) {
    throw std::invalid_argument("a " + std::to_string(width) + "x" + std::to_string(height) +
                                " image has no pixel with its whole window " +
                                model.window.ToString() + " inside");
  }
  return sum / static_cast<double>(count) / kLn2;
}

}  // namespace

Eigen::RowVectorXd ImageLogLikelihood(const McgsmModel& model, const double* values, int width,
                                      int height) {
  const Eigen::Index n = static_cast<Eigen::Index>(width) * height;
  Eigen::RowVectorXd out(n);
  // Pixels go through in blocks with per-thread buffers: a whole image's pairs would be tens of MB.
  thread_local Eigen::MatrixXd x, x_white;
  thread_local Eigen::RowVectorXd y, y_white;
  const Eigen::Index block = 4096;
  for (Eigen::Index start = 0; start < n; start += block) {
    const Eigen::Index len = std::min(block, n - start);
    x.resize(model.window.Inputs(), len);
    y.resize(len);
    for (Eigen::Index i = 0; i < len; ++i) {
      const int r = static_cast<int>((start + i) / width),
                c = static_cast<int>((start + i) % width);
      ExtractNeighborhood(values, width, height, model.window, model.padding, r, c,
                          x.col(i).data());
      y[i] = values[start + i];
    }
    x.colwise() -= model.whitening.mean_x;
    x_white.noalias() = model.whitening.whiten_x * x;
    y_white = model.whitening.WhitenOutputs(x_white, y);
    out.segment(start, len) = McgsmLogLikelihood(model.mcgsm, x_white, y_white);
  }
  return out.array() + model.whitening.LogJacobian();
}

RateStats MeanAndStandardError(const std::vector<double>& values) {
  RateStats stats;
  stats.count = static_cast<int64_t>(values.size());
  if (values.empty()) return stats;
  double sum = 0;
  for (double v : values) sum += v;
  stats.mean = sum / values.size();
  if (values.size() >= 2) {
    double ss = 0;
    for (double v : values) ss += (v - stats.mean) * (v - stats.mean);
    stats.standard_error = std::sqrt(ss / (values.size() - 1) / values.size());
  }
  return stats;
}

void EvalOptions::Check() const {
  if (patch_size < 0) throw std::invalid_argument("patch size must be >= 0");
  if (!whole_images && patch_size == 0)
    throw std::invalid_argument("nothing to evaluate: no whole images, no patches");
}

EvalReport EvaluateImageFiles(const McgsmModel& model, const std::vector<std::string>& paths,
                              const EvalOptions& options) {
  model.Check();
  options.Check();
  const int n = static_cast<int>(paths.size());
  std::vector<double> whole(n, 0.0);
  std::vector<std::vector<double>> patches(n);
  std::vector<std::string> errors(n);
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; ++i) {
    try {
      const GrayImage image = ReadGrayImage(paths[i]);
      std::mt19937_64 rng = StreamGenerator(options.seed, static_cast<uint64_t>(i));
      const std::vector<double> values =
          options.midpoint ? Midpoints(image) : Dequantize(image, rng);
      if (options.whole_images)
        whole[i] = MeanBitsPerPixel(model, values.data(), image.width, image.height,
                                    options.interior_only);
      const int p = options.patch_size;
      if (p > 0) {
        std::vector<double> patch(static_cast<size_t>(p) * p);
        for (int r0 = 0; r0 + p <= image.height; r0 += p) {
          for (int c0 = 0; c0 + p <= image.width; c0 += p) {
            for (int r = 0; r < p; ++r) {
              for (int c = 0; c < p; ++c) {
                patch[static_cast<size_t>(r) * p + c] =
                    values[static_cast<size_t>(r0 + r) * image.width + c0 + c];
              }
            }
            patches[i].push_back(
                MeanBitsPerPixel(model, patch.data(), p, p, options.interior_only));
          }
        }
      }
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
  }
  for (const std::string& e : errors) {
    if (!e.empty()) throw std::runtime_error(e);
  }
  EvalReport report;
  report.images = n;
  if (options.whole_images) report.whole = MeanAndStandardError(whole);
  std::vector<double> all;
  for (const auto& v : patches) all.insert(all.end(), v.begin(), v.end());
  if (options.patch_size > 0) report.patches = MeanAndStandardError(all);
  return report;
}

}  // namespace ride::trainer
