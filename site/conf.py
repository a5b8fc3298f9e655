"""Sphinx configuration of the course website (``make site``; see site/build.py).

Launch links: set :data:`REPOSITORY` (the public GitHub ``owner/name``, as in the README's Binder badge),
:data:`BRANCH` and :data:`JUPYTERHUB_URL` (your course's hub) below. The links are built from
:data:`BINDER_TEMPLATE` and :data:`JUPYTERHUB_TEMPLATE` for every notebook page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

# --- launch-live settings (the repository has no public address yet: same placeholders as the README) ---
REPOSITORY = "OWNER/REPO"
"""GitHub ``owner/name`` of the public repository."""
BRANCH = "main"
"""The branch (or a release tag) the live notebooks come from."""
BINDERHUB_URL = "https://mybinder.org"
JUPYTERHUB_URL = "https://HUB"
"""Your course's JupyterHub, e.g. ``https://hub.example.edu`` (it needs nbgitpuller: teaching guide)."""
BINDER_TEMPLATE = "{binderhub}/v2/gh/{repository}/{branch}?urlpath={urlpath}"
JUPYTERHUB_TEMPLATE = "{hub}/hub/user-redirect/git-pull?repo={repo_url}&branch={branch}&urlpath={urlpath}"

project = "How a linear regression model is trained"
author = "The linear-regression notebook series authors"
copyright = "the linear-regression notebook series authors (MIT code, CC-BY-4.0 text)"

extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["_build", "_mathjax", "**.ipynb_checkpoints"]
suppress_warnings = ["myst.header"]  # notebooks' first heading may be a level-2 subtitle after the title

# Notebooks are executed by site/build.py (nbclient, two at a time) before Sphinx reads them.
nb_execution_mode = "off"
# A static page cannot run widgets: no widget JavaScript from a CDN, and every widget output shows the
# PNG its object put next to it (a dashboard's static frame, a figure's picture) instead of a widget view.
nb_ipywidgets_js = {}
# ipympl figures also carry text/html (their PNG without a text alternative): the PNG goes first.
nb_mime_priority_overrides = [
    ("html", "application/vnd.jupyter.widget-view+json", None),
    ("html", "image/png", 25),
]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 4  # GitHub-style anchors, so the README's and guide's #links resolve

html_theme = "sphinx_book_theme"
html_title = project
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
# MathJax from the site itself (site/build.py copies jupyter-server-mathjax's MathJax 2.7 there), not a CDN.
_STAGED_MATHJAX = Path(__file__).resolve().parent.parent / "artifacts" / "site-src" / "_mathjax"
html_static_path = ["static", str(_STAGED_MATHJAX)]
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
mathjax2_config = {
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processRefs": False,
        "processEnvironments": False,
        "ignoreClass": "document",  # only the math Sphinx marks (and notebook outputs), as Sphinx's docs advise
        "processClass": "math|output_area",
    },
    # The fonts jupyter-server-mathjax ships (as Jupyter's classic notebook configures them)
    "HTML-CSS": {
        "availableFonts": [],
        "webFont": "STIX-Web",
        "imageFont": None,
        "preferredFont": None,
        "linebreaks": {"automatic": True},
    },
    "menuSettings": {"zoom": "None"},
}
html_css_files = ["site.css"]
html_last_updated_fmt = None


def launch_links(pagename: str) -> dict[str, str]:
    """The Binder and JupyterHub (nbgitpuller) links that open notebook ``pagename`` live."""
    path = f"{pagename}.ipynb"
    name = REPOSITORY.split("/")[-1]
    return {
        "Binder": BINDER_TEMPLATE.format(
            binderhub=BINDERHUB_URL, repository=REPOSITORY, branch=BRANCH, urlpath=quote(f"lab/tree/{path}", safe="")
        ),
        "JupyterHub": JUPYTERHUB_TEMPLATE.format(
            hub=JUPYTERHUB_URL,
            repo_url=quote(f"https://github.com/{REPOSITORY}", safe=""),
            branch=quote(BRANCH, safe=""),
            urlpath=quote(f"lab/tree/{name}/{path}", safe=""),
        ),
    }


def _add_launch_links(app, pagename, templatename, context, doctree) -> None:
    if doctree is None or app.env.doc2path(pagename).suffix != ".ipynb":
        return
    links = " · ".join(
        f'<a class="lh-launch" href="{url}" rel="noopener">{label}</a>' for label, url in launch_links(pagename).items()
    )
    banner = f'<p class="lh-launch-live"><strong>Launch live</strong> (move the dashboard\'s sliders): {links}</p>'
    context["body"] = banner + context["body"]


def setup(app):
    app.connect("html-page-context", _add_launch_links)
