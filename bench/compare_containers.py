#!/usr/bin/env python3
"""Container version 2 against version 1: bits per pixel, speed and peak memory of two `ride`
builds on the same pixels, `--build` writing version 2 and `--old` writing version 1. Prints
Markdown tables.

    bench/compare_containers.py --build build/host-release --old OLD_BUILD [--sets bsds300-test kodak]
                                [--runs 3] [--cpu 1] [--limit N] [--heights 512 16384 65536]
                                [--work build/bench-containers] [--skip-sets] [--skip-memory]

OLD_BUILD is a host-release build of a commit that writes version 1 (main before container
version 2 was merged), for example
    mkdir -p build/v1-ref/src && git archive 9c282a1 | tar -x -C build/v1-ref/src &&
    (cd build/v1-ref/src && cmake --preset host-release -DRIDE_BUILD_TESTS=OFF &&
     cmake --build build/host-release --target ride gray_set_tool)
    ... --old build/v1-ref/src/build/host-release

1. Every image of each set, converted to 8-bit gray once (bench/gray_set_tool, BT.601), is
   compressed and decompressed by both builds on one thread (`-j 1`, under `taskset -c CPU`), one
   process per image, the two builds taking turns image by image so that they see the same
   machine; every decoded image is compared with its input. Bits per pixel over the whole set
   (the same in every run, which is checked), and megapixels per second of wall clock over the
   set (process start included), the median of `--runs` passes.
2. Peak RSS (GNU time, %M) of compress, decompress from a file and decompress from a pipe
   (`cat f.rim | ride decompress - -o out.pgm`) for 768-pixel-wide images of the given heights,
   made of the landscape Kodak images stacked top to bottom (real content, so that a group codes
   like a photograph), `-j 1`. The version-1 decoder is not run from a pipe: its lane lengths are in
   the header, so it holds the whole file either way.
"""
import argparse
import os
import statistics
import subprocess
import sys

from compare_codecs import SETS, pgm_pixels as read_pgm, run
from peak_memory import peak_kib


def gray_set(build, data, folder, work):
    out = os.path.join(work, "gray", folder.replace("/", "-"))
    if not os.path.isdir(out) or not os.listdir(out):
        os.makedirs(out, exist_ok=True)
        run([os.path.join(build, "bench", "gray_set_tool"), os.path.join(data, folder), out])
    return sorted(os.path.join(out, name) for name in os.listdir(out) if name.endswith(".pgm"))


def one_pass(images, rides, pinned, work):
    """Bytes, encode seconds and decode seconds per build over `images`."""
    totals = {name: [0, 0.0, 0.0] for name in rides}
    for image in images:
        samples = read_pgm(image)[2]
        for name, ride in rides.items():
            coded = os.path.join(work, f"{name}.rim")
            back = os.path.join(work, f"{name}.pgm")
            totals[name][1] += run(pinned + [ride, "compress", image, "-o", coded, "-f", "-q", "-j", "1"])
            totals[name][2] += run(pinned + [ride, "decompress", coded, "-o", back, "-f", "-q", "-j", "1"])
            if read_pgm(back)[2] != samples:
                sys.exit(f"{name}: {image} did not come back")
            totals[name][0] += os.path.getsize(coded)
    return totals


def compare_sets(args, rides, pinned, work):
    print("| set | build | bit/px | encode MP/s | decode MP/s |")
    print("|---|---|---|---|---|")
    for key in args.sets:
        title, folder = SETS[key]
        images = gray_set(args.build, args.data, folder, work)[: args.limit or None]
        pixels = sum(read_pgm(image)[0] * read_pgm(image)[1] for image in images)
        passes = [one_pass(images, rides, pinned, work) for _ in range(args.runs)]
        for name in rides:
            sizes = {p[name][0] for p in passes}
            if len(sizes) != 1:
                sys.exit(f"{name}: {title} coded to different sizes in different runs: {sizes}")
            encode = statistics.median(pixels / p[name][1] / 1e6 for p in passes)
            decode = statistics.median(pixels / p[name][2] / 1e6 for p in passes)
            print(f"| {title} | {name} | {8 * sizes.pop() / pixels:.4f} | {encode:.3f} | {decode:.3f} |")
        old, new = passes[0]["old"][0], passes[0]["new"][0]
        print(f"| {title} | new − old | {8 * (new - old) / pixels:+.4f} ({(new - old) / old * 100:+.3f}%) | | |")


def stacked_image(build, data, work, height):
    path = os.path.join(work, f"768x{height}.pgm")
    if os.path.exists(path):
        return path
    rows = []
    kodak = [p for p in gray_set(build, data, "kodak", work) if read_pgm(p)[0] == 768]
    while len(rows) < height:
        for image in kodak:
            width, image_height, samples = read_pgm(image)
            rows.extend(samples[r * width:(r + 1) * width] for r in range(image_height))
    with open(path, "wb") as f:
        f.write(b"P5\n768 %d\n255\n" % height)
        f.write(b"".join(rows[:height]))
    return path


def peak_from_pipe(command, coded):
    with subprocess.Popen(["cat", coded], stdout=subprocess.PIPE) as cat:
        kib = peak_kib(command, stdin=cat.stdout)
        cat.stdout.close()
    return kib


def compare_memory(args, rides, work):
    print("\n| image | build | compress | decompress | decompress from a pipe |")
    print("|---|---|---|---|---|")
    for height in args.heights:
        image = stacked_image(args.build, args.data, work, height)
        samples = read_pgm(image)[2]
        for name, ride in rides.items():
            coded = os.path.join(work, f"{name}-{height}.rim")
            back = os.path.join(work, f"{name}-{height}.pgm")
            cells = [
                peak_kib([ride, "compress", image, "-o", coded, "-f", "-q", "-j", "1"]),
                peak_kib([ride, "decompress", coded, "-o", back, "-f", "-q", "-j", "1"]),
            ]
            if read_pgm(back)[2] != samples:
                sys.exit(f"{name}: 768x{height} did not come back")
            os.remove(back)
            if name == "new":
                cells.append(peak_from_pipe([ride, "decompress", "-", "-o", back, "-f", "-q", "-j", "1"], coded))
                if read_pgm(back)[2] != samples:
                    sys.exit(f"{name}: 768x{height} did not come back from a pipe")
                os.remove(back)
            texts = [f"{kib / 1024:.1f} MiB" for kib in cells] + ["—"] * (3 - len(cells))
            print(f"| 768 × {height} | {name} | " + " | ".join(texts) + " |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/host-release")
    parser.add_argument("--old", required=True, help="a build whose ride writes container version 1")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--runs", type=int, default=3, help="passes over each set; speeds are their median")
    parser.add_argument("--cpu", default="", help="run the set passes under taskset -c CPU")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--heights", nargs="*", type=int, default=[512, 16384, 65536])
    parser.add_argument("--work", default="build/bench-containers")
    parser.add_argument("--skip-sets", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    rides = {"old": os.path.join(args.old, "bin", "ride"), "new": os.path.join(args.build, "bin", "ride")}
    pinned = ["taskset", "-c", args.cpu] if args.cpu else []
    if not args.skip_sets:
        compare_sets(args, rides, pinned, args.work)
    if not args.skip_memory:
        compare_memory(args, rides, args.work)


if __name__ == "__main__":
    main()
