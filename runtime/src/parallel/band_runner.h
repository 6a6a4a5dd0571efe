// Runs the bands of an image on several threads that share one wavefront session: worker w takes
// bands w, w + T, w + 2T, ... in order (WavefrontSession::ProcessParallelBand's contract), and the
// first error stops everyone.
#ifndef RIDE_RUNTIME_SRC_PARALLEL_BAND_RUNNER_H_
#define RIDE_RUNTIME_SRC_PARALLEL_BAND_RUNNER_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

#include "runtime/src/base/status.h"
#include "runtime/src/engine/wavefront_session.h"

namespace ride::parallel {

class BandRunner {
 public:
  // `session` was initialised with `workers` workers.
  explicit BandRunner(engine::WavefrontSession* session) : session_(session) {}

  // Calls band_work(worker, band) for every band in [0, bands); returns the first error. Threads
  // that cannot be started make the whole run fail with kResourceExhausted (nothing is half done:
  // no band has run).
  Status Run(uint32_t bands, const std::function<Status(uint32_t worker, uint32_t band)>& band_work);

  // For work that must happen in band order (reading rows, writing rows or bytes): waits until
  // every band before `band` has called EndInOrder for the same `stage`, or the run has failed (then
  // returns false). A band may have one section per stage (say, reading before it is processed and
  // writing after); the stages keep their orders independently.
  static constexpr uint32_t kStages = 2;
  bool BeginInOrder(uint32_t band, uint32_t stage = 0);
  void EndInOrder(uint32_t stage = 0);

 private:
  void WorkerLoop(uint32_t worker, uint32_t bands,
                  const std::function<Status(uint32_t worker, uint32_t band)>& band_work);
  void Fail(const Status& status);

  engine::WavefrontSession* session_;
  std::mutex mutex_;
  std::condition_variable in_order_;
  uint32_t next_in_order_[kStages] = {};
  bool failed_ = false;
  Status first_error_;
};

}  // namespace ride::parallel

#endif  // RIDE_RUNTIME_SRC_PARALLEL_BAND_RUNNER_H_
