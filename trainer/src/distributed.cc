#include "trainer/src/distributed.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace ride::trainer {
namespace {

OperationStats Minus(const OperationStats& a, const OperationStats& b) {
  return {a.calls - b.calls, a.bytes_sent - b.bytes_sent, a.seconds - b.seconds};
}

// Times one public operation into `stats`.
class Timed {
 public:
  explicit Timed(OperationStats* stats) : stats_(stats), start_(std::chrono::steady_clock::now()) { ++stats->calls; }
  ~Timed() { stats_->seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  OperationStats* stats_;
  std::chrono::steady_clock::time_point start_;
};

int PositiveEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return 0;
  const long n = std::strtol(value, nullptr, 10);
  return n > 0 && n < (1 << 30) ? static_cast<int>(n) : 0;
}

uint64_t Fnv1a(const void* data, std::size_t bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  const unsigned char* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
  return h;
}

}  // namespace

OperationStats CommunicationStats::Total() const {
  return {sum.calls + exchange.calls + broadcast.calls, sum.bytes_sent + exchange.bytes_sent + broadcast.bytes_sent,
          sum.seconds + exchange.seconds + broadcast.seconds};
}

CommunicationStats operator-(const CommunicationStats& later, const CommunicationStats& earlier) {
  return {Minus(later.sum, earlier.sum), Minus(later.exchange, earlier.exchange),
          Minus(later.broadcast, earlier.broadcast)};
}

Communicator::Communicator(int rank, int size) : rank_(rank), size_(size) {
  if (size < 1 || rank < 0 || rank >= size) {
    throw std::invalid_argument("communicator: rank " + std::to_string(rank) + " of " + std::to_string(size));
  }
}

void Communicator::set_timeout_seconds(double seconds) {
  if (!(seconds > 0)) throw std::invalid_argument("--mpi-timeout must be > 0 seconds");
  timeout_seconds_ = seconds;
}

void Communicator::SumInRankOrder(double* values, std::size_t count) {
  Timed timed(&stats_.sum);
  DoSum(values, count, &stats_.sum);
}

double Communicator::SumInRankOrder(double value) {
  SumInRankOrder(&value, 1);
  return value;
}

double Communicator::SumInRankOrder(double value, std::initializer_list<Eigen::VectorXd*> vectors) {
  Eigen::Index total = 1;
  for (const Eigen::VectorXd* v : vectors) total += v->size();
  Eigen::VectorXd packed(total);
  packed[0] = value;
  Eigen::Index at = 1;
  for (const Eigen::VectorXd* v : vectors) {
    packed.segment(at, v->size()) = *v;
    at += v->size();
  }
  SumInRankOrder(packed.data(), static_cast<std::size_t>(packed.size()));
  at = 1;
  for (Eigen::VectorXd* v : vectors) {
    *v = packed.segment(at, v->size());
    at += v->size();
  }
  return packed[0];
}

void Communicator::SumInRankOrder(Eigen::MatrixXd* values) {
  SumInRankOrder(values->data(), static_cast<std::size_t>(values->size()));
}

void Communicator::Broadcast(std::string* bytes) {
  Timed timed(&stats_.broadcast);
  DoBroadcast(bytes, &stats_.broadcast);
}

void Communicator::Exchange(const std::vector<std::vector<double>>& send,
                            std::vector<std::vector<double>>* receive) {
  if (static_cast<int>(send.size()) != size_ || static_cast<int>(receive->size()) != size_) {
    throw std::invalid_argument("exchange: need one send and one receive buffer per rank");
  }
  if (send[rank_].size() != (*receive)[rank_].size()) {
    throw std::invalid_argument("exchange: rank " + std::to_string(rank_) + " sends itself " +
                                std::to_string(send[rank_].size()) + " values but expects " +
                                std::to_string((*receive)[rank_].size()));
  }
  Timed timed(&stats_.exchange);
  DoExchange(send, receive, &stats_.exchange);
}

std::vector<double> Communicator::AllGather(const std::vector<double>& mine) {
  std::vector<std::vector<double>> send(size_, mine), receive(size_, std::vector<double>(mine.size()));
  Exchange(send, &receive);
  std::vector<double> all;
  for (const std::vector<double>& part : receive) all.insert(all.end(), part.begin(), part.end());
  return all;
}

void Communicator::Barrier() { SumInRankOrder(nullptr, 0); }

void LocalCommunicator::DoExchange(const std::vector<std::vector<double>>& send,
                                   std::vector<std::vector<double>>* receive, OperationStats*) {
  (*receive)[0] = send[0];
}

int LauncherRanks() {
  // Open MPI's mpirun; MPICH's and Intel MPI's hydra, and Slurm's srun, through PMI.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    if (const int n = PositiveEnv(name); n > 0) return n;
  }
  // PMIx launchers name the rank but not always the size.
  return std::getenv("PMIX_RANK") != nullptr ? 1 : 0;
}

int64_t ShardBegin(int64_t count, int ranks, int rank) {
  // count · rank / ranks without overflow for any count below 2^62 and ranks below 2^31.
  return count / ranks * rank + count % ranks * rank / ranks;
}

int ShardOwner(int64_t count, int ranks, int64_t index) {
  // The last rank whose block begins at or before `index` (empty blocks begin where the next does).
  int low = 0, high = ranks - 1;
  while (low < high) {
    const int middle = low + (high - low + 1) / 2;
    if (ShardBegin(count, ranks, middle) <= index) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

bool AnyRank(bool mine, Communicator& comm) {
  if (comm.size() == 1) return mine;
  return comm.SumInRankOrder(mine ? 1.0 : 0.0) > 0;
}

void BroadcastLines(std::vector<std::string>* lines, Communicator& comm) {
  std::string text;
  if (comm.is_root()) {
    for (const std::string& line : *lines) text += line + "\n";
  }
  comm.Broadcast(&text);
  if (comm.is_root()) return;
  lines->clear();
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines->push_back(line);
}

void ExpectSameOnAllRanks(const Eigen::VectorXd& values, const std::string& what, Communicator& comm) {
  if (comm.size() == 1) return;
  const uint64_t digest = Fnv1a(values.data(), sizeof(double) * static_cast<std::size_t>(values.size()));
  // Two exact halves: a double holds any 32-bit integer.
  const std::vector<double> all =
      comm.AllGather({static_cast<double>(digest >> 32), static_cast<double>(digest & 0xffffffffu)});
  for (int r = 1; r < comm.size(); ++r) {
    if (all[2 * r] != all[0] || all[2 * r + 1] != all[1]) {
      throw std::runtime_error(what + " differs between rank 0 and rank " + std::to_string(r) +
                               ": the ranks must run the same build on the same kind of CPU");
    }
  }
}

}  // namespace ride::trainer
