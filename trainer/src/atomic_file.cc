#include "trainer/src/atomic_file.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace ride::trainer {

void WriteTextAtomically(const std::string& text, const std::string& path) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(temp + ": cannot open for writing");
    out << text;
    out.flush();
    if (!out) {
      out.close();
      std::remove(temp.c_str());
      throw std::runtime_error(temp + ": write failed");
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": cannot rename " + temp + " over it");
  }
}

}  // namespace ride::trainer
