"""The package as pip installs it: the version pyproject.toml declares is the library's."""

import pathlib
import tomllib

import ride
from conftest import REPO


def test_the_package_version_is_the_librarys() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["version"] == ride.__version__ == ride.version()
    cmake = (REPO / "CMakeLists.txt").read_text()
    assert f"project(ride VERSION {ride.__version__} " in cmake


def test_the_package_ships_its_type_hints() -> None:
    package = pathlib.Path(ride.__file__).parent
    assert (package / "py.typed").is_file() and (package / "_ride.pyi").is_file()
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert set(project["tool"]["setuptools"]["package-data"]["ride"]) == {"_ride.pyi", "py.typed"}
