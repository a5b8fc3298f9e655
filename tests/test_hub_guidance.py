"""The teaching guide's hub advice names the front-end versions that really match the kernel.

A hub whose JupyterLab runs from another environment than the kernel must have the same
minor versions of the widget front ends, or no live figure appears. The guide's table is
checked here against ``requirements/constraints.txt`` (what ``make test`` proves), against
what anywidget's kernel side asks the front end for, and against the ``jupyter-matplotlib``
extension that the installed ipympl ships.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "teaching-guide.md").read_text(encoding="utf-8")
MARKER = "<!-- front-end versions: checked against requirements/constraints.txt -->"


def pins() -> dict[str, str]:
    out = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            out[name.lower().replace("_", "-")] = version
    return out


def series(version: str) -> str:
    return ".".join(version.split(".")[:2]) + ".*"


@pytest.fixture(scope="module")
def table() -> list[list[str]]:
    assert MARKER in GUIDE, "the guide's front-end version table (and its marker comment) is missing"
    rows = []
    for line in GUIDE.split(MARKER, 1)[1].strip().splitlines():
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows[2:]  # header and rule


def test_the_table_names_every_front_end(table):
    kernels = [row[0].split()[0] for row in table]
    assert kernels == ["anywidget", "ipywidgets", "ipympl"], kernels


@pytest.mark.parametrize(
    ("kernel_package", "front_end_package"),
    [("anywidget", "anywidget"), ("ipywidgets", "jupyterlab-widgets"), ("ipympl", "ipympl")],
)
def test_versions_in_the_table_are_the_pinned_ones(table, kernel_package, front_end_package):
    pinned = pins()
    row = next(r for r in table if r[0].split()[0] == kernel_package)
    assert row[0] == f"{kernel_package} {pinned[kernel_package]}", row
    wanted = f"`{front_end_package.replace('-', '_') if front_end_package != 'ipympl' else 'ipympl'}=="
    assert row[2].startswith(wanted) and row[2].endswith(f"{series(pinned[front_end_package])}`"), row
    if front_end_package == "jupyterlab-widgets":
        assert f"`jupyterlab_widgets` {pinned['jupyterlab-widgets']}" in row[1], row


def test_anywidget_asks_the_front_end_for_the_series_the_guide_names(table):
    """anywidget's kernel side requests its front-end module at a semver range: the guide's series must fit it."""
    from anywidget._version import _ANYWIDGET_SEMVER_VERSION as requested  # e.g. "~0.11.*"

    row = next(r for r in table if r[0].startswith("anywidget"))
    minor = re.search(r"==(\d+\.\d+)\.\*", row[2]).group(1)
    assert requested.lstrip("~^").startswith(minor), f"kernel asks for {requested}, the guide says {row[2]}"


def test_ipympl_ships_the_jupyter_matplotlib_version_the_guide_names(table):
    package = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyter-matplotlib" / "package.json"
    version = json.loads(package.read_text())["version"]
    row = next(r for r in table if r[0].startswith("ipympl"))
    assert f"`jupyter-matplotlib` {version}" in row[1], f"ipympl ships jupyter-matplotlib {version}: {row}"


def test_no_stale_version_advice():
    assert "≥ 0.9.13" not in GUIDE and ">= 0.9.13" not in GUIDE, "anywidget must match the kernel's minor"
    assert "Python ≥ 3.10" not in GUIDE


def test_nbgitpuller_link_template_is_well_formed():
    links = re.findall(r"https://HUB/hub/user-redirect/git-pull\?\S+", GUIDE)
    assert links, "the guide has no nbgitpuller link template"
    from urllib.parse import parse_qs, unquote, urlparse

    query = parse_qs(urlparse(links[0]).query)
    assert set(query) == {"repo", "branch", "urlpath"}, query
    assert unquote(query["urlpath"][0]).endswith("/notebooks/00_start_here.ipynb")
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()
