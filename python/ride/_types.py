"""The plain records the extension returns: what a model, a compressed file, an encoding or a
training run is, as frozen dataclasses (``dataclasses.asdict`` turns any of them into a dict)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class ModelInfo:
    """What a frozen model is (ride_model_describe): its shapes, size and provenance."""

    builtin_name: Optional[str]
    """The built-in model's name, None for a model from a file or from bytes."""
    fingerprint: str
    """32 hex digits; a compressed file names the model that made it by this."""
    channels: int
    window_width: int
    """The causal neighbourhood: the pixel's row and the rows above, this wide ..."""
    window_height: int
    """... and this high (rows, the pixel's own included)."""
    layers: int
    """Spatial LSTM layers, 0 for an MCGSM on the neighbourhood."""
    hidden: Tuple[int, ...]
    """Hidden units per layer, bottom first."""
    extended: Tuple[bool, ...]
    """Per layer: whether it also reads the neighbouring memory cells."""
    bounded: Tuple[bool, ...]
    """Per layer: whether its memory cells are bounded by construction (|c| <= 1 on any image)."""
    components: int
    scales: int
    features: int
    parameters: int
    """Floats in all weight arrays."""
    multiply_adds_per_pixel: int
    file_bytes: int
    weights_in_place: bool
    """True when the weights are read where the model's bytes are, without a copy."""
    training_data: str
    trainer_version: str
    created: str
    command: str
    notes: str
    validation_bits_per_pixel: Optional[float]
    """The trainer's validation log-likelihood rate (bit/px, higher is better), None if absent."""
    test_bits_per_pixel: Optional[float]


@dataclass(frozen=True)
class FileInfo:
    """What a compressed (.rim) file's header says, known before any pixel is decoded."""

    container_version: int
    width: int
    height: int
    channels: int
    bit_depth: int
    lanes: int
    header_bytes: int
    file_bytes: int
    pixel_checksum: int
    """XXH3-64 of the pixels, checked at the end of decoding."""
    model_fingerprint: str
    builtin_model_name: Optional[str]
    """The built-in model that made the file, None when it is none of them (then pass the model)."""


@dataclass(frozen=True)
class EncodeStats:
    """What compressing an image cost."""

    file_bytes: int
    model_bits: float
    """Sum of -log2 of the coded probabilities: what an ideal coder reaches, and what
    cost_map(image, model).sum() adds up to."""
    lanes: int


@dataclass(frozen=True)
class McgsmProgress:
    """One L-BFGS iteration of train_mcgsm."""

    iteration: int
    max_iterations: int
    evaluations: int
    """Objective and gradient evaluations so far."""
    train_bits_per_pixel: float
    """The training pairs' log-likelihood rate at the current point (bit/px, higher is better)."""
    validation_bits_per_pixel: Optional[float]
    """Measured every validate_every iterations, else None."""
    best_validation_bits_per_pixel: Optional[float]
    best_iteration: int
    elapsed_seconds: float


@dataclass(frozen=True)
class McgsmTrainResult:
    """How train_mcgsm ended; the checkpoint holds the best model on validation."""

    checkpoint: str
    iterations: int
    best_iteration: int
    train_bits_per_pixel: float
    validation_bits_per_pixel: float
    """0 without a validation set."""
    stop_reason: str
    elapsed_seconds: float


@dataclass(frozen=True)
class RideProgress:
    """Progress of train_ride: now and then during a stage's SGD, and once when a stage is done."""

    stage: int
    """The stage, counted from 1."""
    stages: int
    batch: int
    batches: int
    train_bits_per_pixel: float
    """Running mean over the stage so far (bit/px, higher is better)."""
    validation_bits_per_pixel: Optional[float]
    """After the stage's MCGSM refit, when finished; else None."""
    finished: bool
    elapsed_seconds: float
    stage_elapsed_seconds: float


@dataclass(frozen=True)
class RideTrainResult:
    """How train_ride ended; the checkpoint holds the best stage's model."""

    checkpoint: str
    stages_done: int
    best_stage: int
    """Counted from 1."""
    best_validation_bits_per_pixel: float
    train_bits_per_pixel: Tuple[float, ...]
    """Per stage done."""
    validation_bits_per_pixel: Tuple[float, ...]
    stopped_early: bool
    """A stage did not improve on validation, so training ended and kept the stage before it."""
    elapsed_seconds: float
