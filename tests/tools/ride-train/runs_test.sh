#!/usr/bin/env bash
# ride-train on a tiny data set, as a user runs it: what a training run and an evaluation print
# (log-likelihood rates that say "higher is better", progress as plain lines in a file), and SIGINT, SIGTERM, SIGHUP during training
# (status 128 + N, no temporary left behind). Seconds in all.
# Usage: runs_test.sh RIDE_TRAIN SCRATCH_DIR
set -uo pipefail
ride_train=$1
work=$2
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAILED: $*" >&2; exit 1; }

"$ride_train" dead-leaves -o "$work/dl" --count 6 --size 32 -j 1 -q > /dev/null || fail "dead-leaves"
mcgsm=(mcgsm --train-dir "$work/dl" --val-count 2 --pixels 3000 --val-pixels 1000 --window 5x3
       --components 2 --scales 2 --features 2 -j 1)

"$ride_train" "${mcgsm[@]}" --max-iter 5 -o "$work/m.ckpt.json" > "$work/out" 2> "$work/err" || fail "mcgsm: status $?"
grep -qE "^log-likelihood rate: train [0-9.-]+ bit/px, validation [0-9.-]+ bit/px \(higher is better\) -> $work/m.ckpt.json$" \
  "$work/out" || { cat "$work/out"; fail "mcgsm's result line"; }
grep -qx "rates are log-likelihood rates in bit/px, higher is better (a codec's cost is about 8 - rate bit/px)" \
  "$work/err" || { cat "$work/err"; fail "mcgsm's progress does not say what its rates are"; }
grep -qE "^iter +5/5  rate train [0-9.-]+, validation [0-9.-]+ bit/px \(best " "$work/err" ||
  { cat "$work/err"; fail "mcgsm's progress line"; }

"$ride_train" eval --model "$work/m.ckpt.json" --dir "$work/dl" --whole -j 1 > "$work/out" 2> /dev/null || fail "eval: status $?"
grep -qE "^whole images: +log-likelihood rate [0-9.-]+ ± [0-9.]+ bit/px \(6 images; higher is better\)$" "$work/out" ||
  { cat "$work/out"; fail "eval's line"; }

# Progress written to a file holds plain lines: no carriage return, no escape code.
"$ride_train" ride --train-dir "$work/dl" --val-count 2 --hidden 4 --components 2 --scales 2 --features 2 \
  --patch-sizes 6 8 --learning-rates .05 .03 --batch-size 50 --epoch-pixels 20000 --refit-pixels 2000 \
  --refit-iterations 2 --validation-patches 4 --validation-patch-size 8 -j 1 -o "$work/r.ckpt.json" \
  > /dev/null 2> "$work/err" || { cat "$work/err"; fail "ride: status $?"; }
grep -q "^stage 2/2 done: rate train" "$work/err" || { cat "$work/err"; fail "ride's stage line"; }
if LC_ALL=C grep -q $'[\r\033]' "$work/err"; then fail "progress written to a file has carriage returns or escapes"; fi

# Interrupted while training: the handler exits with 128 + N itself (a process the signal killed
# would report -N to Python), and no temporary of the checkpoint is left in the folder.
for signal in SIGINT SIGTERM SIGHUP; do
  python3 - "$ride_train" "$work" "$signal" "${mcgsm[@]}" <<'PY' || fail "$signal during training"
import os, pathlib, signal, subprocess, sys, time
ride_train, work, name, *mcgsm = sys.argv[1:]
output = pathlib.Path(work) / f"{name}.ckpt.json"
job = subprocess.Popen([ride_train, *mcgsm, "--max-iter", "1000000", "--patience", "1000000",
                        "--validate-every", "1", "-q", "-o", str(output)])
deadline = time.monotonic() + 10
while not output.exists() and time.monotonic() < deadline:
    time.sleep(0.02)
if not output.exists():
    job.kill()
    sys.exit(f"no checkpoint after 10 s")
number = getattr(signal, name)
job.send_signal(number)
status = job.wait(timeout=10)
if status != 128 + number:
    sys.exit(f"{name}: status {status}, expected {128 + number}")
leftovers = [p.name for p in pathlib.Path(work).iterdir() if "ride-tmp" in p.name]
if leftovers:
    sys.exit(f"{name} left {leftovers}")
PY
done
echo "ride-train runs: passed"
