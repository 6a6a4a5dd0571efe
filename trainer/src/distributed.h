// Data-parallel training over several processes, "ranks" (docs/trainer.md, "Several machines"): the
// one place in the trainer that knows how ranks talk to each other.
//
// Every rank runs the same program on its share of the data and calls the collective operations
// below in the same order, with the sizes each one asks for; an operation returns when this rank's
// part of it is done. Nothing depends on timing: SumInRankOrder adds the ranks' vectors element by
// element in rank order, ((v0 + v1) + v2) + ..., and every rank receives those same bits, so a run
// with the same seed, data and number of ranks gives the same model every time. With one rank the
// operations leave the data as it is: a sum over one rank is that rank's vector, bit for bit.
//
// Every operation has a deadline (timeout_seconds()): a rank that does not answer in time (it died,
// hangs or was stopped) makes the ranks waiting for it throw CommunicationError naming it, instead
// of waiting for ever. Rank 0 waits at most the timeout for the others' parts; the other ranks wait
// at most twice the timeout for what comes from rank 0, so that rank 0, which sees every rank,
// reports first. Waiting ranks sleep between polls and leave their cores to the ranks still working.
//
// Implementations: LocalCommunicator (one process, nothing to talk to), the MPI one
// (distributed_mpi.cc, built with RIDE_WITH_MPI; started by StartCommunicator) and the tests' ranks
// as threads of one process.
#ifndef RIDE_TRAINER_SRC_DISTRIBUTED_H_
#define RIDE_TRAINER_SRC_DISTRIBUTED_H_

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ride::trainer {

// A rank did not answer within the timeout, or the transport failed; the message names the rank.
class CommunicationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What one kind of collective operation cost this rank.
struct OperationStats {
  int64_t calls = 0;
  int64_t bytes_sent = 0;  // payload this rank sent to others (received bytes are not counted)
  double seconds = 0;      // wall time inside the calls, waiting for slower ranks included
};

struct CommunicationStats {
  OperationStats sum, exchange, broadcast;  // SumInRankOrder; Exchange and AllGather; Broadcast
  OperationStats Total() const;
};
// The cost of what happened between two snapshots of stats().
CommunicationStats operator-(const CommunicationStats& later, const CommunicationStats& earlier);

class Communicator {
 public:
  static constexpr double kDefaultTimeoutSeconds = 120;

  Communicator(int rank, int size);
  virtual ~Communicator() = default;
  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  double timeout_seconds() const { return timeout_seconds_; }
  void set_timeout_seconds(double seconds);  // throws std::invalid_argument unless > 0

  // values[i] becomes Σ_r values_r[i], added in rank order; `count` is the same on every rank.
  void SumInRankOrder(double* values, std::size_t count);
  double SumInRankOrder(double value);
  // One message for a value and vectors (the same lengths on every rank): the value is returned.
  double SumInRankOrder(double value, std::initializer_list<Eigen::VectorXd*> vectors);
  void SumInRankOrder(Eigen::MatrixXd* values);

  // Rank 0's `bytes` replace every other rank's.
  void Broadcast(std::string* bytes);
  // send[r] goes to rank r (send[rank()] is copied); (*receive)[r] receives what rank r sends here
  // and must already have that size: the data-parallel code always knows what the others send.
  // Both hold size() vectors; empty ones cost nothing.
  void Exchange(const std::vector<std::vector<double>>& send, std::vector<std::vector<double>>* receive);
  // Every rank's `mine` (the same length on every rank), rank after rank.
  std::vector<double> AllGather(const std::vector<double>& mine);
  void Barrier();

  // Ends every rank of the job now with exit status `code` (MPI_Abort). One rank alone has no one to
  // end: it returns, and the caller returns its error as usual.
  virtual void Abort(int code) {}

  const CommunicationStats& stats() const { return stats_; }

 protected:
  // The operations proper; the public ones time them and count calls. Each adds the bytes it sends
  // to `stats`.
  virtual void DoSum(double* values, std::size_t count, OperationStats* stats) = 0;
  virtual void DoBroadcast(std::string* bytes, OperationStats* stats) = 0;
  virtual void DoExchange(const std::vector<std::vector<double>>& send, std::vector<std::vector<double>>* receive,
                          OperationStats* stats) = 0;

 private:
  int rank_, size_;
  double timeout_seconds_ = kDefaultTimeoutSeconds;
  CommunicationStats stats_;
};

// One process on its own: rank 0 of 1.
class LocalCommunicator final : public Communicator {
 public:
  LocalCommunicator() : Communicator(0, 1) {}

 protected:
  void DoSum(double*, std::size_t, OperationStats*) override {}
  void DoBroadcast(std::string*, OperationStats*) override {}
  void DoExchange(const std::vector<std::vector<double>>& send, std::vector<std::vector<double>>* receive,
                  OperationStats*) override;
};

// Whether this build talks MPI (CMake option RIDE_WITH_MPI).
bool BuiltWithMpi();
// The number of ranks an MPI launcher (mpirun, mpiexec, srun) says it started, from the environment
// it gives its processes; 0 when none started this process (or it does not say).
int LauncherRanks();

// This process's communicator: MPI's ranks when an MPI launcher started it and the build has MPI,
// a LocalCommunicator otherwise. Throws std::runtime_error when a launcher started several ranks of
// a build without MPI (each would train alone). Destroying an MPI communicator ends MPI.
std::unique_ptr<Communicator> StartCommunicator(int* argc, char*** argv);

// The first of the `count` items (images, patches) that rank `rank` of `ranks` takes: rank r takes
// [ShardBegin(count, ranks, r), ShardBegin(count, ranks, r + 1)), floor(count · r / ranks) onwards,
// contiguous blocks in rank order whose sizes differ by at most one.
int64_t ShardBegin(int64_t count, int ranks, int rank);
// The rank whose block holds item `index` (0 <= index < count).
int ShardOwner(int64_t count, int ranks, int64_t index);

// True on every rank when `mine` is true on any rank: a decision that every rank must take alike,
// e.g. a caller's request to stop training. One sum over the ranks; none with one rank, so that a run
// alone costs and counts (stats()) the same with or without the question.
bool AnyRank(bool mine, Communicator& comm);

// Rank 0's list replaces every other rank's (one string per entry, no newlines inside).
void BroadcastLines(std::vector<std::string>* lines, Communicator& comm);
// Throws std::runtime_error naming `what` unless every rank holds the same bits in `values` (a
// check that replicated state, e.g. parameters every rank updates alike, did not drift apart).
void ExpectSameOnAllRanks(const Eigen::VectorXd& values, const std::string& what, Communicator& comm);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_DISTRIBUTED_H_
