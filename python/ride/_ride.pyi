# Type hints of the extension module ride._ride (python/src/*.cc). The docstrings live in the
# extension (help(ride.compress)); python/tests/test_stub.py checks that this file names every
# function with the extension's parameters.
import os
from typing import Callable, List, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from ride._types import (
    EncodeStats,
    FileInfo,
    McgsmProgress,
    McgsmTrainResult,
    ModelInfo,
    RideProgress,
    RideTrainResult,
)

_Path = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
_Bytes = Union[bytes, bytearray, memoryview]
_Image = npt.NDArray[np.uint8]
_Mask = Union[npt.NDArray[np.uint8], npt.NDArray[np.bool_]]
_Progress = Optional[Callable[[int, int], object]]

def version() -> str: ...
def kernels() -> str: ...
def container_version() -> int: ...
def model_schema_version() -> int: ...
def _status_name(code: int) -> str: ...

class Model:
    @staticmethod
    def builtin(name: Optional[str] = None) -> Model: ...
    @staticmethod
    def builtin_names() -> List[str]: ...
    @staticmethod
    def for_effort(effort: int, channels: int = 1) -> Model: ...
    @staticmethod
    def load(path: _Path) -> Model: ...
    @staticmethod
    def from_bytes(data: _Bytes) -> Model: ...
    @property
    def info(self) -> ModelInfo: ...
    @property
    def fingerprint(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

def compress(
    image: _Image,
    model: Optional[Model] = None,
    *,
    lanes: int = 0,
    threads: int = 1,
    source_format: str = "",
    progress: _Progress = None,
) -> bytes: ...
def compress_with_stats(
    image: _Image,
    model: Optional[Model] = None,
    *,
    lanes: int = 0,
    threads: int = 1,
    source_format: str = "",
    progress: _Progress = None,
) -> Tuple[bytes, EncodeStats]: ...
def decompress(
    data: _Bytes,
    model: Optional[Model] = None,
    *,
    threads: int = 1,
    progress: _Progress = None,
) -> _Image: ...
def file_info(data: _Bytes) -> FileInfo: ...
def cost_map(
    image: _Image, model: Optional[Model] = None, *, progress: _Progress = None
) -> npt.NDArray[np.float32]: ...
def trust_map(
    image: _Image, model: Optional[Model] = None, *, progress: _Progress = None
) -> npt.NDArray[np.uint8]: ...

ADAPTIVE_COMPONENTS: Tuple[str, ...]
TRUST_TIE: int

def log_likelihood_rate(
    image: _Image, model: Optional[Model] = None, *, progress: _Progress = None
) -> float: ...
def sample(
    model: Optional[Model] = None,
    shape: Tuple[int, int] = (64, 64),
    seed: int = 0,
    *,
    context: Optional[_Image] = None,
    context_rows: int = 0,
    context_columns: int = 0,
    threads: int = 1,
    progress: _Progress = None,
) -> _Image: ...
def inpaint(
    image: _Image,
    mask: _Mask,
    model: Optional[Model] = None,
    sweeps: int = 10,
    seed: int = 0,
    *,
    candidates: int = 5,
    threads: int = 1,
    progress: _Progress = None,
) -> _Image: ...
def train_mcgsm(
    train_dir: Optional[_Path],
    output: _Path,
    *,
    texture: Optional[_Path] = None,
    val_count: int = 20,
    held_out_region: int = 15,
    pixels: int = 1000000,
    val_pixels: int = 200000,
    window: str = "9x5",
    components: int = 32,
    scales: int = 4,
    features: int = 32,
    max_iter: int = 1000,
    validate_every: int = 5,
    patience: int = 5,
    threads: int = 0,
    seed: int = 1,
    metrics: Optional[_Path] = None,
    overwrite: bool = False,
    progress: Optional[Callable[[McgsmProgress], object]] = None,
) -> McgsmTrainResult: ...
def train_ride(
    train_dir: Optional[_Path],
    output: _Path,
    *,
    texture: Optional[_Path] = None,
    val_count: int = 20,
    held_out_region: int = 15,
    window: str = "5x3",
    hidden: Sequence[int] = [64],
    extended: bool = False,
    bounded_cells: bool = False,
    exact_neighbours: bool = False,
    components: int = 32,
    scales: int = 4,
    features: int = 32,
    patch_sizes: Optional[Sequence[int]] = None,
    learning_rates: Optional[Sequence[float]] = None,
    momentum: float = 0.9,
    batch_size: int = 50,
    epoch_pixels: Optional[int] = None,
    flips: bool = True,
    max_gradient_norm: Optional[float] = None,
    refit_pixels: int = 200000,
    refit_iterations: int = 100,
    validation_patches: Optional[int] = None,
    validation_patch_size: Optional[int] = None,
    threads: int = 0,
    seed: int = 1,
    checkpoint_dir: Optional[_Path] = None,
    rebaseline_validation: bool = False,
    metrics: Optional[_Path] = None,
    curve: Optional[_Path] = None,
    overwrite: bool = False,
    progress: Optional[Callable[[RideProgress], object]] = None,
) -> RideTrainResult: ...
def compile(
    checkpoint: _Path,
    output: Optional[_Path] = None,
    *,
    verify_images: Optional[_Path] = None,
    verify_patches: int = 8,
    test_bits_per_pixel: Optional[float] = None,
    notes: str = "",
    overwrite: bool = False,
) -> Model: ...
def read_image(path: _Path, *, gray: bool = False) -> _Image: ...
def write_image(path: _Path, image: _Image, *, overwrite: bool = False) -> None: ...
