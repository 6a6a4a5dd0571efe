"""A notebook in a file: train a tiny RIDE model on a few photographs, freeze it, compress an image
with it and with the built-in model, and look at where the bits go.

    PYTHONPATH=build/host-release/python python3 examples/python/train_and_compress.py \\
        [--data ../shared/data] [--out DIR]

(or, after `pip install .`, plain `python examples/python/train_and_compress.py`). Cells are marked
`# %%`, so editors that know them (VS Code, Spyder, Jupyter through jupytext) run it cell by cell.
It takes some seconds: the model is far too small to be good, which is not the point. With
matplotlib installed it draws the image beside its cost map (cost-map.png); without, it writes the
cost map as a gray image.
"""

# %% Setup: where the images are and where the results go.
import argparse
import pathlib
import tempfile
import time

import numpy as np

import ride

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--data", type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parents[3] / "shared" / "data",
                    help="the shared image data (BSDS300 train, Kodak)")
parser.add_argument("--out", type=pathlib.Path, default=None, help="folder for the results (default: a new one)")
args = parser.parse_args()
out = args.out or pathlib.Path(tempfile.mkdtemp(prefix="ride-example-"))
out.mkdir(parents=True, exist_ok=True)
print(f"ride {ride.__version__}, {ride.kernels()} kernels; results in {out}")

# %% Data: gray 96 x 96 crops of ten BSDS300 training images; the last one validates.
train_dir = out / "train"
train_dir.mkdir(exist_ok=True)
for i, path in enumerate(sorted((args.data / "bsds300" / "train").glob("*.jpg"))[:10]):
    image = ride.read_image(path, gray=True)  # the pixels `ride compress --gray` would code
    top, left = (image.shape[0] - 96) // 2, (image.shape[1] - 96) // 2
    ride.write_image(train_dir / f"crop-{i:02d}.png", np.ascontiguousarray(image[top:top + 96, left:left + 96]),
                     overwrite=True)

# %% Train: a one-layer RIDE with 8 hidden units, two short stages (the paper's recipe, shrunk).
def show(report: ride.RideProgress) -> None:
    if report.finished:
        print(f"stage {report.stage}/{report.stages}: train {report.train_bits_per_pixel:.3f}, "
              f"validation {report.validation_bits_per_pixel:.3f} bit/px")


start = time.monotonic()
result = ride.train_ride(train_dir, out / "tiny.ckpt.json", val_count=1, hidden=[8], components=4, scales=2,
                         features=4, patch_sizes=[8, 12], learning_rates=[0.5, 0.1], batch_size=10,
                         epoch_pixels=20_000, refit_pixels=10_000, refit_iterations=20, validation_patches=4,
                         validation_patch_size=32, checkpoint_dir=out / "stages", overwrite=True, progress=show)
print(f"trained {result.stages_done} stages in {time.monotonic() - start:.1f} s; best validation "
      f"{result.best_validation_bits_per_pixel:.3f} bit/px (log-likelihood rate, higher is better)")

# %% Freeze: the checkpoint becomes a model the runtime runs (verified against the trainer).
model = ride.compile(out / "tiny.ckpt.json", out / "tiny.ride", overwrite=True, verify_patches=2)
print(model, f"{model.info.parameters} parameters, {model.info.multiply_adds_per_pixel} multiply-adds per pixel")

# %% Compress a test image with the tiny model and with the built-in one; both decode exactly.
image = ride.read_image(args.data / "kodak" / "kodim23.png", gray=True)  # the parrots
image = np.ascontiguousarray(image[60:220, 260:500])
for name, m in (("tiny", model), ("built-in", ride.Model.builtin())):
    data, stats = ride.compress_with_stats(image, m)
    assert np.array_equal(ride.decompress(data, m), image)
    print(f"{name:>8}: {len(data)} bytes, {8 * len(data) / image.size:.3f} bit/px "
          f"(model {stats.model_bits / image.size:.3f}; rate {ride.log_likelihood_rate(image, m):.3f})")

# %% Where the bits go: every pixel's cost under the built-in model, as `ride eval --map` shows it.
costs = ride.cost_map(image)
print(f"cost map: mean {costs.mean():.3f}, max {costs.max():.2f} bit/px; the costliest 10% of the pixels "
      f"take {np.sort(costs, axis=None)[-costs.size // 10:].sum() / costs.sum():.0%} of the bits")
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
    left.imshow(image, cmap="gray", vmin=0, vmax=255)
    left.set_title("image")
    shown = right.imshow(costs, cmap="magma", vmax=np.percentile(costs, 99.5))  # a few outliers aside
    right.set_title("bits per pixel")
    figure.colorbar(shown, ax=right)
    for axis in (left, right):
        axis.axis("off")
    figure.savefig(out / "cost-map.png", dpi=100, bbox_inches="tight")
    print(f"drew {out / 'cost-map.png'}")
except ImportError:
    scaled = np.clip(costs / max(float(costs.max()), 1e-9) * 255, 0, 255).astype(np.uint8)
    ride.write_image(out / "cost-map.png", scaled, overwrite=True)
    print(f"matplotlib is not installed: wrote the cost map as a gray image, {out / 'cost-map.png'}")

# %% And the model as a generative model: a sample, and a hole filled in.
sample = ride.sample(model, (48, 48), seed=1)
mask = np.zeros(image.shape, bool)
mask[60:92, 100:132] = True
filled = ride.inpaint(image, mask, sweeps=2, seed=1)
ride.write_image(out / "sample.png", sample, overwrite=True)
ride.write_image(out / "inpainted.png", filled, overwrite=True)
print(f"wrote {out / 'sample.png'} and {out / 'inpainted.png'}")
