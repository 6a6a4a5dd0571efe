#!/usr/bin/env python3
"""Per-image sizes of ride against cjxl -d 0 -e 9 on gray images, with what each adaptive
component alone would have cost, as Markdown tables (docs/results.md, "Adaptive coding").

    bench/adaptive_bench.py --build build/host-release [--baseline-ride OLD/ride] \\
        [--sets lossless-extra synthetic kodak] [--models gray-mcgsm-v1 gray-mcgsm-v2] \\
        [--work build/bench-adaptive] [--jobs 2]

Sets: lossless-extra (../shared/data/lossless-extra, photographs and synthetic images, gray by
BT.601), synthetic (bench/synthetic_images.py, from BSDS300 train image 100075), kodak,
bsds300-test, brodatz. Every ride file is decoded and compared with its image; cjxl's size is
that of `cjxl IMAGE.png OUT.jxl -d 0 -e 9` (when cjxl 0.7 fails an internal check on an image at
-e 9 the table says so and uses -e 7). With --baseline-ride the sizes of another ride build (the
release before the adaptive method) come too. With --models (built-in names or .ride files) every
image is coded with each model, the per-image tables are the first model's, and a summary gives
each set's totals per model: the learned model alone over the level set (`ride eval`'s "learned
alone", a cost) and the adaptive method's files, and how much larger the first model's file of
each image is than each other model's, at worst and at best. Sizes are whole files; bit/px = 8 · bytes / pixels.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")
SETS = {
    "lossless-extra": "lossless-extra",
    "kodak": "kodak",
    "bsds300-test": "bsds300/test",
    "brodatz": "brodatz",
    "synthetic": None,
}
# lossless-extra images that are not photographs (drawn, rendered or test charts).
NOT_PHOTOGRAPHS = {"gray21.512", "ruler.512", "texmos2.s512", "texmos3.s512", "5.1.13", "5.1.14"}
COMPONENTS = ["learned", "matches", "relative", "order4", "order6", "order11"]


def run(command, **kwargs):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    return result.returncode, result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")


def pixels_of(pgm):
    with open(pgm, "rb") as f:
        fields = f.read(64).split()
    return int(fields[1]) * int(fields[2])


def gray_images(args, set_name):
    out = os.path.join(args.work, set_name, "gray")
    os.makedirs(out, exist_ok=True)
    if set_name == "synthetic":
        photo_dir = os.path.join(args.work, "synthetic", "photo")
        os.makedirs(photo_dir, exist_ok=True)
        source = os.path.join(args.work, "synthetic", "source")
        os.makedirs(source, exist_ok=True)
        link = os.path.join(source, "100075.jpg")
        if not os.path.exists(link):
            os.symlink(os.path.abspath(os.path.join(args.data, "bsds300", "train", "100075.jpg")), link)
        subprocess.run([os.path.join(args.build, "bench", "gray_set_tool"), source, photo_dir], check=True)
        subprocess.run([sys.executable, os.path.join(HERE, "synthetic_images.py"), out, "--photo",
                        os.path.join(photo_dir, "100075.pgm")], check=True)
        # cjxl reads PNG: the gray tool writes one beside each PGM it converts.
        subprocess.run([os.path.join(args.build, "bench", "gray_set_tool"), out, out], check=True)
    else:
        folder = os.path.join(args.data, SETS[set_name])
        for root, _, files in os.walk(folder):
            if any(f.lower().endswith((".png", ".jpg", ".jpeg", ".pgm", ".ppm")) for f in files):
                subprocess.run([os.path.join(args.build, "bench", "gray_set_tool"), root, out], check=True)
    return sorted(os.path.join(out, f) for f in os.listdir(out) if f.endswith(".pgm"))


def code_with(args, pgm, model, row, prefix):
    """Compresses and decompresses `pgm` with `model` ("" for the default), checks the pixels, and
    records the file's size and each component's cost alone under `prefix`."""
    stem = os.path.basename(pgm)[:-4]
    work = os.path.join(os.path.dirname(os.path.dirname(pgm)), "out")
    os.makedirs(work, exist_ok=True)
    ride = os.path.join(args.build, "bin", "ride")
    chosen = ["--model", model] if model else []
    tag = "." + os.path.basename(model).replace(".ride", "") if model else ""
    rim, back = os.path.join(work, stem + tag + ".rim"), os.path.join(work, stem + tag + ".back.pgm")
    for command in ([ride, "compress", "-q", "-f", "-j", "1", *chosen, pgm, "-o", rim],
                    [ride, "decompress", "-q", "-f", "-j", "1", rim, "-o", back]):
        code, _, err = run(command)
        if code != 0:
            sys.exit(f"failed: {' '.join(command)}\n{err}")
    with open(pgm, "rb") as a, open(back, "rb") as b:
        if a.read() != b.read():
            sys.exit(f"ride did not give {stem} back")
    row[prefix + "ride"] = os.path.getsize(rim)
    code, out, err = run([ride, "eval", "-q", *chosen, pgm])
    match = re.search(r"adaptive components alone: (.*)", out)
    if code != 0 or not match:
        sys.exit(f"ride eval failed on {stem}: {err}")
    for name, bits in re.findall(r"(\w+) ([0-9.]+) \(weight", match.group(1)):
        row[prefix + name] = float(bits)
    return work


def measure(args, pgm):
    stem = os.path.basename(pgm)[:-4]
    row = {"image": stem, "pixels": pixels_of(pgm)}
    models = args.models or [""]
    for model in models:
        work = code_with(args, pgm, model, row, model + ":")
    for key in list(row):  # the per-image tables show the first model
        if key.startswith(models[0] + ":"):
            row[key[len(models[0]) + 1:]] = row[key]
    if args.baseline_ride:
        old = os.path.join(work, stem + ".old.rim")
        code, _, err = run([args.baseline_ride, "compress", "-q", "-f", "-j", "1", pgm, "-o", old])
        if code != 0:
            sys.exit(f"baseline failed on {stem}: {err}")
        row["baseline"] = os.path.getsize(old)
    png = pgm[:-4] + ".png"
    # cjxl -e 9 is slow and its output depends on the image alone: a file from an earlier run is kept.
    jxl, jxl7 = os.path.join(work, stem + ".jxl"), os.path.join(work, stem + ".e7.jxl")
    row["cjxl_effort"] = 9
    if not os.path.exists(jxl) and not os.path.exists(jxl7):
        partial = os.path.join(work, stem + ".partial.jxl")
        code, _, _ = run(["cjxl", png, partial, "-d", "0", "-e", "9", "--num_threads=0", "--quiet"])
        if code == 0:
            os.replace(partial, jxl)
        else:
            code, _, err = run(["cjxl", png, jxl7, "-d", "0", "-e", "7", "--num_threads=0", "--quiet"])
            if code != 0:
                sys.exit(f"cjxl failed on {stem}: {err}")
    if not os.path.exists(jxl):
        row["cjxl_effort"], jxl = 7, jxl7
    row["cjxl"] = os.path.getsize(jxl)
    return row


def table(title, rows, baseline):
    print(f"\n### {title}\n")
    head = "| image | cjxl -e 9 bit/px | ride bit/px | ride / cjxl |"
    if baseline:
        head += " before (method 1) |"
    head += " " + " | ".join(f"{c} alone" for c in COMPONENTS) + " |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    total = {"pixels": 0, "ride": 0, "cjxl": 0, "baseline": 0}
    for r in rows:
        bpp = lambda b: 8.0 * b / r["pixels"]
        mark = "" if r["cjxl_effort"] == 9 else " (-e 7)"
        line = f"| {r['image']} | {bpp(r['cjxl']):.4f}{mark} | {bpp(r['ride']):.4f} | {r['ride'] / r['cjxl']:.3f} |"
        if baseline:
            line += f" {bpp(r['baseline']):.4f} |"
        line += " " + " | ".join(f"{r.get(c, float('nan')):.4f}" for c in COMPONENTS) + " |"
        print(line)
        for key in total:
            total[key] += r.get(key, 0)
    if rows:
        line = (f"| **total** | {8.0 * total['cjxl'] / total['pixels']:.4f} | {8.0 * total['ride'] / total['pixels']:.4f} | "
                f"**{total['ride'] / total['cjxl']:.3f}** |")
        if baseline:
            line += f" {8.0 * total['baseline'] / total['pixels']:.4f} |"
        comp = [sum(r.get(c, 0) * r["pixels"] for r in rows) / total["pixels"] for c in COMPONENTS]
        print(line + " " + " | ".join(f"{c:.4f}" for c in comp) + " |")


def model_summary(set_rows, models):
    print("\n### Models side by side (totals per set)\n")
    head = "| set | cjxl -e 9 bit/px | " + " | ".join(f"{m} alone | {m} adaptive" for m in models) + " |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for title, rows in set_rows:
        pixels = sum(r["pixels"] for r in rows)
        cjxl = sum(r["cjxl"] for r in rows)
        cells = []
        for m in models:
            alone = sum(r[m + ":learned"] * r["pixels"] for r in rows) / pixels
            files = 8.0 * sum(r[m + ":ride"] for r in rows) / pixels
            cells.append(f"{alone:.4f} | {files:.4f} ({sum(r[m + ':ride'] for r in rows) / cjxl:.3f}×)")
        print(f"| {title} | {8.0 * cjxl / pixels:.4f} | " + " | ".join(cells) + " |")
    if len(models) < 2:
        return
    # Per image: how much larger the first model's file is than each other model's, at worst.
    first = models[0]
    print(f"\n### {first} per image against the other models (bit/px of files; + is larger)\n")
    print("| set | " + " | ".join(f"worst against {m} | best against {m}" for m in models[1:]) + " |")
    print("|" + "---|" * (1 + 2 * (len(models) - 1)))
    for title, rows in set_rows:
        cells = []
        for m in models[1:]:
            diffs = sorted((8.0 * (r[first + ":ride"] - r[m + ":ride"]) / r["pixels"], r["image"]) for r in rows)
            cells += [f"{diffs[-1][1]} {diffs[-1][0]:+.4f}", f"{diffs[0][1]} {diffs[0][0]:+.4f}"]
        print(f"| {title} | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build/host-release")
    parser.add_argument("--baseline-ride", default="")
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--sets", nargs="+", default=["lossless-extra", "synthetic"], choices=list(SETS))
    parser.add_argument("--work", default="build/bench-adaptive")
    parser.add_argument("--models", nargs="+", default=[], help="built-in names or .ride files, each coding every image")
    parser.add_argument("--jobs", type=int, default=2, help="images measured at once (each on one thread)")
    args = parser.parse_args()
    set_rows = []
    for set_name in args.sets:
        images = gray_images(args, set_name)
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            rows = list(pool.map(lambda p: measure(args, p), images))
        if set_name == "lossless-extra":
            set_rows.append(("lossless-extra, photographs (gray)", [r for r in rows if r["image"] not in NOT_PHOTOGRAPHS]))
            set_rows.append(("lossless-extra, drawn and synthetic (gray)", [r for r in rows if r["image"] in NOT_PHOTOGRAPHS]))
        else:
            set_rows.append((set_name + " (gray)", rows))
    for title, rows in set_rows:
        table(title, rows, args.baseline_ride)
    if args.models:
        model_summary(set_rows, args.models)


if __name__ == "__main__":
    main()
