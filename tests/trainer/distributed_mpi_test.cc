// The MPI communicator (trainer/src/distributed_mpi.cc) on real ranks: run under mpirun with two or
// more ranks (.ci/mpi_stage.sh runs it with three), every rank running every test in the same order.
// Only rank 0 prints. Not registered with ctest, which runs programs alone.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "trainer/src/distributed.h"

namespace ride::trainer {
namespace {

Communicator* comm = nullptr;

// Rank r's vector of a sum: values of very different sizes, so the order of the additions shows.
std::vector<double> Part(int rank, std::size_t count) {
  std::mt19937_64 rng(1000 + rank);
  std::vector<double> part(count);
  for (double& v : part) v = static_cast<double>(static_cast<int64_t>(rng() % 2001) - 1000) * (rng() % 2 ? 1e16 : 1.0);
  return part;
}

TEST(MpiCommunicatorTest, RunsOnSeveralRanks) {
  ASSERT_GE(comm->size(), 2) << "start with mpirun -np N, N >= 2";
  EXPECT_TRUE(BuiltWithMpi());
  EXPECT_EQ(LauncherRanks(), comm->size());
}

TEST(MpiCommunicatorTest, SumAddsInRankOrderOnEveryRank) {
  for (const std::size_t count : {std::size_t{1}, std::size_t{1000}, std::size_t{300000}}) {  // eager and rendezvous
    std::vector<double> expected = Part(0, count);
    for (int r = 1; r < comm->size(); ++r) {
      const std::vector<double> part = Part(r, count);
      for (std::size_t i = 0; i < count; ++i) expected[i] += part[i];
    }
    std::vector<double> values = Part(comm->rank(), count);
    comm->SumInRankOrder(values.data(), count);
    EXPECT_EQ(values, expected) << count << " values";
  }
  // (1 + 1e16) − 1e16 in rank order is 0; any other grouping gives 1.
  if (comm->size() >= 3) {
    const double parts[] = {1.0, 1e16, -1e16};
    EXPECT_EQ(comm->SumInRankOrder(comm->rank() < 3 ? parts[comm->rank()] : 0.0), 0.0);
  }
}

TEST(MpiCommunicatorTest, BroadcastReplacesEveryRanksBytesWithRankZeros) {
  std::string text;
  if (comm->is_root()) {
    for (int i = 0; i < 1 << 20; ++i) text.push_back(static_cast<char>(i * 7));  // binary, not a multiple of 8
    text.push_back('\0');
  } else {
    text = "stale";
  }
  comm->Broadcast(&text);
  ASSERT_EQ(text.size(), (std::size_t{1} << 20) + 1);
  for (int i = 0; i < 1 << 20; i += 4099) EXPECT_EQ(text[i], static_cast<char>(i * 7));
  std::string empty = comm->is_root() ? "" : "stale";
  comm->Broadcast(&empty);
  EXPECT_EQ(empty, "");
}

TEST(MpiCommunicatorTest, ExchangeDeliversWhatEachRankSendsEachOther) {
  // Rank s sends rank r (s + r) % 3 · 5000 values of 100 s + r: some empty, some large.
  const int n = comm->size(), me = comm->rank();
  std::vector<std::vector<double>> send(n), receive(n);
  for (int r = 0; r < n; ++r) {
    send[r].assign(static_cast<std::size_t>((me + r) % 3) * 5000, 100.0 * me + r);
    receive[r].resize(static_cast<std::size_t>((r + me) % 3) * 5000);
  }
  comm->Exchange(send, &receive);
  for (int s = 0; s < n; ++s) {
    EXPECT_EQ(receive[s], std::vector<double>(static_cast<std::size_t>((s + me) % 3) * 5000, 100.0 * s + me));
  }
  std::vector<double> expected;
  for (int r = 0; r < n; ++r) expected.insert(expected.end(), {double(r), -1.0});
  EXPECT_EQ(comm->AllGather({double(me), -1.0}), expected);
  comm->Barrier();
  EXPECT_GT(comm->stats().Total().bytes_sent, 0);
}

}  // namespace
}  // namespace ride::trainer

int main(int argc, char** argv) {
  std::unique_ptr<ride::trainer::Communicator> world = ride::trainer::StartCommunicator(&argc, &argv);
  ride::trainer::comm = world.get();
  world->set_timeout_seconds(30);
  ::testing::InitGoogleTest(&argc, argv);
  if (!world->is_root()) {
    ::testing::TestEventListeners& listeners = ::testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
  }
  const int failed = RUN_ALL_TESTS();
  // Every rank's verdict: a failure on any rank fails the run on rank 0 too.
  const double failures = world->SumInRankOrder(failed ? 1.0 : 0.0);
  return failures > 0 ? 1 : 0;
}
