"""tools/nbgrader_off.py turns nbgrader's Jupyter extensions off as ``jupyter ... disable`` would.

Checked the way Jupyter reads it: jupyter_server's merged extension configuration (nbgrader's own
``nbgrader.json`` turns the four on; our files must win) and JupyterLab's page config.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jupyter_server.extension.config import ExtensionConfigManager
from jupyterlab_server.config import get_page_config

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from nbgrader_off import LAB_EXTENSION, SERVER_EXTENSIONS, turn_off

MODULES = [f"nbgrader.server_extensions.{name}" for name in SERVER_EXTENSIONS]


def server_extensions(prefix: Path) -> dict[str, bool]:
    manager = ExtensionConfigManager(read_config_path=[str(prefix / "etc" / "jupyter")])
    return {k: v for k, v in manager.get_jpserver_extensions().items() if k.startswith("nbgrader")}


def test_turns_off_what_nbgraders_own_config_turns_on_and_keeps_other_lab_settings(tmp_path):
    etc = tmp_path / "etc" / "jupyter"
    (etc / "jupyter_server_config.d").mkdir(parents=True)
    (etc / "jupyter_server_config.d" / "nbgrader.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": dict.fromkeys(MODULES, True)}})
    )
    (etc / "labconfig").mkdir()
    (etc / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {"other": True}}))
    assert server_extensions(tmp_path) == dict.fromkeys(MODULES, True)

    turn_off(tmp_path)

    assert server_extensions(tmp_path) == dict.fromkeys(MODULES, False)
    page = json.loads((etc / "labconfig" / "page_config.json").read_text())
    assert page == {
        "disabledExtensions": {"other": True, LAB_EXTENSION: True},
        "lockedExtensions": {LAB_EXTENSION: True},
    }
    turn_off(tmp_path)  # again: the same
    assert json.loads((etc / "labconfig" / "page_config.json").read_text()) == page


def test_the_test_environment_has_them_off():
    """What ``make test`` set up (its JupyterLabs start without the Assignments tab and Formgrader)."""
    assert server_extensions(Path(sys.prefix)) == dict.fromkeys(MODULES, False)
    assert LAB_EXTENSION in get_page_config([]).get("disabledExtensions", [])
