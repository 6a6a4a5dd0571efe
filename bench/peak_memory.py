#!/usr/bin/env python3
"""Peak memory of the runtime against image height: the engine streams rows, so a 512 x 8192 image
must need no more memory than a 512 x 512 one (within 10%). Prints a Markdown table.

    bench/peak_memory.py --build build/host-release [--model MODEL.ride]

`ride eval` runs the engine alone (rows streamed from the file, per-pixel costs summed); `compress`
and `decompress` add the codec, whose compressed lanes are held in memory (they grow with the
file, about 8 - rate bits per pixel). Peak RSS comes from /usr/bin/time (GNU time, %M).
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile


def write_pgm(path, width, height, seed):
    # A smooth random field with noise: costs a few bits per pixel, like a photograph.
    rng = random.Random(seed)
    rows = []
    previous = [128] * width
    for _ in range(height):
        row = []
        left = previous[0]
        for x in range(width):
            v = (left + previous[x]) // 2 + rng.randint(-6, 6)
            v = min(255, max(0, v))
            row.append(v)
            left = v
        previous = row
        rows.append(bytes(row))
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (width, height))
        f.write(b"".join(rows))


def peak_kib(command, stdin=None):
    """Peak RSS in KiB of `command` (GNU time, %M); `stdin` a file object or pipe for its input."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdin=stdin, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    return int(result.stderr.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/host-release")
    parser.add_argument("--model", default="")
    args = parser.parse_args()
    ride = os.path.join(args.build, "bin", "ride")
    model = ["--model", args.model] if args.model else []
    sizes = [(512, 512), (512, 8192)]
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for width, height in sizes:
            image = os.path.join(work, f"{width}x{height}.pgm")
            coded = os.path.join(work, f"{width}x{height}.rim")
            write_pgm(image, width, height, seed=height)
            results[(width, height)] = (
                peak_kib([ride, "eval", image, "-q"] + model),
                peak_kib([ride, "compress", image, "-o", coded, "-q", "-j", "1"] + model),
                peak_kib([ride, "decompress", coded, "-o", image + ".out.pgm", "-q", "-j", "1"] + model),
            )
    print("| image | ride eval (engine) | ride compress | ride decompress |")
    print("|---|---|---|---|")
    for width, height in sizes:
        cells = " | ".join(f"{kib / 1024:.1f} MiB" for kib in results[(width, height)])
        print(f"| {width} x {height} | {cells} |")
    small, large = results[sizes[0]][0], results[sizes[1]][0]
    print(f"\nengine peak RSS, {sizes[1][0]}x{sizes[1][1]} vs {sizes[0][0]}x{sizes[0][1]}: "
          f"{(large - small) / small * 100:+.1f}%")


if __name__ == "__main__":
    main()
