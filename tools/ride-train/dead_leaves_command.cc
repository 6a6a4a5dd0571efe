#include "tools/ride-train/dead_leaves_command.h"

#include <omp.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "tools/common/progress_meter.h"
#include "tools/ride-train/training_data.h"
#include "trainer/src/elapsed.h"

namespace ride::trainer {

CLI::App* AddDeadLeavesCommand(CLI::App* app, DeadLeavesArgs* a) {
  CLI::App* c = app->add_subcommand(
      "dead-leaves",
      "write dead-leaves images as 8-bit gray PNG files DIR/dead-leaves-0000.png ...; image i comes from "
      "stream i of the seed, so any image can be regenerated alone");
  c->add_option("-o,--output", a->set.dir, "output folder (created if missing)")->required();
  c->add_option("--count", a->set.count, "number of images")->required();
  c->add_option("--test-count", a->set.test_count,
                "hold out the last N images: they go to DIR/test, the others to DIR/train (0: all in DIR)")
      ->capture_default_str();
  c->add_option("--size", a->size, "width and height in pixels")->capture_default_str();
  c->add_option("--seed", a->set.seed)->capture_default_str();
  c->add_option("--exponent", a->set.params.exponent, "radius density ∝ r^-exponent")->capture_default_str();
  c->add_option("--min-radius", a->set.params.min_radius, "smallest disk radius in pixels")->capture_default_str();
  c->add_option("--max-radius", a->set.params.max_radius, "largest disk radius in pixels")->capture_default_str();
  AddThreadsOption(c, &a->threads);
  c->add_flag("-f,--force", a->set.overwrite, "overwrite existing files");
  c->add_flag("-q,--quiet", a->quiet, "no progress on stderr");
  return c;
}

int RunDeadLeaves(DeadLeavesArgs args) {
  if (args.threads > 0) omp_set_num_threads(args.threads);
  args.set.params.width = args.size;
  args.set.params.height = args.size;
  const auto start = std::chrono::steady_clock::now();
  auto last_print = start - std::chrono::seconds(10);
  WriteDeadLeavesSet(args.set, [&](int done, int count) {
    if (args.quiet || (done < count && Seconds(last_print) < 1.0)) return;
    last_print = std::chrono::steady_clock::now();
    tools::PrintProgressLine("dead leaves: " + std::to_string(done) + "/" + std::to_string(count) +
                                 " images, elapsed " + Duration(Seconds(start)),
                             done == count);
  });
  if (args.set.test_count > 0) {
    std::printf("%d training images in %s/train, %d test images in %s/test\n", args.set.count - args.set.test_count,
                args.set.dir.c_str(), args.set.test_count, args.set.dir.c_str());
  } else {
    std::printf("%d images in %s\n", args.set.count, args.set.dir.c_str());
  }
  return 0;
}

}  // namespace ride::trainer
