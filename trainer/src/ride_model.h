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
// batch, with padding outside each image and zero LSTM state outside the grid.
Eigen::MatrixXd RideImageLogLikelihoods(const RideModel& model, const std::vector<const double*>& values, int width,
                                        int height);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_MODEL_H_
