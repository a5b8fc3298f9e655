"""The teaching guide (``docs/teaching-guide.md``) says only what works, and the hand-out tool works.

* Every Python snippet in the guide runs as written (warnings are errors), so every preset name and
  slider setting it uses exists and is in range.
* Every ``lh.<name>`` the guide mentions exists; every dashboard call written inline builds.
* The table of presets lists exactly the presets each dashboard has (that every preset loads without
  warnings as ``builder(preset=name)``, ``dash.set(preset=name)`` and from the menu, sets the controls to its
  values, draws, and has code behind "Show as code" is tests/test_dashboards.py::test_every_preset_loads).
* Each notebook of the series has a section with objectives, two paths, demonstrations, questions and
  misconceptions, naming the dashboard the notebook shows; links and anchors resolve.
* ``tools/strip_solutions.py`` and the nbconvert command of the guide remove the solutions and nothing
  else, and a hand-out copy runs top to bottom.
"""

from __future__ import annotations

import ast
import copy
import re
import shlex
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pytest
from dashboard_presets import preset_menu, preset_names

import linreg_helpers as lh
import linreg_helpers.exercises as ex

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "teaching-guide.md"
TEXT = GUIDE.read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "tools"))
import nbtools as nbt  # noqa: E402
import strip_solutions as ss  # noqa: E402

BUILDERS = {builder.__name__: builder for builder in lh.DASHBOARDS.values()}
PRESETS = {builder.__name__: list(preset_names(key)) for key, builder in lh.DASHBOARDS.items()}
NOTEBOOKS = nbt.series_notebooks(ROOT / "notebooks")


def _fenced(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", TEXT, flags=re.MULTILINE | re.DOTALL)


def _prose() -> str:
    """The guide without its fenced code blocks."""
    return re.sub(r"^```.*?^```", "", TEXT, flags=re.MULTILINE | re.DOTALL)


def _inline_code() -> list[str]:
    return [s.replace("\n", " ") for s in re.findall(r"`([^`]+)`", _prose())]


PYTHON_BLOCKS = _fenced("python")


# ------------------------------------------------------------------ the snippets run as written


@pytest.mark.parametrize("block", PYTHON_BLOCKS, ids=[f"snippet{k:02d}" for k in range(len(PYTHON_BLOCKS))])
def test_python_snippet_runs_without_warnings(block):
    namespace = {"lh": lh, "np": np}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            exec(compile(block, "<teaching guide>", "exec"), namespace)
    finally:
        lh.lecture_mode(False)


def test_the_guide_has_demonstrations_for_every_dashboard():
    code = "\n".join(PYTHON_BLOCKS)
    for name in BUILDERS:
        assert re.search(rf"\blh\.{name}\(", code), f"no demonstration snippet builds lh.{name}"


def test_every_preset_name_used_in_a_snippet_exists():
    known = {p for presets in PRESETS.values() for p in presets}
    used = set(re.findall(r'preset="([^"]+)"', "\n".join(PYTHON_BLOCKS)))
    assert used, "the guide's demonstrations use no presets"
    assert used <= known, sorted(used - known)


# ------------------------------------------------------------------ names and inline calls


def test_every_lh_name_in_the_guide_exists():
    names = set(re.findall(r"\blh\.([A-Za-z_]\w*)", TEXT))
    assert names
    missing = sorted(n for n in names if not hasattr(lh, n))
    assert not missing, f"the guide names lh.{missing}, which do not exist"


def _literal_call(src: str):
    """``(builder name, args, kwargs)`` if ``src`` is ``lh.<builder>(<literals>)``, else None."""
    try:
        node = ast.parse(src.strip(), mode="eval").body
    except SyntaxError:
        return None
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "lh"
        and node.func.attr in BUILDERS
    ):
        return None
    try:
        args = [ast.literal_eval(a) for a in node.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
    except ValueError:
        return None
    if Ellipsis in args or Ellipsis in kwargs.values():
        return None
    return node.func.attr, args, kwargs


INLINE_CALLS = sorted({c for c in _inline_code() if _literal_call(c)})


@pytest.mark.parametrize("call", INLINE_CALLS)
def test_inline_dashboard_call_builds(call):
    name, args, kwargs = _literal_call(call)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dash = BUILDERS[name](*args, **kwargs)
    assert dash.figure is not None


def test_inline_calls_were_found():
    assert "lh.many_features_dashboard()" in INLINE_CALLS
    assert "lh.descent_dashboard(lecture=True)" in INLINE_CALLS


# ------------------------------------------------------------------ presets


def _preset_table() -> dict[str, list[str]]:
    section = TEXT[TEXT.index("## All presets at a glance") :]
    rows = re.findall(r"^\| `lh\.(\w+)\(\)` \|[^|]*\| (.*) \|$", section, flags=re.MULTILINE)
    return {name: re.findall(r'"([^"]+)"', cells) for name, cells in rows}


def test_preset_table_lists_exactly_the_presets_of_every_dashboard():
    table = _preset_table()
    assert set(table) == set(BUILDERS), "one row per dashboard"
    for name, presets in PRESETS.items():
        assert table[name] == presets, f"{name}: the guide lists {table[name]}, the dashboard has {presets}"


# Every preset loads the three ways the guide shows (the menu, .set(preset=...), the builder's preset=), exactly
# and without a warning: tests/test_dashboards.py::test_every_preset_loads.


def test_every_dashboard_has_presets_and_a_preset_menu():
    for key, builder in lh.DASHBOARDS.items():  # (the dashboards built once for the tests: dashboard_presets)
        name = builder.__name__
        assert len(PRESETS[name]) >= 3, name
        assert list(preset_menu(key)) == PRESETS[name], name


# ------------------------------------------------------------------ the numbers the guide quotes

# (phrase in the guide, builder, settings applied with .set(), phrases the read-out must show)
QUOTED_READOUTS = [
    (
        "# the read-out warns: diverged",
        "descent_dashboard",
        {"preset": "diverging (just above the limit)"},
        ["diverged"],
    ),
    (
        "6 epochs are 6, 60 and 900 steps",
        "batch_size_dashboard",
        {"preset": "same epochs, very different step counts"},
        ["6 steps", "60 steps", "900 steps"],
    ),
    (
        "the read-out: ceil(150/64) = 3 steps per epoch",
        "batch_size_dashboard",
        {"batch_size": 64},
        ["ceil(150/64) = 3"],
    ),
    (
        "100 steps: not within 1 % of the minimum",
        "many_features_dashboard",
        {"preset": "raw features: zig-zag and crawl"},
        ["not within 1% of the minimum after 100 steps"],
    ),
    (
        "same fraction of the largest stable rate: 15 steps",
        "many_features_dashboard",
        {"preset": "raw features: zig-zag and crawl", "standardise": True},
        ["within 1% of the minimum after 15 steps"],
    ),
    (
        "training MSE 6.045 after 30 epochs (minimum 4.177)",
        "training_in_practice",
        {"preset": "SGD, constant rate: hovers"},
        ["training MSE = 6.045"],
    ),
    (
        "w = 1.079 instead of 2.12; validation MSE 3.694",
        "training_in_practice",
        {"preset": "ridge: α pulls w towards 0"},
        ["w = 1.079", "validation MSE = 3.694"],
    ),
    (
        "least squares again: validation MSE 3.761",
        "training_in_practice",
        {"preset": "ridge: α pulls w towards 0", "l2": 0.0},
        ["validation MSE = 3.761"],
    ),
]


@pytest.mark.parametrize(
    ("phrase", "name", "settings", "expected"), QUOTED_READOUTS, ids=[q[0] for q in QUOTED_READOUTS]
)
def test_quoted_readouts_are_what_the_dashboard_shows(phrase, name, settings, expected):
    assert phrase in TEXT, f"the guide no longer says {phrase!r}: update this test"
    dash = BUILDERS[name]()
    preset = settings.get("preset")
    if preset:
        dash.set(preset=preset)
    rest = {k: v for k, v in settings.items() if k != "preset"}
    if rest:
        dash.set(**rest)
    readout = re.sub(r"<[^>]+>", "", dash.readout.value)
    for part in expected:
        assert part in readout, f"{name} {settings}: expected {part!r} in the read-out {readout!r}"


def test_quoted_notebook_07_step_counts_match_its_checked_output():
    assert "20,000 raw steps get nowhere, 16 standardised steps are enough" in TEXT
    nb = nbformat.read(ROOT / "notebooks" / "07_many_features.ipynb", as_version=4)
    outputs = "".join(o.get("text", "") for c in nb.cells if nbt.is_checked(c) for o in c.outputs)
    assert "not within 1 % after 20,000 steps" in outputs
    assert "within 1 % of the minimum after 16 steps" in outputs


# ------------------------------------------------------------------ one section per notebook

PARTS = (
    "**Objectives.**",
    "**15-minute path.**",
    "**45-minute path.**",
    "**Live demonstrations.**",
    "**Discussion questions.**",
    "**Misconceptions to expect.**",
)


def _section(number: str) -> str:
    m = re.search(rf"^## {number} · .*?(?=^## |\Z)", TEXT, flags=re.MULTILINE | re.DOTALL)
    assert m, f"the guide has no section '## {number} · ...'"
    return m.group(0)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_notebook_has_a_complete_section(path):
    section = _section(path.stem[:2])
    for part in PARTS:
        assert part in section, f"section {path.stem[:2]} lacks {part}"
    assert f"(../notebooks/{path.name})" in section, f"section {path.stem[:2]} should link its notebook"
    demos = "\n".join(re.findall(r"^```python\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL))
    assert "preset=" in demos, f"section {path.stem[:2]} demonstrates no preset"
    nb = nbformat.read(path, as_version=4)
    shown = {n for c in nb.cells if c.cell_type == "code" for n in BUILDERS if re.search(rf"\blh\.{n}\(", c.source)}
    named = set(re.findall(r"\blh\.(\w+)\(", section.split("**Objectives.**")[0]))
    assert shown & named, f"section {path.stem[:2]} should name the dashboard its notebook shows ({sorted(shown)})"


def test_misconceptions_per_section_are_a_list():
    for path in NOTEBOOKS:
        section = _section(path.stem[:2])
        after = section.split("**Misconceptions to expect.**", 1)[1]
        assert len(re.findall(r"^- ", after, flags=re.MULTILINE)) >= 2, path.stem


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return text.replace(" ", "-")


def test_links_and_anchors_resolve():
    anchors = {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", _prose(), flags=re.MULTILINE)}
    for target in re.findall(r"\]\(#([^)]+)\)", TEXT):
        assert target in anchors, f"no heading for the link #{target}"
    for target in re.findall(r"\]\((\.\./[^)#]+)", TEXT):
        assert (GUIDE.parent / target).resolve().exists(), target


def test_lecture_mode_and_the_handout_tools_are_documented():
    assert "lh.lecture_mode()" in TEXT and "lh.lecture_mode(False)" in TEXT
    assert "tools/strip_solutions.py" in TEXT and "TagRemovePreprocessor" in TEXT
    for way in ("Binder", "JupyterHub", "environment.yml", "make lab"):
        assert way in TEXT, way


# ------------------------------------------------------------------ hand-outs without solutions


def _solution_count(nb) -> int:
    return sum(ss.is_solution(c) for c in nb.cells)


def _run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=600)


def test_strip_solutions_removes_exactly_the_solutions(tmp_path):
    before = {p: p.read_bytes() for p in NOTEBOOKS}
    result = _run([sys.executable, "tools/strip_solutions.py", "--out", str(tmp_path)])
    assert result.returncode == 0, result.stderr
    for path in NOTEBOOKS:
        original = nbformat.read(path, as_version=4)
        handout = nbformat.read(tmp_path / path.name, as_version=4)
        nbformat.validate(handout)
        removed = _solution_count(original)
        assert removed >= 3, path.name
        assert _solution_count(handout) == 0
        assert "<details>" not in nbformat.writes(handout)
        unspoiled = copy.deepcopy(original)
        for cell in unspoiled.cells:
            ss.unspoil(cell)
        kept = [c.source for c in unspoiled.cells if not ss.is_solution(c)]
        assert [c.source for c in handout.cells if c.source != ss.PLACEHOLDER] == kept, path.name
        assert sum(c.source == ss.PLACEHOLDER for c in handout.cells) == removed
        assert f"removed {removed} solution(s)" in result.stdout
    assert {p: p.read_bytes() for p in NOTEBOOKS} == before, "the original notebooks must not change"


def _solution_lines(exercise) -> set[str]:
    """The lines of a function exercise's solution that are specific enough to count as a leak."""
    lines = {line.split("#")[0].strip() for line in exercise.solution_source().splitlines()[1:]}
    return {line for line in lines if len(line) >= 16 and not line.startswith(("return", "n = "))}


def test_hand_outs_do_not_contain_any_function_exercises_solution(tmp_path):
    """Review classroom.md §2: 03.1 and 07.2's worked examples were their solutions line for line."""
    result = _run([sys.executable, "tools/strip_solutions.py", "--out", str(tmp_path)])
    assert result.returncode == 0, result.stderr
    handout_code = "\n".join(
        line.split("#")[0].strip()
        for path in NOTEBOOKS
        for cell in nbformat.read(tmp_path / path.name, as_version=4).cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
    )
    handout_lines = set(handout_code.splitlines())
    # The exercises the review found printed line for line, and 04.3 and 06.2, whose Hessian code section 5 of
    # notebook 04 and section 3 of notebook 06 showed (their hand-outs measure H instead), and 09.1, 09.4.
    # Others share a line or two with a worked example (tests/test_grading.py bounds how many).
    # 09.4 (ridge) builds the design matrix of 07 first: that line is a prerequisite, not its answer.
    prerequisite = {"A = np.column_stack([X, np.ones(n)])"}
    leaks = {
        exercise_id: sorted((_solution_lines(ex.get(exercise_id)) - prerequisite) & handout_lines)
        for exercise_id in ("03.1", "07.2", "04.3", "06.2", "09.1", "09.4")
    }
    assert not {k: v for k, v in leaks.items() if v}, leaks
    nb08 = nbformat.read(tmp_path / "08_from_scratch_to_pytorch.ipynb", as_version=4)
    prose = "\n".join(c.source for c in nb08.cells if c.cell_type == "markdown")
    assert f"{ex.get('08.4').solution():g}" not in prose, "the prose of 08 gives exercise 08.4's answer away"


def test_strip_solutions_options(tmp_path):
    result = _run([sys.executable, "tools/strip_solutions.py", "--no-placeholder", "--out", str(tmp_path), "07"])
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["07_many_features.ipynb"]
    handout = nbformat.read(tmp_path / "07_many_features.ipynb", as_version=4)
    assert ss.PLACEHOLDER not in nbformat.writes(handout) and _solution_count(handout) == 0
    refused = _run([sys.executable, "tools/strip_solutions.py", "--out", "notebooks"])
    assert refused.returncode != 0 and "refusing" in refused.stderr
    unknown = _run([sys.executable, "tools/strip_solutions.py", "--out", str(tmp_path), "99"])
    assert unknown.returncode != 0


def test_strip_solutions_also_catches_untagged_details_blocks():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("<details><summary><b>Solution 9.9</b></summary>\n\nx = 1\n</details>"),
            nbformat.v4.new_markdown_cell("<details><summary>More about units</summary>kept</details>"),
            nbformat.v4.new_code_cell("x = ...", metadata={"tags": ["exercise"]}),
        ]
    )
    stripped, removed = ss.strip_solutions(nb, placeholder=False)
    assert removed == 1
    assert [c.source for c in stripped.cells] == [c.source for c in nb.cells[1:]]
    assert len(nb.cells) == 3, "the input notebook is not changed"


def test_the_guides_nbconvert_command_removes_the_solutions(tmp_path):
    command = next(b for b in _fenced("bash") if "nbconvert" in b).replace("\\\n", " ")
    args = shlex.split(command.strip())
    assert args[:2] == ["jupyter", "nbconvert"]
    args = [a for a in args if not a.endswith("*.ipynb")]
    args[args.index("--output-dir") + 1] = str(tmp_path)
    jupyter = Path(sys.executable).with_name("jupyter")
    result = _run([str(jupyter), *args[1:], str(ROOT / "notebooks" / "07_many_features.ipynb")])
    assert result.returncode == 0, result.stderr
    original = nbformat.read(ROOT / "notebooks" / "07_many_features.ipynb", as_version=4)
    handout = nbformat.read(tmp_path / "07_many_features.ipynb", as_version=4)
    assert _solution_count(handout) == 0
    assert len(handout.cells) == len(original.cells) - _solution_count(original)


@pytest.mark.slow
@pytest.mark.parametrize("number", ["07", "09"])  # 09: two worked examples are swapped for hand-out versions
def test_a_handout_notebook_runs_and_its_checks_say_not_answered(tmp_path, number):
    result = _run([sys.executable, "tools/strip_solutions.py", "--out", str(tmp_path), number])
    assert result.returncode == 0, result.stderr
    (path,) = tmp_path.glob(f"{number}_*.ipynb")
    nb = nbformat.read(path, as_version=4)
    nbt.execute(nb, cwd=tmp_path)  # raises if any cell fails
    checks = [c for c in nb.cells if c.cell_type == "code" and re.search(r"\bex\.check_\w+\(", c.source)]
    assert len(checks) >= 3
    for cell in checks:
        text = "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs)
        assert "not answered yet" in text, text
