"""``environment.yml`` (conda users) lists the package's runtime stack under conda-forge's names.

conda-forge names some packages differently from PyPI (``matplotlib-base`` is the
headless matplotlib; ``playwright`` there is the Node.js tool, the Python library is
``playwright-python``), so names are compared through a map, not for equality. The
widget packages are pinned to the minor versions ``make test`` proves, because the
front end must have the same minor version as the kernel.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENT = ROOT / "environment.yml"
PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"

CONDA_ONLY = {"python", "pip"}
# conda-forge name -> PyPI name, where they differ.
CONDA_TO_PIP = {"matplotlib-base": "matplotlib", "playwright-python": "playwright"}
# conda-forge packages that are NOT what their PyPI namesake is (never list them).
WRONG_ON_CONDA = {
    "playwright": "the Node.js command-line tool (the Python library is playwright-python)",
    "matplotlib": "matplotlib with Qt (matplotlib-base is the headless one)",
}
# Packages whose JupyterLab front end must match the kernel's minor version.
WIDGET_STACK = ("ipywidgets", "ipympl", "anywidget")
TEST_TOOLS = {"pytest", "nbval", "hypothesis", "ruff", "playwright", "jupyter-repo2docker"}


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


def conda_specs() -> dict[str, str]:
    return {name: spec for _, name, spec, _ in conda_dependency_lines()}


def pyproject() -> dict:
    with PYPROJECT.open("rb") as fh:
        return tomllib.load(fh)


def runtime_requirements() -> dict[str, Requirement]:
    reqs = [Requirement(r) for r in pyproject()["project"]["dependencies"]]
    return {canonicalize_name(r.name): r for r in reqs}


def pinned_versions() -> dict[str, Version]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            pins[canonicalize_name(name)] = Version(version)
    return pins


def conda_specifier(spec: str) -> SpecifierSet:
    """A conda version spec (``=2.4``, ``>=4.5,<5``) as a PEP 440 specifier set."""
    if re.fullmatch(r"=\d+(\.\d+)*", spec):
        return SpecifierSet(f"=={spec[1:]}.*")
    return SpecifierSet(spec)


def test_environment_yml_lists_dependencies():
    names = [name for _, name, _, _ in conda_dependency_lines()]
    assert "python" in names and "pip" in names
    assert len(names) == len(set(names)), "a package is listed twice in environment.yml"


def test_conda_names_map_to_the_package_runtime_requirements():
    conda = {canonicalize_name(CONDA_TO_PIP.get(n, n)) for n in conda_specs()} - CONDA_ONLY
    pip = set(runtime_requirements())
    assert conda == pip, (
        f"only in pyproject.toml: {sorted(pip - conda)}; only in environment.yml: {sorted(conda - pip)}"
    )


def test_no_package_under_a_misleading_conda_name():
    for name in conda_specs():
        assert name not in WRONG_ON_CONDA, (
            f"environment.yml lists {name!r}: on conda-forge that is {WRONG_ON_CONDA[name]}"
        )


def test_no_test_tools_in_the_runtime_environment():
    names = {canonicalize_name(CONDA_TO_PIP.get(n, n)) for n in conda_specs()}
    assert not names & TEST_TOOLS, f"test tools in environment.yml: {sorted(names & TEST_TOOLS)}"


def test_widget_stack_pinned_to_the_tested_minor_versions():
    """The front end must have the kernel's minor version: pin the same series make test proves."""
    specs, pins = conda_specs(), pinned_versions()
    for name in WIDGET_STACK:
        tested = pins[name]
        assert specs.get(name) == f"={tested.major}.{tested.minor}", (
            f"environment.yml pins {name}{specs.get(name)!r}; make test proves {name} {tested} "
            f"(pin ={tested.major}.{tested.minor})"
        )


def test_every_conda_spec_admits_the_tested_version():
    specs, pins = conda_specs(), pinned_versions()
    for conda_name, spec in specs.items():
        name = canonicalize_name(CONDA_TO_PIP.get(conda_name, conda_name))
        if name in CONDA_ONLY or not spec:
            continue
        assert pins[name] in conda_specifier(spec), (
            f"environment.yml: {conda_name}{spec} excludes the tested {pins[name]}"
        )
        assert pins[name] in runtime_requirements()[name].specifier, f"pyproject.toml excludes the tested {name}"


def test_python_is_the_tested_one_everywhere():
    specs = conda_specs()
    assert specs["python"] == "=3.11", f"environment.yml pins python{specs['python']}"
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert pyproject()["project"]["requires-python"].split("#")[0].strip() == ">=3.11"
    assert "3.10" not in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "3.10" not in (ROOT / "docs" / "teaching-guide.md").read_text(encoding="utf-8")
    for source in sorted((ROOT / "lessons").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        assert "Python 3.10" not in text, f"{source.name} still says Python 3.10"
        assert "0.9.13" not in text, f"{source.name} gives anywidget's old minimum; the front end must match the kernel"


def test_every_dependency_line_says_why():
    for number, name, _, comment in conda_dependency_lines():
        assert comment, f"environment.yml line {number} ({name}) has no comment saying why it is there"


def test_environment_uses_conda_forge():
    text = ENVIRONMENT.read_text(encoding="utf-8")
    assert re.search(r"^channels:\s*\n\s+- conda-forge\s*$", text, flags=re.MULTILINE)


def test_the_test_suite_turns_warnings_into_errors():
    assert "error" in pyproject()["tool"]["pytest"]["ini_options"]["filterwarnings"]
