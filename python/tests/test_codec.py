"""compress, decompress, file_info: lossless, and the same bytes as the ride program both ways."""

import pathlib
import threading
import time

import numpy as np
import pytest

import ride
from conftest import run


def test_golden_file_has_the_same_bytes(golden_image: np.ndarray, golden_rim: bytes) -> None:
    assert ride.compress(golden_image, source_format="pgm") == golden_rim
    decoded = ride.decompress(golden_rim)
    assert decoded.dtype == np.uint8 and decoded.shape == golden_image.shape
    assert decoded.flags.c_contiguous and decoded.flags.writeable
    assert np.array_equal(decoded, golden_image)


def test_bytes_do_not_depend_on_threads_or_layout(golden_image: np.ndarray, golden_rim: bytes) -> None:
    assert ride.compress(golden_image, threads=3, source_format="pgm") == golden_rim
    assert ride.compress(golden_image[:, :, np.newaxis], source_format="pgm") == golden_rim
    assert np.array_equal(ride.decompress(bytearray(golden_rim), threads=2), golden_image)
    assert np.array_equal(ride.decompress(memoryview(golden_rim)), golden_image)


@pytest.mark.parametrize(
    "name", ["bsds300/test/3096.jpg", "kodak/kodim23.png", "brodatz/D73.png"])
def test_real_images_round_trip(shared_data: pathlib.Path, name: str) -> None:
    image = ride.read_image(shared_data / name, gray=True)
    image = np.ascontiguousarray(image[:160])  # the top rows: the test stays short
    data, stats = ride.compress_with_stats(image, lanes=8)
    assert stats.file_bytes == len(data) and stats.lanes == 8
    assert len(data) < image.size  # a photograph compresses
    assert np.array_equal(ride.decompress(data), image)


def test_files_go_both_ways_with_the_ride_program(
        tmp_path: pathlib.Path, bin_dir: pathlib.Path, shared_data: pathlib.Path) -> None:
    source = shared_data / "bsds300" / "test" / "3096.jpg"
    image = ride.read_image(source, gray=True)
    # The program's file decodes here ...
    run(bin_dir / "ride", "compress", source, "--gray", "-q", "-j", "2", "-o", tmp_path / "tool.rim")
    tool_bytes = (tmp_path / "tool.rim").read_bytes()
    assert np.array_equal(ride.decompress(tool_bytes), image)
    # ... the module writes the same bytes, and its file decodes there.
    assert ride.compress(image, source_format="jpeg") == tool_bytes
    (tmp_path / "module.rim").write_bytes(ride.compress(image, lanes=3))
    run(bin_dir / "ride", "decompress", tmp_path / "module.rim", "-q", "-o", tmp_path / "back.pgm")
    assert np.array_equal(ride.read_image(tmp_path / "back.pgm"), image)


def test_file_info_says_what_ride_info_says(
        tmp_path: pathlib.Path, bin_dir: pathlib.Path, golden_rim: bytes) -> None:
    info = ride.file_info(golden_rim)
    assert (info.width, info.height, info.channels, info.bit_depth) == (96, 64, 1, 8)
    assert info.container_version == ride.container_version() == 3
    assert info.file_bytes == len(golden_rim) and info.lanes == 16
    assert info.model_fingerprint == ride.Model.builtin().fingerprint
    assert info.builtin_model_name == ride.Model.builtin().info.builtin_name
    (tmp_path / "golden.rim").write_bytes(golden_rim)
    text = run(bin_dir / "ride", "info", tmp_path / "golden.rim")
    assert f"{info.pixel_checksum:016x}" in text and info.model_fingerprint in text


def test_a_file_made_with_another_model_needs_it(golden_image: np.ndarray, other_model: ride.Model) -> None:
    data = ride.compress(golden_image, other_model)
    info = ride.file_info(data)
    assert info.builtin_model_name is None and info.model_fingerprint == other_model.fingerprint
    with pytest.raises(ride.ModelMismatchError, match=other_model.fingerprint):
        ride.decompress(data)
    with pytest.raises(ride.ModelMismatchError, match=ride.Model.builtin().fingerprint):
        ride.decompress(data, ride.Model.builtin())
    assert np.array_equal(ride.decompress(data, other_model), golden_image)


def _with_header(data: bytes, offset: int, value: bytes) -> bytes:
    """`data` with header bytes changed at `offset` and the header checksum made right again."""
    xxhash = pytest.importorskip("xxhash")
    header_size = int.from_bytes(data[10:14], "little")
    header = bytearray(data[:header_size])
    header[offset:offset + len(value)] = value
    header[-8:] = xxhash.xxh3_64_intdigest(bytes(header[:-8])).to_bytes(8, "little")
    return bytes(header) + data[header_size:]


def test_damaged_files_raise_their_errors(golden_v1_rim: bytes) -> None:
    # Container version 1's checks (version 2's are tested in C, tests/runtime/api/api_test.c).
    with pytest.raises(ride.CorruptError, match="signature"):
        ride.decompress(b"X" + golden_v1_rim[1:])
    damaged = bytearray(golden_v1_rim)
    damaged[20] ^= 1
    with pytest.raises(ride.CorruptError, match="header checksum"):
        ride.file_info(bytes(damaged))
    damaged = bytearray(golden_v1_rim)
    damaged[-1] ^= 0x10
    with pytest.raises(ride.CorruptError, match="pixel checksum"):
        ride.decompress(bytes(damaged))
    with pytest.raises(ride.CorruptError, match="after the last lane"):
        ride.decompress(golden_v1_rim + b"\0")
    for length in (0, 13, 89, len(golden_v1_rim) - 1):
        with pytest.raises(ride.TruncatedError):
            ride.decompress(golden_v1_rim[:length])
    with pytest.raises(ride.UnsupportedError, match="newer"):
        ride.decompress(_with_header(golden_v1_rim, 8, (4).to_bytes(2, "little")))
    with pytest.raises(ride.ResourceExhaustedError):
        ride.file_info(_with_header(golden_v1_rim, 14, (1 << 25).to_bytes(4, "little")))
    with pytest.raises(TypeError, match="bytes-like"):
        ride.decompress("not bytes")  # type: ignore[arg-type]


def test_codec_options_out_of_range(golden_image: np.ndarray, golden_rim: bytes) -> None:
    with pytest.raises(ride.InvalidArgumentError, match="threads"):
        ride.compress(golden_image, threads=0)
    with pytest.raises(ride.InvalidArgumentError, match="threads"):
        ride.compress(golden_image, threads=65)
    with pytest.raises(ride.InvalidArgumentError, match="lanes"):
        ride.compress(golden_image, lanes=1025)
    with pytest.raises(ValueError, match="threads is -1"):
        ride.compress(golden_image, threads=-1)
    with pytest.raises(ride.InvalidArgumentError, match="threads"):
        ride.decompress(golden_rim, threads=0)
    with pytest.raises(ride.InvalidArgumentError):
        ride.compress(np.zeros((0, 5), np.uint8))
    with pytest.raises(ride.ResourceExhaustedError):
        ride.compress(np.zeros((1, (1 << 24) + 1), np.uint8))


def test_progress_is_reported_and_its_exception_stops_the_call(
        photo: np.ndarray, golden_rim: bytes) -> None:
    seen = []
    data = ride.compress(photo, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (photo.shape[0], photo.shape[0])
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop(f"at {done}")

    with pytest.raises(Stop):
        ride.compress(photo, progress=stop)
    with pytest.raises(Stop):
        ride.decompress(data, progress=stop)
    with pytest.raises(TypeError, match="callable"):
        ride.compress(photo, progress=3)  # type: ignore[arg-type]


def test_the_gil_is_released_while_coding(photo: np.ndarray) -> None:
    """Another Python thread runs while compress() codes: the main thread's clock readings fall
    inside the middle of the call, which they could not if the call held the GIL."""
    times = {}

    def work() -> None:
        times["start"] = time.perf_counter()
        ride.compress(photo)
        times["end"] = time.perf_counter()

    worker = threading.Thread(target=work)
    stamps = []
    worker.start()
    while worker.is_alive():
        stamps.append(time.perf_counter())
    worker.join()
    start, end = times["start"], times["end"]
    middle = [t for t in stamps if start + 0.4 * (end - start) < t < start + 0.6 * (end - start)]
    assert middle, f"no Python ran during the middle of a {end - start:.3f} s compress()"
