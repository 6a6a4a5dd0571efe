"""compile: a checkpoint to a verified model, the bytes ride-compile writes."""

import pathlib

import numpy as np
import pytest

import ride
from conftest import run


def test_compile_gives_ride_compiles_bytes(
        tmp_path: pathlib.Path, bin_dir: pathlib.Path, cli_mcgsm_checkpoint: pathlib.Path,
        tiny_folder: pathlib.Path) -> None:
    run(bin_dir / "ride-compile", cli_mcgsm_checkpoint, "--verify-patches", 2, "--notes", "n",
        "--test-bits-per-pixel", 3.5, "-o", tmp_path / "tool.ride")
    model = ride.compile(cli_mcgsm_checkpoint, tmp_path / "module.ride", verify_patches=2, notes="n",
                         test_bits_per_pixel=3.5)
    assert (tmp_path / "module.ride").read_bytes() == (tmp_path / "tool.ride").read_bytes()
    assert model == ride.Model.load(tmp_path / "tool.ride")
    info = model.info
    assert (info.window_width, info.window_height, info.components, info.layers) == (5, 3, 2, 0)
    assert info.notes == "n" and info.test_bits_per_pixel == 3.5
    assert info.training_data == str(tiny_folder) and info.validation_bits_per_pixel is not None
    # The compiled model codes images.
    image = ride.read_image(tiny_folder / "crop-0.png")
    assert np.array_equal(ride.decompress(ride.compress(image, model), model), image)
    # Without an output nothing is written; verification images may be named.
    assert ride.compile(cli_mcgsm_checkpoint, verify_images=tiny_folder, verify_patches=1) == model


def test_compile_errors(tmp_path: pathlib.Path, cli_mcgsm_checkpoint: pathlib.Path) -> None:
    with pytest.raises(ValueError, match="verify_images="):
        ride.compile(cli_mcgsm_checkpoint, verify_images=tmp_path / "none")
    with pytest.raises(ValueError, match="1..1000"):
        ride.compile(cli_mcgsm_checkpoint, verify_patches=0)
    (tmp_path / "exists.ride").write_bytes(b"")
    with pytest.raises(ValueError, match="overwrite=True"):
        ride.compile(cli_mcgsm_checkpoint, tmp_path / "exists.ride")
    (tmp_path / "bad.ckpt.json").write_text('{"format": "ride-checkpoint", "version": 9, "model": "mcgsm"}')
    with pytest.raises(RuntimeError, match="version"):
        ride.compile(tmp_path / "bad.ckpt.json")
    with pytest.raises(OSError, match="missing.ckpt.json: No such file"):
        ride.compile(tmp_path / "missing.ckpt.json")
    with pytest.raises(OSError):
        ride.compile(cli_mcgsm_checkpoint, tmp_path / "no-such-dir" / "m.ride", verify_patches=1)
