#!/usr/bin/env python3
"""Compares ride with standard lossless codecs on colour photographs and prints Markdown tables.

    bench/compare_colour_codecs.py --build build/host-release [--model MODEL] [--sets kodak lossless-extra]
                                   [--codecs ride cjxl-e7 cjxl-e9 cwebp optipng] [--limit N]
                                   [--work build/bench-colour]

Every codec codes the same RGB files (Kodak's PNGs; the RGB photographs of lossless-extra:
McMaster, the colour ones of USC-SIPI Miscellaneous, wesaturate), and every decoded file is
compared with the input's pixels; a codec that does not give them back fails the run. Figures are
bits per sub-pixel (a pixel's three samples count three), per set and per image, and megapixels
per second of one process per image on one thread (cjxl/djxl --num_threads=0), with the time of
the whole set. The per-image table says, for each image, ride's size against cjxl -e 9's.
"""
import argparse
import os
import struct
import sys
import zlib

from compare_codecs import run  # one process, timed; stops the run on failure

SETS = {
    "kodak": ("Kodak (24)", ["kodak"]),
    "lossless-extra": ("lossless-extra colour (35)",
                       ["lossless-extra/mcmaster", "lossless-extra/usc-sipi-misc", "lossless-extra/wesaturate"]),
}


def png_rgb(path):
    """(width, height, channels, samples) of an 8-bit non-interlaced gray/RGB(A) PNG (what these sets hold)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    offset, idat, header = 8, b"", None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), (path, header)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(idat), width * channels
    out, previous = bytearray(), bytearray(stride)
    for row in range(height):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        out += line
        previous = line
    return width, height, channels, bytes(out)


def codecs(build, model):
    ride = os.path.join(build, "bin", "ride")
    model_args = ["--model", model] if model else []
    return {
        "ride": ("ride", ".rim",
                 lambda png, out: [ride, "compress", png, "-o", out, "-f", "-q", "-j", "1"] + model_args,
                 lambda enc, dec: [ride, "decompress", enc, "-o", dec, "-f", "-q", "-j", "1"] + model_args),
        "cjxl-e7": ("JPEG XL, cjxl -d 0 -e 7", ".jxl",
                    lambda png, out: ["cjxl", png, out, "-d", "0", "-e", "7", "--num_threads=0", "--quiet"],
                    lambda enc, dec: ["djxl", enc, dec, "--num_threads=0", "--quiet"]),
        "cjxl-e9": ("JPEG XL, cjxl -d 0 -e 9", ".jxl",
                    lambda png, out: ["cjxl", png, out, "-d", "0", "-e", "9", "--num_threads=0", "--quiet"],
                    lambda enc, dec: ["djxl", enc, dec, "--num_threads=0", "--quiet"]),
        "cwebp": ("WebP, cwebp -lossless -z 9", ".webp",
                  lambda png, out: ["cwebp", "-quiet", "-lossless", "-z", "9", png, "-o", out],
                  lambda enc, dec: ["dwebp", "-quiet", enc, "-o", dec]),
        "optipng": ("PNG, optipng -o5", ".png",
                    lambda png, out: ["optipng", "-quiet", "-o5", "-clobber", png, "-out", out], None),
    }


def images_of(data, folders):
    paths = []
    for folder in folders:
        for name in sorted(os.listdir(os.path.join(data, folder))):
            path = os.path.join(data, folder, name)
            if name.endswith(".png") and png_rgb(path)[2] == 3:
                paths.append(path)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/host-release")
    parser.add_argument("--model", default="", help="model for ride (default: its built-in colour model)")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--codecs", nargs="+", default=["ride", "cjxl-e7", "cjxl-e9", "cwebp", "optipng"])
    parser.add_argument("--limit", type=int, default=0, help="first N images of each set only")
    parser.add_argument("--work", default="build/bench-colour")
    args = parser.parse_args()
    table = codecs(args.build, args.model)
    chosen = [table[c] for c in args.codecs]
    totals = {}    # (codec, set) -> [bits, samples, encode s, decode s]
    per_image = {}  # (set, image) -> {codec: bits}
    for set_name in args.sets:
        paths = images_of(args.data, SETS[set_name][1])[: args.limit or None]
        for name, extension, encode, decode in chosen:
            out_dir = os.path.join(args.work, set_name, name.split(",")[0].replace(" ", "_"))
            os.makedirs(out_dir, exist_ok=True)
            total = totals.setdefault((name, set_name), [0.0, 0, 0.0, 0.0 if decode else None])
            for path in paths:
                stem = os.path.splitext(os.path.basename(path))[0]
                width, height, channels, original = png_rgb(path)
                coded = os.path.join(out_dir, stem + extension)
                total[2] += run(encode(path, coded))
                decoded = os.path.join(out_dir, stem + ".decoded.png")
                if decode:
                    total[3] += run(decode(coded, decoded))
                else:
                    decoded = coded
                if png_rgb(decoded)[3] != original:
                    sys.exit(f"{name} did not give {path} back losslessly")
                bits = 8 * os.path.getsize(coded)
                total[0] += bits
                total[1] += width * height * channels
                per_image.setdefault((set_name, stem), {})[name] = bits / (width * height * channels)
            print(f"{name:30s} {set_name:16s} {total[0] / total[1]:7.4f} bits/sub-pixel", file=sys.stderr)

    print("| codec | " + " | ".join(f"{SETS[s][0]} bits/sub-pixel" for s in args.sets) + " | encode MP/s | decode MP/s |")
    print("|" + "---|" * (3 + len(args.sets)))
    for name, *_ in chosen:
        cells = [f"{totals[(name, s)][0] / totals[(name, s)][1]:.4f}" for s in args.sets]
        pixels = sum(totals[(name, s)][1] for s in args.sets) / 3
        encode_s = sum(totals[(name, s)][2] for s in args.sets)
        decode = [totals[(name, s)][3] for s in args.sets]
        decode_cell = f"{pixels / sum(decode) / 1e6:.3f}" if None not in decode else "—"
        print(f"| {name} | " + " | ".join(cells) + f" | {pixels / encode_s / 1e6:.3f} | {decode_cell} |")
    names = [name for name, *_ in chosen]
    if "ride" in names and "JPEG XL, cjxl -d 0 -e 9" in names:
        print("\n| set | image | ride | cjxl -e 9 | ride / cjxl -e 9 |\n|---|---|---|---|---|")
        for (set_name, stem), bits in sorted(per_image.items()):
            ratio = bits["ride"] / bits["JPEG XL, cjxl -d 0 -e 9"]
            print(f"| {set_name} | {stem} | {bits['ride']:.4f} | {bits['JPEG XL, cjxl -d 0 -e 9']:.4f} | {ratio:.3f} |")
    if args.limit:
        print(f"\n(first {args.limit} images of each set only)")


if __name__ == "__main__":
    main()
