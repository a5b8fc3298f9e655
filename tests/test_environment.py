"""``environment.yml`` (Binder, conda) and ``pyproject.toml`` (pip) list the same packages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENT = ROOT / "environment.yml"
PYPROJECT = ROOT / "pyproject.toml"

CONDA_ONLY = {"python", "pip"}


def normalise(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def conda_dependency_lines() -> list[tuple[int, str, str, str]]:
    """``(line number, name, version spec, comment)`` for each entry under ``dependencies:``.

    Plain text parsing, enough for this file: top-level keys start in column 0, list
    entries are ``- spec  # comment``, whole-line comments are skipped.
    """
    entries = []
    in_dependencies = False
    for number, raw in enumerate(ENVIRONMENT.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():  # a top-level key
            in_dependencies = raw.split("#")[0].strip() == "dependencies:"
            continue
        if not in_dependencies:
            continue
        item = raw.strip()
        assert item.startswith("- "), f"environment.yml line {number}: expected a list entry, got {raw!r}"
        assert not item.startswith("- pip:"), "environment.yml: pip sub-sections are not expected here"
        spec, _, comment = item[2:].partition("#")
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", spec.strip())
        assert match, f"environment.yml line {number}: cannot read the package name in {raw!r}"
        entries.append((number, match.group(1), match.group(2).strip(), comment.strip()))
    return entries


def pyproject() -> dict:
    with PYPROJECT.open("rb") as fh:
        return tomllib.load(fh)


def pip_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._\-]*)", requirement)
    assert match, f"pyproject.toml: cannot read the package name in {requirement!r}"
    return normalise(match.group(1))


def test_environment_yml_lists_dependencies():
    names = [name for _, name, _, _ in conda_dependency_lines()]
    assert "python" in names and "pip" in names
    assert len(names) == len(set(names)), "a package is listed twice in environment.yml"


def test_conda_and_pip_list_the_same_packages():
    project = pyproject()["project"]
    pip = {pip_name(r) for r in project["dependencies"]}
    pip |= {pip_name(r) for r in project["optional-dependencies"]["test"]}
    conda = {normalise(name) for _, name, _, _ in conda_dependency_lines()} - CONDA_ONLY
    assert pip == conda, (
        f"only in pyproject.toml: {sorted(pip - conda)}; only in environment.yml: {sorted(conda - pip)}"
    )


def test_environment_pins_python_311():
    specs = {name: spec for _, name, spec, _ in conda_dependency_lines()}
    assert specs["python"] in ("=3.11", "==3.11", "=3.11.*"), f"python is pinned as {specs['python']!r}"


def test_every_dependency_line_says_why():
    for number, name, _, comment in conda_dependency_lines():
        assert comment, f"environment.yml line {number} ({name}) has no comment saying why it is there"


def test_minor_versions_are_pinned():
    for number, name, spec, _ in conda_dependency_lines():
        if name == "pip":
            continue
        assert re.fullmatch(r"==?\d+\.\d+(\.\*)?", spec), f"environment.yml line {number}: {name}{spec} is not X.Y"


def test_environment_uses_conda_forge():
    text = ENVIRONMENT.read_text(encoding="utf-8")
    assert re.search(r"^channels:\s*\n\s+- conda-forge\s*$", text, flags=re.MULTILINE)


def test_pyproject_requires_python_310_or_newer():
    assert pyproject()["project"]["requires-python"] == ">=3.10"


def test_the_test_suite_turns_warnings_into_errors():
    assert "error" in pyproject()["tool"]["pytest"]["ini_options"]["filterwarnings"]
