// Ranks as threads of one process, for testing the trainer's data-parallel code
// (trainer/src/distributed.h) without MPI: RunRanks(n, body) runs body(comm) as ranks 0 .. n − 1 on
// n threads and rethrows the lowest rank's failure. Sums add in rank order with the same arithmetic
// as the MPI communicator (rank 0's vector, then += each other rank's in order). A rank that fails
// makes the others' next operation throw CommunicationError at once; a rank that never comes makes
// them throw after their timeout.
#ifndef RIDE_TESTS_TRAINER_THREAD_RANKS_H_
#define RIDE_TESTS_TRAINER_THREAD_RANKS_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "trainer/src/distributed.h"

namespace ride::trainer::testing {

class ThreadHub {
 public:
  struct Slot {
    std::vector<double> values;
    std::vector<std::vector<double>> to;
    std::string bytes;
  };

  explicit ThreadHub(int size) : size_(size), slots_(size) {}
  int size() const { return size_; }
  Slot& slot(int rank) { return slots_[rank]; }

  // Waits until every rank has arrived, or throws.
  void Meet(int rank, double timeout_seconds) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (broken_) throw CommunicationError("rank " + std::to_string(rank) + ": another rank failed");
    const uint64_t generation = generation_;
    if (++arrived_ == size_) {
      arrived_ = 0;
      ++generation_;
      ready_.notify_all();
      return;
    }
    const bool met = ready_.wait_for(lock, std::chrono::duration<double>(timeout_seconds),
                                     [&] { return generation_ != generation || broken_; });
    if (broken_) throw CommunicationError("rank " + std::to_string(rank) + ": another rank failed");
    if (!met) throw CommunicationError("rank " + std::to_string(rank) + ": no answer from the other ranks");
  }

  void Break() {
    std::lock_guard<std::mutex> lock(mutex_);
    broken_ = true;
    ready_.notify_all();
  }

 private:
  const int size_;
  std::vector<Slot> slots_;
  std::mutex mutex_;
  std::condition_variable ready_;
  int arrived_ = 0;
  uint64_t generation_ = 0;
  bool broken_ = false;
};

class ThreadCommunicator final : public Communicator {
 public:
  ThreadCommunicator(ThreadHub* hub, int rank) : Communicator(rank, hub->size()), hub_(hub) {}

 protected:
  void DoSum(double* values, std::size_t count, OperationStats*) override {
    hub_->slot(rank()).values.assign(values, values + count);
    Meet();
    std::vector<double> total = hub_->slot(0).values;
    for (int r = 1; r < size(); ++r)
      for (std::size_t i = 0; i < count; ++i) total[i] += hub_->slot(r).values[i];
    Meet();
    std::copy(total.begin(), total.end(), values);
  }
  void DoBroadcast(std::string* bytes, OperationStats*) override {
    if (is_root()) hub_->slot(0).bytes = *bytes;
    Meet();
    if (!is_root()) *bytes = hub_->slot(0).bytes;
    Meet();
  }
  void DoExchange(const std::vector<std::vector<double>>& send, std::vector<std::vector<double>>* receive,
                  OperationStats*) override {
    hub_->slot(rank()).to = send;
    Meet();
    for (int r = 0; r < size(); ++r) {
      const std::vector<double>& sent = hub_->slot(r).to[rank()];
      if (sent.size() != (*receive)[r].size()) {
        throw CommunicationError("rank " + std::to_string(r) + " sent " + std::to_string(sent.size()) +
                                 " values to rank " + std::to_string(rank()) + ", which expected " +
                                 std::to_string((*receive)[r].size()));
      }
      (*receive)[r] = sent;
    }
    Meet();
  }

 private:
  void Meet() { hub_->Meet(rank(), timeout_seconds()); }
  ThreadHub* hub_;
};

inline void RunRanks(int ranks, const std::function<void(Communicator&)>& body, double timeout_seconds = 60) {
  ThreadHub hub(ranks);
  std::vector<std::exception_ptr> errors(ranks);
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r) {
    threads.emplace_back([&, r] {
      ThreadCommunicator comm(&hub, r);
      comm.set_timeout_seconds(timeout_seconds);
      try {
        body(comm);
      } catch (...) {
        errors[r] = std::current_exception();
        hub.Break();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace ride::trainer::testing

#endif  // RIDE_TESTS_TRAINER_THREAD_RANKS_H_
