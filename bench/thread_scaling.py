#!/usr/bin/env python3
"""How much faster `ride compress` and `ride decompress` run with two threads, by image size.

Cuts square gray images of each size from one photograph (tiling it where the size exceeds it),
codes each with `-j 1` on one core and `-j 2` on two (taskset), and prints the medians and the
speed-up; every decoded file is compared with its input.

    bench/thread_scaling.py --build build/host-release --image ../shared/data/kodak/kodim03.png \
        [--sizes 256 512 1024 2048] [--runs 3] [--kernels avx2]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

from compare_codecs import pgm_pixels  # (width, height, samples) of an 8-bit PGM


def write_tiled_pgm(path, width, height, pixels, size):
    rows = []
    for y in range(size):
        source = pixels[(y % height) * width:(y % height + 1) * width]
        rows.append((source * (size // width + 1))[:size])
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (size, size) + b"".join(rows))


def timed(command, env, cpus):
    start = time.monotonic()
    subprocess.run(["taskset", "-c", cpus] + command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 512, 1024, 2048])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kernels", help="RIDE_KERNELS for the runs (default: the best this CPU has)")
    args = parser.parse_args()
    ride = os.path.join(args.build, "bin", "ride")
    env = dict(os.environ)
    if args.kernels:
        env["RIDE_KERNELS"] = args.kernels
    print("| size | encode -j 1 | encode -j 2 | speed-up | decode -j 1 | decode -j 2 | speed-up |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        gray = os.path.join(work, "gray.pgm")
        subprocess.run([ride, "compress", args.image, "--gray", "-o", gray + ".rim", "-q", "-f"], check=True)
        subprocess.run([ride, "decompress", gray + ".rim", "-o", gray, "-q", "-f"], check=True)
        width, height, pixels = pgm_pixels(gray)
        for size in args.sizes:
            image = os.path.join(work, f"{size}.pgm")
            write_tiled_pgm(image, width, height, pixels, size)
            coded, decoded = image + ".rim", image + ".out.pgm"
            times = {}
            for threads, cpus in ((1, "1"), (2, "0,1")):
                times[("encode", threads)] = statistics.median(
                    timed([ride, "compress", image, "-o", coded, "-j", str(threads), "-q", "-f"], env, cpus)
                    for _ in range(args.runs))
                times[("decode", threads)] = statistics.median(
                    timed([ride, "decompress", coded, "-o", decoded, "-j", str(threads), "-q", "-f"], env, cpus)
                    for _ in range(args.runs))
                assert pgm_pixels(decoded)[2] == pgm_pixels(image)[2], f"{size}: the decoded image differs"
            cells = []
            for job in ("encode", "decode"):
                one, two = times[(job, 1)], times[(job, 2)]
                cells += [f"{one:.2f} s", f"{two:.2f} s", f"{one / two:.2f}×"]
            print(f"| {size} × {size} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
