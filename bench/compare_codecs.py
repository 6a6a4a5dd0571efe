#!/usr/bin/env python3
"""Compares ride with standard lossless codecs on gray images and prints a Markdown table.

    bench/compare_codecs.py --build build/host-release [--model MODEL.ride] [--sets bsds300-test kodak]
                            [--limit N] [--work build/bench-codecs]

Every codec codes exactly the same pixels: the images are converted to 8-bit gray once, by BT.601
as ride does (bench/gray_set_tool), and every decoded file is compared with them byte for byte; a
codec that does not give them back fails the run. Times are wall-clock for one process per image
on one thread (cjxl/djxl with --num_threads=0; the others are single-threaded), reported as
megapixels per second over the whole set. Peers: cjxl -d 0 at efforts 7 and 9, cwebp -lossless
-z 9, optipng -o5 (its decoder is not timed: PNG decoding is not what optipng does), and JPEG-LS
via CharLS (bench/jpegls_tool).
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

SETS = {
    "bsds300-test": ("BSDS300 test (100, gray)", "bsds300/test"),
    "kodak": ("Kodak (24, gray)", "kodak"),
}


def run(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr.decode(errors='replace')}")
    return elapsed


def pgm_pixels(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, offset = [], 0
    while len(fields) < 4:
        while data[offset:offset + 1].isspace():
            offset += 1
        end = offset
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[offset:end])
        offset = end
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[offset + 1:offset + 1 + width * height]


def codecs(build, model):
    bin_dir = os.path.join(build, "bin")
    bench_dir = os.path.join(build, "bench")
    ride = os.path.join(bin_dir, "ride")
    model_args = ["--model", model] if model else []
    jpegls = os.path.join(bench_dir, "jpegls_tool")
    return [
        ("ride", ".rim",
         lambda src, png, out: [ride, "compress", src, "-o", out, "-f", "-q", "-j", "1"] + model_args,
         lambda enc, dec: [ride, "decompress", enc, "-o", dec, "-f", "-q", "-j", "1"] + model_args),
        ("JPEG XL, cjxl -d 0 -e 7", ".jxl",
         lambda src, png, out: ["cjxl", png, out, "-d", "0", "-e", "7", "--num_threads=0", "--quiet"],
         lambda enc, dec: ["djxl", enc, dec, "--num_threads=0", "--quiet"]),
        ("JPEG XL, cjxl -d 0 -e 9", ".jxl",
         lambda src, png, out: ["cjxl", png, out, "-d", "0", "-e", "9", "--num_threads=0", "--quiet"],
         lambda enc, dec: ["djxl", enc, dec, "--num_threads=0", "--quiet"]),
        ("WebP, cwebp -lossless -z 9", ".webp",
         lambda src, png, out: ["cwebp", "-quiet", "-lossless", "-z", "9", png, "-o", out],
         lambda enc, dec: ["dwebp", "-quiet", enc, "-o", dec[:-4] + ".png"]),  # PNG: its -pgm is YUV
        ("PNG, optipng -o5", ".png",
         lambda src, png, out: ["optipng", "-quiet", "-o5", "-clobber", png, "-out", out],
         None),
        ("JPEG-LS (CharLS)", ".jls",
         lambda src, png, out: [jpegls, "encode", src, out],
         lambda enc, dec: [jpegls, "decode", enc, dec]),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/host-release")
    parser.add_argument("--model", default="", help="model file for ride (default: its built-in model)")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--limit", type=int, default=0, help="first N images of each set only")
    parser.add_argument("--work", default="build/bench-codecs")
    args = parser.parse_args()

    gray_tool = os.path.join(args.build, "bench", "gray_set_tool")
    results = {}  # (codec, set) -> (bits, pixels, encode s, decode s)
    for set_name in args.sets:
        gray_dir = os.path.join(args.work, set_name, "gray")
        os.makedirs(gray_dir, exist_ok=True)
        run([gray_tool, os.path.join(args.data, SETS[set_name][1]), gray_dir])
        stems = sorted(f[:-4] for f in os.listdir(gray_dir) if f.endswith(".pgm"))
        if args.limit:
            stems = stems[:args.limit]
        for name, extension, encode, decode in codecs(args.build, args.model):
            out_dir = os.path.join(args.work, set_name, name.split(",")[0].replace(" ", "_") + extension)
            shutil.rmtree(out_dir, ignore_errors=True)
            os.makedirs(out_dir)
            bits = pixels = encode_s = decode_s = 0.0
            for stem in stems:
                pgm = os.path.join(gray_dir, stem + ".pgm")
                png = os.path.join(gray_dir, stem + ".png")
                width, height, original = pgm_pixels(pgm)
                coded = os.path.join(out_dir, stem + extension)
                encode_s += run(encode(pgm, png, coded))
                decoded_dir = os.path.join(out_dir, "decoded")
                os.makedirs(decoded_dir, exist_ok=True)
                decoded = os.path.join(decoded_dir, stem + ".pgm")
                if decode is not None:
                    decode_s += run(decode(coded, decoded))
                else:
                    shutil.copy(coded, os.path.join(decoded_dir, stem + ".png"))
                if not os.path.exists(decoded):  # a PNG: read back through the gray tool
                    run([gray_tool, decoded_dir, decoded_dir])
                if pgm_pixels(decoded)[2] != original:
                    sys.exit(f"{name} did not give {stem} back losslessly")
                bits += 8 * os.path.getsize(coded)
                pixels += width * height
            results[(name, set_name)] = (bits, pixels, encode_s, decode_s if decode else None)
            print(f"{name:30s} {set_name:14s} {bits / pixels:7.4f} bit/px", file=sys.stderr)

    header = "| codec | " + " | ".join(f"{SETS[s][0]} bit/px" for s in args.sets) + " | encode MP/s | decode MP/s |"
    print(header)
    print("|" + "---|" * (3 + len(args.sets)))
    for name, *_ in codecs(args.build, args.model):
        cells = [f"{results[(name, s)][0] / results[(name, s)][1]:.3f}" for s in args.sets]
        pixels = sum(results[(name, s)][1] for s in args.sets)
        encode_s = sum(results[(name, s)][2] for s in args.sets)
        decode = [results[(name, s)][3] for s in args.sets]
        decode_cell = f"{pixels / sum(decode) / 1e6:.3f}" if None not in decode else "—"
        print(f"| {name} | " + " | ".join(cells) + f" | {pixels / encode_s / 1e6:.3f} | {decode_cell} |")
    if args.limit:
        print(f"\n(first {args.limit} images of each set only)")


if __name__ == "__main__":
    main()
