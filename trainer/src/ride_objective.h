// RIDE's training objective on a batch of patches, with exact gradients by backpropagation through
// the MCGSM into the spatial LSTM (DESIGN §2).
#ifndef RIDE_TRAINER_SRC_RIDE_OBJECTIVE_H_
#define RIDE_TRAINER_SRC_RIDE_OBJECTIVE_H_

#include <Eigen/Dense>

#include "trainer/src/patch_batch.h"
#include "trainer/src/ride_model.h"

namespace ride::trainer {

// Σ over every pixel of every patch of ln p(ỹ | pixels before it) in the whitened space (nats,
// without the Jacobian). Writes the gradients of that sum with respect to the spatial LSTM's
// parameters (packed as SpatialLstm::Parameters()) and the MCGSM's (packed as McgsmParams::Pack());
// either may be null. The patches are split into `threads` contiguous chunks run in parallel and
// summed in chunk order, so the result depends on the thread count but never on timing.
double RideBatchLogLikelihood(const RideModel& model, const PatchBatch& batch, int threads,
                              Eigen::VectorXd* slstm_gradient, Eigen::VectorXd* mcgsm_gradient);

// The top layer's hidden states and the whitened pixels of a batch, as (z, y) pairs for refitting
// the MCGSM with the spatial LSTM frozen: one column per pixel of every patch.
void RideMcgsmPairs(const RideModel& model, const PatchBatch& batch, Eigen::MatrixXd* z, Eigen::RowVectorXd* y);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_OBJECTIVE_H_
