"""Builds the extension ride._ride with CMake (the target ride_python of python/CMakeLists.txt) for
`pip install .`; everything else about the package is in pyproject.toml.

The CMake build lives in setuptools' build_temp and is kept between installs, so a second install
rebuilds only what changed. Its options: the module only (no tests, benchmarks, programs or MPI:
the module trains in one process), a Release build for the interpreter that runs pip;
RIDE_PYTHON_CMAKE_ARGS adds more (for example "-DRIDE_TRAINER_NATIVE=ON"),
CMAKE_BUILD_PARALLEL_LEVEL sets the build's jobs.
"""

import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DRIDE_BUILD_PYTHON=ON", "-DRIDE_BUILD_TESTS=OFF", "-DRIDE_BUILD_BENCH=OFF",
            "-DRIDE_BUILD_TOOLS=OFF", "-DRIDE_INSTALL=OFF", "-DRIDE_WITH_MPI=OFF",
            f"-DPython3_EXECUTABLE={sys.executable}",
        ]
        if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("RIDE_PYTHON_CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "ride_python", "--parallel", jobs],
                       check=True)
        built = build_dir / "python" / "ride" / ("_ride" + sysconfig.get_config_var("EXT_SUFFIX"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(ext_modules=[Extension("ride._ride", sources=[])], cmdclass={"build_ext": CMakeBuild})
