#!/usr/bin/env python3
"""Writes the non-photographic images of the adaptive-coding benchmark as 8-bit gray PGMs.

    bench/synthetic_images.py OUT_DIR --photo PHOTO.pgm

The images are made here, deterministically, so that anyone can remake them:
  text.pgm          a screenshot of text: black 5x7 glyphs drawn at 2x on white, 640 x 400
  chart.pgm         a bar chart with axes, a light grid, bars in four grays and a line plot, 512 x 384
  gradient.pgm      a smooth diagonal gradient over all 256 levels, 512 x 512
  noise.pgm         uniform noise (the top byte of a 32-bit LCG), 256 x 256
  onebit-scan.pgm   PHOTO thresholded at its median: a 1-bit scan (values 0 and 255)
  16-levels.pgm     PHOTO quantised to 16 levels (v // 16 * 17)
PHOTO should be a gray photograph that no model was tested on (the benchmark uses a BSDS300
training image, converted by bench/gray_set_tool).
"""
import argparse
import os

from compare_codecs import pgm_pixels

# 5x7 glyphs, one string of 7 rows of 5 bits per character.
GLYPHS = {
    "a": "00000 00000 01110 00001 01111 10001 01111", "b": "10000 10000 10110 11001 10001 10001 11110",
    "c": "00000 00000 01110 10000 10000 10001 01110", "d": "00001 00001 01101 10011 10001 10001 01111",
    "e": "00000 00000 01110 10001 11111 10000 01110", "f": "00110 01001 01000 11100 01000 01000 01000",
    "g": "00000 01111 10001 10001 01111 00001 01110", "h": "10000 10000 10110 11001 10001 10001 10001",
    "i": "00100 00000 01100 00100 00100 00100 01110", "k": "10000 10000 10010 10100 11000 10100 10010",
    "l": "01100 00100 00100 00100 00100 00100 01110", "m": "00000 00000 11010 10101 10101 10001 10001",
    "n": "00000 00000 10110 11001 10001 10001 10001", "o": "00000 00000 01110 10001 10001 10001 01110",
    "p": "00000 00000 11110 10001 11110 10000 10000", "r": "00000 00000 10110 11001 10000 10000 10000",
    "s": "00000 00000 01110 10000 01110 00001 11110", "t": "01000 01000 11100 01000 01000 01001 00110",
    "u": "00000 00000 10001 10001 10001 10011 01101", "v": "00000 00000 10001 10001 10001 01010 00100",
    "w": "00000 00000 10001 10001 10101 10101 01010", "x": "00000 00000 10001 01010 00100 01010 10001",
    "y": "00000 00000 10001 10001 01111 00001 01110",
    "0": "01110 10001 10011 10101 11001 10001 01110", "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111", "3": "11111 00010 00100 00010 00001 10001 01110",
    ".": "00000 00000 00000 00000 00000 01100 01100", ",": "00000 00000 00000 00000 01100 00100 01000",
    " ": "00000 00000 00000 00000 00000 00000 00000",
}
TEXT = ("the codec learns the image as it codes it, so that flat graphics, text and screenshots "
        "cost little while photographs keep the learned model. 1023 pixels in a row, 2 bits a pixel, "
        "three lanes in a group, two groups in a file. ")


def write_pgm(path, width, height, pixels):
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (width, height))
        f.write(bytes(pixels))


def text_image():
    width, height, scale = 640, 400, 2
    pixels = [255] * (width * height)
    x, y, i = 8, 8, 0
    while y + 7 * scale < height - 8:
        glyph = GLYPHS[TEXT[i % len(TEXT)]]
        for row, bits in enumerate(glyph.split()):
            for column, bit in enumerate(bits):
                if bit == "1":
                    for dy in range(scale):
                        for dx in range(scale):
                            pixels[(y + row * scale + dy) * width + x + column * scale + dx] = 0
        i += 1
        x += 6 * scale
        if x + 5 * scale > width - 8:
            x, y = 8, y + 10 * scale
    return width, height, pixels


def chart_image():
    width, height = 512, 384
    pixels = [255] * (width * height)

    def rect(x0, y0, x1, y1, value):
        for y in range(y0, y1):
            for x in range(x0, x1):
                pixels[y * width + x] = value

    for y in range(40, 340, 30):  # grid
        rect(50, y, 490, y + 1, 220)
    rect(48, 30, 50, 342, 0)  # axes
    rect(48, 340, 492, 342, 0)
    grays = (40, 100, 160, 200)
    for k, top in enumerate((120, 200, 80, 260, 150, 230, 100, 180, 60, 280)):
        rect(70 + k * 42, top, 100 + k * 42, 340, grays[k % 4])
    previous = None
    for x in range(60, 480):  # a line plot, one pixel wide
        y = 200 + int(80 * ((x * 37) % 101 - 50) / 50 * ((x % 60) / 60))
        y = min(max(y, 35), 335)
        if previous is not None:
            for yy in range(min(previous, y), max(previous, y) + 1):
                pixels[yy * width + x] = 0
        previous = y
    return width, height, pixels


def gradient_image():
    width = height = 512
    return width, height, [((x + y) * 255) // (width + height - 2) for y in range(height) for x in range(width)]


def noise_image():
    width = height = 256
    state, pixels = 2026, []
    for _ in range(width * height):
        state = (state * 1664525 + 1013904223) % (1 << 32)
        pixels.append(state >> 24)
    return width, height, pixels


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--photo", required=True, help="a gray PGM photograph for the 1-bit and 16-level images")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for name, make in (("text", text_image), ("chart", chart_image), ("gradient", gradient_image),
                       ("noise", noise_image)):
        write_pgm(os.path.join(args.out_dir, name + ".pgm"), *make())
    width, height, photo = pgm_pixels(args.photo)
    median = sorted(photo)[len(photo) // 2]
    write_pgm(os.path.join(args.out_dir, "onebit-scan.pgm"), width, height, [255 if v >= median else 0 for v in photo])
    write_pgm(os.path.join(args.out_dir, "16-levels.pgm"), width, height, [v // 16 * 17 for v in photo])


if __name__ == "__main__":
    main()
