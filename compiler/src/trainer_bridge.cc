#include "compiler/src/trainer_bridge.h"

#include <stdexcept>

#include "trainer/src/colour_dataset.h"
#include "trainer/src/colour_evaluation.h"
#include "trainer/src/mcgsm.h"
#include "trainer/src/neighborhood.h"

namespace ride::compiler {

namespace {

// The parts every model has: window, padding, whitening and the MCGSM.
TrainedModel CommonParts(const trainer::CausalWindow& window, double padding, const trainer::Whitening& whitening,
                         const trainer::McgsmParams& mcgsm) {
  TrainedModel t;
  t.window_width = window.width;
  t.window_height = window.height;
  t.padding = padding;
  t.mean_x = whitening.mean_x;
  t.mean_y = whitening.mean_y;
  t.whiten_x = whitening.whiten_x;
  t.regression = whitening.regression.transpose();
  t.p_out = whitening.p_out;
  t.eta = mcgsm.eta;
  t.alpha = mcgsm.alpha;
  t.beta = mcgsm.beta;
  t.features = mcgsm.features;
  t.predictors = mcgsm.predictors;
  return t;
}

}  // namespace

TrainedModel FromCheckpoint(const trainer::McgsmModel& checkpoint) {
  checkpoint.Check();
  return CommonParts(checkpoint.window, checkpoint.padding, checkpoint.whitening, checkpoint.mcgsm);
}

TrainedModel FromRideModel(const trainer::RideModel& model) {
  model.Check();
  TrainedModel t = CommonParts(model.window, model.padding, model.whitening, model.mcgsm);
  for (const trainer::SlstmLayerParams& layer : model.slstm.layers()) {
    TrainedLayer out;
    out.inputs = layer.inputs;
    out.hidden = layer.hidden;
    out.extended = layer.extended;
    out.bounded = layer.bounded;
    out.weights = layer.weights;
    out.bias = layer.bias;
    t.layers.push_back(std::move(out));
  }
  return t;
}

std::vector<TrainedModel> FromColourCheckpoint(const trainer::ColourMcgsmModel& model) {
  model.Check();
  if (!model.complete()) {
    throw std::invalid_argument("colour checkpoint has " + std::to_string(model.heads.size()) +
                                " of 3 heads: finish training it (ride-train colour --resume)");
  }
  if (model.transform != trainer::ColourTransform::kRgb) {
    throw std::invalid_argument("colour transform " + trainer::ColourTransformName(model.transform) +
                                ": the runtime's colour models code R, G, B (train with --transform rgb)");
  }
  std::vector<TrainedModel> heads;
  for (const trainer::ColourHead& head : model.heads) {
    heads.push_back(CommonParts(model.window, trainer::ColourPadding(model.transform, 0), head.whitening, head.mcgsm));
  }
  return heads;
}

Eigen::MatrixXd TrainerLogDensities(const trainer::ColourMcgsmModel& model, const trainer::ColourImage& image) {
  return trainer::ColourImageLogLikelihood(model, trainer::MidpointPlanes(image), image.width, image.height);
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
