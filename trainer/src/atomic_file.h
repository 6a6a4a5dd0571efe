// Files that appear only when complete: written to PATH.tmp, then renamed over PATH, so a crash or a
// full disk never leaves a half-written checkpoint or picture under the final name.
#ifndef RIDE_TRAINER_SRC_ATOMIC_FILE_H_
#define RIDE_TRAINER_SRC_ATOMIC_FILE_H_

#include <string>

namespace ride::trainer {

// Throws std::runtime_error naming the file on failure (the temporary is removed).
void WriteTextAtomically(const std::string& text, const std::string& path);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_ATOMIC_FILE_H_
