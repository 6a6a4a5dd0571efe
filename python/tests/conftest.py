"""Shared fixtures of the Python module's tests.

CTest runs these files with PYTHONPATH at the build's python/ folder and RIDE_BIN_DIR at its bin/
(the ride programs), RIDE_SHARED_DATA_DIR at ../shared/data. By hand:

    PYTHONPATH=build/host-release/python RIDE_BIN_DIR=build/host-release/bin \\
        /usr/bin/python3 -m pytest python/tests
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from typing import List

import numpy as np
import pytest

import ride

REPO = pathlib.Path(__file__).resolve().parents[2]


def _env_path(name: str, default: pathlib.Path) -> pathlib.Path:
    value = os.environ.get(name)
    return pathlib.Path(value) if value else default


@pytest.fixture(scope="session")
def shared_data() -> pathlib.Path:
    path = _env_path("RIDE_SHARED_DATA_DIR", REPO.parent / "shared" / "data")
    if not (path / "bsds300").is_dir():
        pytest.fail(f"{path}: no shared data (set RIDE_SHARED_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def test_data() -> pathlib.Path:
    return REPO / "tests" / "data"


@pytest.fixture(scope="session")
def golden_image(test_data: pathlib.Path) -> np.ndarray:
    return ride.read_image(test_data / "golden" / "bsds300-crop-96x64.pgm")


@pytest.fixture(scope="session")
def golden_v1_rim(test_data: pathlib.Path) -> bytes:
    """What 0.1.0 wrote for the golden crop: container version 1, which every release reads."""
    return (test_data / "golden" / "bsds300-crop-96x64.rim").read_bytes()


@pytest.fixture(scope="session")
def golden_rim(test_data: pathlib.Path) -> bytes:
    """What this release writes for the golden crop (tests/data/golden/README.md): a PGM's pixels."""
    return (test_data / "golden" / "bsds300-crop-96x64.v3.rim").read_bytes()


@pytest.fixture(scope="session")
def other_model(test_data: pathlib.Path) -> ride.Model:
    """A model with random weights that is not built in (tests/data/api/README.md)."""
    return ride.Model.load(test_data / "api" / "random-mcgsm-5x3.ride")


@pytest.fixture(scope="session")
def photo(shared_data: pathlib.Path) -> np.ndarray:
    """A real photograph, gray: BSDS300 test 3096 (481 x 321)."""
    return ride.read_image(shared_data / "bsds300" / "test" / "3096.jpg", gray=True)


@pytest.fixture(scope="session")
def bin_dir() -> pathlib.Path:
    path = _env_path("RIDE_BIN_DIR", REPO / "build" / "host-release" / "bin")
    if not (path / "ride").is_file():
        pytest.fail(f"{path}: no ride program (set RIDE_BIN_DIR to the build's bin/)")
    return path


def run(program: pathlib.Path, *args: object) -> str:
    """Runs a ride program; fails the test with its stderr unless it exits with 0."""
    command: List[str] = [str(program)] + [str(a) for a in args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited with {done.returncode}: {done.stderr}")
    return done.stdout


@pytest.fixture(scope="session")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory, shared_data: pathlib.Path) -> pathlib.Path:
    """Five 64 x 64 gray crops of BSDS300 training images: enough for a training run of seconds
    (the last one validates with val_count=1)."""
    folder = tmp_path_factory.mktemp("tiny-images")
    for i, path in enumerate(sorted((shared_data / "bsds300" / "train").glob("*.jpg"))[:5]):
        image = ride.read_image(path, gray=True)
        ride.write_image(folder / f"crop-{i}.png", np.ascontiguousarray(image[100:164, 100:164]))
    return folder


# The tiny MCGSM, as ride-train options and as train_mcgsm() keywords.
TINY_MCGSM = dict(val_count=1, pixels=3000, val_pixels=1000, window="5x3", components=2, scales=2, features=2,
                  max_iter=6, validate_every=2, threads=1, seed=3)


def cli_options(options: dict) -> List[str]:
    """{"max_iter": 6, "hidden": [4, 4]} -> ["--max-iter", "6", "--hidden", "4", "4"]."""
    args: List[str] = []
    for key, value in options.items():
        args.append("--" + key.replace("_", "-"))
        args += [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    return args


# The tiny RIDE: two short stages on small patches.
TINY_RIDE = dict(val_count=1, window="5x3", hidden=[4], components=2, scales=2, features=2,
                 patch_sizes=[6, 8], learning_rates=[0.1, 0.05], batch_size=4, epoch_pixels=1000, refit_pixels=1000,
                 refit_iterations=3, validation_patches=2, validation_patch_size=16, threads=1, seed=2)


def model_part(checkpoint: pathlib.Path) -> dict:
    """A checkpoint's JSON without what says how and when it was made (training.command, date)."""
    data = json.loads(checkpoint.read_text())
    data["training"].pop("command")
    data["training"].pop("date")
    return data


@pytest.fixture(scope="session")
def cli_mcgsm_checkpoint(tmp_path_factory: pytest.TempPathFactory, tiny_folder: pathlib.Path,
                         bin_dir: pathlib.Path) -> pathlib.Path:
    """The tiny MCGSM trained by ride-train."""
    path = tmp_path_factory.mktemp("cli-mcgsm") / "mcgsm.ckpt.json"
    run(bin_dir / "ride-train", "mcgsm", "--train-dir", tiny_folder, *cli_options(TINY_MCGSM), "-q", "-o", path)
    return path
