// SpatialLstm: a stack of spatial LSTM layers (Theis & Bethge 2015; DESIGN §2) over batches of
// patches, with full backpropagation through each patch.
//
// A patch of R × C positions is processed in raster order. At position (i, j) layer l sees
//   z = x_ij (layer 1) or h^{l-1}_ij, and the states of its left and top neighbours:
//   a = W · [z; h_{i,j-1}; h_{i-1,j} (; c_{i,j-1}; c_{i-1,j} if extended)] + b, gate blocks [g, i, o, f_left, f_top]
//   g = tanh, i, o, f_left, f_top = σ;  c = g⊙i + c_{i,j-1}⊙f_left + c_{i-1,j}⊙f_top;  h = tanh(c⊙o)
// with zero states outside the patch. A bounded layer first divides i, f_left and f_top by
// m = max(1, i + f_left + f_top), unit by unit, so that c is a weighted average of g, c_left, c_top
// and 0 and |c| ≤ 1 on any image: the unbounded cell grows geometrically where f_left + f_top > 1
// (docs/results.md, "RIDE"). One sample per column (the authors' cmt convention): every
// position holds a D × N matrix for N patches. Weight rows and columns follow the order above, which
// is also the runtime's order (the compiler only transposes).
#ifndef RIDE_TRAINER_SRC_SPATIAL_LSTM_H_
#define RIDE_TRAINER_SRC_SPATIAL_LSTM_H_

#include <Eigen/Dense>

#include <cstdint>
#include <vector>

namespace ride::trainer {

struct SlstmLayerParams {
  int inputs = 0;
  int hidden = 0;
  bool extended = false;
  bool bounded = false;     // i, f_left, f_top divided by max(1, i + f_left + f_top)
  Eigen::MatrixXd weights;  // 5·hidden × RecurrentInputs()
  Eigen::VectorXd bias;     // 5·hidden
  int RecurrentInputs() const { return inputs + (extended ? 4 : 2) * hidden; }
};

// Values per patch position, raster order: position i * cols + j holds a (features × N) matrix.
struct PatchGrid {
  int rows = 0;
  int cols = 0;
  std::vector<Eigen::MatrixXd> at;
  int Positions() const { return rows * cols; }
};

class SpatialLstm {
 public:
  struct Cache;  // what Backward needs from Forward

  SpatialLstm() = default;
  // Layer sizes; weights start at small random values from `seed` (uniform, scaled by fan-in), the
  // forget-gate biases at 0 and the rest at 0. Throws std::invalid_argument on empty or non-positive sizes.
  SpatialLstm(int inputs, const std::vector<int>& hidden, bool extended, bool bounded, uint64_t seed);

  const std::vector<SlstmLayerParams>& layers() const { return layers_; }
  std::vector<SlstmLayerParams>& layers() { return layers_; }
  int inputs() const { return layers_.empty() ? 0 : layers_.front().inputs; }
  int outputs() const { return layers_.empty() ? 0 : layers_.back().hidden; }

  // Top-layer hidden states for every position. `cache` may be null when no gradient is needed.
  PatchGrid Forward(const PatchGrid& x, Cache* cache) const;

  // Given dL/dh_top at every position, returns dL/dx and adds parameter gradients to `gradient`
  // (packed like Parameters()).
  PatchGrid Backward(const Cache& cache, const PatchGrid& d_top, Eigen::VectorXd* gradient) const;

  // All weights and biases, layer by layer (weights column-major, then bias).
  Eigen::VectorXd Parameters() const;
  void SetParameters(const Eigen::VectorXd& parameters);
  Eigen::Index ParameterCount() const;

 private:
  std::vector<SlstmLayerParams> layers_;
};

struct SpatialLstm::Cache {
  int rows = 0, cols = 0;
  // Per layer, per position: the recurrent input z, the post-nonlinearity gates (5H × N, before a
  // bounded layer's division), c and h.
  std::vector<std::vector<Eigen::MatrixXd>> input, gates, cell, hidden;
};

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_SPATIAL_LSTM_H_
