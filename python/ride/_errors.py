"""The exceptions of ride's runtime: one class per ride.h status (docs/api.md, "Functions and their errors").

A failing runtime call raises the class of its status with the runtime's own message, for example
``ModelMismatchError("ride_decoder_decode: the file was compressed with model 9ddeed07... but the
loaded model is e4c1...")``. Every class derives from :class:`RideError`; the ones that mean what a
standard exception means derive from it too, so ``except ValueError`` catches a bad argument and
``except OSError`` a refused read.

The trainer, the compiler and the image files raise standard exceptions instead: ``ValueError`` for
bad options and unreadable image content, ``OSError`` when the system refuses a file,
``RuntimeError`` for the rest (with the trainer's message, which names the field).
"""

from __future__ import annotations

from typing import Dict, Type


class RideError(Exception):
    """A ride runtime call failed. ``code`` is its ride_status value, ``status`` its name."""

    code: int = -1
    status: str = "unknown"


class InvalidArgumentError(RideError, ValueError):
    """RIDE_INVALID_ARGUMENT: a value out of range, such as a side of 0 or too many threads."""

    code = 1
    status = "invalid argument"


class TruncatedError(RideError):
    """RIDE_TRUNCATED: the input ended before the data it announced."""

    code = 2
    status = "truncated"


class CorruptError(RideError):
    """RIDE_CORRUPT: bytes inconsistent with the format, or a failed pixel checksum."""

    code = 3
    status = "corrupt"


class UnsupportedError(RideError):
    """RIDE_UNSUPPORTED: a valid file this version cannot handle (a newer version, another layout)."""

    code = 4
    status = "unsupported"


class ModelMismatchError(RideError):
    """RIDE_MODEL_MISMATCH: a compressed file made with another model (both fingerprints named)."""

    code = 5
    status = "model mismatch"


class ResourceExhaustedError(RideError):
    """RIDE_RESOURCE_EXHAUSTED: a size beyond a limit, refused before allocating, or no memory."""

    code = 6
    status = "resource exhausted"


class IoError(RideError, OSError):
    """RIDE_IO_ERROR: the operating system refused a read."""

    code = 7
    status = "i/o error"


class InternalError(RideError):
    """RIDE_INTERNAL: a broken invariant inside ride, a bug: please report it."""

    code = 8
    status = "internal error"


class BufferTooSmallError(RideError):
    """RIDE_BUFFER_TOO_SMALL: memory or pixels smaller than needed."""

    code = 9
    status = "buffer too small"


class CallbackFailedError(RideError):
    """RIDE_CALLBACK_FAILED: a callback stopped the call (one of ride's own, not a Python one:
    an exception raised by a Python callback is re-raised as itself)."""

    code = 10
    status = "callback failed"


_BY_CODE: Dict[int, Type[RideError]] = {
    cls.code: cls
    for cls in (
        InvalidArgumentError,
        TruncatedError,
        CorruptError,
        UnsupportedError,
        ModelMismatchError,
        ResourceExhaustedError,
        IoError,
        InternalError,
        BufferTooSmallError,
        CallbackFailedError,
    )
}


def _error_class(code: int) -> Type[RideError]:
    """The class the extension raises for ride_status `code` (RideError for unknown codes)."""
    return _BY_CODE.get(code, RideError)
