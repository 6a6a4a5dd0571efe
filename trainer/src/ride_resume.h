// Resuming a RIDE run safely: a checkpoint records the settings of the run that wrote it, and a
// run resuming from it must ask for the same ones, or its stages would continue another
// experiment under the first one's name. The number of threads and ranks may change (results do
// not depend on them). Validation settings may change only on request, and then the checkpoint's
// model is measured again on the new validation, so that early stopping compares like with like
// (docs/trainer.md, "Resuming").
#ifndef RIDE_TRAINER_SRC_RIDE_RESUME_H_
#define RIDE_TRAINER_SRC_RIDE_RESUME_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "trainer/src/ride_run.h"

namespace ride::trainer {

// The run's settings, keyed by the `ride-train ride` option that sets each one, in two groups:
// "run" (data, model, schedule, seed) and "validation". Taken after texture defaults are applied.
nlohmann::ordered_json RideRunSettings(const RideRunOptions& options);

struct SettingDifference {
  std::string option;  // e.g. "--hidden"
  std::string checkpoint, requested;  // the values, as text
  bool validation = false;  // in the "validation" group
};

// Every setting whose value differs, the run's group first, each group by option name; a setting
// one side lacks counts.
std::vector<SettingDifference> DifferentSettings(const nlohmann::json& checkpoint, const nlohmann::json& requested);

// "--hidden: the checkpoint has 64 64, this run asks for 64; ..." for a refusal.
std::string DescribeDifferences(const std::vector<SettingDifference>& differences);

}  // namespace ride::trainer

#endif  // RIDE_TRAINER_SRC_RIDE_RESUME_H_
