#include "trainer/src/ride_evaluation.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>

#include "trainer/src/dataset.h"
#include "trainer/src/image_io.h"
#include "trainer/src/random.h"

namespace ride::trainer {
namespace {

constexpr double kLn2 = 0.69314718055994530942;

// Per image of `images` (all width × height), its ln-likelihood per counted pixel, alone or as the
// ensemble (the interior protocol counts only the interior grid, and takes no ensemble).
std::vector<double> MeanLogLikelihoods(const RideModel& model, const std::vector<std::vector<double>>& images,
                                       int width, int height, bool ensemble, bool interior) {
  const int transforms = ensemble ? 8 : 1;
  const std::size_t n = images.size();
  std::vector<std::vector<double>> per_transform(transforms, std::vector<double>(n));
  double counted = 0;  // pixels per image (the same for every transform when all pixels count)
  for (int k = 0; k < transforms; ++k) {
    std::vector<std::vector<double>> transformed(n);
    int w = width, h = height;
    for (std::size_t i = 0; i < n; ++i) {
      w = width;
      h = height;
      transformed[i] = TransformImage(images[i], &w, &h, k);
    }
    std::vector<const double*> pointers;
    for (const auto& t : transformed) pointers.push_back(t.data());
    const Eigen::MatrixXd ll = RideImageLogLikelihoods(model, pointers, w, h, interior);
    counted = static_cast<double>(ll.cols());
    for (std::size_t i = 0; i < n; ++i) per_transform[k][i] = ll.row(static_cast<Eigen::Index>(i)).sum();
  }
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> totals(transforms);
    for (int k = 0; k < transforms; ++k) totals[k] = per_transform[k][i];
    out[i] = EnsembleLogLikelihood(totals) / counted;
  }
  return out;
}

}  // namespace

double EnsembleLogLikelihood(const std::vector<double>& totals) {
  double best = -INFINITY;
  for (double t : totals) best = std::max(best, t);
  double sum = 0;
  for (double t : totals) sum += std::exp(t - best);
  return best + std::log(sum) - std::log(static_cast<double>(totals.size()));
}

std::vector<double> TransformImage(const std::vector<double>& values, int* width, int* height, int k) {
  const int w = *width, h = *height;
  std::vector<double> out(values.size());
  const bool flip_lr = k & 1, flip_tb = k & 2, transpose = k & 4;
  for (int r = 0; r < h; ++r)
    for (int c = 0; c < w; ++c) {
      const int rr = flip_tb ? h - 1 - r : r, cc = flip_lr ? w - 1 - c : c;
      const double v = values[static_cast<std::size_t>(rr) * w + cc];
      if (transpose) {
        out[static_cast<std::size_t>(c) * h + r] = v;
      } else {
        out[static_cast<std::size_t>(r) * w + c] = v;
      }
    }
  if (transpose) std::swap(*width, *height);
  return out;
}

EvalReport EvaluateRideImageFiles(const RideModel& model, const std::vector<std::string>& paths,
                                  const RideEvalOptions& options) {
  model.Check();
  options.base.Check();
  if (options.ensemble && options.base.interior_only) {
    // The 8 transforms of an image would count different pixels (the window is not symmetric).
    throw std::invalid_argument("RIDE evaluation: the interior protocol takes no ensemble");
  }
  const int n = static_cast<int>(paths.size());
  std::vector<double> whole(n, 0.0);
  std::vector<std::vector<double>> patches(n);
  std::vector<std::string> errors(n);
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; ++i) {
    try {
      const GrayImage image = ReadGrayImage(paths[i]);
      std::mt19937_64 rng = StreamGenerator(options.base.seed, static_cast<uint64_t>(i));
      const std::vector<double> values = options.base.midpoint ? Midpoints(image) : Dequantize(image, rng);
      if (options.base.whole_images) {
        whole[i] = MeanLogLikelihoods(model, {values}, image.width, image.height, options.ensemble,
                                      options.base.interior_only)[0] / kLn2;
      }
      const int p = options.base.patch_size;
      if (p > 0) {
        std::vector<std::vector<double>> cut;
        for (int r0 = 0; r0 + p <= image.height; r0 += p)
          for (int c0 = 0; c0 + p <= image.width; c0 += p) {
            std::vector<double> patch(static_cast<std::size_t>(p) * p);
            for (int r = 0; r < p; ++r)
              for (int c = 0; c < p; ++c)
                patch[static_cast<std::size_t>(r) * p + c] = values[static_cast<std::size_t>(r0 + r) * image.width + c0 + c];
            cut.push_back(std::move(patch));
          }
        for (double ll : MeanLogLikelihoods(model, cut, p, p, options.ensemble, options.base.interior_only)) {
          patches[i].push_back(ll / kLn2);
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
  if (options.base.whole_images) report.whole = MeanAndStandardError(whole);
  std::vector<double> all;
  for (const auto& v : patches) all.insert(all.end(), v.begin(), v.end());
  if (options.base.patch_size > 0) report.patches = MeanAndStandardError(all);
  return report;
}

}  // namespace ride::trainer
