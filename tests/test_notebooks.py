"""Rules every notebook of the series follows (all of ``notebooks/NN_*.ipynb``, present and future).

* Stored outputs: only cells tagged ``nbval-check-output`` keep an output, plain text
  only, with an execution count (nbval counts a cell without one as never run); every notebook has at
  least one such cell. No other cell has outputs or execution counts; no widget state is saved.
* Skeleton: title, purpose, learning objectives, prerequisites, setup cell (``%matplotlib widget``,
  ``import linreg_helpers as lh``), a live dashboard, a summary, at least three checked exercises with
  collapsed solutions, and current previous / contents / next links (``tools/build_notebooks.py --nav``).
* Seeds: no global or unseeded random numbers.
* Each notebook agrees with its paired text file ``lessons/NN_name.md`` (jupytext) and is what
  ``tools/build_notebooks.py`` builds from it.
* The nbval check is real: changing one stored number makes ``pytest --nbval-lax`` fail.

Running the notebooks themselves is nbval's job: ``pytest --nbval-lax notebooks/``.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import linreg_helpers as lh

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import nbtools as nbt  # noqa: E402

NOTEBOOKS = nbt.series_notebooks(ROOT / "notebooks")
IDS = [p.stem for p in NOTEBOOKS]
TEXT_MIME = {"text/plain"}


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _body(nb) -> list:
    return [c for c in nb.cells if not nbt.is_navigation(c)]


def _markdown(nb) -> str:
    return "\n\n".join(c.source for c in _body(nb) if c.cell_type == "markdown")


def _code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:4] == [
        "00_start_here.ipynb",
        "01_model.ipynb",
        "02_losses.ipynb",
        "03_gradients.ipynb",
    ]


# ------------------------------------------------------------------ stored outputs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_checked_cells_have_stored_text_outputs(path):
    checked = [c for c in _code_cells(_read(path)) if nbt.is_checked(c)]
    assert checked, f"{path.name} has no cell tagged 'nbval-check-output'"
    for cell in checked:
        assert cell.outputs, f"{path.name}: checked cell without a stored output:\n{cell.source}"
        assert cell.execution_count is not None, (
            f"{path.name}: a checked cell needs an execution count, or nbval counts it as never run:\n{cell.source}"
        )
        for out in cell.outputs:
            assert out.output_type in ("stream", "execute_result"), (path.name, out.output_type)
            if out.output_type == "stream":
                assert out.name == "stdout", f"{path.name}: stored stderr (a warning?): {out.text}"
            else:
                assert set(out.data) <= TEXT_MIME, f"{path.name}: stored non-text output {sorted(out.data)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_other_outputs_and_no_noise(path):
    nb = _read(path)
    for cell in _code_cells(nb):
        if not nbt.is_checked(cell):
            assert not cell.outputs, f"{path.name}: unchecked cell has outputs:\n{cell.source[:200]}"
            assert cell.execution_count is None, f"{path.name}: execution count in:\n{cell.source[:200]}"
    for cell in _code_cells(nb):  # nbval's instructions are cell tags, not comments a learner reads
        assert "NBVAL_" not in cell.source, f"{path.name}: an nbval comment in the code:\n{cell.source[:200]}"
    assert "widgets" not in nb.metadata, f"{path.name}: saved widget state in the metadata"
    text = nbformat.writes(nb)
    for marker in ("image/png", "text/html", "application/vnd.jupyter.widget", "image/svg"):
        assert marker not in text, f"{path.name} stores {marker}"


# ------------------------------------------------------------------ skeleton


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_title_purpose_objectives_prerequisites(path):
    nb = _read(path)
    first = _body(nb)[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), f"{path.name}: title first"
    assert first.source.startswith(f"# {path.stem[:2]} "), f"{path.name}: the title starts with its number"
    for needle in ("**Purpose:**", "Learning objectives", "Prerequisites"):
        assert needle in first.source, f"{path.name}: the first cell should state {needle!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_setup_cell_comes_first(path):
    setup = _code_cells(_read(path))[0].source
    assert setup.splitlines()[0].strip() == "%matplotlib widget", f"{path.name}: setup starts with %matplotlib widget"
    assert "import linreg_helpers as lh" in setup


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_has_a_live_dashboard(path):
    names = {builder.__name__ for builder in lh.DASHBOARDS.values()}
    sources = "\n".join(c.source for c in _code_cells(_read(path)))
    used = {n for n in names if re.search(rf"\blh\.{n}\(", sources)} | set(re.findall(r"lh\.DASHBOARDS\[", sources))
    assert used, f"{path.name} shows none of the dashboards {sorted(names)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_summary_and_exercises_with_checks_and_hidden_solutions(path):
    nb = _read(path)
    md = _markdown(nb)
    assert re.search(r"^## Summary", md, flags=re.MULTILINE), f"{path.name}: no '## Summary'"
    assert re.search(r"^##+ .*Exercise", md, flags=re.MULTILINE), f"{path.name}: no exercises heading"
    checks = [c for c in _code_cells(nb) if re.search(r"\bex\.check\w*\(", c.source)]
    assert len(checks) >= 3, f"{path.name}: {len(checks)} checked exercises, need at least 3"
    solutions = [
        c
        for c in nb.cells
        if (c.cell_type == "markdown" and "<details>" in c.source and "Solution" in c.source)
        or (
            c.cell_type == "code"
            and "solution" in c.metadata.get("tags", [])
            and c.metadata.get("jupyter", {}).get("source_hidden")
        )
    ]
    assert len(solutions) >= 3, f"{path.name}: {len(solutions)} collapsed solutions, need at least 3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_exercise_ids_exist(path):
    """Each exercise heading names a registered exercise of this notebook, with its registered title."""
    from linreg_helpers import exercises as ex

    md = _markdown(_read(path))
    for exercise_id, title in re.findall(r"^### Exercise (\d\d\.\d+) · (.+)$", md, flags=re.MULTILINE):
        assert exercise_id in ex.REGISTRY, f"{path.name} shows exercise {exercise_id}, which is not registered"
        assert exercise_id.startswith(path.stem[:2]), f"{path.name}: exercise {exercise_id} belongs elsewhere"
        assert title == ex.get(exercise_id).title, f"{path.name}: exercise {exercise_id}'s heading and registry differ"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_navigation_links_are_current(path):
    nb = _read(path)
    titles = {p: nbt.title_of(_read(p)) for p in NOTEBOOKS}
    expected = nbt.navigation_text(path, NOTEBOOKS, titles)
    hint = "run: python tools/build_notebooks.py --nav"
    assert nbt.is_navigation(nb.cells[0]) and nb.cells[0].source == expected, f"{path.name}: top links; {hint}"
    assert nbt.is_navigation(nb.cells[-1]) and nb.cells[-1].source == expected, f"{path.name}: bottom links; {hint}"
    assert sum(nbt.is_navigation(c) for c in nb.cells) == 2
    for target in re.findall(r"\]\(([^)#]+\.ipynb)", expected):
        assert (path.parent / target).exists(), target


def test_contents_anchor_exists():
    contents = _read(ROOT / "notebooks" / nbt.CONTENTS_NOTEBOOK)
    assert re.search(rf"^## {nbt.CONTENTS_ANCHOR}$", _markdown(contents), flags=re.MULTILINE)


def _unseeded_random_calls(src: str) -> list[str]:
    """Calls of ``np.random.*`` in ``src`` that are not ``default_rng(<seed>)``.

    A seed is an int literal, a name assigned an int literal in the cell, or a parameter of the
    enclosing function (whose callers pass the seed), as in ``def noisy(n, seed): rng = default_rng(seed)``.
    """
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in src.splitlines())
    tree = ast.parse(code)
    literal_names = {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, int)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    bad = []

    def visit(node, params: set[str]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            params = params | {a.arg for a in node.args.args + node.args.kwonlyargs}
        if isinstance(node, ast.Attribute) and ast.unparse(node.value) == "np.random":
            bad.append(f"np.random.{node.attr}")
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "np.random.default_rng":
            args = list(node.args) + [k.value for k in node.keywords if k.arg == "seed"]
            seeded = len(args) == 1 and (
                (isinstance(args[0], ast.Constant) and isinstance(args[0].value, int))
                or (isinstance(args[0], ast.Name) and args[0].id in literal_names | params)
            )
            if seeded:
                return  # do not report its np.random.default_rng attribute
            bad.append(ast.unparse(node))
            return
        for child in ast.iter_child_nodes(node):
            visit(child, params)

    visit(tree, set())
    return bad


def test_seed_check_accepts_seeds_and_rejects_the_rest():
    assert _unseeded_random_calls("rng = np.random.default_rng(3)") == []
    assert _unseeded_random_calls("rng = np.random.default_rng(seed=3)") == []
    assert _unseeded_random_calls("seed = 7\nrng = np.random.default_rng(seed)") == []
    assert _unseeded_random_calls("def f(n, seed):\n    return np.random.default_rng(seed).normal(size=n)") == []
    assert _unseeded_random_calls("%matplotlib widget\nx = np.random.default_rng(0).normal()") == []
    assert _unseeded_random_calls("rng = np.random.default_rng()") == ["np.random.default_rng()"]
    assert _unseeded_random_calls("rng = np.random.default_rng(t)") == ["np.random.default_rng(t)"]
    assert _unseeded_random_calls("x = np.random.normal(size=3)") == ["np.random.normal"]
    assert _unseeded_random_calls("np.random.seed(0)") == ["np.random.seed"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_random_thing_is_seeded(path):
    for cell in _code_cells(_read(path)):
        src = cell.source
        bad = _unseeded_random_calls(src)
        assert not bad, f"{path.name}: use np.random.default_rng(<seed>), not {bad}:\n{src}"
        assert not re.search(r"^\s*(import random|from random )", src, flags=re.MULTILINE), path.name


# ------------------------------------------------------------------ generated notebooks


def test_every_notebook_agrees_with_its_text_file():
    """Cell types, sources and tags of each notebook equal those of its jupytext pair in lessons/."""
    assert [p.stem for p in nbt.sources()] == IDS, "every notebook needs its text file in lessons/ and vice versa"
    for path in NOTEBOOKS:
        difference = nbt.pair_difference(path, nbt.SOURCE_DIR / f"{path.stem}.md")
        assert difference is None, f"{difference}. Sync them: {nbt.sync_hint(path)}"


def test_a_disagreeing_pair_names_the_notebook_and_the_cell(tmp_path):
    notebook, text = NOTEBOOKS[1], nbt.SOURCE_DIR / f"{NOTEBOOKS[1].stem}.md"
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "lessons").mkdir()
    copy_nb, copy_md = tmp_path / "notebooks" / notebook.name, tmp_path / "lessons" / text.name
    nb = _read(notebook)
    k = next(i for i, c in enumerate(nb.cells) if nbt.is_checked(c))
    shutil.copy(notebook, copy_nb)
    copy_md.write_text(text.read_text(encoding="utf-8").replace(nb.cells[k].source, "print(1)"), encoding="utf-8")
    assert f"{notebook.name} and lessons/{text.name} differ in the source of cell {k}," in nbt.pair_difference(
        copy_nb, copy_md
    )
    shutil.copy(text, copy_md)
    nb.cells[k].metadata["tags"] = []
    nbformat.write(nb, copy_nb)
    assert f"differ in the tags of cell {k}," in nbt.pair_difference(copy_nb, copy_md)
    assert nbt.pair_difference(notebook, text) is None


def test_generated_notebooks_are_current():
    """Each notebook is what tools/build_notebooks.py builds from its text file (navigation, solutions, outputs)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ nbval is real


def _bump_first_number(text: str) -> str:
    """``"w = 1.987"`` -> ``"w = 1.988"``: change the last digit of the first decimal number."""
    m = re.search(r"\d+\.\d+", text)
    assert m, f"no decimal number in {text!r}"
    number = m.group(0)
    changed = number[:-1] + str((int(number[-1]) + 1) % 10)
    return text[: m.start()] + changed + text[m.end() :]


def _nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=600,
    )


@pytest.mark.slow
def test_nbval_detects_a_changed_stored_number(tmp_path):
    source = ROOT / "notebooks" / "00_start_here.ipynb"
    good = tmp_path / "good" / source.name
    bad = tmp_path / "bad" / source.name
    for p in (good, bad):
        p.parent.mkdir()
        shutil.copy(source, p)

    nb = _read(bad)
    cell = next(c for c in nb.cells if nbt.is_checked(c) and c.outputs)
    out = cell.outputs[0]
    out.text = _bump_first_number(out.text)
    nbformat.write(nb, bad)

    unchanged = _nbval(good)
    assert unchanged.returncode == 0, unchanged.stdout[-3000:] + unchanged.stderr[-2000:]
    changed = _nbval(bad)
    assert changed.returncode != 0, "nbval accepted a notebook whose stored number was changed"
    assert "Cell outputs differ" in changed.stdout, changed.stdout[-3000:]
