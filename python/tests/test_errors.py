"""ride.RideError and its subclasses: one per ride.h status, named as the runtime names them."""

import pytest

import ride
from ride import _errors, _ride


def test_every_status_has_its_class_with_the_runtime_name() -> None:
    classes = [
        ride.InvalidArgumentError, ride.TruncatedError, ride.CorruptError, ride.UnsupportedError,
        ride.ModelMismatchError, ride.ResourceExhaustedError, ride.IoError, ride.InternalError,
        ride.BufferTooSmallError, ride.CallbackFailedError,
    ]
    assert [cls.code for cls in classes] == list(range(1, 11))
    for cls in classes:
        assert issubclass(cls, ride.RideError)
        assert cls.status == _ride._status_name(cls.code)
        assert _errors._error_class(cls.code) is cls
    assert _errors._error_class(99) is ride.RideError


def test_standard_meanings_are_standard_exceptions() -> None:
    assert issubclass(ride.InvalidArgumentError, ValueError)
    assert issubclass(ride.IoError, OSError)
    assert not issubclass(ride.CorruptError, ValueError)


def test_a_runtime_error_carries_the_runtime_message(golden_rim: bytes) -> None:
    with pytest.raises(ride.CorruptError, match=r"^ride_decoder_open_memory: .*signature") as caught:
        ride.decompress(b"X" + golden_rim[1:])
    assert caught.value.status == "corrupt"
