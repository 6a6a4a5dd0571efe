"""train_mcgsm and train_ride: the trainer's runs, the checkpoints ride-train writes for the same
options, progress, Ctrl-C and exceptions that stop training cleanly, and their errors."""

import json
import os
import pathlib
import shlex
import signal
import threading
import time

import numpy as np
import pytest

import ride
from conftest import TINY_MCGSM, TINY_RIDE, cli_options, model_part, run


def _without_times(value):
    """The metrics without what the clock says (every "*seconds" field, however deep)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if not k.endswith("seconds")}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _metrics(path: pathlib.Path) -> list:
    return [_without_times(json.loads(line)) for line in path.read_text().splitlines()]


def test_mcgsm_checkpoint_and_metrics_are_ride_trains(
        tmp_path: pathlib.Path, tiny_folder: pathlib.Path, bin_dir: pathlib.Path,
        cli_mcgsm_checkpoint: pathlib.Path) -> None:
    seen = []
    result = ride.train_mcgsm(tiny_folder, tmp_path / "m.ckpt.json", metrics=tmp_path / "m.jsonl",
                              progress=seen.append, **TINY_MCGSM)
    assert result.checkpoint == str(tmp_path / "m.ckpt.json")
    assert model_part(tmp_path / "m.ckpt.json") == model_part(cli_mcgsm_checkpoint)
    assert [p.iteration for p in seen] == list(range(1, result.iterations + 1))
    assert all(isinstance(p, ride.McgsmProgress) and p.max_iterations == 6 for p in seen)
    assert [p.validation_bits_per_pixel is not None for p in seen] == [i % 2 == 0 for i in range(1, 7)]
    assert result.validation_bits_per_pixel == json.loads(cli_mcgsm_checkpoint.read_text())["training"][
        "validation_bits_per_pixel"]
    run(bin_dir / "ride-train", "mcgsm", "--train-dir", tiny_folder, *cli_options(TINY_MCGSM), "-q",
        "--metrics", tmp_path / "cli.jsonl", "-o", tmp_path / "cli.ckpt.json")
    assert _metrics(tmp_path / "m.jsonl") == _metrics(tmp_path / "cli.jsonl")
    # The checkpoint says how to train the same model with ride-train.
    command = json.loads((tmp_path / "m.ckpt.json").read_text())["training"]["command"]
    prefix = "ride.train_mcgsm(); as ride-train mcgsm "
    assert command.startswith(prefix)
    args = shlex.split(command[len(prefix):])
    args[args.index("-o") + 1] = str(tmp_path / "again.ckpt.json")
    args[args.index("--metrics") + 1] = str(tmp_path / "again.jsonl")
    run(bin_dir / "ride-train", "mcgsm", *args, "-q")
    assert model_part(tmp_path / "again.ckpt.json") == model_part(tmp_path / "m.ckpt.json")


def test_ride_checkpoints_are_ride_trains(
        tmp_path: pathlib.Path, tiny_folder: pathlib.Path, bin_dir: pathlib.Path) -> None:
    reports = []
    result = ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", checkpoint_dir=tmp_path / "stages",
                             metrics=tmp_path / "r.jsonl", curve=tmp_path / "r.svg", progress=reports.append,
                             **TINY_RIDE)
    run(bin_dir / "ride-train", "ride", "--train-dir", tiny_folder, *cli_options(TINY_RIDE), "-q",
        "--checkpoint-dir", tmp_path / "cli-stages", "--metrics", tmp_path / "cli.jsonl", "-o",
        tmp_path / "cli.ckpt.json")
    assert model_part(tmp_path / "r.ckpt.json") == model_part(tmp_path / "cli.ckpt.json")
    for name in ("stage-01.ckpt.json", "latest.ckpt.json"):
        assert model_part(tmp_path / "stages" / name) == model_part(tmp_path / "cli-stages" / name)
    assert _metrics(tmp_path / "r.jsonl") == _metrics(tmp_path / "cli.jsonl")
    assert (tmp_path / "r.svg").read_text().startswith("<svg")
    assert result.stages_done == len(result.train_bits_per_pixel) == len(result.validation_bits_per_pixel)
    assert 1 <= result.best_stage <= result.stages_done <= 2
    assert result.best_validation_bits_per_pixel == max(result.validation_bits_per_pixel)
    finished = [r for r in reports if r.finished]
    assert [r.stage for r in finished] == list(range(1, result.stages_done + 1))
    assert all(r.validation_bits_per_pixel is not None for r in finished)
    assert all(r.validation_bits_per_pixel is None for r in reports if not r.finished)
    # The trained model compiles and codes.
    model = ride.compile(tmp_path / "r.ckpt.json", verify_patches=1)
    assert model.info.layers == 1 and model.info.hidden == (4,)
    image = ride.read_image(tiny_folder / "crop-0.png")
    assert np.array_equal(ride.decompress(ride.compress(image, model), model), image)


def test_bounded_cells_and_exact_neighbours_train_as_ride_train_does(
        tmp_path: pathlib.Path, tiny_folder: pathlib.Path, bin_dir: pathlib.Path) -> None:
    ride.train_ride(tiny_folder, tmp_path / "b.ckpt.json", bounded_cells=True, exact_neighbours=True, **TINY_RIDE)
    run(bin_dir / "ride-train", "ride", "--train-dir", tiny_folder, *cli_options(TINY_RIDE), "-q",
        "--bounded-cells", "--exact-neighbours", "-o", tmp_path / "cli.ckpt.json")
    assert model_part(tmp_path / "b.ckpt.json") == model_part(tmp_path / "cli.ckpt.json")
    command = json.loads((tmp_path / "b.ckpt.json").read_text())["training"]["command"]
    assert "--bounded-cells" in command and "--exact-neighbours" in command
    assert ride.compile(tmp_path / "b.ckpt.json", verify_patches=1).info.bounded == (True,)


class Stop(Exception):
    pass


def test_a_ride_resume_with_other_settings_is_refused_unless_only_validation_differs_and_is_rebaselined(
        tmp_path: pathlib.Path, tiny_folder: pathlib.Path) -> None:
    def stop_in_stage_2(report: ride.RideProgress) -> None:
        if report.stage == 2:
            raise Stop()

    stages = tmp_path / "stages"
    with pytest.raises(Stop):
        ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", checkpoint_dir=stages, progress=stop_in_stage_2,
                        **TINY_RIDE)
    with pytest.raises(ValueError, match="--hidden: the checkpoint has 4, this run asks for 5"):
        ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", checkpoint_dir=stages, overwrite=True,
                        **dict(TINY_RIDE, hidden=[5]))
    other_validation = dict(TINY_RIDE, validation_patches=TINY_RIDE["validation_patches"] + 1)
    with pytest.raises(ValueError, match="--validation-patches.*--rebaseline-validation"):
        ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", checkpoint_dir=stages, overwrite=True,
                        **other_validation)
    result = ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", checkpoint_dir=stages, overwrite=True,
                             rebaseline_validation=True, **other_validation)
    assert result.stages_done == 2
    latest = json.loads((stages / "latest.ckpt.json").read_text())
    assert latest["train_state"]["settings"]["validation"]["--validation-patches"] == \
        other_validation["validation_patches"]


def _stop_now(report: ride.RideProgress) -> None:
    raise Stop()


def test_an_exception_from_progress_stops_ride_training_at_a_stage_it_resumes_from(
        tmp_path: pathlib.Path, tiny_folder: pathlib.Path, bin_dir: pathlib.Path) -> None:
    def stop_in_stage_2(report: ride.RideProgress) -> None:
        if report.stage == 2:
            raise Stop()

    stages = tmp_path / "stages"
    options = dict(TINY_RIDE)
    with pytest.raises(Stop):
        ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", checkpoint_dir=stages, progress=stop_in_stage_2,
                        **options)
    latest = json.loads((stages / "latest.ckpt.json").read_text())
    assert latest["train_state"]["stages_done"] == 1 and not (stages / "stage-02.ckpt.json").exists()
    assert json.loads((tmp_path / "r.ckpt.json").read_text())["train_state"]["stages_done"] == 1
    # The same call resumes after stage 1 and ends with the uninterrupted run's model.
    ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", checkpoint_dir=stages, overwrite=True, **options)
    run(bin_dir / "ride-train", "ride", "--train-dir", tiny_folder, *cli_options(TINY_RIDE), "-q",
        "-o", tmp_path / "straight.ckpt.json")
    assert model_part(tmp_path / "r.ckpt.json") == model_part(tmp_path / "straight.ckpt.json")
    # Stopped before any stage finished: no checkpoint at all.
    with pytest.raises(Stop):
        ride.train_ride(tiny_folder, tmp_path / "none.ckpt.json", progress=_stop_now, **options)
    assert not (tmp_path / "none.ckpt.json").exists()


def test_ctrl_c_stops_mcgsm_training_with_its_best_checkpoint(
        tmp_path: pathlib.Path, tiny_folder: pathlib.Path) -> None:
    def interrupt_at_3(p: ride.McgsmProgress) -> None:
        if p.iteration == 3:
            os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C does
            time.sleep(5)  # the signal's handler raises KeyboardInterrupt here

    options = dict(TINY_MCGSM, max_iter=1000)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        ride.train_mcgsm(tiny_folder, tmp_path / "m.ckpt.json", metrics=tmp_path / "m.jsonl", progress=interrupt_at_3,
                         **options)
    assert time.monotonic() - start < 4
    assert json.loads((tmp_path / "m.ckpt.json").read_text())["training"]["iterations"] == 3
    assert ride.compile(tmp_path / "m.ckpt.json", verify_patches=1).info.layers == 0


def test_ctrl_c_stops_ride_training_between_batches(tmp_path: pathlib.Path, tiny_folder: pathlib.Path) -> None:
    """No callback: the trainer's own question between batches sees the signal. The stage would take
    minutes; the interrupt ends it within a batch."""
    options = dict(TINY_RIDE, epoch_pixels=100_000_000)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            ride.train_ride(tiny_folder, tmp_path / "r.ckpt.json", **options)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 20
    assert not (tmp_path / "r.ckpt.json").exists()  # no stage had finished


def test_training_errors(tmp_path: pathlib.Path, tiny_folder: pathlib.Path, shared_data: pathlib.Path) -> None:
    out = tmp_path / "m.ckpt.json"
    with pytest.raises(ValueError, match="not neither"):
        ride.train_mcgsm(None, out)
    with pytest.raises(ValueError, match="not both"):
        ride.train_ride(tiny_folder, out, texture=shared_data / "brodatz" / "D73.png")
    out.write_text("{}")
    with pytest.raises(ValueError, match="overwrite=True"):
        ride.train_mcgsm(tiny_folder, out, **TINY_MCGSM)
    with pytest.raises(ValueError, match="WIDTHxHEIGHT"):
        ride.train_mcgsm(tiny_folder, tmp_path / "w.ckpt.json", **dict(TINY_MCGSM, window="4by3"))
    with pytest.raises(ValueError, match="max_iterations"):
        ride.train_mcgsm(tiny_folder, tmp_path / "w.ckpt.json", **dict(TINY_MCGSM, max_iter=0))
    with pytest.raises(OSError):
        ride.train_mcgsm(tmp_path / "no-such-folder", tmp_path / "w.ckpt.json", **TINY_MCGSM)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no .png"):
        ride.train_mcgsm(tmp_path / "empty", tmp_path / "w.ckpt.json", **TINY_MCGSM)
    with pytest.raises(ValueError, match="val-count"):
        ride.train_mcgsm(tiny_folder, tmp_path / "w.ckpt.json", **dict(TINY_MCGSM, val_count=5))
    with pytest.raises(ValueError, match="learning rate per patch size"):
        ride.train_ride(tiny_folder, tmp_path / "w.ckpt.json", **dict(TINY_RIDE, learning_rates=[0.1]))
    with pytest.raises(ValueError, match="hidden"):
        ride.train_ride(tiny_folder, tmp_path / "w.ckpt.json", **dict(TINY_RIDE, hidden=[]))
    with pytest.raises(TypeError, match="callable"):
        ride.train_ride(tiny_folder, tmp_path / "w.ckpt.json", progress=1, **TINY_RIDE)  # type: ignore[arg-type]


def test_texture_training_notes_go_to_the_ride_logger(
        tmp_path: pathlib.Path, shared_data: pathlib.Path, caplog: pytest.LogCaptureFixture) -> None:
    texture = tmp_path / "texture.png"
    ride.write_image(texture, np.ascontiguousarray(ride.read_image(shared_data / "brodatz" / "D73.png")[:96, :96]))
    with caplog.at_level("INFO", logger="ride"):
        result = ride.train_mcgsm(None, tmp_path / "t.ckpt.json", texture=texture,
                                  **{k: v for k, v in TINY_MCGSM.items() if k != "val_count"})
    assert any("15 training regions of 24x24, region 15 validates" in r.getMessage() for r in caplog.records)
    assert "(texture: 4x4 regions, region 15 held out)" in json.loads(
        (tmp_path / "t.ckpt.json").read_text())["training"]["data"]
    assert result.iterations >= 1
