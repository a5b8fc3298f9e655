"""Build the course website (``make site``): every notebook executed, rendered by Sphinx + MyST-NB.

Steps: copy the pages' sources into ``artifacts/site-src/`` in the repository's own layout (so the
README's and the guide's relative links stay right), execute the ten notebooks there with nbclient
(the committed ``.ipynb`` carry only the checked outputs; ``--jobs`` kernels side by side), then run
``sphinx-build -W`` (every warning is an error) with the configuration in ``site/conf.py`` into
``artifacts/site/``. Nothing is fetched from the network: the theme's assets are in its wheel.

    python site/build.py [--jobs N] [--kernel NAME]

``--kernel`` names the Jupyter kernel that executes the notebooks (``python3``, this environment's, by
default). ``make test`` gives it the Binder environment's kernel (``lh-binder``, found through
``JUPYTER_PATH``: tests/installed_envs.py), so that this one run of every notebook is also the check that
they run on Binder (tests/test_binder.py compares their checked outputs with the committed ones). What
ran where is written to :data:`RECORD`.

The repository and hub addresses of the "launch live" links are settings in ``site/conf.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "artifacts" / "site-src"
OUTPUT = ROOT / "artifacts" / "site"
PAGES = [  # copied as they are; the site's own pages come from site/pages/
    "README.md",
    "LICENSE",
    "docs/teaching-guide.md",
    "docs/gallery",
    "data/README.md",
    "benchmarks/README.md",
]
MATHJAX = SOURCE / "_mathjax" / "mathjax"
"""MathJax for the pages, served with the site (site/conf.py's ``mathjax_path``): no CDN."""
RECORD = ROOT / "artifacts" / "site-notebooks.json"
"""What the last build executed: the kernel's name and its Python, and each notebook's seconds."""
NOTEBOOK_TIMEOUT_S = 600
"""The longest one cell may run (nbclient's per-cell timeout); the slowest notebook takes well under."""


def stage() -> list[Path]:
    """Copy the pages into :data:`SOURCE` (emptied first); return the notebooks to execute."""
    shutil.rmtree(SOURCE, ignore_errors=True)
    for name in PAGES:
        src, dst = ROOT / name, SOURCE / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            shutil.copy2(src, dst)
    # Only the notebooks themselves: a paired text file beside one (jupytext) would be a second source of its page.
    (SOURCE / "notebooks").mkdir()
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy2(notebook, SOURCE / "notebooks" / notebook.name)
    shutil.copytree(Path(__file__).parent / "pages", SOURCE, dirs_exist_ok=True)
    shutil.copytree(mathjax_folder(), MATHJAX, ignore=shutil.ignore_patterns("localization", "unpacked"))
    return sorted((SOURCE / "notebooks").glob("*.ipynb"))


LAB_ANCHOR = re.compile(r"(\.ipynb#)([^)\s]+)")
"""A link to a heading of another notebook: JupyterLab's anchors keep the heading's case (``#Contents``),
Sphinx's (like GitHub's) are lower case."""
DASHBOARD_REPR = re.compile(r"^<(?P<kind>\w+): (?P<title>.+) \(run the notebook to use the sliders\)>$")
"""A dashboard's text/plain (``DashboardBase._repr_mimebundle_``); its image/png is the static frame."""


def image_alt(outputs: list) -> str | None:
    """The text alternative of a code cell's picture on the site, or None when it has none."""
    for output in outputs:
        data = output.get("data", {})
        if "image/png" not in data:
            continue
        found = DASHBOARD_REPR.match(data.get("text/plain", ""))
        if found:
            return (
                f'The dashboard "{found["title"]}" at its starting values (a still picture: '
                "launch the notebook live to move its sliders)"
            )
        return "The figure drawn by the code cell above"
    return None


def prepare_cell(cell) -> None:
    """Adapt one executed cell to the static site: text alternatives for its pictures (MyST-NB's
    ``mystnb.image`` cell metadata) and heading links in Sphinx's lower-case form."""
    if cell.cell_type == "markdown":
        cell.source = LAB_ANCHOR.sub(lambda m: m[1] + m[2].lower(), cell.source)
    elif cell.cell_type == "code" and (alt := image_alt(cell.outputs)):
        cell.metadata.setdefault("mystnb", {})["image"] = {"alt": alt}


def mathjax_folder() -> Path:
    """MathJax 2.7 as the ``jupyter-server-mathjax`` package ships it (Jupyter's offline copy)."""
    import jupyter_server_mathjax

    return Path(jupyter_server_mathjax.__file__).parent / "static"


def execute(path: Path, kernel: str = "python3") -> float:
    """Run one notebook in place, in its folder, as a learner would, with the Jupyter kernel ``kernel``;
    return the seconds it took."""
    import nbclient
    import nbformat

    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=NOTEBOOK_TIMEOUT_S,
        kernel_name=kernel,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,  # a static page cannot run widgets; their PNG stand-ins are shown
    )
    client.execute()
    for cell in nb.cells:
        prepare_cell(cell)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def kernel_python(name: str) -> str | None:
    """The Python that the Jupyter kernel ``name`` starts (its spec's first argument), or None without one."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv = KernelSpecManager().get_kernel_spec(name).argv
    except NoSuchKernel:
        return None
    if argv and argv[0] in ("python", "python3", "{python}"):  # this environment's own kernel
        return sys.executable
    return argv[0] if argv else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed side by side (default 2)")
    parser.add_argument("--kernel", default="python3", help="the Jupyter kernel that executes them (default python3)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be 1 or more, got {args.jobs}")
    python = kernel_python(args.kernel)
    if python is None:
        parser.error(f"no Jupyter kernel named {args.kernel!r} (jupyter kernelspec list shows the installed ones)")
    start = time.perf_counter()
    RECORD.unlink(missing_ok=True)
    notebooks = stage()
    record = {"kernel": args.kernel, "python": python, "seconds": {}}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        runs = pool.map(execute, notebooks, [args.kernel] * len(notebooks))
        for path, seconds in zip(notebooks, runs, strict=True):
            print(f"executed {path.name} in {seconds:.1f} s", flush=True)
            record["seconds"][path.name] = round(seconds, 1)
    RECORD.write_text(json.dumps(record, indent=1) + "\n")
    executed = time.perf_counter()
    print(
        f"executed {len(notebooks)} notebooks in {executed - start:.1f} s "
        f"({args.jobs} at a time, kernel {args.kernel})",
        flush=True,
    )
    shutil.rmtree(OUTPUT, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    command += ["-c", str(Path(__file__).parent), str(SOURCE), str(OUTPUT)]
    result = subprocess.run(command, check=False)
    print(f"sphinx-build took {time.perf_counter() - executed:.1f} s; site in {OUTPUT.relative_to(ROOT)}/index.html")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
