"""Every function that takes an image checks it the same way: uint8, (H, W) or (H, W, 1),
C-contiguous, with a ValueError that says what was wrong (TypeError for something that is no
array); nothing is copied."""

import pathlib
from typing import Callable

import numpy as np
import pytest

import ride

GOOD = np.zeros((8, 10), np.uint8)

TAKERS = {
    "compress": lambda image: ride.compress(image),
    "compress_with_stats": lambda image: ride.compress_with_stats(image),
    "cost_map": lambda image: ride.cost_map(image),
    "trust_map": lambda image: ride.trust_map(image),
    "log_likelihood_rate": lambda image: ride.log_likelihood_rate(image),
    "inpaint": lambda image: ride.inpaint(image, np.zeros((8, 10), bool), sweeps=0),
    "sample context": lambda image: ride.sample(None, (8, 10), context=image, context_rows=1),
}

BAD = {
    "float64": (GOOD.astype(np.float64), ValueError, "dtype float64"),
    "int16": (GOOD.astype(np.int16), ValueError, "dtype int16"),
    "bool": (GOOD.astype(bool), ValueError, "dtype bool"),
    "1-D": (np.zeros(10, np.uint8), ValueError, r"shape \(10,\)"),
    "4-D": (np.zeros((2, 2, 1, 1), np.uint8), ValueError, "shape"),
    "colour": (np.zeros((8, 10, 3), np.uint8), ValueError, "colour"),
    "transposed": (np.zeros((10, 8), np.uint8).T, ValueError, "C-contiguous"),
    "strided": (np.zeros((8, 20), np.uint8)[:, ::2], ValueError, "ascontiguousarray"),
    "list": ([[0] * 10] * 8, TypeError, "numpy.ndarray"),
}


@pytest.mark.parametrize("taker", TAKERS.values(), ids=TAKERS.keys())
@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
def test_bad_images_are_refused_clearly(taker: Callable, bad: tuple) -> None:
    array, error, message = bad
    with pytest.raises(error, match=message):
        taker(array)


@pytest.mark.parametrize("taker", TAKERS.values(), ids=TAKERS.keys())
def test_good_images_are_taken(taker: Callable) -> None:
    taker(GOOD)
    taker(GOOD[:, :, np.newaxis])


def test_write_image_checks_its_image(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ValueError, match="dtype float64"):
        ride.write_image(tmp_path / "x.png", GOOD.astype(np.float64))
