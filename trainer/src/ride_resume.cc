#include "trainer/src/ride_resume.h"

namespace ride::trainer {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json RideRunSettings(const RideRunOptions& o) {
  const RideTrainOptions& t = o.train;
  ordered_json run;
  // The data: which images train (the validation split of --val-count and of a texture's held-out
  // region decides that too).
  if (o.texture.empty()) {
    run["--train-dir"] = o.train_dirs;
    if (o.val_dirs.empty()) run["--val-count"] = o.val_count;
    run["--downscale"] = o.downscales;
  } else {
    run["--texture"] = o.texture;
    run["--held-out-region"] = o.held_out_region;
  }
  run["--window"] = o.window;
  run["--hidden"] = o.hidden;
  run["--extended"] = o.extended;
  run["--bounded-cells"] = o.bounded;
  run["--components"] = o.components;
  run["--scales"] = o.scales;
  run["--features"] = o.features;
  run["--exact-neighbours"] = t.exact_neighbours;
  run["--patch-sizes"] = t.patch_sizes;
  run["--learning-rates"] = t.learning_rates;
  run["--momentum"] = t.momentum;
  run["--batch-size"] = t.batch_size;
  run["--epoch-pixels"] = t.epoch_pixels;
  run["--max-gradient-norm"] = t.max_gradient_norm;
  run["--refit-pixels"] = t.refit_pixels;
  run["--refit-iterations"] = t.refit_iterations;
  run["--no-flips"] = !t.flips;
  run["--seed"] = t.seed;
  ordered_json validation;
  if (o.texture.empty() && !o.val_dirs.empty()) validation["--val-dir"] = o.val_dirs;
  validation["--validation-patches"] = t.validation_patches;
  validation["--validation-patch-size"] = t.validation_patch_size;
  return {{"run", run}, {"validation", validation}};
}

namespace {

std::string Text(const json* value) {
  if (value == nullptr) return "(not set)";
  if (value->is_boolean()) return value->get<bool>() ? "on" : "off";
  if (value->is_string()) return value->get<std::string>();
  if (value->is_array()) {
    std::string joined;
    for (const json& element : *value) joined += (joined.empty() ? "" : " ") + Text(&element);
    return joined.empty() ? "(none)" : joined;
  }
  return value->dump();
}

const json* Find(const json& settings, const std::string& group, const std::string& option) {
  if (!settings.is_object() || !settings.contains(group) || !settings[group].is_object()) return nullptr;
  const json& g = settings[group];
  return g.contains(option) ? &g[option] : nullptr;
}

}  // namespace

std::vector<SettingDifference> DifferentSettings(const json& checkpoint, const json& requested) {
  std::vector<SettingDifference> out;
  for (const char* group : {"run", "validation"}) {
    json options = json::object();
    // Both sides' options, so that one the checkpoint has and this run lacks counts too.
    for (const json* side : {&requested, &checkpoint}) {
      if (side->is_object() && side->contains(group) && (*side)[group].is_object()) {
        for (const auto& [option, value] : (*side)[group].items()) options[option] = true;
      }
    }
    for (const auto& [option, unused] : options.items()) {
      const json* a = Find(checkpoint, group, option);
      const json* b = Find(requested, group, option);
      if (a != nullptr && b != nullptr && *a == *b) continue;
      out.push_back({option, Text(a), Text(b), std::string(group) == "validation"});
    }
  }
  return out;
}

std::string DescribeDifferences(const std::vector<SettingDifference>& differences) {
  std::string text;
  for (const SettingDifference& d : differences) {
    text += (text.empty() ? "" : "; ") + d.option + ": the checkpoint has " + d.checkpoint + ", this run asks for " +
            d.requested;
  }
  return text;
}

}  // namespace ride::trainer
