#!/usr/bin/env python3
"""Tiles gray PGMs into one large mosaic PGM: a whole image far larger than any training patch.

    bench/make_mosaic.py GRAY_DIR OUT.pgm [--size 4096] [--tile 512]

GRAY_DIR holds 8-bit gray PGMs (bench/gray_set_tool writes them from a folder of photographs).
Tile k of the mosaic, in raster order, comes from image k mod N (N images, sorted by name), at
its (k div N)-th whole-tile position in raster order (cycling over the positions it has), so a
mosaic of more tiles than images repeats no tile until every position of an image is used.
Images smaller than a tile are skipped. A spatial LSTM's cells carry across tile borders, so the
mosaic shows what a model does over a few thousand pixels of rows and columns.
"""
import argparse
import os
import sys

from compare_codecs import pgm_pixels


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gray_dir")
    parser.add_argument("output")
    parser.add_argument("--size", type=int, default=4096, help="mosaic width and height")
    parser.add_argument("--tile", type=int, default=512, help="tile width and height")
    args = parser.parse_args()
    if args.size % args.tile != 0:
        sys.exit("--size must be a multiple of --tile")

    images = []  # (width, height, pixels) of each image at least one tile large
    for name in sorted(f for f in os.listdir(args.gray_dir) if f.endswith(".pgm")):
        width, height, pixels = pgm_pixels(os.path.join(args.gray_dir, name))
        if width >= args.tile and height >= args.tile:
            images.append((width, height, pixels))
    if not images:
        sys.exit(f"no PGM in {args.gray_dir} is at least {args.tile} x {args.tile}")

    per_side = args.size // args.tile
    rows = [bytearray(args.size) for _ in range(args.size)]
    for k in range(per_side * per_side):
        width, height, pixels = images[k % len(images)]
        across, down = width // args.tile, height // args.tile
        position = (k // len(images)) % (across * down)
        x0, y0 = (position % across) * args.tile, (position // across) * args.tile
        tx, ty = (k % per_side) * args.tile, (k // per_side) * args.tile
        for y in range(args.tile):
            start = (y0 + y) * width + x0
            rows[ty + y][tx:tx + args.tile] = pixels[start:start + args.tile]
    with open(args.output, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (args.size, args.size))
        for row in rows:
            f.write(row)


if __name__ == "__main__":
    main()
