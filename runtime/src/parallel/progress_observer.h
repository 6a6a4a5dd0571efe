// How long work reports progress: the codec, the sampler and evaluation call it as rows finish.
#ifndef RIDE_RUNTIME_SRC_PARALLEL_PROGRESS_OBSERVER_H_
#define RIDE_RUNTIME_SRC_PARALLEL_PROGRESS_OBSERVER_H_

#include <cstdint>

namespace ride::parallel {

class ProgressObserver {
 public:
  virtual ~ProgressObserver() = default;
  // `rows` of `height` rows are done. Called from any worker thread, one call at a time.
  virtual void RowsDone(uint32_t rows, uint32_t height) = 0;
};

}  // namespace ride::parallel

#endif  // RIDE_RUNTIME_SRC_PARALLEL_PROGRESS_OBSERVER_H_
