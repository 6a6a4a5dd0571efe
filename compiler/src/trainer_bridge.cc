#include "compiler/src/trainer_bridge.h"

#include "trainer/src/mcgsm.h"
#include "trainer/src/neighborhood.h"

namespace ride::compiler {

TrainedModel FromCheckpoint(const trainer::McgsmModel& checkpoint) {
  checkpoint.Check();
  TrainedModel t;
  t.window_width = checkpoint.window.width;
  t.window_height = checkpoint.window.height;
  t.padding = checkpoint.padding;
  t.mean_x = checkpoint.whitening.mean_x;
  t.mean_y = checkpoint.whitening.mean_y;
  t.whiten_x = checkpoint.whitening.whiten_x;
  t.regression = checkpoint.whitening.regression.transpose();
  t.p_out = checkpoint.whitening.p_out;
  t.eta = checkpoint.mcgsm.eta;
  t.alpha = checkpoint.mcgsm.alpha;
  t.beta = checkpoint.mcgsm.beta;
  t.features = checkpoint.mcgsm.features;
  t.predictors = checkpoint.mcgsm.predictors;
  return t;
}

TrainedModel FromRideModel(const trainer::RideModel& model) {
  model.Check();
  TrainedModel t;
  t.window_width = model.window.width;
  t.window_height = model.window.height;
  t.padding = model.padding;
  t.mean_x = model.whitening.mean_x;
  t.mean_y = model.whitening.mean_y;
  t.whiten_x = model.whitening.whiten_x;
  t.regression = model.whitening.regression.transpose();
  t.p_out = model.whitening.p_out;
  for (const trainer::SlstmLayerParams& layer : model.slstm.layers()) {
    TrainedLayer out;
    out.inputs = layer.inputs;
    out.hidden = layer.hidden;
    out.extended = layer.extended;
    out.weights = layer.weights;
    out.bias = layer.bias;
    t.layers.push_back(std::move(out));
  }
  t.eta = model.mcgsm.eta;
  t.alpha = model.mcgsm.alpha;
  t.beta = model.mcgsm.beta;
  t.features = model.mcgsm.features;
  t.predictors = model.mcgsm.predictors;
  return t;
}

Eigen::MatrixXd TrainerLogDensities(const trainer::RideModel& model, const trainer::GrayImage& image) {
  std::vector<double> values(image.pixels.size());
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = (image.pixels[i] + 0.5) / 256.0;
  const Eigen::MatrixXd per_pixel = trainer::RideImageLogLikelihoods(model, {values.data()}, image.width, image.height);
  Eigen::MatrixXd out(image.height, image.width);
  for (int row = 0; row < image.height; ++row)
    for (int col = 0; col < image.width; ++col) out(row, col) = per_pixel(0, row * image.width + col);
  return out;
}

Eigen::MatrixXd TrainerLogDensities(const trainer::McgsmModel& checkpoint, const trainer::GrayImage& image) {
  std::vector<double> values(image.pixels.size());
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = (image.pixels[i] + 0.5) / 256.0;
  Eigen::MatrixXd inputs;
  Eigen::RowVectorXd outputs;
  trainer::ExtractAllPairs(values.data(), image.width, image.height, checkpoint.window, checkpoint.padding, &inputs,
                           &outputs);
  checkpoint.whitening.WhitenInPlace(&inputs, &outputs);
  const Eigen::RowVectorXd log_density =
      trainer::McgsmLogLikelihood(checkpoint.mcgsm, inputs, outputs).array() + checkpoint.whitening.LogJacobian();
  Eigen::MatrixXd out(image.height, image.width);
  for (int row = 0; row < image.height; ++row)
    for (int col = 0; col < image.width; ++col) out(row, col) = log_density(row * image.width + col);
  return out;
}

}  // namespace ride::compiler
