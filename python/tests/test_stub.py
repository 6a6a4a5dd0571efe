"""The type stub python/ride/_ride.pyi against the extension: the same names, and every function
with the same parameters, keyword-only markers and defaults; every public name has a docstring."""

import ast
import inspect
import pathlib
from typing import Dict, List, Tuple

import pytest

import ride
from ride import _ride

STUB = pathlib.Path(_ride.__file__).with_name("_ride.pyi")

Parameters = List[Tuple[str, bool, object]]  # (name, keyword-only, default or inspect.Parameter.empty)


def _split_top_level(text: str) -> List[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += char in "([{"
        depth -= char in ")]}"
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def _extension_parameters(function: object) -> Parameters:
    """From pybind11's signature line: name(a: object, b: int = 0, *, c: object = None) -> T."""
    line = function.__doc__.splitlines()[0]
    inside = line[line.index("(") + 1:line.rindex(") ->")]
    result, keyword_only = [], False
    for part in _split_top_level(inside):
        if part == "*":
            keyword_only = True
            continue
        name = part.split(":")[0].strip()
        default = ast.literal_eval(part.split("=", 1)[1].strip()) if "=" in part else inspect.Parameter.empty
        if name != "self":
            result.append((name, keyword_only, default))
    return result


def _stub_parameters(node: ast.FunctionDef) -> Parameters:
    args = node.args
    positional = args.posonlyargs + args.args
    defaults = [inspect.Parameter.empty] * (len(positional) - len(args.defaults)) + [
        ast.literal_eval(d) for d in args.defaults]
    result = [(a.arg, False, d) for a, d in zip(positional, defaults) if a.arg != "self"]
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        result.append((a.arg, True, inspect.Parameter.empty if d is None else ast.literal_eval(d)))
    return result


def _stub() -> Tuple[Dict[str, ast.FunctionDef], Dict[str, Dict[str, ast.FunctionDef]]]:
    tree = ast.parse(STUB.read_text())
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    classes = {n.name: {m.name: m for m in n.body if isinstance(m, ast.FunctionDef)}
               for n in tree.body if isinstance(n, ast.ClassDef)}
    return functions, classes


def _stub_constants() -> Dict[str, ast.AnnAssign]:
    tree = ast.parse(STUB.read_text())
    return {n.target.id: n for n in tree.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}


def test_stub_names_every_function_class_and_constant() -> None:
    functions, classes = _stub()
    names = {n for n in dir(_ride) if not n.startswith("__")}
    assert names == set(functions) | set(classes) | set(_stub_constants())


@pytest.mark.parametrize("name", sorted(_stub()[0]))
def test_functions_have_the_stubs_parameters(name: str) -> None:
    assert _extension_parameters(getattr(_ride, name)) == _stub_parameters(_stub()[0][name])


def test_model_methods_have_the_stubs_parameters() -> None:
    methods = _stub()[1]["Model"]
    public = {n for n in dir(ride.Model) if not n.startswith("_")}
    assert public == {n for n in methods if not n.startswith("_")}
    for name, node in methods.items():
        member = getattr(ride.Model, name)
        if isinstance(member, property) or name.startswith("__"):
            continue
        assert _extension_parameters(member) == _stub_parameters(node), name


def test_every_public_name_has_a_docstring() -> None:
    for name in ride.__all__:
        obj = getattr(ride, name)
        assert obj.__doc__ and len(obj.__doc__.strip()) > 20, name
    for name in ("builtin", "builtin_names", "load", "from_bytes", "info", "fingerprint"):
        assert getattr(ride.Model, name).__doc__, name
    public = {n for n, v in vars(ride).items() if not n.startswith("_") and not inspect.ismodule(v)}
    assert set(ride.__all__) == public
