#!/usr/bin/env python3
"""Round trip of every image in ../shared/data through `ride compress --gray` and `ride decompress`,
checked against gray copies made independently (bench/gray_set_tool reads images through the
trainer's decoders). ride reads PNG and PGM: JPEGs go in as those gray copies. Also compares each coded size with the model's own cross-entropy, which
`ride compress` prints on stderr. Too slow for ctest (about 50 million pixels); run it by hand:

    tests/roundtrip_shared_data.py --build build/host-release [--data ../shared/data] [-j 2]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FOLDERS = ["bsds300/train", "bsds300/test", "kodak", "brodatz/usc-sipi", "brodatz"]
SUMMARY = re.compile(r"(\d+) bytes, cost ([\d.]+) bit/px \(model alone ([\d.]+) bit/px\)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/host-release")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    parser.add_argument("-j", "--threads", default="2")
    args = parser.parse_args()
    ride = os.path.join(args.build, "bin", "ride")
    gray_tool = os.path.join(args.build, "bench", "gray_set_tool")
    failures = 0
    print("| folder | images | pixels | ride bit/px | model bit/px | container + coder overhead |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for folder in FOLDERS:
            source = os.path.join(args.data, folder)
            gray = os.path.join(work, folder.replace("/", "_"))
            os.makedirs(gray)
            subprocess.run([gray_tool, source, gray], check=True)
            names = sorted(f for f in os.listdir(source) if f.lower().endswith((".png", ".jpg", ".jpeg", ".pgm")))
            pixels = file_bits = model_bits = 0.0
            for name in names:
                stem = os.path.splitext(name)[0]
                coded = os.path.join(work, stem + ".rim")
                decoded = os.path.join(work, stem + ".out.pgm")
                original = os.path.join(source, name)
                if name.lower().endswith((".jpg", ".jpeg")):
                    original = os.path.join(gray, stem + ".pgm")
                out = subprocess.run([ride, "compress", original, "--gray", "-o", coded, "-f",
                                      "-j", args.threads], capture_output=True, text=True)
                back = subprocess.run([ride, "decompress", coded, "-o", decoded, "-f", "-q", "-j", args.threads],
                                      capture_output=True, text=True)
                with open(os.path.join(gray, stem + ".pgm"), "rb") as f:
                    expected = f.read()
                ok = out.returncode == 0 and back.returncode == 0 and open(decoded, "rb").read() == expected
                if not ok:
                    failures += 1
                    print(f"FAILED: {folder}/{name}: {out.stderr}{back.stderr}", file=sys.stderr)
                    continue
                m = SUMMARY.search(out.stderr)  # the summary goes to stderr
                size, model_bpp = int(m.group(1)), float(m.group(3))
                width, height = map(int, expected.split(b"\n", 2)[1].split())
                n = width * height
                pixels += n
                file_bits += 8 * size
                model_bits += model_bpp * n
                os.remove(coded)
                os.remove(decoded)
            overhead = (file_bits / model_bits - 1) * 100 if model_bits else 0
            print(f"| {folder} | {len(names)} | {pixels:.0f} | {file_bits / pixels:.4f} | {model_bits / pixels:.4f} "
                  f"| {overhead:+.3f}% |", flush=True)
    print(f"\n{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
