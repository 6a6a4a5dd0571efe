// The compiler's built-in check: the file it wrote, loaded through the runtime's loader, must give
// the trainer's per-pixel log-likelihoods on real image patches (within kMaxLogDensityError nats).
#ifndef RIDE_COMPILER_SRC_VERIFY_MODEL_H_
#define RIDE_COMPILER_SRC_VERIFY_MODEL_H_

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/src/engine/engine_model.h"
#include "trainer/src/checkpoint.h"
#include "trainer/src/colour_checkpoint.h"
#include "trainer/src/colour_image.h"
#include "trainer/src/image_io.h"
#include "trainer/src/ride_model.h"

namespace ride::compiler {

inline constexpr double kMaxLogDensityError = 1e-4;  // nats per pixel
// Colour heads read 3N + c inputs, and their whitening of highly correlated windows in three
// channels folds into larger weights whose float32 sums the runtime rounds more: a trained RGB
// model (7x4 window) differs from the trainer by up to about 4e-4 nats, 6e-4 bits a sample,
// far below what coding notices. A folding bug shows as 1e-2 or more.
inline constexpr double kMaxColourLogDensityError = 1e-3;  // nats per sample

// The runtime's ln-density of every pixel (y = (v + 0.5) / 256), through its wavefront engine.
Eigen::MatrixXd RuntimeLogDensities(const engine::EngineModel& model, const trainer::GrayImage& image);
// The same for every channel of a colour model (TrainerLogDensities' layout: height × 3 · width).
Eigen::MatrixXd RuntimeLogDensities(const engine::EngineModel& model, const trainer::ColourImage& image);

struct VerifyReport {
  int patches = 0;
  int64_t pixels = 0;
  double max_abs_difference = 0;  // nats
  double limit = kMaxLogDensityError;  // what max_abs_difference may be: kMaxColourLogDensityError for colour
  double trainer_bits_per_pixel = 0;  // log-likelihood rate on the patches, for the record
};

VerifyReport CompareWithTrainer(const trainer::McgsmModel& checkpoint, const engine::EngineModel& model,
                                const std::vector<trainer::GrayImage>& patches);
VerifyReport CompareWithTrainer(const trainer::RideModel& trained, const engine::EngineModel& model,
                                const std::vector<trainer::GrayImage>& patches);

VerifyReport CompareWithTrainer(const trainer::ColourMcgsmModel& trained, const engine::EngineModel& model,
                                const std::vector<trainer::ColourImage>& patches);

// Up to `count` patches of size × size, one from the centre of each of the first images of `dir`.
std::vector<trainer::GrayImage> VerificationPatches(const std::string& dir, int count, int size);
// The same from the colour images of `dir` (gray ones are passed over), as R, G, B.
std::vector<trainer::ColourImage> ColourVerificationPatches(const std::string& dir, int count, int size);

}  // namespace ride::compiler

#endif  // RIDE_COMPILER_SRC_VERIFY_MODEL_H_
