// RIDE (DESIGN §2): conditional whitening, a stack of spatial LSTMs over the whitened causal
// neighbourhoods, and a factorized MCGSM on the top layer's hidden state.
#ifndef RIDE_TRAINER_SRC_RIDE_MODEL_H_
#define RIDE_TRAINER_SRC_RIDE_MODEL_H_

#include <Eigen/Dense>

#include <vector>

#include "trainer/src/checkpoint.h"
#include "trainer/src/mcgsm.h"
#include "trainer/src/neighborhood.h"
#include "trainer/src/spatial_lstm.h"
#include "trainer/src/whitening.h"

namespace ride::trainer {

struct RideModel {
  CausalWindow window;
  double padding = kPadding;
  Whitening whitening;
  SpatialLstm slstm;
  McgsmParams mcgsm;  // its inputs are the top layer's hidden units
  TrainingInfo training;

  // Throws std::invalid_argument naming the part whose size disagrees with the others.
  void Check() const;
};

// ln p(x_ij | x_<ij) in nats (Jacobian included) of every pixel of each image in `values` (all
// width × height, values on the [0, 1) scale): the images run together as the columns of one
// batch, with padding outside each image and zero LSTM state outside the grid. Rows are images,
// columns pixels in raster order.
//
// `interior`: the authors' protocol instead. The grid is only the pixels whose whole window lies
// inside the image (rows window.height − 1 .., columns half .. width − half − 1, half = (window.width
// − 1) / 2), so no padding is read, and the LSTM state starts at zero at that grid's border; the
// columns are those pixels in raster order. Throws std::invalid_argument when there is none.
Eigen::MatrixXd RideImageLogLikelihoods(const RideModel& model, const std::vector<const double*>& values, int width,
                                        int height, bool interior = false);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_MODEL_H_
