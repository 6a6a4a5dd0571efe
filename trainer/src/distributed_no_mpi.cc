// A build without MPI (RIDE_WITH_MPI=OFF): every process is one rank on its own.
#include <string>

#include "trainer/src/distributed.h"

namespace ride::trainer {

bool BuiltWithMpi() { return false; }

std::unique_ptr<Communicator> StartCommunicator(int*, char***) {
  if (const int ranks = LauncherRanks(); ranks > 1) {
    throw std::runtime_error("started as one of " + std::to_string(ranks) +
                             " MPI ranks, but this build has no MPI (configure with -DRIDE_WITH_MPI=ON): every rank "
                             "would train alone");
  }
  return std::make_unique<LocalCommunicator>();
}

}  // namespace ride::trainer
