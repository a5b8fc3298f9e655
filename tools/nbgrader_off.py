"""Turn nbgrader's Jupyter extensions off in this Python's environment (``make test`` runs it).

nbgrader (``tests/test_grading.py`` grades with its command line) installs a hub's Assignments tab and
Formgrader as server and JupyterLab extensions. They would slow every JupyterLab the browser tests start
and add toolbar items, so the test environment turns them off (a teacher's hub turns them on: see the
teaching guide).

This writes what ``jupyter server extension disable --sys-prefix nbgrader.server_extensions.NAME``
(once per extension) and ``jupyter labextension disable --level=sys_prefix @jupyter/nbgrader`` write,
in one process instead of five Jupyter command lines (about 40 s on a fresh 2-core machine):

- ``etc/jupyter/jupyter_server_config.d/nbgrader.server_extensions.NAME.json``, each setting its extension
  to false (read after nbgrader's own ``nbgrader.json``, which turns them on: the files load by name);
- ``etc/jupyter/labconfig/page_config.json``, with ``@jupyter/nbgrader`` disabled and locked (other
  entries kept).

    python tools/nbgrader_off.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SERVER_EXTENSIONS = ("formgrader", "validate_assignment", "assignment_list", "course_list")
LAB_EXTENSION = "@jupyter/nbgrader"


def turn_off(prefix: Path) -> list[Path]:
    """Write the configuration under ``prefix/etc/jupyter``; return the files written."""
    etc = prefix / "etc" / "jupyter"
    written = []
    server = etc / "jupyter_server_config.d"
    server.mkdir(parents=True, exist_ok=True)
    for name in SERVER_EXTENSIONS:
        module = f"nbgrader.server_extensions.{name}"
        path = server / f"{module}.json"
        path.write_text(json.dumps({"ServerApp": {"jpserver_extensions": {module: False}}}, indent=2))
        written.append(path)
    page = etc / "labconfig" / "page_config.json"
    page.parent.mkdir(parents=True, exist_ok=True)
    config = json.loads(page.read_text()) if page.exists() else {}
    for key in ("disabledExtensions", "lockedExtensions"):
        config.setdefault(key, {})[LAB_EXTENSION] = True
    page.write_text(json.dumps(config, indent=2))
    written.append(page)
    return written


if __name__ == "__main__":
    for path in turn_off(Path(sys.prefix)):
        print(f"wrote {path}")
