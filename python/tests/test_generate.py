"""sample and inpaint: reproducible from the seed, the same pixels as `ride sample` and
`ride inpaint`."""

import pathlib

import numpy as np
import pytest

import ride
from conftest import run


def test_samples_are_reproducible_and_those_of_ride_sample(
        tmp_path: pathlib.Path, bin_dir: pathlib.Path) -> None:
    image = ride.sample(None, (24, 32), 7)
    assert image.dtype == np.uint8 and image.shape == (24, 32)
    assert np.array_equal(ride.sample(ride.Model.builtin(), (24, 32), seed=7, threads=2), image)
    assert not np.array_equal(ride.sample(None, (24, 32), 8), image)
    run(bin_dir / "ride", "sample", "--size", "32x24", "--seed", 7, "-q", "-o", tmp_path / "s.pgm")
    assert np.array_equal(ride.read_image(tmp_path / "s.pgm"), image)


def test_a_sample_keeps_its_context(golden_image: np.ndarray) -> None:
    image = ride.sample(None, golden_image.shape, 3, context=golden_image, context_rows=10, context_columns=5)
    assert np.array_equal(image[:10], golden_image[:10])
    assert np.array_equal(image[:, :5], golden_image[:, :5])
    assert not np.array_equal(image, golden_image)


def test_sample_errors() -> None:
    for shape in ((0, 4), (4, 65536), (4,), "4x4", (4.0, 4), (True, 4)):
        with pytest.raises(ValueError, match="shape"):
            ride.sample(None, shape)  # type: ignore[arg-type]
    assert ride.sample(None, (np.int64(3), 4)).shape == (3, 4)
    with pytest.raises(ValueError, match="context image"):
        ride.sample(None, (4, 4), context_rows=1)
    with pytest.raises(ValueError, match="context_rows and/or"):
        ride.sample(None, (4, 4), context=np.zeros((4, 4), np.uint8))
    with pytest.raises(ValueError, match="same"):
        ride.sample(None, (4, 4), context=np.zeros((4, 5), np.uint8), context_rows=1)
    with pytest.raises(ValueError, match="exceeds"):
        ride.sample(None, (4, 4), context=np.zeros((4, 4), np.uint8), context_rows=5)
    with pytest.raises(ride.InvalidArgumentError, match="threads"):
        ride.sample(None, (4, 4), threads=0)
    for seed in (-1, 2**64, 1.5, "7"):
        with pytest.raises(ValueError, match="seed"):
            ride.sample(None, (4, 4), seed=seed)  # type: ignore[arg-type]
    assert ride.sample(None, (4, 4), seed=2**64 - 1).shape == (4, 4)


def test_inpainting_fills_only_the_mask_as_ride_inpaint_does(
        tmp_path: pathlib.Path, bin_dir: pathlib.Path, golden_image: np.ndarray) -> None:
    mask = np.zeros(golden_image.shape, bool)
    mask[20:36, 30:50] = True
    before = golden_image.copy()
    filled = ride.inpaint(golden_image, mask, None, 3, 5)
    assert np.array_equal(golden_image, before)  # the input is not changed
    assert np.array_equal(filled[~mask], golden_image[~mask])
    assert (filled[mask] != golden_image[mask]).any()
    assert np.array_equal(ride.inpaint(golden_image, mask.astype(np.uint8) * 255, sweeps=3, seed=5, threads=2), filled)
    ride.write_image(tmp_path / "image.pgm", golden_image)
    ride.write_image(tmp_path / "mask.pgm", mask.astype(np.uint8) * 255)
    run(bin_dir / "ride", "inpaint", tmp_path / "image.pgm", "--mask", tmp_path / "mask.pgm", "--sweeps", 3,
        "--seed", 5, "-q", "-o", tmp_path / "filled.pgm")
    assert np.array_equal(ride.read_image(tmp_path / "filled.pgm"), filled)
    sweeps = []
    ride.inpaint(golden_image, mask, sweeps=2, progress=lambda done, total: sweeps.append((done, total)))
    assert sweeps == [(1, 2), (2, 2)]


def test_inpaint_errors(golden_image: np.ndarray) -> None:
    mask = np.zeros(golden_image.shape, bool)
    with pytest.raises(ValueError, match="same size"):
        ride.inpaint(golden_image, mask[:-1])
    with pytest.raises(ValueError, match="dtype float32"):
        ride.inpaint(golden_image, mask.astype(np.float32))
    with pytest.raises(ride.InvalidArgumentError, match="sweeps"):
        ride.inpaint(golden_image, mask, sweeps=100001)
    with pytest.raises(ride.InvalidArgumentError, match="candidates"):
        ride.inpaint(golden_image, mask, candidates=0)
    with pytest.raises(ValueError, match="sweeps is -1"):
        ride.inpaint(golden_image, mask, sweeps=-1)
