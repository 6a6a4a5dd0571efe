"""ride.Model: built in, from a file, from bytes; what it says about itself; its errors."""

import dataclasses
import pathlib

import pytest

import ride


def test_builtin_default_is_the_first_builtin() -> None:
    names = ride.Model.builtin_names()
    assert names and all(isinstance(n, str) for n in names)
    default = ride.Model.builtin()
    assert default == ride.Model.builtin("default") == ride.Model.builtin(names[0])
    info = default.info
    assert info.builtin_name == names[0]
    assert info.fingerprint == default.fingerprint and len(default.fingerprint) == 32
    assert info.weights_in_place and info.channels == 1
    assert info.parameters > 0 and info.multiply_adds_per_pixel > 0 and info.file_bytes > 0
    assert len(info.hidden) == len(info.extended) == len(info.bounded) == info.layers
    assert "fingerprint=" + default.fingerprint in repr(default)
    assert dataclasses.asdict(info)["components"] == info.components


def test_effort_levels_name_the_models_ride_compress_uses() -> None:
    assert ride.Model.for_effort(2) == ride.Model.builtin()
    default = ride.Model.builtin().info
    assert default.builtin_name == "gray-ride-v1" and default.hidden == (64,) and default.bounded == (True,)
    fastest = ride.Model.for_effort(1).info
    assert fastest.builtin_name == "gray-mcgsm-v2" and fastest.layers == 0 and fastest.bounded == ()
    assert ride.Model.for_effort(3, channels=3).info.channels == 3
    for effort, channels in ((0, 1), (4, 1), (2, 2)):
        with pytest.raises(ride.InvalidArgumentError, match="no built-in model for effort"):
            ride.Model.for_effort(effort, channels)


def test_unknown_builtin_is_named() -> None:
    with pytest.raises(ride.InvalidArgumentError, match="no-such-model"):
        ride.Model.builtin("no-such-model")


def test_file_and_bytes_give_the_same_model(test_data: pathlib.Path, other_model: ride.Model) -> None:
    path = test_data / "api" / "random-mcgsm-5x3.ride"
    data = path.read_bytes()
    assert ride.Model.load(str(path)) == other_model
    assert ride.Model.load(bytes(path)) == other_model
    in_place = ride.Model.from_bytes(data)
    copied = ride.Model.from_bytes(bytearray(data))
    assert in_place == copied == other_model
    assert not copied.info.weights_in_place
    assert other_model.info.builtin_name is None
    assert other_model.info.file_bytes == len(data)
    assert (other_model.info.window_width, other_model.info.window_height) == (5, 3)
    assert other_model != ride.Model.builtin()
    assert len({other_model, ride.Model.from_bytes(data), ride.Model.builtin()}) == 2


def test_model_errors(tmp_path: pathlib.Path, test_data: pathlib.Path) -> None:
    data = (test_data / "api" / "random-mcgsm-5x3.ride").read_bytes()
    with pytest.raises(ride.IoError, match="no-such.ride"):
        ride.Model.load(tmp_path / "no-such.ride")
    with pytest.raises(OSError):
        ride.Model.load(tmp_path / "no-such.ride")
    not_a_model = tmp_path / "image.pgm"
    not_a_model.write_bytes((test_data / "golden" / "bsds300-crop-96x64.pgm").read_bytes())
    with pytest.raises(ride.InvalidArgumentError):
        ride.Model.load(not_a_model)
    with pytest.raises(ride.TruncatedError):
        ride.Model.from_bytes(data[:4])
    with pytest.raises(ride.CorruptError):
        ride.Model.from_bytes(data[: len(data) // 2])
    with pytest.raises(TypeError):
        ride.Model.from_bytes("not bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ride.Model"):
        ride.compress(ride.read_image(test_data / "golden" / "bsds300-crop-96x64.pgm"), "default")  # type: ignore[arg-type]
