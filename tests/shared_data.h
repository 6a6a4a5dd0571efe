// The benchmark images beside the repository (../shared/data, see its README). Tests that read
// them skip, saying so, on a machine that does not have them.
#ifndef RIDE_TESTS_SHARED_DATA_H_
#define RIDE_TESTS_SHARED_DATA_H_

#include <unistd.h>

#include <string>

namespace ride::testing {

inline std::string SharedDataDir() { return RIDE_SHARED_DATA_DIR; }
inline bool HaveSharedData() { return ::access((SharedDataDir() + "/README.md").c_str(), R_OK) == 0; }

}  // namespace ride::testing

#define RIDE_SKIP_WITHOUT_SHARED_DATA()                                                         \
  do {                                                                                          \
    if (!::ride::testing::HaveSharedData()) GTEST_SKIP() << "no " << RIDE_SHARED_DATA_DIR;     \
  } while (0)

#endif  // RIDE_TESTS_SHARED_DATA_H_
