#include "trainer/src/mcgsm_train.h"

#include <gtest/gtest.h>

#include <omp.h>
#include <cmath>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/trainer/thread_ranks.h"
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

TEST(TrainMcgsmTest, RanksWithPartsOfTheDataAgreeWithOneProcessAndWithThemselves) {
  Eigen::MatrixXd z, zv;
  Eigen::RowVectorXd y, yv;
  Problem(3000, 1, &z, &y);
  Problem(1000, 2, &zv, &yv);
  McgsmTrainOptions options;
  options.max_iterations = 25;
  options.validate_every = 5;
  options.threads = 1;
  McgsmParams alone = McgsmParams::Initial({2, 2, 2, 2}, 3);
  const McgsmTrainResult expected = TrainMcgsm(&alone, z, y, zv, yv, 0.1, options);
  std::vector<Eigen::VectorXd> runs;
  for (int run = 0; run < 2; ++run) {
    testing::RunRanks(3, [&](Communicator& comm) {
      // Uneven parts; rank 2 has no validation pairs.
      const Eigen::Index starts[] = {0, 700, 1900, 3000}, val_starts[] = {0, 500, 1000, 1000};
      const Eigen::Index first = starts[comm.rank()], count = starts[comm.rank() + 1] - first;
      const Eigen::Index val_first = val_starts[comm.rank()], val_count = val_starts[comm.rank() + 1] - val_first;
      McgsmParams params = McgsmParams::Initial({2, 2, 2, 2}, 3);
      const McgsmTrainResult result =
          TrainMcgsm(&params, z.middleCols(first, count), y.segment(first, count),
                     zv.middleCols(val_first, val_count), yv.segment(val_first, val_count), 0.1, options, comm);
      EXPECT_EQ(result.iterations, expected.iterations);
      EXPECT_NEAR(result.val_bpp, expected.val_bpp, 1e-6);
      EXPECT_LT((params.Pack() - alone.Pack()).cwiseAbs().maxCoeff(), 1e-5);
      if (comm.is_root()) runs.push_back(params.Pack());
    });
  }
  EXPECT_EQ(runs[0], runs[1]);  // the same ranks: the same bits
}

// One rank's should_stop ends every rank's L-BFGS after the same iteration.
TEST(TrainMcgsmTest, OneRanksStopEndsEveryRankAfterTheSameIteration) {
  Eigen::MatrixXd z, zv;
  Eigen::RowVectorXd y, yv;
  Problem(3000, 1, &z, &y);
  Problem(1000, 2, &zv, &yv);
  std::vector<McgsmTrainResult> results(3);
  std::vector<Eigen::VectorXd> params(3);
  testing::RunRanks(3, [&](Communicator& comm) {
    const int r = comm.rank();
    McgsmTrainOptions options;
    options.max_iterations = 25;
    options.validate_every = 2;
    options.threads = 1;
    int iterations = 0;
    options.on_iteration = [&](const TrainProgress& p, const McgsmParams&) { iterations = p.iteration; };
    options.should_stop = [&, r] { return r == 2 && iterations == 6; };  // rank 2 alone asks
    McgsmParams mine = McgsmParams::Initial({2, 2, 2, 2}, 3);
    results[r] = TrainMcgsm(&mine, z.middleCols(1000 * r, 1000), y.segment(1000 * r, 1000),
                            zv.middleCols(r * 333, 333), yv.segment(r * 333, 333), 0.1, options, comm);
    params[r] = mine.Pack();
  });
  for (int r = 0; r < 3; ++r) {
    EXPECT_TRUE(results[r].cancelled) << "rank " << r;
    EXPECT_EQ(results[r].iterations, 6) << "rank " << r;
    EXPECT_EQ(params[r], params[0]) << "rank " << r;
  }
}

// One rank whose sums fail from the `fail_at`-th on, as when another rank is lost.
class FailingCommunicator final : public Communicator {
 public:
  explicit FailingCommunicator(int fail_at) : Communicator(0, 1), fail_at_(fail_at) {}

 protected:
  void DoSum(double*, std::size_t, OperationStats*) override {
    if (++sums_ >= fail_at_) throw CommunicationError("no answer from rank 1");
  }
  void DoBroadcast(std::string*, OperationStats*) override {}
  void DoExchange(const std::vector<std::vector<double>>& send, std::vector<std::vector<double>>* receive,
                  OperationStats*) override {
    (*receive)[0] = send[0];
  }

 private:
  int fail_at_, sums_ = 0;
};

TEST(TrainMcgsmTest, LostRanksAndFailingHooksEndTrainingInsteadOfPassingForConvergence) {
  Eigen::MatrixXd z;
  Eigen::RowVectorXd y;
  Problem(2000, 1, &z, &y);
  McgsmTrainOptions options;
  options.max_iterations = 50;
  McgsmParams params = McgsmParams::Initial({2, 2, 2, 2}, 3);
  FailingCommunicator lost(12);  // during the line search
  EXPECT_THROW(TrainMcgsm(&params, z, y, Eigen::MatrixXd(), Eigen::RowVectorXd(), 0.0, options, lost),
               CommunicationError);
  // Rank 0 writing a checkpoint from the hook, say: its error must not end the L-BFGS as converged.
  options.on_iteration = [](const TrainProgress& p, const McgsmParams&) {
    if (p.iteration == 3) throw std::runtime_error("model.ckpt.json: disk full");
  };
  params = McgsmParams::Initial({2, 2, 2, 2}, 3);
  EXPECT_THROW(TrainMcgsm(&params, z, y, Eigen::MatrixXd(), Eigen::RowVectorXd(), 0.0, options),
               std::runtime_error);
}

TEST(RateStatsTest, MeanAndStandardError) {
  const RateStats s = MeanAndStandardError({1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_NEAR(s.standard_error, std::sqrt(5.0 / 3.0 / 4.0), 1e-15);
  EXPECT_EQ(s.count, 4);
}

}  // namespace
}  // namespace ride::trainer
