// OpenMP's thread count for the length of a training run, put back afterwards: a program that
// trains more than once (the Python module) keeps its own setting.
#ifndef RIDE_TRAINER_SRC_OMP_THREADS_H_
#define RIDE_TRAINER_SRC_OMP_THREADS_H_

#include <omp.h>

namespace ride::trainer {

class ScopedOmpThreads {
 public:
  // `threads` 0: leave OpenMP's choice (all cores).
  explicit ScopedOmpThreads(int threads) : saved_(omp_get_max_threads()) {
    if (threads > 0) omp_set_num_threads(threads);
  }
  ~ScopedOmpThreads() { omp_set_num_threads(saved_); }
  ScopedOmpThreads(const ScopedOmpThreads&) = delete;
  ScopedOmpThreads& operator=(const ScopedOmpThreads&) = delete;

 private:
  int saved_;
};

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_OMP_THREADS_H_
