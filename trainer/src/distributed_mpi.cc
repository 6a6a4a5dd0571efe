// The MPI communicator (RIDE_WITH_MPI). Only point-to-point, non-blocking MPI calls, polled with
// MPI_Test until a deadline, so that a lost rank is reported instead of waited for; MPI's own
// collectives have no timeout, and their order of additions is the library's to choose.
//
// SumInRankOrder: every other rank sends its vector to rank 0, which adds them in rank order and
// sends the result down a binomial tree (rank 0 to 1, then 0 to 2 and 1 to 3, ...): log2(N) steps.
// Rank 0 receives (N − 1) vectors, so its link carries (N − 1) · B bytes in per sum; docs/trainer.md
// works out what that costs on a network.
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "trainer/src/distributed.h"

namespace ride::trainer {
namespace {

enum Tag : int { kTagSum = 101, kTagBroadcastSize, kTagBroadcastBytes, kTagExchange };

class MpiCommunicator final : public Communicator {
 public:
  MpiCommunicator(int rank, int size) : Communicator(rank, size) {}
  ~MpiCommunicator() override {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
  void Abort(int code) override { MPI_Abort(MPI_COMM_WORLD, code); }

 protected:
  void DoSum(double* values, std::size_t count, OperationStats* stats) override {
    const int n = Count(count);
    std::vector<MPI_Request> requests;
    std::vector<int> peers;
    if (is_root()) {
      std::vector<std::vector<double>> parts(size());
      for (int r = 1; r < size(); ++r) {
        parts[r].resize(count);
        requests.push_back(MPI_REQUEST_NULL);
        Check(MPI_Irecv(parts[r].data(), n, MPI_DOUBLE, r, kTagSum, MPI_COMM_WORLD, &requests.back()), "in a sum over ranks");
        peers.push_back(r);
      }
      Wait(&requests, peers, timeout_seconds(), "gathering the partial sums of a sum over ranks");
      for (int r = 1; r < size(); ++r)
        for (std::size_t i = 0; i < count; ++i) values[i] += parts[r][i];
    } else {
      requests.push_back(MPI_REQUEST_NULL);
      Check(MPI_Isend(values, n, MPI_DOUBLE, 0, kTagSum, MPI_COMM_WORLD, &requests.back()), "in a sum over ranks");
      stats->bytes_sent += static_cast<int64_t>(count * sizeof(double));
      peers.push_back(0);
      Wait(&requests, peers, 2 * timeout_seconds(), "sending this rank's part of a sum over ranks");
    }
    TreeBroadcast(values, n, kTagSum, stats, "the total of a sum over ranks");
  }

  void DoBroadcast(std::string* bytes, OperationStats* stats) override {
    double length = static_cast<double>(bytes->size());  // exact below 2^53
    TreeBroadcast(&length, 1, kTagBroadcastSize, stats, "the size of a broadcast");
    if (!is_root()) bytes->assign(static_cast<std::size_t>(length), '\0');
    // Whole doubles: the last one padded.
    std::vector<double> words((bytes->size() + sizeof(double) - 1) / sizeof(double), 0.0);
    if (is_root() && !bytes->empty()) std::memcpy(words.data(), bytes->data(), bytes->size());
    TreeBroadcast(words.data(), Count(words.size()), kTagBroadcastBytes, stats, "a broadcast");
    if (!is_root() && !bytes->empty()) std::memcpy(bytes->data(), words.data(), bytes->size());
  }

  void DoExchange(const std::vector<std::vector<double>>& send, std::vector<std::vector<double>>* receive,
                  OperationStats* stats) override {
    std::vector<MPI_Request> requests;
    std::vector<int> peers;
    for (int r = 0; r < size(); ++r) {
      if (r == rank() || (*receive)[r].empty()) continue;
      requests.push_back(MPI_REQUEST_NULL);
      Check(MPI_Irecv((*receive)[r].data(), Count((*receive)[r].size()), MPI_DOUBLE, r, kTagExchange, MPI_COMM_WORLD,
                      &requests.back()),
            "exchanging data between ranks");
      peers.push_back(r);
    }
    for (int r = 0; r < size(); ++r) {
      if (r == rank() || send[r].empty()) continue;
      requests.push_back(MPI_REQUEST_NULL);
      // MPI's send buffer is const since MPI 3.
      Check(MPI_Isend(send[r].data(), Count(send[r].size()), MPI_DOUBLE, r, kTagExchange, MPI_COMM_WORLD,
                      &requests.back()),
            "exchanging data between ranks");
      stats->bytes_sent += static_cast<int64_t>(send[r].size() * sizeof(double));
      peers.push_back(r);
    }
    (*receive)[rank()] = send[rank()];
    Wait(&requests, peers, timeout_seconds(), "exchanging data between ranks");
  }

 private:
  int Count(std::size_t count) const {
    if (count > static_cast<std::size_t>(INT_MAX)) {
      throw CommunicationError("a message of " + std::to_string(count) + " values exceeds MPI's count limit");
    }
    return static_cast<int>(count);
  }

  void Check(int code, const std::string& what) const {
    if (code == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(code, text, &length);
    throw CommunicationError("MPI failed " + what + ": " + std::string(text, length));
  }

  // Rank 0's `values` to every rank down a binomial tree: a rank receives from the rank that differs
  // in its lowest set bit, then sends on to rank + 2^k for each lower bit k.
  void TreeBroadcast(double* values, int count, int tag, OperationStats* stats, const std::string& what) {
    const std::string receiving = "receiving " + what, sending = "passing on " + what;
    int mask = 1;
    while (mask < size()) {
      if (rank() & mask) {
        std::vector<MPI_Request> request(1, MPI_REQUEST_NULL);
        Check(MPI_Irecv(values, count, MPI_DOUBLE, rank() - mask, tag, MPI_COMM_WORLD, &request[0]), receiving);
        Wait(&request, {rank() - mask}, 2 * timeout_seconds(), receiving);
        break;
      }
      mask <<= 1;
    }
    std::vector<MPI_Request> requests;
    std::vector<int> peers;
    for (mask >>= 1; mask > 0; mask >>= 1) {
      if (rank() + mask >= size()) continue;
      requests.push_back(MPI_REQUEST_NULL);
      Check(MPI_Isend(values, count, MPI_DOUBLE, rank() + mask, tag, MPI_COMM_WORLD, &requests.back()), sending);
      stats->bytes_sent += static_cast<int64_t>(count) * static_cast<int64_t>(sizeof(double));
      peers.push_back(rank() + mask);
    }
    Wait(&requests, peers, timeout_seconds(), sending);
  }

  // Polls until every request is done; past the deadline, throws naming the peers still pending.
  void Wait(std::vector<MPI_Request>* requests, const std::vector<int>& peers, double timeout, const std::string& what) {
    if (requests->empty()) return;
    const auto start = std::chrono::steady_clock::now();
    auto pause = std::chrono::microseconds(10);
    for (;;) {
      int done = 0;
      Check(MPI_Testall(static_cast<int>(requests->size()), requests->data(), &done, MPI_STATUSES_IGNORE), what);
      if (done) return;
      const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (waited > timeout) break;
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::microseconds(1000));
    }
    // A peer with both a send and a receive pending is named once.
    std::vector<int> silent;
    for (std::size_t i = 0; i < requests->size(); ++i) {
      int flag = 0;
      MPI_Test(&(*requests)[i], &flag, MPI_STATUS_IGNORE);
      if (!flag) silent.push_back(peers[i]);
    }
    std::sort(silent.begin(), silent.end());
    silent.erase(std::unique(silent.begin(), silent.end()), silent.end());
    std::string pending;
    for (const int peer : silent) pending += (pending.empty() ? "" : ", ") + std::to_string(peer);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", timeout);
    throw CommunicationError(what + ": no answer from rank " + pending + " within " + seconds +
                             " s (it died, hangs or was stopped; --mpi-timeout sets the wait)");
  }
};

}  // namespace

bool BuiltWithMpi() { return true; }

std::unique_ptr<Communicator> StartCommunicator(int* argc, char*** argv) {
  if (LauncherRanks() == 0) return std::make_unique<LocalCommunicator>();
  // Only the main thread calls MPI; OpenMP threads work between the calls.
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw std::runtime_error("MPI_Init_thread failed");
  }
  // Errors come back as codes, which become exceptions naming the rank, instead of aborting here.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw std::runtime_error("the MPI library offers no MPI_THREAD_FUNNELED support");
  }
  return std::make_unique<MpiCommunicator>(rank, size);
}

}  // namespace ride::trainer
