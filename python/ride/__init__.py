"""ride: a learned lossless image codec and generative image model (RIDE: spatial LSTMs and a
mixture of conditional Gaussian scale mixtures, Theis & Bethge 2015), for NumPy.

    import ride
    image = ride.read_image("photo.png", gray=True)     # uint8, shape (H, W)
    data = ride.compress(image)                          # the bytes `ride compress` writes
    assert (ride.decompress(data) == image).all()
    bits = ride.cost_map(image)                          # float32 bits per pixel, as `ride eval --map`

Images are uint8 NumPy arrays of shape (H, W), C-contiguous, read where they lie; results are new
arrays. Long calls release the GIL. Errors from the runtime are ride.RideError subclasses carrying
its message. docs/python.md has the whole API; every function's docstring says what it does.
"""

from ride._errors import (
    BufferTooSmallError,
    CallbackFailedError,
    CorruptError,
    InternalError,
    InvalidArgumentError,
    IoError,
    ModelMismatchError,
    ResourceExhaustedError,
    RideError,
    TruncatedError,
    UnsupportedError,
)
from ride._types import (
    EncodeStats,
    FileInfo,
    McgsmProgress,
    McgsmTrainResult,
    ModelInfo,
    RideProgress,
    RideTrainResult,
)
from ride._ride import (
    ADAPTIVE_COMPONENTS,
    TRUST_TIE,
    Model,
    compile,
    compress,
    compress_with_stats,
    container_version,
    cost_map,
    decompress,
    file_info,
    inpaint,
    kernels,
    log_likelihood_rate,
    model_schema_version,
    read_image,
    sample,
    train_mcgsm,
    train_ride,
    trust_map,
    version,
    write_image,
)

__version__: str = version()

__all__ = [
    "ADAPTIVE_COMPONENTS",
    "TRUST_TIE",
    "BufferTooSmallError",
    "CallbackFailedError",
    "CorruptError",
    "EncodeStats",
    "FileInfo",
    "InternalError",
    "InvalidArgumentError",
    "IoError",
    "McgsmProgress",
    "McgsmTrainResult",
    "Model",
    "ModelInfo",
    "ModelMismatchError",
    "ResourceExhaustedError",
    "RideError",
    "RideProgress",
    "RideTrainResult",
    "TruncatedError",
    "UnsupportedError",
    "compile",
    "compress",
    "compress_with_stats",
    "container_version",
    "cost_map",
    "decompress",
    "file_info",
    "inpaint",
    "kernels",
    "log_likelihood_rate",
    "model_schema_version",
    "read_image",
    "sample",
    "train_mcgsm",
    "train_ride",
    "trust_map",
    "version",
    "write_image",
]
