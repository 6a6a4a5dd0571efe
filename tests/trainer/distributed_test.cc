// The communicator's contract (trainer/src/distributed.h) on one process and on ranks that are
// threads: sums in rank order, broadcasts, exchanges, the blocks of a shard, and failures reported.
#include "trainer/src/distributed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "tests/trainer/thread_ranks.h"

namespace ride::trainer {
namespace {

using testing::RunRanks;

TEST(ShardTest, BlocksCoverEveryItemInRankOrderAndDifferByAtMostOne) {
  for (int64_t count = 0; count <= 23; ++count) {
    for (int ranks = 1; ranks <= 7; ++ranks) {
      EXPECT_EQ(ShardBegin(count, ranks, 0), 0);
      EXPECT_EQ(ShardBegin(count, ranks, ranks), count);
      for (int r = 0; r < ranks; ++r) {
        const int64_t size = ShardBegin(count, ranks, r + 1) - ShardBegin(count, ranks, r);
        EXPECT_TRUE(size == count / ranks || size == count / ranks + 1) << count << " over " << ranks;
        for (int64_t i = ShardBegin(count, ranks, r); i < ShardBegin(count, ranks, r + 1); ++i) {
          EXPECT_EQ(ShardOwner(count, ranks, i), r) << "item " << i << " of " << count << " over " << ranks;
        }
      }
    }
  }
  // No overflow for counts far beyond any data set.
  EXPECT_EQ(ShardBegin(int64_t{1} << 61, 3, 2), ((int64_t{1} << 61) / 3) * 2 + ((int64_t{1} << 61) % 3) * 2 / 3);
}

TEST(LocalCommunicatorTest, IsOneRankThatLeavesDataAsItIs) {
  LocalCommunicator alone;
  EXPECT_EQ(alone.rank(), 0);
  EXPECT_EQ(alone.size(), 1);
  EXPECT_TRUE(alone.is_root());
  std::vector<double> values = {1.5, -2.25};
  alone.SumInRankOrder(values.data(), values.size());
  EXPECT_EQ(values, (std::vector<double>{1.5, -2.25}));
  Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(3, 1, 3);
  EXPECT_EQ(alone.SumInRankOrder(0.75, {&v}), 0.75);
  EXPECT_EQ(v, Eigen::VectorXd::LinSpaced(3, 1, 3));
  std::string text = "checkpoint";
  alone.Broadcast(&text);
  EXPECT_EQ(text, "checkpoint");
  EXPECT_EQ(alone.AllGather({4, 5}), (std::vector<double>{4, 5}));
  EXPECT_EQ(alone.stats().sum.calls, 2);
  EXPECT_EQ(alone.stats().Total().bytes_sent, 0);
  EXPECT_THROW(alone.set_timeout_seconds(0), std::invalid_argument);
}

TEST(DistributedTest, SumAddsInRankOrderAndEveryRankGetsTheSameBits) {
  // 1 + 1e16 rounds to 1e16, so ((1 + 1e16) − 1e16) is 0 while 1 + (1e16 − 1e16) would be 1.
  const std::vector<double> parts = {1.0, 1e16, -1e16};
  std::vector<double> totals(3);
  RunRanks(3, [&](Communicator& comm) {
    double value = parts[comm.rank()];
    comm.SumInRankOrder(&value, 1);
    totals[comm.rank()] = value;
  });
  EXPECT_EQ(totals, (std::vector<double>{0.0, 0.0, 0.0}));
}

TEST(DistributedTest, BroadcastExchangeAndAllGatherMoveWhatTheySay) {
  RunRanks(3, [](Communicator& comm) {
    std::string text = comm.is_root() ? std::string("from rank 0\nsecond line\0binary", 30) : "stale";
    comm.Broadcast(&text);
    EXPECT_EQ(text, std::string("from rank 0\nsecond line\0binary", 30));
    std::vector<std::string> lines = {"a.png", "b.png"};
    if (!comm.is_root()) lines = {"other"};
    BroadcastLines(&lines, comm);
    EXPECT_EQ(lines, (std::vector<std::string>{"a.png", "b.png"}));
    // Rank s sends rank r the values s, r (r + 1 of them).
    std::vector<std::vector<double>> send(3), receive(3);
    for (int r = 0; r < 3; ++r) {
      send[r].assign(r + 1, 10.0 * comm.rank() + r);
      receive[r].resize(comm.rank() + 1);
    }
    comm.Exchange(send, &receive);
    for (int s = 0; s < 3; ++s) EXPECT_EQ(receive[s], std::vector<double>(comm.rank() + 1, 10.0 * s + comm.rank()));
    EXPECT_EQ(comm.AllGather({double(comm.rank()), 7}), (std::vector<double>{0, 7, 1, 7, 2, 7}));
  });
}

TEST(DistributedTest, ReplicatedStateThatDriftsApartIsReported) {
  EXPECT_THROW(RunRanks(2,
                        [](Communicator& comm) {
                          Eigen::VectorXd parameters = Eigen::VectorXd::Constant(4, 0.5);
                          if (comm.rank() == 1) parameters[3] = std::nextafter(0.5, 1.0);
                          ExpectSameOnAllRanks(parameters, "the parameters", comm);
                        }),
               std::runtime_error);
  RunRanks(2, [](Communicator& comm) { ExpectSameOnAllRanks(Eigen::VectorXd::Ones(4), "the parameters", comm); });
}

TEST(DistributedTest, ARankThatNeverComesIsReportedAfterTheTimeout) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(RunRanks(
                   2,
                   [](Communicator& comm) {
                     if (comm.rank() == 1) return;  // leaves without taking part
                     comm.SumInRankOrder(1.0);
                   },
                   0.2),
               CommunicationError);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10);
}

TEST(DistributedTest, WithoutALauncherThisProcessIsOneRank) {
  if (LauncherRanks() > 0) GTEST_SKIP() << "started by an MPI launcher";
  int argc = 1;
  char name[] = "test";
  char* args[] = {name, nullptr};
  char** argv = args;
  const std::unique_ptr<Communicator> comm = StartCommunicator(&argc, &argv);
  EXPECT_EQ(comm->size(), 1);
}

}  // namespace
}  // namespace ride::trainer
