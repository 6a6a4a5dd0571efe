// Causal neighbourhoods: the inputs that predict a pixel, read from the pixels coded before it.
//
// A window is W wide and H high (W odd). For the pixel at (row, col) its inputs are, in this order:
// the H - 1 full rows above it, each W wide and centred on col, top row first, left to right; then
// the (W - 1) / 2 pixels to its left, left to right. D = (H - 1) * W + (W - 1) / 2 inputs. A window
// "of size k" (DESIGN §2) is W = k, H = (k + 1) / 2. Positions outside the image read the constant
// padding (0.5 on the [0, 1) scale, the mid grey), so every pixel, the first row and column
// included, gets a prediction. The runtime's codec uses the same order and padding.
#ifndef RIDE_TRAINER_SRC_NEIGHBORHOOD_H_
#define RIDE_TRAINER_SRC_NEIGHBORHOOD_H_

#include <Eigen/Dense>

#include <string>

namespace ride::trainer {

inline constexpr double kPadding = 0.5;

struct CausalWindow {
  int width = 9;
  int height = 5;
  // Throws std::invalid_argument unless width is odd and >= 1, height >= 1 and D >= 1.
  void Check() const;
  int Inputs() const { return (height - 1) * width + (width - 1) / 2; }
  // The DESIGN §2 window of odd size k: k wide, (k + 1) / 2 high.
  static CausalWindow OfSize(int k);
  // "WxH", e.g. "9x5"; throws std::invalid_argument on anything else (then checks it).
  static CausalWindow Parse(const std::string& text);
  std::string ToString() const { return std::to_string(width) + "x" + std::to_string(height); }
};

// Writes the window.Inputs() inputs of pixel (row, col) of a width × height row-major image of
// values to `out`.
void ExtractNeighborhood(const double* values, int width, int height, const CausalWindow& window,
                         double padding, int row, int col, double* out);

// Inputs (D × width·height) and targets (1 × width·height) of every pixel, in raster order.
void ExtractAllPairs(const double* values, int width, int height, const CausalWindow& window,
                     double padding, Eigen::MatrixXd* inputs, Eigen::RowVectorXd* outputs);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_NEIGHBORHOOD_H_
