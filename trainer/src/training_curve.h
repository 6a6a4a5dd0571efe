// Training curves as a picture: train and validation bit/px per stage (or iteration), drawn as an
// SVG chart with axes, grid, labels and a legend, so a person can see how training went at a
// glance (any browser shows it). The numbers themselves are in the JSON-lines metrics log.
#ifndef RIDE_TRAINER_SRC_TRAINING_CURVE_H_
#define RIDE_TRAINER_SRC_TRAINING_CURVE_H_

#include <string>
#include <vector>

namespace ride::trainer {

struct CurveSeries {
  std::string name;            // legend text
  std::vector<double> values;  // point k is at x = k + 1
  std::string colour;          // SVG colour
};

// `x_label` names the steps ("stage", "iteration"). Series may differ in length; empty ones are
// skipped. Non-finite values are left out of the lines.
std::string TrainingCurveSvg(const std::string& title, const std::string& x_label,
                             const std::vector<CurveSeries>& series);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_TRAINING_CURVE_H_
