"""read_image and write_image: the ride programs' own reader and writers."""

import pathlib

import numpy as np
import pytest

import ride


def test_images_are_read_as_the_programs_read_them(shared_data: pathlib.Path) -> None:
    path = shared_data / "kodak" / "kodim23.png"
    with pytest.raises(ValueError, match="colour"):
        ride.read_image(path)
    image = ride.read_image(str(path), gray=True)
    assert image.dtype == np.uint8 and image.shape == (512, 768) and image.flags.c_contiguous
    assert np.array_equal(ride.read_image(shared_data / "brodatz" / "D73.png"),
                          ride.read_image(shared_data / "brodatz" / "D73.png", gray=True))


def test_written_images_read_back(tmp_path: pathlib.Path, golden_image: np.ndarray) -> None:
    for name in ("a.png", "a.PGM"):
        ride.write_image(tmp_path / name, golden_image)
        assert np.array_equal(ride.read_image(tmp_path / name), golden_image)
    with pytest.raises(ValueError, match="overwrite=True"):
        ride.write_image(tmp_path / "a.png", golden_image)
    ride.write_image(tmp_path / "a.png", golden_image[::-1].copy(), overwrite=True)
    assert np.array_equal(ride.read_image(tmp_path / "a.png"), golden_image[::-1])
    ride.write_image(tmp_path / "b.png", golden_image[:, :, np.newaxis])


def test_image_file_errors(tmp_path: pathlib.Path, golden_image: np.ndarray) -> None:
    with pytest.raises(OSError, match="missing.png"):
        ride.read_image(tmp_path / "missing.png")
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    with pytest.raises(ValueError, match="bad.png"):
        ride.read_image(tmp_path / "bad.png")
    with pytest.raises(ValueError, match="extension|.tif"):
        ride.write_image(tmp_path / "a.tif", golden_image)
    with pytest.raises(OSError):
        ride.write_image(tmp_path / "no-such-dir" / "a.png", golden_image)
    with pytest.raises(TypeError):
        ride.read_image(3)  # type: ignore[arg-type]
