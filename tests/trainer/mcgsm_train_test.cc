#include "trainer/src/mcgsm_train.h"

#include <gtest/gtest.h>

#include <omp.h>
#include <cmath>

#include <random>

#include "trainer/src/evaluation.h"

namespace ride::trainer {
namespace {

// y = 0.5 z_0 + noise whose scale depends on |z_1|: a problem an MCGSM fits well beyond a Gaussian.
void Problem(int n, uint64_t seed, Eigen::MatrixXd* z, Eigen::RowVectorXd* y) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  z->resize(2, n);
  y->resize(n);
  for (int i = 0; i < n; ++i) {
    (*z)(0, i) = normal(rng);
    (*z)(1, i) = normal(rng);
    (*y)[i] = 0.5 * (*z)(0, i) + (0.1 + std::abs((*z)(1, i))) * normal(rng);
  }
}

TEST(TrainMcgsmTest, LbfgsImprovesTrainAndValidationRates) {
  Eigen::MatrixXd z, zv;
  Eigen::RowVectorXd y, yv;
  Problem(3000, 1, &z, &y);
  Problem(1000, 2, &zv, &yv);
  McgsmParams params = McgsmParams::Initial({2, 2, 2, 2}, 3);
  const double before = McgsmRateBitsPerPixel(params, zv, yv, 0.0);
  McgsmTrainOptions options;
  options.max_iterations = 60;
  options.validate_every = 2;
  int calls = 0;
  options.on_iteration = [&](const TrainProgress& p, const McgsmParams&) {
    ++calls;
    EXPECT_EQ(p.iteration, calls);
  };
  const McgsmTrainResult result = TrainMcgsm(&params, z, y, zv, yv, 0.0, options);
  EXPECT_EQ(calls, result.iterations);
  EXPECT_GT(result.val_bpp, before + 0.3);
  EXPECT_EQ(result.val_bpp,
            McgsmRateBitsPerPixel(params, zv, yv, 0.0));  // best parameters returned
  EXPECT_GT(result.train_bpp, before + 0.3);
}

TEST(TrainMcgsmTest, EarlyStoppingEndsBeforeMaxIterations) {
  Eigen::MatrixXd z, zv;
  Eigen::RowVectorXd y, yv;
  Problem(60, 4, &z, &y);  // so few samples that a large model overfits
  Problem(500, 5, &zv, &yv);
  McgsmParams params = McgsmParams::Initial({2, 8, 3, 4}, 3);
  McgsmTrainOptions options;
  options.max_iterations = 2000;
  options.validate_every = 1;
  options.patience = 3;
  const McgsmTrainResult result = TrainMcgsm(&params, z, y, zv, yv, 0.0, options);
  EXPECT_LT(result.iterations, 2000);
  EXPECT_LE(result.best_iteration, result.iterations);
}

TEST(TrainMcgsmTest, ShouldStopEndsTrainingWithTheBestParametersSoFar) {
  Eigen::MatrixXd z, zv;
  Eigen::RowVectorXd y, yv;
  Problem(2000, 1, &z, &y);
  Problem(500, 2, &zv, &yv);
  McgsmParams params = McgsmParams::Initial({2, 2, 2, 2}, 3);
  McgsmTrainOptions options;
  options.max_iterations = 60;
  options.validate_every = 2;
  McgsmParams best_at_stop;
  int iterations = 0;
  options.on_iteration = [&](const TrainProgress& p, const McgsmParams& best) {
    iterations = p.iteration;
    best_at_stop = best;
  };
  options.should_stop = [&] { return iterations == 4; };  // a validated iteration
  const McgsmTrainResult result = TrainMcgsm(&params, z, y, zv, yv, 0.0, options);
  EXPECT_TRUE(result.cancelled);
  EXPECT_TRUE(result.stopped_early);
  EXPECT_EQ(result.stop_reason, "stopped by the caller");
  EXPECT_EQ(result.iterations, 4);
  EXPECT_EQ(params.Pack(), best_at_stop.Pack());
  // Without a hook, or one that never stops, training is what it always was.
  McgsmParams again = McgsmParams::Initial({2, 2, 2, 2}, 3), plain = again;
  options.on_iteration = nullptr;
  options.should_stop = [] { return false; };
  const McgsmTrainResult full = TrainMcgsm(&again, z, y, zv, yv, 0.0, options);
  options.should_stop = nullptr;
  TrainMcgsm(&plain, z, y, zv, yv, 0.0, options);
  EXPECT_FALSE(full.cancelled);
  EXPECT_EQ(again.Pack(), plain.Pack());
}

TEST(TrainMcgsmTest, RateIsTheSameForAnyThreadCount) {
  Eigen::MatrixXd z;
  Eigen::RowVectorXd y;
  Problem(20000, 6, &z, &y);
  const McgsmParams params = McgsmParams::Initial({2, 3, 2, 2}, 1);
  const double all = McgsmRateBitsPerPixel(params, z, y, 0.25);
  omp_set_num_threads(1);
  EXPECT_EQ(McgsmRateBitsPerPixel(params, z, y, 0.25), all);
  omp_set_num_threads(2);
  EXPECT_NEAR(all, (McgsmLogLikelihood(params, z, y).mean() + 0.25) / std::log(2.0), 1e-12);
}

TEST(RateStatsTest, MeanAndStandardError) {
  const RateStats s = MeanAndStandardError({1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_NEAR(s.standard_error, std::sqrt(5.0 / 3.0 / 4.0), 1e-15);
  EXPECT_EQ(s.count, 4);
}

}  // namespace
}  // namespace ride::trainer
