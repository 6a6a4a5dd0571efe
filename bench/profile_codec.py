#!/usr/bin/env python3
"""Where a pixel's time goes: perf samples of the codec and the engine, grouped by stage.

Runs each job under `perf record` on one pinned core, once per kernel variant (RIDE_KERNELS),
and prints one table per variant: for each job the share of samples in each stage (GEMM, gates,
mixture weights, CDF terms, the decoder's search, the range coder, the adaptive method, image I/O,
the rest) and its speed (the engine benchmark's pixels per second, the codec's wall time under
perf, which adds a few per cent). Jobs:
  encode, decode   `ride compress IMAGE --gray -j 1` and `ride decompress` of its file
  Mcgsm, Ride1x64, Ride2x64   `engine_bench` on that model, batched (rows 16) and rows 1

Needs perf (Debian: linux-perf) and a host-release build:
  bench/profile_codec.py --build build/host-release --image ../shared/data/kodak/kodim03.png \
      --kernels avx2 scalar --cpu 1
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

# First matching pattern names the stage of a symbol.
STAGES = [
    ("GEMM", r"F32Gemm|Block32|Gemm"),
    ("gates (tanh, sigmoid, cell)", r"Tanh|Sigmoid|Slstm"),
    ("CDF terms (normal CDF, coded terms)", r"NormalCdf|BuildPixelDistribution|PixelDistribution::Cdf|MixtureCdf"),
    ("decoder search", r"CdfSearch|Search|DecodeSample|Locate"),
    ("mixture weights (features, energies, exp)", r"Mcgsm|ExpF32|ExpCore|LogF32|log2|__log|__exp"),
    ("range coder", r"RangeEncoder|RangeDecoder|QuantizeCdf|ByteStream"),
    ("adaptive method", r"ride::adaptive::|Adaptive"),
    ("image I/O", r"png_|inflate|deflate|crc32|adler|Pnm|Png|ImageReader|ImageWriter"),
    ("engine bookkeeping (gather, wavefront)", r"WavefrontSession|Gather|RunBand"),
    ("codec visitors", r"Visitor|CodeSample"),
]


def perf_report(data):
    out = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "symbol", "--stdio",
                          "-F", "overhead,sym"], capture_output=True, text=True, check=True).stdout
    shares = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+\[[.k]\]\s+(.*\S)", line)
        if m:
            shares[m.group(2)] = shares.get(m.group(2), 0.0) + float(m.group(1))
    return shares


def by_stage(shares):
    totals = {name: 0.0 for name, _ in STAGES}
    totals["other"] = 0.0
    for symbol, share in shares.items():
        for name, pattern in STAGES:
            if re.search(pattern, symbol):
                totals[name] += share
                break
        else:
            totals["other"] += share
    return totals


def profile(command, env, cpu, workdir, tag):
    """(shares by stage, speed): the engine benchmark's own px/s, else the wall time under perf."""
    data = os.path.join(workdir, tag + ".perf")
    start = time.monotonic()
    done = subprocess.run(["perf", "record", "-q", "-o", data, "--", "taskset", "-c", str(cpu)] + command,
                          env=env, check=True, capture_output=True, text=True)
    speed = re.search(r"px/s=([\d.]+k?)/s", done.stdout)
    return by_stage(perf_report(data)), (speed.group(1) + " px/s" if speed else
                                         f"{time.monotonic() - start:.2f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True)
    parser.add_argument("--image", required=True, help="the codec jobs' image (coded in gray)")
    parser.add_argument("--kernels", nargs="+", default=["avx2", "scalar"], help="RIDE_KERNELS values")
    parser.add_argument("--jobs", nargs="+", default=["encode", "decode", "Mcgsm", "Ride1x64", "Ride2x64"])
    parser.add_argument("--cpu", type=int, default=1)
    parser.add_argument("--colour", action="store_true", help="code the image in its own layout, not gray")
    args = parser.parse_args()
    ride = os.path.join(args.build, "bin", "ride")
    engine_bench = os.path.join(args.build, "bench", "engine_bench")
    with tempfile.TemporaryDirectory() as workdir:
        coded = os.path.join(workdir, "image.rim")
        gray = [] if args.colour else ["--gray"]
        for kernels in args.kernels:
            env = dict(os.environ, RIDE_KERNELS=kernels)
            subprocess.run([ride, "compress", args.image, *gray, "-o", coded, "-f", "-q"], env=env, check=True)
            columns = []
            for job in args.jobs:
                if job == "encode":
                    command = [ride, "compress", args.image, *gray, "-o", os.path.join(workdir, "again.rim"),
                               "-j", "1", "-f", "-q"]
                    columns.append((job, command))
                elif job == "decode":
                    command = [ride, "decompress", coded, "-o", os.path.join(workdir, "out.pam"), "-j", "1",
                               "-f", "-q"]
                    columns.append((job, command))
                else:
                    for rows in (16, 1):
                        command = [engine_bench, f"--benchmark_filter=BM_{job}/{kernels}/rows:{rows}$",
                                   "--benchmark_min_time=2"]
                        columns.append((f"{job} rows {rows}", command))
            results = [(name,) + profile(command, env, args.cpu, workdir, f"{kernels}-{i}")
                       for i, (name, command) in enumerate(columns)]
            print(f"\nkernels: {kernels}")
            print("| stage | " + " | ".join(name for name, _, _ in results) + " |")
            print("|---|" + "---|" * len(results))
            for stage in [name for name, _ in STAGES] + ["other"]:
                print(f"| {stage} | " + " | ".join(f"{totals[stage]:.1f}%" for _, totals, _ in results) + " |")
            print("| speed (engine: px/s; codec: wall time under perf) | " +
                  " | ".join(speed for _, _, speed in results) + " |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
