"""cost_map and log_likelihood_rate: every pixel's coding cost, as `ride eval` gives it."""

import pathlib
import re

import numpy as np
import pytest

import ride
from conftest import run


def test_cost_map_sums_to_the_files_model_cost(photo: np.ndarray, other_model: ride.Model) -> None:
    for model in (None, other_model):
        costs = ride.cost_map(photo, model)
        assert costs.dtype == np.float32 and costs.shape == photo.shape and costs.flags.c_contiguous
        assert (costs > 0).all()
        data, stats = ride.compress_with_stats(photo, model)
        assert costs.sum(dtype=np.float64) == pytest.approx(stats.model_bits, rel=1e-6)
        # The coder comes within 0.2% of the model's own cost (plus the header).
        assert 8 * len(data) < stats.model_bits * 1.002 + 8 * ride.file_info(data).header_bytes


def test_cost_map_is_what_ride_eval_shows(
        tmp_path: pathlib.Path, bin_dir: pathlib.Path, shared_data: pathlib.Path) -> None:
    path = shared_data / "bsds300" / "test" / "3096.jpg"
    image = ride.read_image(path, gray=True)
    text = run(bin_dir / "ride", "eval", path, "--gray", "-q")
    shown = float(re.search(r"([0-9.]+) bit/px", text).group(1))
    assert ride.cost_map(image).mean(dtype=np.float64) == pytest.approx(shown, abs=5e-5)


def test_log_likelihood_rate_is_eight_minus_the_cost(photo: np.ndarray) -> None:
    rate = ride.log_likelihood_rate(photo)
    assert rate == pytest.approx(8 - ride.cost_map(photo).mean(dtype=np.float64), abs=1e-9)
    # BSDS300 3096 (a plane in the sky) codes at about 1.9 bit/px: a rate of about 6.1.
    assert 5.5 < rate < 6.5
    assert ride.log_likelihood_rate(np.full((32, 32), 128, np.uint8)) > rate  # flat is likelier


def test_evaluation_errors_and_progress(photo: np.ndarray) -> None:
    with pytest.raises(ride.InvalidArgumentError):
        ride.cost_map(np.zeros((3, 0), np.uint8))
    with pytest.raises(ride.ResourceExhaustedError):
        ride.log_likelihood_rate(np.zeros((1, (1 << 24) + 1), np.uint8))
    seen = []
    ride.cost_map(photo, progress=lambda done, total: seen.append(done))
    assert seen and seen[-1] == photo.shape[0]

    def stop(done: int, total: int) -> None:
        raise KeyError("stop")

    with pytest.raises(KeyError):
        ride.log_likelihood_rate(photo, progress=stop)


def test_trust_map_names_the_component_the_mixer_trusted(photo: np.ndarray) -> None:
    assert ride.ADAPTIVE_COMPONENTS == ("learned", "matches", "relative", "order4", "order6", "order11")
    trust = ride.trust_map(photo)
    assert trust.dtype == np.uint8 and trust.shape == photo.shape
    valid = (trust < len(ride.ADAPTIVE_COMPONENTS)) | (trust == ride.TRUST_TIE)
    assert valid.all()
    assert (trust == 0).mean() > 0.5  # a photograph: mostly the learned model
    # Two-level stripes: once every component has learned them, all are sure and they tie.
    stripes = np.where((np.arange(64) // 3) % 2 == 1, 200, 20).astype(np.uint8)[np.newaxis, :].repeat(48, axis=0)
    assert (ride.trust_map(stripes)[8:] == ride.TRUST_TIE).mean() > 0.9
