#!/usr/bin/env python3
"""Runs ride's Google Benchmark programs and prints their results as Markdown tables.

    bench/run_benchmarks.py --build build/host-release [--peak-gmacs 44.8] [--filter REGEX]

The peak is one core's multiply-add rate in GMAC/s. By default it is estimated from the CPU's
clock in /proc/cpuinfo and its ISA: x86-64 with AVX2+FMA retires two 8-lane fused multiply-adds
per cycle (16 MAC/cycle); aarch64 with NEON two 4-lane ones (8 MAC/cycle). Pass --peak-gmacs to
use a measured or documented figure instead; the tables say which was used.
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys


def estimate_peak_gmacs():
    mhz = None
    flags = ""
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
        m = re.search(r"cpu MHz\s*:\s*([\d.]+)", text)
        mhz = float(m.group(1)) if m else None
        m = re.search(r"^flags\s*:(.*)$", text, re.M)
        flags = m.group(1) if m else ""
    except OSError:
        pass
    if mhz is None:
        return None, "unknown clock"
    machine = platform.machine()
    if machine in ("x86_64", "AMD64") and " avx2" in flags and " fma" in flags:
        lanes = 16
    elif machine in ("aarch64", "arm64"):
        lanes = 8
    else:
        lanes = 4
    return mhz * 1e-3 * lanes, f"{mhz:.0f} MHz x {lanes} MAC/cycle (estimate)"


def run(binary, peak, extra):
    env = dict(os.environ)
    if peak:
        env["RIDE_PEAK_GMACS"] = str(peak)
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=0.5"] + extra,
                         check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


def table(results, columns):
    lines = ["| benchmark | " + " | ".join(c for c, _ in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for b in results["benchmarks"]:
        if b.get("error_occurred"):
            lines.append(f"| {b['name']} | " + " | ".join("skipped" for _ in columns) + " |")
            continue
        cells = []
        for _, key in columns:
            v = b.get(key)
            cells.append("" if v is None else (f"{v:,.0f}" if v >= 100 else f"{v:.3g}"))
        lines.append(f"| {b['name']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/host-release")
    parser.add_argument("--peak-gmacs", type=float)
    parser.add_argument("--filter", default="")
    args = parser.parse_args()
    peak, how = (args.peak_gmacs, "given") if args.peak_gmacs else estimate_peak_gmacs()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; peak {peak and round(peak, 1)} GMAC/s per core ({how})\n")
    extra = [f"--benchmark_filter={args.filter}"] if args.filter else []
    for name, columns in (("engine_bench", [("px/s", "px/s"), ("MAC/px", "MAC/px"), ("GMAC/s", "GMAC/s"), ("peak %", "peak%")]),
                          ("codec_bench", [("px/s", "px/s"), ("MAC/px", "MAC/px")]),
                          ("f32_gemm_bench", [("GMAC/s", "GMAC/s"), ("peak %", "peak%")])):
        binary = os.path.join(args.build, "bench", name)
        if not os.path.exists(binary):
            print(f"{binary}: not built", file=sys.stderr)
            continue
        print(f"### {name}\n")
        print(table(run(binary, peak, extra), columns))
        print()


if __name__ == "__main__":
    main()
