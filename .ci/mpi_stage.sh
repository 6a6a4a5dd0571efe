#!/usr/bin/env bash
# Data-parallel training over MPI on this one machine (docs/trainer.md, "Several machines"), with
# Open MPI's mpirun and more ranks than cores (--oversubscribe); small runs, seconds each.
#   1. the MPI communicator on 3 ranks (tests/trainer/distributed_mpi_test.cc);
#   2. reproducible: mcgsm and ride under mpirun -np 1 give the model of a run without mpirun, bit
#      for bit; -np 2 twice gives the same model twice; -np 1, 2 and 3 agree within 0.002 bit/px;
#   3. resumable, and no hang: a rank stopped mid-run (SIGSTOP) makes rank 0 end the job within the
#      timeout with a message naming it; a rank killed (SIGKILL) ends the job through mpirun; both
#      runs resume from their last checkpoint with another number of ranks.
# Usage: .ci/mpi_stage.sh [BUILD_DIR]   (default build/host-release, configured with RIDE_WITH_MPI=ON)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/host-release}
ride_train=$build/bin/ride-train
mpi_test=$build/tests/trainer/distributed_mpi_test
[ -x "$mpi_test" ] || { echo "mpi_stage: $mpi_test missing: is $build configured with RIDE_WITH_MPI=ON?" >&2; exit 1; }

# CI runs as root, which Open MPI refuses unless told; only this stage's processes are told.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# No binding: with the default (a core per rank) `-np 1 --threads 2` would run both threads on one core.
mpirun=(timeout 120 mpirun --oversubscribe --bind-to none)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

fail() { echo "mpi_stage: FAILED: $*" >&2; exit 1; }
step() { printf -- '--- %s (%d s)\n' "$1" "$(( $(date +%s) - started ))"; }

# same A B: the two checkpoints hold the same model and training state (the date and the command
# line, which names the output, may differ).
same() {
  python3 - "$1" "$2" <<'EOF' || fail "$1 and $2 differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for c in (a, b):
    c["training"].pop("date", None)
    c["training"].pop("command", None)
sys.exit(0 if a == b else 1)
EOF
}
# close A B: their validation rates agree within 0.002 bit/px.
close() {
  python3 - "$1" "$2" <<'EOF' || fail "$1 and $2: validation rates differ by more than 0.002 bit/px"
import json, sys
a, b = (json.load(open(p))["training"]["validation_bits_per_pixel"] for p in sys.argv[1:])
print(f"    {sys.argv[1].rsplit('/', 1)[-1]} {a:.6f}, {sys.argv[2].rsplit('/', 1)[-1]} {b:.6f} bit/px: {abs(a - b):.2e} apart")
sys.exit(0 if abs(a - b) <= 0.002 else 1)
EOF
}
# rank_pid MPIRUN_PID RANK: the process of that rank (a child of mpirun on this machine).
rank_pid() {
  local pid
  for pid in $(pgrep -P "$1"); do
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2"; then
      echo "$pid"
      return
    fi
  done
}
# interrupt SIGNAL RANK N DIR LOG ARGS...: starts `mpirun -np N ride-train ride ARGS
# --checkpoint-dir DIR`, sends SIGNAL to RANK once the first stage's checkpoint exists, and waits for
# the job to end, which it must not do successfully; prints how many seconds that took.
interrupt() {
  local signal=$1 rank=$2 ranks=$3 dir=$4 log=$5
  shift 5
  "${mpirun[@]}" -np "$ranks" "$ride_train" ride "$@" --checkpoint-dir "$dir" > "$log" 2>&1 &
  local job=$! launcher="" pid="" i
  for i in $(seq 600); do
    launcher=$(pgrep -P "$job" -x mpirun || true)
    [ -n "$launcher" ] && [ -f "$dir/stage-01.ckpt.json" ] && pid=$(rank_pid "$launcher" "$rank") && [ -n "$pid" ] && break
    sleep 0.05
  done
  [ -n "$pid" ] || fail "no rank $rank after the first stage (see $log)"
  kill "-$signal" "$pid"
  local t0 t1
  t0=$(date +%s.%N)
  if wait "$job"; then fail "the job went on after rank $rank got SIG$signal"; fi
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.1f}')"
}

step "the MPI communicator on 3 ranks"
"${mpirun[@]}" -np 3 "$mpi_test" --gtest_brief=1 || fail "distributed_mpi_test"

"$ride_train" dead-leaves -o "$work/dl" --count 8 --size 48 -q

step "mcgsm: -np 1 is the plain run, -np 2 repeats itself, -np 1, 2, 3 agree"
mcgsm=(mcgsm --train-dir "$work/dl" --val-count 2 --pixels 8000 --val-pixels 3000 --window 5x3
       --components 4 --scales 2 --features 4 --max-iter 40 --threads 1 -q)
"$ride_train" "${mcgsm[@]}" -o "$work/m-plain.json"
for run in 1 2 2b 3; do
  "${mpirun[@]}" -np "${run%b}" "$ride_train" "${mcgsm[@]}" -o "$work/m-np$run.json"
done
same "$work/m-plain.json" "$work/m-np1.json"
same "$work/m-np2.json" "$work/m-np2b.json"
close "$work/m-np1.json" "$work/m-np2.json"
close "$work/m-np1.json" "$work/m-np3.json"

step "ride: the same"
# Learning rates small enough that the runs of different N stay within rounding of each other: SGD
# amplifies differences in the last bits, and at rates like .5 this small model's runs end 0.1 bit/px
# apart for 1, 2 or 3 threads as much as for 1, 2 or 3 ranks (docs/trainer.md).
ride=(--train-dir "$work/dl" --val-count 2 --hidden 8 --components 4 --scales 2 --features 4
      --patch-sizes 6 8 10 12 --learning-rates .05 .03 .02 .01 --batch-size 50 --epoch-pixels 100000
      --refit-pixels 4000 --refit-iterations 5 --validation-patches 10 --validation-patch-size 16 --threads 1 -q)
"$ride_train" ride "${ride[@]}" -o "$work/r-plain.json"
for run in 1 2 2b; do
  "${mpirun[@]}" -np "${run%b}" "$ride_train" ride "${ride[@]}" -o "$work/r-np$run.json" --metrics "$work/r-np$run.jsonl"
done
same "$work/r-plain.json" "$work/r-np1.json"
same "$work/r-np2.json" "$work/r-np2b.json"
close "$work/r-np1.json" "$work/r-np2.json"
[ "$(wc -l < "$work/r-np2.jsonl")" = 4 ] || fail "rank 0 alone writes the metrics: expected 4 lines in r-np2.jsonl"

step "ride: rank 1 of 2 stopped mid-run; the job ends within the timeout; it resumes on 1 rank"
seconds=$(interrupt STOP 1 2 "$work/stop" "$work/stop.log" "${ride[@]}" --mpi-timeout 3 -o "$work/r-stop.json")
grep -q "rank 0 of 2: .*no answer from rank 1 within 3 s" "$work/stop.log" || { cat "$work/stop.log"; fail "no message naming rank 1"; }
echo "    ended ${seconds} s after the stop: $(grep -m1 'no answer' "$work/stop.log")"
python3 -c "import sys; sys.exit(0 if $seconds < 30 else 1)" || fail "the job took ${seconds} s to end"
"${mpirun[@]}" -np 1 "$ride_train" ride "${ride[@]}" --checkpoint-dir "$work/stop" -o "$work/r-stop.json"
close "$work/r-np2.json" "$work/r-stop.json"

step "ride: rank 2 of 3 killed mid-run; mpirun ends the job; it resumes on 2 ranks"
seconds=$(interrupt KILL 2 3 "$work/kill" "$work/kill.log" "${ride[@]}" -o "$work/r-kill.json")
grep -q "rank 2 .* exited on signal 9" "$work/kill.log" || { cat "$work/kill.log"; fail "mpirun did not report rank 2"; }
echo "    ended ${seconds} s after the kill: $(grep -m1 'exited on signal' "$work/kill.log")"
"${mpirun[@]}" -np 2 "$ride_train" ride "${ride[@]}" --checkpoint-dir "$work/kill" -o "$work/r-kill.json"
close "$work/r-np2.json" "$work/r-kill.json"

step "mpi stage passed"
