#include "trainer/src/ride_objective.h"

#include <omp.h>

#include <algorithm>
#include <vector>

namespace ride::trainer {
namespace {

// Columns [first, first + count) of every position of `batch`.
void Slice(const PatchBatch& batch, Eigen::Index first, Eigen::Index count, PatchGrid* inputs,
           std::vector<Eigen::RowVectorXd>* outputs) {
  inputs->rows = batch.inputs.rows;
  inputs->cols = batch.inputs.cols;
  inputs->at.resize(batch.inputs.at.size());
  outputs->resize(batch.outputs.size());
  for (std::size_t p = 0; p < batch.inputs.at.size(); ++p) {
    inputs->at[p] = batch.inputs.at[p].middleCols(first, count);
    (*outputs)[p] = batch.outputs[p].segment(first, count);
  }
}

}  // namespace

double RideBatchLogLikelihood(const RideModel& model, const PatchBatch& batch, int threads,
                              Eigen::VectorXd* slstm_gradient, Eigen::VectorXd* mcgsm_gradient) {
  const Eigen::Index n = batch.patches();
  const int chunks = static_cast<int>(std::max<Eigen::Index>(1, std::min<Eigen::Index>(threads, n)));
  const bool want_gradient = slstm_gradient != nullptr || mcgsm_gradient != nullptr;
  std::vector<double> values(chunks, 0.0);
  std::vector<Eigen::VectorXd> slstm_parts(chunks), mcgsm_parts(chunks);
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
  for (int c = 0; c < chunks; ++c) {
    const Eigen::Index first = n * c / chunks, count = n * (c + 1) / chunks - first;
    PatchGrid inputs;
    std::vector<Eigen::RowVectorXd> outputs;
    Slice(batch, first, count, &inputs, &outputs);
    SpatialLstm::Cache cache;
    const PatchGrid hidden = model.slstm.Forward(inputs, want_gradient ? &cache : nullptr);
    PatchGrid d_top;
    d_top.rows = hidden.rows;
    d_top.cols = hidden.cols;
    d_top.at.resize(hidden.at.size());
    Eigen::VectorXd mcgsm_part = Eigen::VectorXd::Zero(model.mcgsm.ParameterCount());
    double value = 0;
    for (std::size_t p = 0; p < hidden.at.size(); ++p) {
      if (want_gradient) {
        value += McgsmLogLikelihoodGradient(model.mcgsm, hidden.at[p], outputs[p], &mcgsm_part, &d_top.at[p]);
      } else {
        value += McgsmLogLikelihood(model.mcgsm, hidden.at[p], outputs[p]).sum();
      }
    }
    values[c] = value;
    if (want_gradient) {
      Eigen::VectorXd slstm_part = Eigen::VectorXd::Zero(model.slstm.ParameterCount());
      model.slstm.Backward(cache, d_top, &slstm_part);
      slstm_parts[c] = std::move(slstm_part);
      mcgsm_parts[c] = std::move(mcgsm_part);
    }
  }
  double total = 0;
  for (int c = 0; c < chunks; ++c) total += values[c];
  if (slstm_gradient != nullptr) {
    *slstm_gradient = slstm_parts[0];
    for (int c = 1; c < chunks; ++c) *slstm_gradient += slstm_parts[c];
  }
  if (mcgsm_gradient != nullptr) {
    *mcgsm_gradient = mcgsm_parts[0];
    for (int c = 1; c < chunks; ++c) *mcgsm_gradient += mcgsm_parts[c];
  }
  return total;
}

void RideMcgsmPairs(const RideModel& model, const PatchBatch& batch, Eigen::MatrixXd* z, Eigen::RowVectorXd* y) {
  const PatchGrid hidden = model.slstm.Forward(batch.inputs, nullptr);
  const Eigen::Index n = batch.patches(), positions = static_cast<Eigen::Index>(hidden.at.size());
  z->resize(model.slstm.outputs(), n * positions);
  y->resize(n * positions);
  for (Eigen::Index p = 0; p < positions; ++p) {
    z->middleCols(p * n, n) = hidden.at[p];
    y->segment(p * n, n) = batch.outputs[p];
  }
}

}  // namespace ride::trainer
