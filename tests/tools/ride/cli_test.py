#!/usr/bin/env python3
"""The built `ride` program driven as a user drives it: pipes, many files, default names, signals,
exit statuses, names that contradict what is written, and the input formats (docs/cli.md).

    cli_test.py --ride build/host-release/bin/ride [--emulator "qemu-aarch64 -L ..."] [-k PATTERN]

CTest runs each test class as one test, on x86-64 and on aarch64 under qemu.
"""
import argparse
import os
import shlex
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib
from pathlib import Path

RIDE: list = []  # the emulator (if any) and the program
PEAK_MEMORY = ""  # tests/tools/ride/peak_memory.c: runs a command, prints its peak memory
DATA = Path(__file__).resolve().parents[2] / "data"
GOLDEN_PGM = DATA / "golden" / "bsds300-crop-96x64.pgm"
GRAY_JPEG = DATA / "cli" / "bsds300-crop-96x64-gray.jpg"

EXIT_INPUT, EXIT_USAGE, EXIT_IO = 1, 2, 3


def ride(*args, cwd=None, stdin=None, input=None):
    """Runs ride with `args`; returns the completed process (bytes)."""
    return subprocess.run(RIDE + [str(a) for a in args], cwd=cwd, stdin=stdin, input=input,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=1800)


def pgm(width, height, pixels, maxval=255):
    return b"P5\n%d %d\n%d\n" % (width, height, maxval) + bytes(pixels)


def textured(width, height, seed=1):
    """A gray image with some structure and noise, so that it takes the model real work."""
    state = seed
    out = bytearray(width * height)
    for y in range(height):
        for x in range(width):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            out[y * width + x] = ((x * 3 + y * 5) // 4 + (state >> 16) % 23) & 0xFF
    return bytes(out)


def png(width, height, rows, colour_type=0, bit_depth=8, extra_chunks=()):
    """A PNG of `rows` (bytes per row, unfiltered) with chunks (type, data) before IDAT."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + b"".join(chunk(k, d) for k, d in extra_chunks)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def leftovers(folder):
    """Temporary or partial outputs left in `folder`."""
    return sorted(p.name for p in Path(folder).iterdir() if ".ride-tmp-" in p.name)


class CliTestCase(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="ride-cli-")
        self.dir = Path(self._dir.name)

    def tearDown(self):
        self._dir.cleanup()

    def file(self, name, data=None):
        path = self.dir / name
        if data is not None:
            path.write_bytes(data)
        return path

    def assertStatus(self, result, status, message=None):
        self.assertEqual(result.returncode, status, result.stderr.decode(errors="replace"))
        if message is not None:
            self.assertIn(message, result.stderr.decode(errors="replace"))


class Pipes(CliTestCase):
    def test_dash_is_standard_input_and_output_both_ways(self):
        golden = GOLDEN_PGM.read_bytes()
        to_file = ride("compress", GOLDEN_PGM, "-o", self.file("a.rim"), "-q")
        self.assertStatus(to_file, 0)
        piped = ride("compress", "-", "-o", "-", input=golden)
        self.assertStatus(piped, 0)
        # Nothing but the file on stdout: the summary went to stderr.
        self.assertEqual(piped.stdout, self.file("a.rim").read_bytes())
        self.assertIn(b"standard output", piped.stderr)
        # A pipe without -o: standard input gives standard output, as zstd does.
        self.assertEqual(ride("compress", "-", "-q", input=golden).stdout, piped.stdout)
        back = ride("decompress", "-", "-o", "-", input=piped.stdout)
        self.assertStatus(back, 0)
        self.assertEqual(back.stdout, golden)  # the source format (PGM) when the name says nothing
        as_png = ride("decompress", "-", "-o", "-", "--format", "png", input=piped.stdout)
        self.assertEqual(as_png.stdout[:8], b"\x89PNG\r\n\x1a\n")

    def test_a_pipe_that_ends_early_is_a_truncation_error_and_publishes_nothing(self):
        coded = ride("compress", "-", "-o", "-", "-q", input=GOLDEN_PGM.read_bytes()).stdout
        result = ride("decompress", "-", "-o", self.file("out.pgm"), input=coded[: len(coded) // 2])
        self.assertStatus(result, EXIT_INPUT, "standard input")
        self.assertFalse(self.file("out.pgm").exists())
        short_image = GOLDEN_PGM.read_bytes()[:3000]
        result = ride("compress", "-", "-o", self.file("out.rim"), input=short_image)
        self.assertStatus(result, EXIT_INPUT, "standard input")
        self.assertFalse(self.file("out.rim").exists())
        self.assertEqual(leftovers(self.dir), [])

    def peak_kib(self, args, data):
        """Peak resident memory of ride `args` fed `data` on stdin, its output discarded."""
        source = self.file("pipe-input", data)
        with open(source, "rb") as stdin:
            result = subprocess.run([PEAK_MEMORY] + RIDE + args, stdin=stdin, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
        self.assertEqual(result.returncode, 0, result.stderr.decode(errors="replace"))
        return int(result.stderr.decode().splitlines()[-1].split()[1])

    def test_pipes_stream_in_memory_independent_of_the_height(self):
        if not PEAK_MEMORY:
            self.skipTest("no --peak-memory program (under the emulator, its memory hides the program's)")
        width = 256
        peaks = {}
        for height in (512, 8192):
            image = pgm(width, height, textured(width, height))
            # The fastest level: the model does not change how the codec streams.
            coded = ride("compress", "-", "-o", "-", "-q", "--group-rows", "32", "-e", "1", input=image).stdout
            peaks[height] = (self.peak_kib(["compress", "-", "-o", "-", "-q", "--group-rows", "32", "-e", "1"], image),
                             self.peak_kib(["decompress", "-", "-o", "-", "-q"], coded))
        # Sixteen times the rows (2 MiB of pixels, 1.9 MiB more) must not cost half of that more.
        for which, name in enumerate(("compress", "decompress")):
            growth = peaks[8192][which] - peaks[512][which]
            self.assertLess(growth, 1024, f"{name}: {peaks[512][which]} KiB -> {peaks[8192][which]} KiB")


class ManyFiles(CliTestCase):
    def make_inputs(self):
        golden = GOLDEN_PGM.read_bytes()
        self.file("a.pgm", golden)
        width, height = 33, 21
        pixels = textured(width, height, 7)
        rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
        self.file("b.png", png(width, height, rows))
        self.file("bad.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)  # a signature and nothing sound
        self.file("c.pam", b"P7\nWIDTH 4\nHEIGHT 2\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n" + bytes(range(8)))

    def test_each_input_gets_its_default_name_and_one_bad_file_stops_none_of_the_others(self):
        self.make_inputs()
        result = ride("compress", "a.pgm", "b.png", "bad.png", "c.pam", "-q", cwd=self.dir)
        self.assertStatus(result, EXIT_INPUT, "1 of 4 files failed")
        self.assertEqual(result.stderr.decode().count("bad.png"), 1)
        for name in ("a.rim", "b.rim", "c.rim"):
            self.assertTrue(self.file(name).exists(), name)
        self.assertFalse(self.file("bad.rim").exists())
        out = self.dir / "out"
        out.mkdir()
        result = ride("decompress", "a.rim", "b.rim", "c.rim", "--output-dir", out, "-q", cwd=self.dir)
        self.assertStatus(result, 0)
        # Each image comes back in the format it came from, under its own stem.
        self.assertEqual((out / "a.pgm").read_bytes(), GOLDEN_PGM.read_bytes())
        self.assertEqual((out / "c.pam").read_bytes(), self.file("c.pam").read_bytes())
        self.assertEqual((out / "b.png").read_bytes()[:8], b"\x89PNG\r\n\x1a\n")
        self.assertEqual(leftovers(self.dir), [])

    def test_folders_are_walked_with_r_and_several_threads_give_the_same_bytes(self):
        self.make_inputs()
        (self.dir / "bad.png").unlink()
        (self.dir / "sub").mkdir()
        os.replace(self.dir / "b.png", self.dir / "sub" / "b.png")
        refused = ride("compress", self.dir, "-q")
        self.assertStatus(refused, EXIT_USAGE, "pass -r")
        one = self.dir / "one"
        two = self.dir / "two"
        for folder, threads in ((one, "1"), (two, "2")):
            folder.mkdir()
            result = ride("compress", "-r", self.dir / "a.pgm", self.dir / "sub", self.dir / "c.pam",
                          "--output-dir", folder, "-j", threads, "-q")
            self.assertStatus(result, 0)
        names = sorted(p.name for p in one.iterdir())
        self.assertEqual(names, ["a.rim", "b.rim", "c.rim"])
        for name in names:
            self.assertEqual((one / name).read_bytes(), (two / name).read_bytes(), name)

    def test_o_names_the_output_of_one_input_only(self):
        self.make_inputs()
        result = ride("compress", "a.pgm", "c.pam", "-o", "x.rim", cwd=self.dir)
        self.assertStatus(result, EXIT_USAGE, "-o names the output of one input")
        self.assertFalse(self.file("x.rim").exists())


class Signals(CliTestCase):
    """SIGINT, SIGTERM and SIGHUP in the middle of a large image: status 128 + N, nothing left."""

    # Smaller under the emulator, where every pixel costs far more: still mid-image when signalled.
    SIDE = 256 if os.environ.get("RIDE_CLI_EMULATED") == "1" else 512

    def interrupt(self, args, output, signal_number):
        process = subprocess.Popen(RIDE + [str(a) for a in args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # Wait until the temporary output holds bytes: the program is mid-way through the image.
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and process.poll() is None:
            temporaries = [p for p in self.dir.iterdir() if ".ride-tmp-" in p.name]
            if temporaries and any(p.stat().st_size > 0 for p in temporaries if p.exists()):
                break
            time.sleep(0.005)
        self.assertIsNone(process.poll(), "the program finished before it could be interrupted")
        process.send_signal(signal_number)
        process.wait(timeout=600)
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        self.assertEqual(process.returncode, 128 + signal_number, stderr)
        self.assertFalse(Path(output).exists())
        self.assertEqual(leftovers(self.dir), [])

    def test_every_signal_mid_compress_and_mid_decompress(self):
        image = self.file("big.pgm", pgm(self.SIDE, self.SIDE, textured(self.SIDE, self.SIDE, 3)))
        coded = self.file("big.rim")
        self.assertStatus(ride("compress", image, "-o", coded, "-q", "--group-rows", "8"), 0)
        for signal_number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with self.subTest(signal=signal_number.name):
                self.interrupt(["compress", image, "-o", self.dir / "out.rim", "-j", "1", "--group-rows", "8"],
                               self.dir / "out.rim", signal_number)
                self.interrupt(["decompress", coded, "-o", self.dir / "out.pgm", "-j", "1"],
                               self.dir / "out.pgm", signal_number)


class ExitStatuses(CliTestCase):
    def test_each_kind_of_failure_has_its_status(self):
        coded = self.file("a.rim")
        self.assertStatus(ride("compress", GOLDEN_PGM, "-o", coded, "-q"), 0)
        # 1: bad input (a damaged file; a file that is no image).
        damaged = bytearray(coded.read_bytes())
        damaged[len(damaged) // 2] ^= 0x55
        self.assertStatus(ride("decompress", self.file("bad.rim", bytes(damaged)), "-o", self.file("x.pgm")),
                          EXIT_INPUT, "bad.rim")
        self.assertFalse(self.file("x.pgm").exists())
        self.assertStatus(ride("compress", self.file("text.png", b"hello"), "-o", self.file("t.rim")), EXIT_INPUT,
                          "not a PNG, JPEG, PGM, PPM or PAM image")
        # 2: usage (an unknown option, a missing argument, an output that exists without -f).
        self.assertStatus(ride("compress", GOLDEN_PGM, "--no-such-option"), EXIT_USAGE, "see ride compress --help")
        self.assertStatus(ride("decompress"), EXIT_USAGE)
        self.assertStatus(ride("compress", GOLDEN_PGM, "-o", coded), EXIT_USAGE, "exists; use -f to overwrite")
        # 3: I/O (an input that is not there; an output folder that is not there).
        self.assertStatus(ride("compress", self.dir / "none.pgm", "-o", self.file("n.rim")), EXIT_IO,
                          "none.pgm: cannot open")
        self.assertStatus(ride("compress", GOLDEN_PGM, "-o", self.dir / "no" / "such" / "x.rim"), EXIT_IO)
        # 0: --help, --version, help COMMAND.
        self.assertStatus(ride("--version"), 0)
        self.assertIn(b"ride ", ride("--version").stdout)

    def test_unknown_commands_are_named_and_help_takes_a_command(self):
        result = ride("frobnicate")
        self.assertStatus(result, EXIT_USAGE)
        self.assertEqual(result.stderr.decode().strip(), "ride: unknown command 'frobnicate'; see ride --help")
        self.assertStatus(ride(), EXIT_USAGE, "no command given")
        helped = ride("help", "compress")
        self.assertStatus(helped, 0)
        self.assertIn(b"--output-dir", helped.stdout)
        self.assertIn(b"--threads", helped.stdout)
        self.assertStatus(ride("help", "frobnicate"), EXIT_USAGE, "unknown command 'frobnicate'")
        everything = ride("--help-all")
        self.assertStatus(everything, 0)
        for command in (b"compress", b"decompress", b"info", b"eval", b"sample", b"inpaint"):
            self.assertIn(command, everything.stdout)

    def test_the_bash_completion_lists_the_commands_and_their_options(self):
        script = ride("completion", "bash")
        self.assertStatus(script, 0)
        self.assertIn(b"compress", script.stdout)
        self.assertIn(b"--output-dir", script.stdout)
        checked = subprocess.run(["bash", "-n"], input=script.stdout, stderr=subprocess.PIPE)
        self.assertEqual(checked.returncode, 0, checked.stderr)

    def test_errors_name_the_file_once(self):
        result = ride("compress", GOLDEN_PGM, "-o", self.file("x.rim"), "--model", self.dir / "nonexist.ride")
        self.assertStatus(result, EXIT_IO)
        line = result.stderr.decode().strip()
        self.assertEqual(line.count("nonexist.ride"), 1, line)
        self.assertEqual(len(line.splitlines()), 1, line)


class Names(CliTestCase):
    def test_an_extension_that_contradicts_what_is_written_is_refused_unless_forced(self):
        result = ride("compress", GOLDEN_PGM, "-o", self.file("x.png"))
        self.assertStatus(result, EXIT_USAGE, "--force-name")
        self.assertFalse(self.file("x.png").exists())
        self.assertStatus(ride("compress", GOLDEN_PGM, "-o", self.file("x.png"), "--force-name", "-q"), 0)
        self.assertStatus(ride("compress", GOLDEN_PGM, "-o", self.file("x.rim"), "-q"), 0)
        self.assertEqual(self.file("x.png").read_bytes(), self.file("x.rim").read_bytes())
        result = ride("decompress", self.file("x.png"), "-o", self.file("y.rim"))
        self.assertStatus(result, EXIT_USAGE, "--force-name")
        self.assertStatus(ride("decompress", self.file("x.png"), "-o", self.file("y.rim"), "--force-name", "-q"), 0)
        self.assertEqual(self.file("y.rim").read_bytes(), GOLDEN_PGM.read_bytes())  # the source format, PGM
        # Without -o the input must be named .rim, so that the default name is clear.
        self.assertStatus(ride("decompress", self.file("x.png")), EXIT_USAGE, "give one with -o")

    def test_info_describes_compressed_files_and_model_files(self):
        model = Path(__file__).resolve().parents[3] / "models" / "gray-mcgsm-v1.ride"
        self.assertStatus(ride("compress", GOLDEN_PGM, "-o", self.file("a.rim"), "-q"), 0)
        result = ride("info", self.file("a.rim"), model)
        self.assertStatus(result, 0)
        self.assertIn(b"ride compressed image", result.stdout)
        self.assertIn(b"ride model file", result.stdout)
        self.assertIn(b"9ddeed07fbe1b8ab612f1e880eb66619", result.stdout)


class Effort(CliTestCase):
    def test_each_level_codes_with_its_model_and_decoding_needs_no_level(self):
        models = {1: b"gray-mcgsm-v2", 2: b"gray-ride-v1"}
        sizes = {}
        for effort in (1, 2, 3):
            rim = self.file(f"e{effort}.rim")
            self.assertStatus(ride("compress", GOLDEN_PGM, "-e", effort, "-o", rim, "-q"), 0)
            sizes[effort] = rim.stat().st_size
            info = ride("info", rim)
            self.assertStatus(info, 0)
            if effort in models:
                self.assertIn(b"(built-in " + models[effort] + b")", info.stdout)
            self.assertStatus(ride("decompress", rim, "-o", self.file(f"e{effort}.pgm"), "-q"), 0)
            self.assertEqual(self.file(f"e{effort}.pgm").read_bytes(), GOLDEN_PGM.read_bytes())
        self.assertLess(sizes[2], sizes[1])  # RIDE against the MCGSM on a photograph's crop
        self.assertLessEqual(sizes[3], sizes[2])
        self.assertStatus(ride("compress", GOLDEN_PGM, "-o", self.file("d.rim"), "-q"), 0)
        self.assertEqual(self.file("d.rim").read_bytes(), self.file("e2.rim").read_bytes())

    def test_a_level_out_of_range_or_with_a_model_is_a_usage_error(self):
        for args, message in ((("-e", "0"), "--effort: Value 0 not in range 1 to 3"),
                              (("-e", "4"), "--effort: Value 4 not in range 1 to 3"),
                              (("-e", "2", "--model", "gray-mcgsm-v2"), "--model excludes --effort")):
            result = ride("compress", GOLDEN_PGM, *args, "-o", self.file("x.rim"))
            self.assertStatus(result, EXIT_USAGE, message)
            self.assertFalse(self.file("x.rim").exists())
        self.assertStatus(ride("eval", GOLDEN_PGM, "-e", "1", "-q"), 0)


class Inputs(CliTestCase):
    def test_jpeg_input_codes_the_decoded_pixels_and_says_so(self):
        result = ride("compress", GRAY_JPEG, "-o", self.file("j.rim"))
        self.assertStatus(result, 0, "JPEG")
        self.assertStatus(ride("decompress", self.file("j.rim"), "-q"), 0)
        # A JPEG comes back as the PNG of its pixels; as PGM they are the decoder's exactly.
        self.assertTrue(self.file("j.png").exists())
        self.assertStatus(ride("decompress", self.file("j.rim"), "-o", self.file("j.pgm"), "-q"), 0)
        self.assertEqual(self.file("j.pgm").read_bytes(), (DATA / "cli" / "bsds300-crop-96x64-gray.jpg.pgm").read_bytes())

    def test_ppm_and_pam_are_read_and_colour_is_kept_unless_gray_is_asked_for(self):
        rgb = bytes([10, 200, 30, 250, 250, 250, 0, 0, 0, 90, 60, 30])
        ppm = self.file("c.ppm", b"P6\n2 2\n255\n" + rgb)
        self.assertStatus(ride("compress", ppm, "-o", self.file("out.rim"), "-q"), 0)
        self.assertStatus(ride("decompress", self.file("out.rim"), "-q"), 0)
        self.assertEqual(self.file("out.ppm").read_bytes(), b"P6\n2 2\n255\n" + rgb)  # the input's own layout
        self.assertStatus(ride("compress", ppm, "-o", self.file("g.rim"), "--gray", "-q"), 0)
        self.assertStatus(ride("decompress", self.file("g.rim"), "-q"), 0)
        grays = bytes((299 * r + 587 * g + 114 * b + 500) // 1000 for r, g, b in zip(rgb[0::3], rgb[1::3], rgb[2::3]))
        self.assertEqual(self.file("g.pgm").read_bytes(), pgm(2, 2, grays))
        pam = self.file("p.pam", b"P7\nWIDTH 3\nHEIGHT 1\nDEPTH 1\nMAXVAL 15\nTUPLTYPE GRAYSCALE\nENDHDR\n" + bytes([0, 7, 15]))
        self.assertStatus(ride("compress", pam, "-q"), 0)
        self.assertStatus(ride("decompress", self.file("p.rim"), "-o", self.file("back.pam"), "-q"), 0)
        self.assertEqual(self.file("back.pam").read_bytes(), pam.read_bytes())

    def test_what_is_not_coded_yet_is_refused_by_name(self):
        sixteen = self.file("deep.png", png(2, 1, [b"\x01\x02\x03\x04"], bit_depth=16))
        self.assertStatus(ride("compress", sixteen, "-o", self.file("d.rim")), EXIT_INPUT, "16-bit PNG")
        animated = self.file("anim.png", png(2, 1, [b"\x01\x02"], extra_chunks=[(b"acTL", struct.pack(">II", 3, 0))]))
        self.assertStatus(ride("compress", animated, "-o", self.file("a.rim")), EXIT_INPUT, "animated PNG (3 frames)")
        self.assertEqual(leftovers(self.dir), [])

    def test_the_inpainting_mask_must_be_gray_and_the_same_size(self):
        image = self.file("i.pgm", pgm(4, 4, range(0, 160, 10)))
        colour_mask = self.file("m.png", png(4, 4, [bytes(12)] * 4, colour_type=2))
        result = ride("inpaint", image, "--mask", colour_mask, "-o", self.file("o.png"))
        self.assertStatus(result, EXIT_INPUT, "the mask is a colour image")
        small_mask = self.file("s.pgm", pgm(2, 2, [0, 255, 0, 0]))
        result = ride("inpaint", image, "--mask", small_mask, "-o", self.file("o.png"))
        self.assertStatus(result, EXIT_INPUT, "same size")
        self.assertFalse(self.file("o.png").exists())


class Colour(CliTestCase):
    """Colour and alpha files: coded as they are, by the built-in model of their kind."""

    def colour_rows(self, width, height, channels, alpha=None):
        rows = []
        for y in range(height):
            row = bytearray()
            for x in range(width):
                value = textured(1, 1, seed=x * 31 + y * 17 + 1)[0]
                pixel = [value, (value + 40) & 0xFF, (value * 3) & 0xFF][: 3 if channels >= 3 else 1]
                if channels in (2, 4):
                    pixel.append(alpha(x, y))
                row += bytes(pixel)
            rows.append(bytes(row))
        return rows

    def round_trip_png(self, name, width, height, colour_type, channels, alpha=None):
        rows = self.colour_rows(width, height, channels, alpha)
        source = self.file(name + ".png", png(width, height, rows, colour_type=colour_type))
        self.assertStatus(ride("compress", source, "-o", self.file(name + ".rim"), "-q"), 0)
        self.assertStatus(ride("decompress", self.file(name + ".rim"), "-o", self.file(name + ".pam"), "-q"), 0)
        data = self.file(name + ".pam").read_bytes()
        self.assertTrue(data.endswith(b"".join(rows)), name)
        self.assertIn(b"DEPTH %d" % channels, data)
        return self.file(name + ".rim").stat().st_size

    def test_rgb_rgba_and_gray_alpha_pngs_come_back_exactly(self):
        rgb = self.round_trip_png("rgb", 40, 24, 2, 3)
        opaque = self.round_trip_png("opaque", 40, 24, 6, 4, alpha=lambda x, y: 255)
        self.round_trip_png("cutout", 40, 24, 6, 4, alpha=lambda x, y: 255 if (x - 20) ** 2 + (y - 12) ** 2 < 100 else 0)
        self.round_trip_png("gray-alpha", 40, 24, 4, 2, alpha=lambda x, y: 255 if x < 20 else 0)
        self.assertLessEqual(opaque, rgb + 16)  # an opaque alpha: a level set, nothing per pixel

    def test_a_colour_file_and_a_gray_model_are_refused_naming_both(self):
        gray_model = Path(__file__).resolve().parents[3] / "models" / "gray-mcgsm-v1.ride"
        ppm = self.file("c.ppm", b"P6\n2 1\n255\n" + bytes([1, 2, 3, 4, 5, 6]))
        result = ride("compress", ppm, "--model", str(gray_model), "-o", self.file("c.rim"))
        self.assertStatus(result, EXIT_INPUT, "RGB image, but the model")
        self.assertIn("codes gray", result.stderr.decode())
        self.assertFalse(self.file("c.rim").exists())
        result = ride("compress", GOLDEN_PGM, "--model", "rgb-mcgsm-v1", "-o", self.file("g.rim"))
        self.assertStatus(result, EXIT_INPUT, "gray image, but the model rgb-mcgsm-v1 codes colour")

    def test_a_palette_with_transparency_is_coded_exactly_as_rgba_and_says_so(self):
        # A palette with a transparent entry is coded as RGBA samples, and says so.
        palette = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])
        source = self.file("p.png", png(3, 2, [bytes([0, 1, 2]), bytes([2, 1, 0])], colour_type=3,
                                        extra_chunks=[(b"PLTE", palette), (b"tRNS", bytes([255, 0]))]))
        result = ride("compress", source, "-o", self.file("p.rim"))
        self.assertStatus(result, 0, "palette")
        self.assertStatus(ride("decompress", self.file("p.rim"), "-o", self.file("p.pam"), "-q"), 0)
        expected = bytes([255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255, 0, 0, 255, 255, 0, 255, 0, 0, 255, 0, 0, 255])
        self.assertTrue(self.file("p.pam").read_bytes().endswith(expected))

    def test_a_colour_sample_is_a_colour_image(self):
        result = ride("sample", "--model", "rgb-mcgsm-v1", "--size", "24x16", "--seed", "3", "-o", self.file("s.pam"))
        self.assertStatus(result, 0)
        data = self.file("s.pam").read_bytes()
        self.assertIn(b"TUPLTYPE RGB", data)
        again = ride("sample", "--model", "rgb-mcgsm-v1", "--size", "24x16", "--seed", "3", "-o", self.file("t.pam"))
        self.assertStatus(again, 0)
        self.assertEqual(self.file("t.pam").read_bytes(), data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ride", required=True, help="the ride program")
    parser.add_argument("--emulator", default="", help="runs the program (e.g. qemu-aarch64 -L ...)")
    parser.add_argument("--peak-memory", default="", help="tests/tools/ride/peak_memory.c, built (native only)")
    args, rest = parser.parse_known_args()
    RIDE.extend(shlex.split(args.emulator) + [os.path.abspath(args.ride)])
    if args.emulator:
        os.environ["RIDE_CLI_EMULATED"] = "1"
    global PEAK_MEMORY
    PEAK_MEMORY = os.path.abspath(args.peak_memory) if args.peak_memory else ""
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
