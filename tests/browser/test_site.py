"""The course website (``make site``, site/build.py), opened page by page in Chromium.

The site is built once per session (every notebook executed, ``sphinx-build -W``) and served from
``artifacts/site/`` by a local ``http.server``. On every page: a title, no Sphinx error box, no
"Loading widget" stub, every image loaded, every internal link (and its #anchor) resolving, the
exercises' solutions collapsed, and axe-core finding no serious or critical violation (the same rule
as the dashboards: tests/browser/test_dashboards_in_lab.py). Every notebook page has its launch-live links.
Screenshots of a few pages (desktop and a 390x844 phone) go to ``artifacts/browser/site/``.

The build executes the notebooks with the Binder environment's kernel when the Binder check
(``tests/test_binder.py``) runs too, as in ``make test``: that one run serves both.

``LH_SITE_REUSE=1`` skips the build when ``artifacts/site/index.html`` exists (for working on the test), unless
the Binder check is collected too.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jupyterlab_driver as jd
import pytest
from axe_check import serious_violations

pytestmark = pytest.mark.browser

SITE = jd.ROOT / "artifacts" / "site"
BUILD = jd.ROOT / "site" / "build.py"
SITE_LOG = jd.ROOT / "artifacts" / "site-build.log"  # the background build's output (conftest.py)
NOTEBOOKS = sorted(p.stem for p in (jd.ROOT / "notebooks").glob("*.ipynb"))
PHONE = {"width": 390, "height": 844}
EXTERNAL_IMAGES = ("https://mybinder.org/badge_logo.svg",)
"""Images on other hosts, which an offline test cannot load (the README's Binder badge)."""
SCREENSHOTS = {  # page -> (viewport, what to scroll to) of its screenshot in artifacts/browser/site/
    "notebooks/04_gradient_descent.html": (jd.VIEWPORT, "img[alt^='The dashboard']"),
    "notebooks/01_model.html": (jd.VIEWPORT, "img[alt^='The figure']"),
    "docs/teaching-guide.html": (jd.VIEWPORT, None),
    "notebooks/03_gradients.html": (PHONE, None),
}

_JS_PAGE = r"""
() => ({
  title: document.title,
  h1: (document.querySelector('main h1, article h1') || {}).textContent || '',
  errors: [...document.querySelectorAll('.system-message, .problematic, .output.traceback, .output.stderr')]
    .map(e => e.textContent.trim().slice(0, 200)),
  stub: document.body.innerText.includes('Loading widget'),
  images: [...document.images].map(i => ({src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0,
    alt: i.getAttribute('alt')})),
  rawMath: [...document.querySelectorAll('.math.notranslate')].filter(e => !e.querySelector('script[type^="math/tex"]'))
    .length,
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  launch: [...document.querySelectorAll('a.lh-launch')].map(a => [a.textContent, a.href]),
  solutions: [...document.querySelectorAll('details')].map(d => [d.querySelector('summary')?.textContent || '',
    d.open]),
})
"""


MATHJAX = [[".MathJax"], [".MathJax_Display"]]
"""MathJax's typeset formulas: its glyph spans are MathJax's to fix (as JupyterLab's chrome is in
test_dashboards_in_lab.py); it gives each formula its MathML for screen readers."""
AXE_CONTEXT = {"exclude": [*MATHJAX, [".highlight"]]}
"""Every page, less the formulas and the syntax-colored code: checking the contrast of thousands of code tokens
on every page costs a minute; the same theme colours them on every page, so :data:`AXE_FULL_PAGE` checks them."""
AXE_FULL_PAGE = "notebooks/04_gradient_descent.html"
"""Checked with its code too (``exclude`` MathJax only)."""
AXE_OPTIONS = {"resultTypes": ["violations"]}  # violations only: no per-node details of passes (much faster)

_JS_MATH_DONE = """
() => !document.querySelector('.math') ||
  (window.MathJax && MathJax.isReady && MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0)
"""


@pytest.fixture(scope="session")
def site(browser_ready, site_build) -> Path:
    """The built site: built once per session, in the background from the start of the run (the root
    conftest.py), or here (see the module docstring for LH_SITE_REUSE)."""
    if site_build is not None:
        if site_build:
            log = SITE_LOG.read_text()
            pytest.fail(f"site/build.py failed (exit {site_build}):\n{log[-6000:]}", pytrace=False)
    elif not (os.environ.get("LH_SITE_REUSE") and (SITE / "index.html").exists()):
        result = subprocess.run([sys.executable, str(BUILD)], capture_output=True, text=True, check=False)
        if result.returncode:
            pytest.fail(f"site/build.py failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}", pytrace=False)
    return SITE


@pytest.fixture(scope="module")
def served(site):
    """``http://127.0.0.1:PORT/`` serving the site (a thread; quiet log)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def visited(chromium, served, site):
    """Every page of the site, opened once: what :data:`_JS_PAGE` reports, by path; axe-core's findings."""
    from axe_playwright_python.sync_playwright import Axe

    page = jd.new_page(chromium)
    elsewhere = []  # requests to other hosts: the site must render from its own files (no CDN)
    page.on("request", lambda r: r.url.startswith((served, "data:", "about:")) or elsewhere.append((page.url, r.url)))
    shots = jd.ARTIFACTS / "site"
    shots.mkdir(parents=True, exist_ok=True)
    reports = {}
    try:
        for path in site_pages(site):
            page.set_viewport_size(jd.VIEWPORT)
            page.goto(served + path, wait_until="load")
            page.wait_for_function(_JS_MATH_DONE)
            report = page.evaluate(_JS_PAGE)
            context = {"exclude": MATHJAX} if path == AXE_FULL_PAGE else AXE_CONTEXT
            report["axe"] = serious_violations(Axe().run(page, context=context, options=AXE_OPTIONS).response)
            if path in SCREENSHOTS:
                viewport, target = SCREENSHOTS[path]
                page.set_viewport_size(viewport)
                if target:
                    page.locator(target).first.scroll_into_view_if_needed()
                name = path.replace("/", "_").replace(".html", "") + ("_phone" if viewport == PHONE else "")
                page.screenshot(path=str(shots / f"{name}.png"))
            report["elsewhere"] = [url for on, url in elsewhere if on.endswith(path)]
            reports[path] = report
    finally:
        with contextlib.suppress(Exception):
            page.context.close()
    return reports


def site_pages(site: Path) -> list[str]:
    """The site's pages (the theme's HTML snippets in _static/ are not pages)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.parts[len(site.parts)] != "_static")


def _anchors(file: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', file.read_text(encoding="utf-8")))


def broken_links(reports: dict, served: str, site: Path) -> list[str]:
    """Every same-site link whose file or #anchor does not exist in the built site."""
    problems, anchors = [], {}
    for path, report in reports.items():
        for href in report["links"]:
            if not href.startswith(served):
                continue
            parts = urlsplit(href)
            target = site / unquote(parts.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{path}: {href} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                if target not in anchors:
                    anchors[target] = _anchors(target)
                if unquote(parts.fragment) not in anchors[target]:
                    problems.append(f"{path}: {href} (no such anchor)")
    return problems


def test_the_site_has_every_notebook_the_guide_and_the_readme(visited):
    expected = [f"notebooks/{n}.html" for n in NOTEBOOKS] + ["docs/teaching-guide.html", "README.html", "index.html"]
    assert [p for p in expected if p not in visited] == []


def test_every_page_renders_without_error_boxes_or_widget_stubs(visited):
    problems = []
    for path, report in visited.items():
        if not report["title"].strip() or "<no title>" in report["title"]:
            problems.append(f"{path}: no title")
        problems += [f"{path}: error box {e!r}" for e in report["errors"]]
        if report["rawMath"]:
            problems.append(f"{path}: {report['rawMath']} formula(s) not typeset (MathJax)")
        problems += [
            f"{path}: fetched from another host: {url}" for url in report["elsewhere"] if url not in EXTERNAL_IMAGES
        ]
        if report["stub"]:
            problems.append(f"{path}: a 'Loading widget' stub instead of the figure")
    assert not problems, "\n".join(problems)


def test_every_image_loads_and_has_a_text_alternative(visited, served):
    problems, shown = [], 0
    for path, report in visited.items():
        for image in report["images"]:
            if not image["src"].startswith(served) and not image["src"].startswith("data:"):
                if image["src"] not in EXTERNAL_IMAGES:
                    problems.append(f"{path}: an image from another host: {image['src']}")
                continue
            shown += 1
            if not image["ok"]:
                problems.append(f"{path}: image did not load: {image['src'][:120]}")
            if not (image["alt"] or "").strip() and image["alt"] != "":
                problems.append(f"{path}: image without alt: {image['src'][:120]}")
    assert not problems, "\n".join(problems)
    # Each notebook shows at least its dashboard's static frame; most have figures besides.
    frames = [
        p
        for p in visited
        if p.startswith("notebooks/") and not any("dashboard" in (i["alt"] or "") for i in visited[p]["images"])
    ]
    assert frames == [], f"notebook pages without their dashboard's static frame: {frames}"
    assert shown >= 2 * len(NOTEBOOKS)


def test_every_internal_link_resolves(visited, served, site):
    problems = broken_links(visited, served, site)
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(problems[:40])


def test_each_notebook_page_has_its_launch_links_and_collapsed_solutions(visited):
    problems = []
    for name in NOTEBOOKS:
        report = visited[f"notebooks/{name}.html"]
        links = dict(report["launch"])
        binder, hub = links.get("Binder", ""), links.get("JupyterHub", "")
        if f"notebooks%2F{name}.ipynb" not in binder or "/v2/gh/" not in binder:
            problems.append(f"{name}: Binder link {binder!r}")
        if "/hub/user-redirect/git-pull?repo=" not in hub or f"notebooks%2F{name}.ipynb" not in hub:
            problems.append(f"{name}: JupyterHub link {hub!r}")
        solutions = [s for s in report["solutions"] if s[0].startswith("Solution")]
        if not solutions or any(is_open for _, is_open in solutions):
            problems.append(f"{name}: solutions {solutions} (expected some, all collapsed)")
    assert not problems, "\n".join(problems)


def test_axe_finds_no_serious_violation_on_any_page(visited):
    problems = [f"{path}: {v}" for path, report in visited.items() for v in report["axe"]]
    assert not problems, "axe-core on the site:\n" + "\n".join(problems)
