"""The Jupyter processes the tests start (JupyterLab, the hub's servers, nbgrader, nbclient) import quickly.

jsonschema, under nbformat and jupyter_server, checks the ``iri`` format with ``rfc3987`` when it is
installed (the test extra in pyproject.toml has it), and otherwise imports ``rfc3987-syntax``, which builds
38 Lark parsers at import: 2.2 s more for every such process on a 2-core machine. This checks which one a
fresh interpreter of the test environment imports.
"""

from __future__ import annotations

import subprocess
import sys


def test_jupyter_server_starts_without_building_rfc3987_syntaxs_parsers():
    probe = (
        "import sys, jupyter_server.serverapp, nbformat\n"
        "print('rfc3987_syntax' in sys.modules, 'rfc3987' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"], "jsonschema imported rfc3987-syntax (slow), not rfc3987: pip install rfc3987"
