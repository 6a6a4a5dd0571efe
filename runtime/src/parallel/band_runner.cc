#include "runtime/src/parallel/band_runner.h"

#include <pthread.h>

#include <memory>
#include <new>
#include <vector>

namespace ride::parallel {
namespace {

struct ThreadStart {
  std::function<void()> body;
};

void* StartThread(void* argument) {
  static_cast<ThreadStart*>(argument)->body();
  return nullptr;
}

}  // namespace

Status BandRunner::Run(uint32_t bands, const std::function<Status(uint32_t worker, uint32_t band)>& band_work) {
  const uint32_t workers = session_->workers();
  for (uint32_t& next : next_in_order_) next = 0;
  failed_ = false;
  first_error_ = Status();
  // pthreads rather than std::thread: the runtime has no exceptions, and a thread that cannot be
  // created must be an error, not an abort.
  std::vector<ThreadStart> starts(workers);
  std::vector<pthread_t> threads;
  threads.reserve(workers);
  for (uint32_t w = 1; w < workers; ++w) {
    starts[w].body = [this, w, bands, &band_work] { WorkerLoop(w, bands, band_work); };
    pthread_t thread;
    if (pthread_create(&thread, nullptr, StartThread, &starts[w]) != 0) {
      Fail(Status::Error(StatusCode::kResourceExhausted, "cannot start thread %u of %u", w + 1, workers));
      break;
    }
    threads.push_back(thread);
  }
  if (!failed_) WorkerLoop(0, bands, band_work);
  for (pthread_t thread : threads) pthread_join(thread, nullptr);
  return first_error_;
}

void BandRunner::WorkerLoop(uint32_t worker, uint32_t bands,
                            const std::function<Status(uint32_t worker, uint32_t band)>& band_work) {
  for (uint32_t band = worker; band < bands; band += session_->workers()) {
    const Status status = band_work(worker, band);
    if (!status.ok()) {
      Fail(status);
      return;
    }
  }
}

void BandRunner::Fail(const Status& status) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (failed_) return;
    failed_ = true;
    first_error_ = status;
  }
  session_->Abort();
  in_order_.notify_all();
}

bool BandRunner::BeginInOrder(uint32_t band, uint32_t stage) {
  std::unique_lock<std::mutex> lock(mutex_);
  in_order_.wait(lock, [&] { return failed_ || next_in_order_[stage] == band; });
  return !failed_;
}

void BandRunner::EndInOrder(uint32_t stage) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++next_in_order_[stage];
  }
  in_order_.notify_all();
}

}  // namespace ride::parallel
