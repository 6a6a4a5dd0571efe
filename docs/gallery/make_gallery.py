#!/usr/bin/env python3
"""Makes the pictures of docs/gallery.md with the ride tool: texture samples and an inpainting.

    docs/gallery/make_gallery.py --ride build/host-release/bin/ride --models DIR [--out docs/gallery]
    docs/gallery/make_gallery.py --ride build/host-release/bin/ride --colour [--out docs/gallery]

DIR holds one folder per texture (D73, D75, 1.1.04) with mcgsm.ride and ride.ride, trained and
compiled as docs/gallery.md says. Every picture comes from a `ride sample` or `ride inpaint` command,
which this script prints before running it. Only the Python standard library is used: 8-bit gray
PNG is read and written here, PGM is what ride reads and writes besides PNG.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile
import zlib

TEXTURES = {
    "D73": "../shared/data/brodatz/D73.png",
    "D75": "../shared/data/brodatz/D75.png",
    "1.1.04": "../shared/data/brodatz/usc-sipi/1.1.04.png",
}
SEED = 1
HOLE = 71
SWEEPS = 30
GAP = 4


def read_png_gray(path):
    """8-bit gray, non-interlaced PNG (what the Brodatz files are)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour != 0 or interlace != 0:
                raise ValueError(f"{path}: only 8-bit gray non-interlaced PNG is read here")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    rows, prev = [], bytearray(width)
    for y in range(height):
        kind = raw[y * (width + 1)]
        line = bytearray(raw[y * (width + 1) + 1:(y + 1) * (width + 1)])
        for x in range(width):
            a = line[x - 1] if x else 0
            b = prev[x]
            c = prev[x - 1] if x else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def write_png(path, width, rows, channels=1):
    """8-bit gray (channels 1) or RGB (3) PNG of `rows`."""
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8, 0 if channels == 1 else 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path + ".tmp", "wb") as f:
        f.write(png)
    os.replace(path + ".tmp", path)


def read_pnm(path):
    """Binary PGM or PPM: width, height and rows (width x channels bytes each)."""
    data = open(path, "rb").read()
    channels = 3 if data[:2] == b"P6" else 1
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    width, height = int(fields[1]), int(fields[2])
    pixels, row = data[pos + 1:], width * channels
    return width, height, [pixels[y * row:(y + 1) * row] for y in range(height)]


def write_pgm(path, width, rows):
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (width, len(rows)) + b"".join(rows))


def crop(rows, left, top, width, height, channels=1):
    return [r[left * channels:(left + width) * channels] for r in rows[top:top + height]]


def side_by_side(images, channels=1):
    """Images of equal height, GAP white columns between them."""
    height = len(images[0])
    out = []
    for y in range(height):
        out.append((b"\xff" * (GAP * channels)).join(img[y] for img in images))
    return sum(len(img[0]) for img in images) // channels + GAP * (len(images) - 1), out


def colour_samples(ride, out):
    """A 128 x 128 crop of Kodak kodim23 beside a sample of the built-in colour model, seed 1."""
    with tempfile.TemporaryDirectory() as tmp:
        real, sample = os.path.join(tmp, "kodim23.ppm"), os.path.join(tmp, "sample.ppm")
        run([ride, "compress", "../shared/data/kodak/kodim23.png", "-o", os.path.join(tmp, "k.rim"), "-q"])
        run([ride, "decompress", os.path.join(tmp, "k.rim"), "-o", real, "-q"])
        run([ride, "sample", "--model", "rgb-mcgsm-v1", "--size", "128x128", "--seed", str(SEED), "-o", sample, "-q"])
        width, _, rows = read_pnm(real)
        real_crop = crop(rows, 320, 200, 128, 128, 3)
        width, joined = side_by_side([real_crop, read_pnm(sample)[2]], 3)
        write_png(os.path.join(out, "kodim23-colour-sample.png"), width, joined, 3)


def run(command):
    print("$ " + " ".join(command), flush=True)
    subprocess.run(command, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ride", required=True, help="the ride tool")
    parser.add_argument("--models", help="folder with <texture>/{mcgsm,ride}.ride")
    parser.add_argument("--colour", action="store_true", help="only the colour sample (built-in rgb-mcgsm-v1)")
    parser.add_argument("--out", default="docs/gallery")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.colour:
        colour_samples(args.ride, args.out)
        return
    if not args.models:
        parser.error("--models is required (or --colour)")
    work = tempfile.mkdtemp(prefix="gallery-")
    for name, path in TEXTURES.items():
        width, height, rows = read_png_gray(path)
        size = width // 4  # the held-out region (15, bottom right) as the real crop
        real = crop(rows, 3 * size, 3 * size, size, size)
        samples = []
        for kind in ("mcgsm", "ride"):
            out = os.path.join(work, f"{name}-{kind}.pgm")
            run([args.ride, "sample", "--model", os.path.join(args.models, name, f"{kind}.ride"),
                 "--size", f"{size}x{size}", "--seed", str(SEED), "-q", "-f", "-o", out])
            samples.append(read_pnm(out)[2])
        w, picture = side_by_side([real] + samples)
        write_png(os.path.join(args.out, f"{name}-samples.png"), w, picture)

    # Inpainting: a HOLE x HOLE hole in the middle of D73's held-out region, filled by the RIDE.
    name = "D73"
    width, height, rows = read_png_gray(TEXTURES[name])
    size = width // 4
    real = crop(rows, 3 * size, 3 * size, size, size)
    first = (size - HOLE) // 2
    inside = lambda x, y: first <= x < first + HOLE and first <= y < first + HOLE
    mask = [bytes(255 if inside(x, y) else 0 for x in range(size)) for y in range(size)]
    holed = [bytes(255 if inside(x, y) else real[y][x] for x in range(size)) for y in range(size)]
    image_path, mask_path = os.path.join(work, "holed.pgm"), os.path.join(work, "mask.pgm")
    write_pgm(image_path, size, holed)
    write_pgm(mask_path, size, mask)
    filled_path = os.path.join(work, "filled.pgm")
    run([args.ride, "inpaint", "--model", os.path.join(args.models, name, "ride.ride"), image_path,
         "--mask", mask_path, "--sweeps", str(SWEEPS), "--seed", str(SEED), "-f", "-o", filled_path])
    filled = read_pnm(filled_path)[2]
    w, picture = side_by_side([holed, filled, real])
    write_png(os.path.join(args.out, f"{name}-inpainting.png"), w, picture)
    print(f"pictures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
