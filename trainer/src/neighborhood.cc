#include "trainer/src/neighborhood.h"

#include <cstdio>
#include <stdexcept>

namespace ride::trainer {

void CausalWindow::Check() const {
  if (width < 1 || width % 2 == 0) {
    throw std::invalid_argument("window width " + std::to_string(width) + " must be odd and >= 1");
  }
  if (height < 1)
    throw std::invalid_argument("window height " + std::to_string(height) + " must be >= 1");
  if (Inputs() < 1) throw std::invalid_argument("window " + ToString() + " has no inputs");
}

CausalWindow CausalWindow::OfSize(int k) {
  CausalWindow window{k, (k + 1) / 2};
  window.Check();
  return window;
}

CausalWindow CausalWindow::Parse(const std::string& text) {
  int w = 0, h = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%dx%d%c", &w, &h, &tail) != 2) {
    throw std::invalid_argument("window '" + text + "' is not WIDTHxHEIGHT, e.g. 9x5");
  }
  CausalWindow window{w, h};
  window.Check();
  return window;
}

void ExtractNeighborhood(const double* values, int width, int height, const CausalWindow& window,
                         double padding, int row, int col, double* out) {
  const int half = (window.width - 1) / 2;
  int k = 0;
  for (int r = row - (window.height - 1); r < row; ++r) {
    const bool row_inside = r >= 0 && r < height;
    for (int c = col - half; c <= col + half; ++c) {
      out[k++] =
          row_inside && c >= 0 && c < width ? values[static_cast<size_t>(r) * width + c] : padding;
    }
  }
  for (int c = col - half; c < col; ++c) {
    out[k++] = c >= 0 && row < height ? values[static_cast<size_t>(row) * width + c] : padding;
  }
}

void ExtractAllPairs(const double* values, int width, int height, const CausalWindow& window,
                     double padding, Eigen::MatrixXd* inputs, Eigen::RowVectorXd* outputs) {
  const Eigen::Index n = static_cast<Eigen::Index>(width) * height;
  inputs->resize(window.Inputs(), n);
  outputs->resize(n);
  for (int r = 0; r < height; ++r) {
    for (int c = 0; c < width; ++c) {
      const Eigen::Index i = static_cast<Eigen::Index>(r) * width + c;
      ExtractNeighborhood(values, width, height, window, padding, r, c, inputs->col(i).data());
      (*outputs)[i] = values[i];
    }
  }
}

}  // namespace ride::trainer
