"""Drive a real JupyterLab in Debian's headless Chromium (Python Playwright).

Used by the browser tests (``tests/browser/``) and by the latency benchmark
(``benchmarks/browser_latency.py``). Nothing here imports Playwright at module
level, so the module imports (and pytest collects) on machines without it.

* :class:`LabServer` starts ``jupyter lab`` from the running Python
  environment on a free loopback port with a random token, an empty
  workspace/settings/runtime directory of its own, the repository as its root
  (so ``notebooks/…`` paths work) and ``window.jupyterapp`` exposed; it waits
  until the server answers and shuts it and its kernels down on :meth:`stop`.
* :func:`launch_chromium` starts ``/usr/bin/chromium`` with the flags this
  machine needs (no browser download is possible here).
* :class:`NotebookPage` opens a notebook, runs it, waits for the kernel to go
  idle, reads its outputs and finds the dashboards and their sliders.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM = Path(os.environ.get("LH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Labels of the two sliders every dashboard has (regular expressions, matched at the start).
LR_LABEL = r"learning rate"
BATCH_LABEL = r"(?:mini-)?batch size"
VIEWPORT = {"width": 1366, "height": 900}  # a common laptop screen

# Text that means a widget was shown as its text repr (no widget manager, a failed view, …).
FALLBACK_MARKERS = (
    "VBox(",
    "HBox(",
    "FloatLogSlider(",
    "FloatSlider(",
    "IntSlider(",
    "Canvas(",
    "Error displaying widget",
    "A Jupyter widget could not be displayed",
    "Loading widget...",
    "run the notebook to use the sliders",
)


def browser_unavailable_reason() -> str | None:
    """Why the browser tests cannot run here (``None`` if they can)."""
    missing = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"{CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright is not installed (pip install -e '.[test]')")
    return "; ".join(missing) or None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------- server


class LabServer:
    """``jupyter lab`` on a free loopback port with a random token (a context manager)."""

    def __init__(
        self,
        root: Path = ROOT,
        python: str | None = None,
        startup_timeout: float = 90.0,
        kernel_startup: str | None = None,
        disabled_extensions: tuple[str, ...] = (),
    ) -> None:
        """``kernel_startup``: Python run at the start of every kernel (default: the file named by the
        environment variable ``LH_LAB_KERNEL_STARTUP``, if set; a hook to try a fix without editing
        the package). The kernels otherwise get an empty IPython profile.

        ``disabled_extensions``: front-end extensions (e.g. ``"anywidget"``) this server's pages do
        not load, as in a JupyterLab that lacks them (``jupyter labextension disable``)."""
        self.root = Path(root)
        self.disabled_extensions = tuple(disabled_extensions)
        if kernel_startup is None and os.environ.get("LH_LAB_KERNEL_STARTUP"):
            kernel_startup = Path(os.environ["LH_LAB_KERNEL_STARTUP"]).read_text()
        self.kernel_startup = kernel_startup
        self.python = python or sys.executable
        self.startup_timeout = startup_timeout
        self.port = 0
        self.token = secrets.token_hex(24)
        self.proc: subprocess.Popen | None = None
        self.tmp: Path | None = None
        self.log_path: Path | None = None

    # -- life cycle
    def start(self) -> LabServer:
        self.tmp = Path(tempfile.mkdtemp(prefix="lh-lab-"))
        settings = self.tmp / "settings"
        notif = settings / "@jupyterlab" / "apputils-extension"
        notif.mkdir(parents=True)
        # No "get Jupyter news?" toast and no update check (it would cover the page and phone home).
        (notif / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        for sub in ("workspaces", "config", "runtime", "ipython"):
            (self.tmp / sub).mkdir()
        if self.disabled_extensions:  # what `jupyter labextension disable NAME` writes
            labconfig = self.tmp / "config" / "labconfig"
            labconfig.mkdir()
            disabled = dict.fromkeys(self.disabled_extensions, True)
            (labconfig / "page_config.json").write_text(json.dumps({"disabledExtensions": disabled}))
        if self.kernel_startup:
            startup = self.tmp / "ipython" / "profile_default" / "startup"
            startup.mkdir(parents=True)
            (startup / "00-lh-lab.py").write_text(self.kernel_startup)
        env = dict(os.environ)
        env.update(
            JUPYTER_CONFIG_DIR=str(self.tmp / "config"),  # no user config: the same server everywhere
            JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
            IPYTHONDIR=str(self.tmp / "ipython"),  # no user startup files in the kernels
            JUPYTER_PLATFORM_DIRS="1",
            PATH=str(Path(self.python).parent) + os.pathsep + env.get("PATH", ""),
        )
        env.pop("MPLBACKEND", None)
        env.pop("JUPYTER_TOKEN", None)
        if Path(self.python) != Path(sys.executable):  # another environment (Binder's): see installed_envs.py
            env["PYTHONDONTWRITEBYTECODE"] = ""
        self.log_path = self.tmp / "jupyter-lab.log"
        last_error = None
        self._log = open(self.log_path, "ab")  # closed in stop()
        for _attempt in range(3):  # a free port can be taken between the check and the bind
            self.port = _free_port()
            cmd = [
                self.python,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True",
                "--JupyterNotebookApp.expose_app_in_browser=True",  # Notebook 7's pages, served too
                f"--LabApp.user_settings_dir={settings}",
                f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}",
                "--LabApp.news_url=",
                "--ServerApp.terminals_enabled=False",
                # A safety net if this process is killed before stop(): idle kernels are culled and
                # the server exits on its own after a quarter of an hour without use.
                "--MappingKernelManager.cull_idle_timeout=600",
                "--MappingKernelManager.cull_interval=60",
                "--ServerApp.shutdown_no_activity_timeout=900",
            ]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                cmd.append("--allow-root")  # CI containers run as root
            self.proc = subprocess.Popen(
                cmd, cwd=self.root, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                self._wait_until_up()
                return self
            except RuntimeError as exc:
                last_error = exc
                self._kill()
                if "in use" not in str(exc).lower():
                    break
        self._log.close()
        if not os.environ.get("LH_KEEP_LAB_TMP"):
            shutil.rmtree(self.tmp, ignore_errors=True)
        raise RuntimeError(f"jupyter lab did not start: {last_error}")

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if self.api("GET", "/api/status", timeout=2) is not None:
                    # The lab page itself must answer too (the server answers /api before the extension loads).
                    with urllib.request.urlopen(self.url("/lab"), timeout=5) as resp:
                        if resp.status == 200:
                            return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"no answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Shut the server and its kernels down; kill it if it does not go."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                self.api("POST", "/api/shutdown", timeout=10)  # shuts its kernels down too
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._kill()
        self._kill()
        self._log.close()
        if self.tmp is not None and not os.environ.get("LH_KEEP_LAB_TMP"):
            shutil.rmtree(self.tmp, ignore_errors=True)
        self.proc = None

    def _kill(self) -> None:
        """End the server's process group: SIGTERM (the server then shuts its kernels down), then SIGKILL.

        Kernels run in sessions of their own; one left by a killed server exits by itself
        (ipykernel watches its parent process).
        """
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, 9)
                self.proc.wait(timeout=10)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- talking to it
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}"

    def api(self, method: str, path: str, timeout: float = 10) -> Any:
        req = urllib.request.Request(
            self.base_url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else {}

    def shutdown_kernels(self) -> None:
        """Shut every running kernel down (between notebooks)."""
        for kernel in self.api("GET", "/api/kernels"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=20)

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


# ------------------------------------------------------------------------ browser


def launch_chromium(playwright, **kwargs):
    """Debian's Chromium, headless, with the flags this sandboxed machine needs."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, chromium_sandbox=False, **kwargs
    )


# Counts the frames painted on each canvas: ipympl paints a received frame with drawImage, the
# dashboards' figures (linreg_helpers/_figure.js) with putImageData.
_PAINT_COUNTER = """
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['drawImage', 'putImageData']) {
    const original = proto[name];
    proto[name] = function (...args) {
      if (this.canvas) this.canvas.__lhPaints = (this.canvas.__lhPaints || 0) + 1;
      return original.apply(this, args);
    };
  }
})();
"""


def new_page(browser, viewport: dict | None = None, init_script: str | None = None):
    """A page in a new browser context.

    ``LH_BROWSER_CPU_THROTTLE=N`` (an environment variable) slows the page's CPU N times
    (DevTools' CPU throttling): a way to see here what a slow, shared CI machine does.
    """
    context = browser.new_context(viewport=viewport or VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    throttle = float(os.environ.get("LH_BROWSER_CPU_THROTTLE") or 1)
    if throttle > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.set_default_timeout(60_000)
    page.add_init_script(_PAINT_COUNTER)
    if init_script:
        page.add_init_script(init_script)
    return page


def new_lab_page(browser, server: LabServer, viewport: dict | None = None, init_script: str | None = None):
    """A new browser context with JupyterLab loaded in a fresh workspace (nothing restored)."""
    page = new_page(browser, viewport, init_script)
    workspace = "lh" + secrets.token_hex(4)
    page.goto(server.url(f"/lab/workspaces/{workspace}"), wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")
    return page


# JavaScript run in the page. ``window.__lh_nb`` is the notebook panel opened by open().
# A panel's context never becomes ready when JupyterLab cannot load the file (it shows a "File Load Error"
# dialog instead), and page.evaluate has no timeout: without this race a test would wait for ever.
_JS_PANEL_READY = """
async function panelReady(panel, path, seconds) {
  const ready = (async () => { await panel.context.ready; await panel.sessionContext.ready; })();
  const failed = new Promise((_, reject) => {
    const start = Date.now();
    const look = () => {
      const dialog = [...document.querySelectorAll('.jp-Dialog')].find(d => /error/i.test(d.innerText));
      if (dialog) {
        reject(new Error('JupyterLab could not open ' + path + ': ' + dialog.innerText.slice(0, 3000)));
      } else if (Date.now() - start > seconds * 1000) {
        reject(new Error(path + ' was not open and its kernel not started within ' + seconds + ' s'));
      } else {
        setTimeout(look, 250);
      }
    };
    look();
  });
  await Promise.race([ready, failed]);
}
"""

_JS_OPEN = (
    """
async (path) => {
  """
    + _JS_PANEL_READY
    + """
  const app = window.jupyterapp;
  await app.started;
  await app.restored;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  window.__lh_nb = panel;
  await panelReady(panel, path, 120);
  app.shell.activateById(panel.id);
  return panel.id;
}
"""
)

# Notebook 7: its page opens one notebook; wait for that panel and keep it as window.__lh_nb.
_JS_NOTEBOOK7_PANEL = """
async () => {
  const app = window.jupyterapp;
  await app.started;
  await app.restored;
  for (let i = 0; i < 600; i++) {
    const w = app.shell.currentWidget;
    if (w && w.content && w.sessionContext && w.context) {
      await w.context.ready;
      await w.sessionContext.ready;
      window.__lh_nb = w;
      return w.id;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('Notebook 7 showed no notebook panel within 60 s');
}
"""

# A page that opened a notebook by itself (a /lab/tree/PATH link): find that notebook's panel.
_JS_FIND_PANEL = (
    """
async ({path, tries}) => {
  """
    + _JS_PANEL_READY
    + """
  const app = window.jupyterapp;
  await app.started;
  await app.restored;
  for (let i = 0; i < tries; i++) {
    for (const w of app.shell.widgets('main')) {
      if (w && w.content && w.sessionContext && w.context && w.context.path === path) {
        await panelReady(w, path, 120);
        app.shell.activateById(w.id);
        window.__lh_nb = w;
        return w.id;
      }
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('no notebook panel for ' + path + ' on the page');
}
"""
)

_JS_KERNEL_READY = """
() => {
  const p = window.__lh_nb;
  const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}
"""

_JS_RUN_STATE = """
() => {
  const p = window.__lh_nb;
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  let pending = 0, done = 0, running = 0, errors = 0;
  for (const cell of p.content.widgets) {
    const m = cell.model;
    if (m.type !== 'code' || !m.sharedModel.getSource().trim()) continue;
    if (m.executionState === 'running') running++;
    if (m.executionCount === null || m.executionState === 'running') pending++; else done++;
    for (let i = 0; i < m.outputs.length; i++) if (m.outputs.get(i).type === 'error') errors++;
  }
  return {status: k ? k.status : 'none', pending, done, running, errors};
}
"""

_JS_OUTPUTS = """
() => {
  const p = window.__lh_nb;
  return p.content.widgets.map((cell, index) => {
    const m = cell.model;
    const outputs = m.type === 'code' ? m.outputs.toJSON() : [];
    return {index, type: m.type, source: m.sharedModel.getSource(), outputs};
  });
}
"""

# Dashboards: top-level widget boxes in an output area that hold a slider and a live figure.
_JS_DASHBOARDS = """
(withFigure) => {
  const p = window.__lh_nb;
  const found = [];
  p.content.widgets.forEach((cell, cellIndex) => {
    cell.node.querySelectorAll('.jp-OutputArea-output').forEach(out => {
      const roots = Array.from(out.querySelectorAll('.widget-vbox')).filter(
        el => !el.parentElement.closest('.widget-vbox'));
      for (const root of roots) {
        const figure = root.querySelector(':is(.jupyter-matplotlib, .lh-figure)');
        if (!root.querySelector('.widget-slider') || (withFigure && !figure)) continue;
        const id = 'lh-dash-' + found.length;
        root.setAttribute('data-lh-dashboard', id);
        const title = root.querySelector(':scope > .widget-html');
        found.push({id, cellIndex, title: title ? title.textContent.trim() : ''});
      }
    });
  });
  return found;
}
"""

_JS_DASHBOARD_STATE = """
(root) => {
  const rect = el => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const vis = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const sliders = Array.from(root.querySelectorAll('.widget-slider')).map(s => {
    const label = s.querySelector('.widget-label');
    const handle = s.querySelector('.noUi-handle');
    const readout = s.querySelector('.widget-readout');
    return {
      label: label ? label.textContent.trim() : '',
      labelFits: label ? label.scrollWidth <= label.clientWidth + 1 : true,
      visible: vis(s), handle: !!handle,
      readout: readout ? readout.textContent.trim() : null,
      readoutFits: readout ? readout.scrollWidth <= readout.clientWidth + 1 : true,
      valueNow: handle ? handle.getAttribute('aria-valuenow') : null,
      rect: rect(s),
    };
  });
  // Any other label or button text that does not fit its box (checkboxes, dropdowns, toggle buttons).
  const cut = Array.from(root.querySelectorAll(
      '.widget-label, .widget-label-basic, .widget-checkbox label, .widget-toggle-button, .widget-button, select'))
    .filter(el => !el.closest('.widget-slider') && !el.closest(':is(.jupyter-matplotlib, .lh-figure)') && vis(el))
    .filter(el => (el.textContent || '').trim() && el.scrollWidth > el.clientWidth + 1)
    .map(el => (el.textContent || '').trim().slice(0, 80));
  const canvas = root.querySelector(':is(.jupyter-matplotlib, .lh-figure) canvas');
  let blank = true, cw = 0, ch = 0;
  if (canvas && canvas.width && canvas.height) {
    cw = canvas.width; ch = canvas.height;
    const d = canvas.getContext('2d').getImageData(0, 0, cw, ch).data;
    for (let i = 0; i < d.length; i += 4 * 97) {
      if (d[i + 3] && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) { blank = false; break; }
    }
  }
  // The read-out: the first HTML widget after the figure.
  const fig = root.querySelector(':scope > :is(.jupyter-matplotlib, .lh-figure)');
  let readout = '', el = fig ? fig.nextElementSibling : null;
  while (el && !el.classList.contains('widget-html')) el = el.nextElementSibling;
  if (el) readout = el.textContent.trim();
  const area = root.closest('.jp-OutputArea-output');
  return {
    sliders, readout, cut,
    canvas: canvas ? {visible: vis(canvas), width: cw, height: ch, blank, rect: rect(canvas)} : null,
    rect: rect(root), area: area ? rect(area) : null,
    overflowX: area ? area.scrollWidth - area.clientWidth : 0,
  };
}
"""

# Every live figure of the notebook (the dashboards' and plain %matplotlib widget ones).
_JS_FIGURES = """
() => {
  const p = window.__lh_nb;
  const found = [];
  p.content.widgets.forEach((cell, cellIndex) => {
    cell.node.querySelectorAll('.jp-OutputArea-output :is(.jupyter-matplotlib, .lh-figure)').forEach(fig => {
      const c = fig.querySelector('canvas');
      let blank = true;
      if (c && c.width && c.height) {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4 * 97) {
          if (d[i + 3] && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) { blank = false; break; }
        }
      }
      found.push({cellIndex, width: c ? c.width : 0, height: c ? c.height : 0, blank});
    });
  });
  return found;
}
"""

# What each cell's output area shows: the mime type JupyterLab chose and the text.
_JS_RENDERED = """
() => {
  const p = window.__lh_nb;
  return p.content.widgets.map((cell, cellIndex) => ({
    cellIndex,
    outputs: Array.from(cell.node.querySelectorAll('.jp-OutputArea-output')).map(o => ({
      // A live widget's output carries no data-mime-type; its view has the class jupyter-widgets.
      mime: o.getAttribute('data-mime-type') || (o.querySelector('.jupyter-widgets')
            ? 'application/vnd.jupyter.widget-view+json' : null),
      text: (o.textContent || '').slice(0, 2000)})),
  }));
}
"""

# Cells JupyterLab has not rendered yet (out of view; rendered in idle time or when scrolled to).
_JS_PLACEHOLDERS = """
() => window.__lh_nb.content.widgets.map((c, i) => (c.isPlaceholder() ? i : -1)).filter(i => i >= 0)
"""

# Render every placeholder cell now (JupyterLab's own idle-time routine, given a long budget).
_JS_RENDER_CELLS = """
async () => {
  const nb = window.__lh_nb.content;
  if (typeof nb._runOnIdleTime === 'function') await nb._runOnIdleTime(20000);
}
"""

# A cheap fingerprint of the figure's pixels (FNV-1a over the RGBA bytes).
_JS_CANVAS_HASH = """
(root) => {
  const c = root.querySelector(':is(.jupyter-matplotlib, .lh-figure) canvas');
  if (!c || !c.width) return null;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 2166136261;
  for (let i = 0; i < d.length; i += 1) { h ^= d[i]; h = Math.imul(h, 16777619); }
  return (h >>> 0).toString(16) + ':' + c.width + 'x' + c.height;
}
"""


@dataclass
class Slider:
    label: str
    readout: str | None
    value_now: float | None
    min: float | None
    max: float | None


# CRC-32 of the canvas's RGBA bytes, computed in the page (the same checksum as Python's zlib.crc32).
_JS_CANVAS_CRC = """
root => {
  const c = root.querySelector('.lh-figure canvas');
  if (!c || !c.width) return null;
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const table = new Int32Array(256).map((_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xEDB88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 255] ^ (crc >>> 8);
  return {crc: (crc ^ -1) >>> 0, width: c.width, height: c.height};
}
"""

# The kernel's side of the same checksum, for comparing the page with the kernel.
_KERNEL_PIXELS_CRC = """
import json as _json, zlib as _zlib
import numpy as _np
_px = _np.asarray({dashboard}.figure.canvas.get_renderer().buffer_rgba())
print(_json.dumps({{"crc": _zlib.crc32(_px.tobytes()), "width": _px.shape[1], "height": _px.shape[0]}}))
"""


@dataclass
class NotebookPage:
    """One notebook open in JupyterLab in its own browser context."""

    page: Any
    server: LabServer
    path: str
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    _owns_page: bool = True

    @classmethod
    def open(cls, browser, server: LabServer, path: str, viewport: dict | None = None, init_script: str | None = None):
        """Open ``path`` in a new browser context with a fresh JupyterLab workspace."""
        page = new_lab_page(browser, server, viewport, init_script)
        return cls.open_in(page, server, path, owns_page=True)

    @classmethod
    def _listening(cls, page, server, path: str, owns_page: bool) -> NotebookPage:
        """A NotebookPage that records the page's console errors and uncaught errors from now on."""
        nbp = cls(page, server, path)
        nbp._owns_page = owns_page
        nbp._on_console = lambda m: nbp.console.append(f"{m.type}: {m.text}") if m.type == "error" else None
        nbp._on_error = lambda e: nbp.page_errors.append(str(e))
        page.on("console", nbp._on_console)
        page.on("pageerror", nbp._on_error)
        return nbp

    @classmethod
    def open_in(cls, page, server: LabServer, path: str, owns_page: bool = False):
        """Open ``path`` in a JupyterLab page already loaded (see :func:`new_lab_page`)."""
        nbp = cls._listening(page, server, path, owns_page)
        page.evaluate(_JS_OPEN, path)
        page.wait_for_function(_JS_KERNEL_READY, timeout=60_000, polling=200)
        return nbp

    @classmethod
    def open_notebook7(cls, browser, server: LabServer, path: str, viewport: dict | None = None):
        """Open ``path`` in Jupyter Notebook 7's own page (``/notebooks/PATH``), in a new browser context.

        Notebook 7 is built from JupyterLab's parts: its page has the same application object
        (``window.jupyterapp``) and notebook panel, so the other methods work there unchanged.
        """
        page = new_page(browser, viewport)
        nbp = cls._listening(page, server, path, owns_page=True)
        # A console "Failed to load resource" names no address: record the failed requests themselves.
        nbp.failed_requests = []
        page.on(
            "response",
            lambda r: (
                nbp.failed_requests.append(f"{r.status} {r.request.method} {r.url.split('?')[0]}")
                if r.status >= 400
                else None
            ),
        )
        page.goto(server.url(f"/notebooks/{path}"), wait_until="domcontentloaded")
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        page.evaluate(_JS_NOTEBOOK7_PANEL)
        page.wait_for_function(_JS_KERNEL_READY, timeout=60_000, polling=200)
        return nbp

    @classmethod
    def attach(cls, page, server, path: str, timeout: float = 60.0):
        """A :class:`NotebookPage` for a page already showing the notebook ``path`` (opened by a link:
        ``/lab/tree/PATH``, an nbgitpuller link on a hub, ...). ``server`` needs only ``url(path)``
        and ``base_url`` (a :class:`LabServer`, or a learner's server on a hub)."""
        nbp = cls._listening(page, server, path, owns_page=True)
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=timeout * 1000)
        page.evaluate(_JS_FIND_PANEL, {"path": path, "tries": int(timeout * 10)})
        page.wait_for_function(_JS_KERNEL_READY, timeout=timeout * 1000, polling=200)
        return nbp

    def app_name(self) -> str:
        """The front end's own name for itself ("JupyterLab", "Jupyter Notebook")."""
        return self.page.evaluate("() => window.jupyterapp.name")

    def close(self) -> None:
        """Close the notebook (its kernel shut down, unsaved changes dropped) or the whole page."""
        if self._owns_page:
            self._stop_listening()
            with contextlib.suppress(Exception):
                self.page.context.close()
            return
        with contextlib.suppress(Exception):
            # Wait two frames after the dispose: a message JupyterLab had queued for the notebook
            # (an activate request, say) fails on the disposed widget, and that error belongs to
            # this notebook's page, not to the next notebook opened here.
            self.page.evaluate(
                """async () => { const p = window.__lh_nb; window.__lh_nb = null;
                   if (!p) return; await p.sessionContext.shutdown(); p.context.model.dirty = false; p.dispose();
                   await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }"""
            )
            self.page.wait_for_timeout(100)  # let Playwright deliver the console events of those frames
        self._stop_listening()

    def _stop_listening(self) -> None:
        with contextlib.suppress(Exception):
            self.page.remove_listener("console", self._on_console)
            self.page.remove_listener("pageerror", self._on_error)

    # -- running
    def run_all(self, timeout: float = 180.0) -> float:
        """Run All (the Run menu's command), wait until every cell ran and the kernel is idle; seconds taken."""
        t0 = time.monotonic()
        self.page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        self.wait_idle(timeout)
        return time.monotonic() - t0

    def wait_idle(self, timeout: float = 180.0, settle: float = 0.5) -> None:
        deadline = time.monotonic() + timeout
        idle_since = None
        state = None
        while time.monotonic() < deadline:
            state = self.page.evaluate(_JS_RUN_STATE)
            # Finished, or stopped by an error (Run All leaves the cells after it unrun).
            stopped = state["errors"] > 0 and state["running"] == 0
            if state["status"] == "idle" and (state["pending"] == 0 or stopped):
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= settle:
                    return
            else:
                idle_since = None
            time.sleep(0.1)
        raise TimeoutError(f"{self.path}: the kernel did not finish within {timeout:.0f} s (last state {state})")

    def placeholder_cells(self) -> list[int]:
        """Indices of the cells JupyterLab has not rendered yet (see :meth:`render_every_cell`)."""
        return self.page.evaluate(_JS_PLACEHOLDERS)

    def render_every_cell(self, timeout: float = 180.0, quiet: float = 8.0) -> list[int]:
        """Wait until JupyterLab has rendered every cell; return the indices of any it has not.

        In its default windowing mode ("contentVisibility") JupyterLab first shows every cell
        as a placeholder and renders the cells, outputs included, top to bottom in the
        browser's idle time (an idle callback at least every 3 s, a few cells each). On a busy
        machine that can take longer than Run All: the last cells' outputs are then in the
        notebook but not yet on the page (a dashboard "shows nothing"). So wait, and every
        ``quiet`` seconds while cells are left run JupyterLab's own rendering routine with a long
        budget (up to 20 s of rendering, cell by cell from the top; it skips rendered cells, as the
        idle-time rendering does). Once was not always enough: on a slow CI machine notebook 07
        kept three cells unrendered past the old single run and a 90 s limit.
        """
        deadline = time.monotonic() + timeout
        pushed = time.monotonic()
        while time.monotonic() < deadline:
            if not self.placeholder_cells():
                return []
            if time.monotonic() - pushed > quiet:
                self.page.evaluate(_JS_RENDER_CELLS)
                pushed = time.monotonic()
            time.sleep(0.1)
        return self.placeholder_cells()

    def wait_widgets_rendered(self, timeout: float = 30.0, quiet: float = 3.0) -> bool:
        """Wait until every cell is rendered (:meth:`render_every_cell`), widget views are built and
        every live figure's canvas is sized and shows pixels.

        Returns False (without raising) when that does not happen but nothing has changed for
        ``quiet`` seconds: a figure that never appears is for the tests to report, not to wait for.
        """
        self.render_every_cell()
        js = """() => {
            const outs = Array.from(document.querySelectorAll('.jp-OutputArea-output'));
            const loading = outs.filter(o => (o.textContent || '').includes('Loading widget')).length;
            const figures = '.jp-OutputArea-output :is(.jupyter-matplotlib, .lh-figure)';
            const canvases = Array.from(document.querySelectorAll(figures))
                .map(f => f.querySelector('canvas')).filter(c => c);
            const drawn = c => {  // any non-white pixel (sampled)
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 0; i < d.length; i += 4 * 97) {
                    if (d[i + 3] && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) return true;
                }
                return false;
            };
            const ready = canvases.filter(
                c => c.width > 0 && c.height > 0 && (c.__lhPaints || 0) > 0 && drawn(c)).length;
            const paints = canvases.reduce((n, c) => n + (c.__lhPaints || 0), 0);
            return {done: loading === 0 && ready === canvases.length,
                    sig: [loading, ready, canvases.length, paints].join()};
        }"""
        deadline = time.monotonic() + timeout
        last_sig, since = None, time.monotonic()
        while time.monotonic() < deadline:
            st = self.page.evaluate(js)
            if st["done"]:
                time.sleep(0.2)  # the last frame's image may still be decoding
                return True
            if st["sig"] != last_sig:
                last_sig, since = st["sig"], time.monotonic()
            elif time.monotonic() - since > quiet:
                return False
            time.sleep(0.1)
        return False

    def outputs(self) -> list[dict]:
        """Every cell's source and outputs as JSON (the notebook model)."""
        return self.page.evaluate(_JS_OUTPUTS)

    def rendered_outputs(self) -> list[dict]:
        """Per cell, what the page shows: the rendered mime type and text of each output."""
        return self.page.evaluate(_JS_RENDERED)

    def figures(self) -> list[dict]:
        """Every live figure in the outputs: canvas size and whether it has any pixels drawn."""
        return self.page.evaluate(_JS_FIGURES)

    def dom_stderr(self) -> list[str]:
        """Text of stderr and error outputs as rendered in the page."""
        return self.page.eval_on_selector_all(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
            "els => els.map(e => e.textContent)",
        )

    # -- dashboards
    def dashboards(self) -> list[dict]:
        """The dashboards on the page: widget boxes with a slider and a live figure."""
        return self.page.evaluate(_JS_DASHBOARDS, True)

    def dashboards_without_figure(self) -> list[str]:
        """Ids of widget boxes with a slider, live figure or not (a front end may lack the figure's)."""
        return [d["id"] for d in self.page.evaluate(_JS_DASHBOARDS, False)]

    def dashboard(self, dash_id: str):
        return self.page.locator(f'[data-lh-dashboard="{dash_id}"]')

    def dashboard_state(self, dash_id: str) -> dict:
        return self.dashboard(dash_id).evaluate(_JS_DASHBOARD_STATE)

    def canvas_hash(self, dash_id: str) -> str | None:
        return self.dashboard(dash_id).evaluate(_JS_CANVAS_HASH)

    def canvas_crc(self, dash_id: str) -> dict | None:
        """CRC-32 (as Python's ``zlib.crc32``) of the RGBA bytes on the dashboard's figure canvas, and its size."""
        return self.dashboard(dash_id).evaluate(_JS_CANVAS_CRC)

    def kernel_pixels_crc(self, dashboard: str) -> dict:
        """The same checksum and size for the kernel's pixels of the dashboard bound to the name ``dashboard``."""
        return self.kernel_eval(_KERNEL_PIXELS_CRC.format(dashboard=dashboard))

    def canvas_paints(self, dash_id: str) -> int:
        """How many times the dashboard's figure canvas has been painted so far."""
        return self.dashboard(dash_id).evaluate(
            "r => { const c = r.querySelector(':is(.jupyter-matplotlib, .lh-figure) canvas');"
            " return c ? (c.__lhPaints || 0) : 0; }"
        )

    def slider(self, dash_id: str, label: str):
        """The slider of a dashboard whose label starts with the regex ``label`` (case-insensitive)."""
        pattern = re.compile(r"^\s*" + label, re.IGNORECASE)
        loc = (
            self.dashboard(dash_id)
            .locator(".widget-slider")
            .filter(has=self.page.locator(".widget-label").filter(has_text=pattern))
        )
        return loc.first

    def slider_info(self, slider) -> Slider:
        info = slider.evaluate(
            """s => { const h = s.querySelector('.noUi-handle'); const r = s.querySelector('.widget-readout');
                const l = s.querySelector('.widget-label');
                return {label: l ? l.textContent.trim() : '', readout: r ? r.textContent.trim() : null,
                  now: h.getAttribute('aria-valuenow'), min: h.getAttribute('aria-valuemin'),
                  max: h.getAttribute('aria-valuemax')}; }"""
        )

        def num(x):
            return None if x in (None, "") else float(x)

        return Slider(info["label"], info["readout"], num(info["now"]), num(info["min"]), num(info["max"]))

    def press_on_slider(self, slider, key: str) -> None:
        """Focus the slider's handle (as a Tab or a click would) and press ``key``."""
        handle = slider.locator(".noUi-handle")
        handle.focus()
        self.page.keyboard.press(key)

    def _kernel_status(self) -> str:
        return self.page.evaluate(
            "() => { const s = window.__lh_nb.sessionContext.session;"
            " return s && s.kernel ? s.kernel.status : 'none'; }"
        )

    def wait_kernel_idle(self, timeout: float = 30.0, settle: float = 0.15) -> None:
        """Wait until the kernel has been idle for ``settle`` seconds."""
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            status = self._kernel_status()
            if status == "idle":
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since >= settle:
                    return
            else:
                idle_since = None
            time.sleep(0.03)
        raise TimeoutError(f"{self.path}: kernel not idle after {timeout:.0f} s")

    def move_slider(self, dash_id: str, label: str, key: str, timeout: float = 15.0) -> dict:
        """Press ``key`` on a dashboard slider as a learner would and wait for the new frame.

        Returns the slider before/after, whether the canvas pixels changed, and
        the dashboard read-out before/after.
        """
        slider = self.slider(dash_id, label)
        slider.scroll_into_view_if_needed()
        before = self.slider_info(slider)
        pixels0 = self.canvas_hash(dash_id)
        paints0 = self.canvas_paints(dash_id)
        readout0 = self.dashboard_state(dash_id)["readout"]
        self.press_on_slider(slider, key)
        deadline = time.monotonic() + timeout
        after = before
        while time.monotonic() < deadline:  # the slider's own read-out follows the key at once
            after = self.slider_info(slider)
            if after.readout != before.readout:
                break
            time.sleep(0.03)
        # Then the kernel's new frame, if the move changed any pixel: a frame carries only changed
        # pixels, so a move that changes none sends none. Stop waiting once the kernel has been idle
        # for a while without a new paint.
        painted = False
        idle_since = None
        while after.readout != before.readout and time.monotonic() < deadline:
            if self.canvas_paints(dash_id) > paints0:
                painted = True
                break
            if self._kernel_status() == "idle":
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since > 0.6:
                    break
            else:
                idle_since = None
            time.sleep(0.03)
        if painted:  # let a merged burst of frames finish
            self.wait_kernel_idle(timeout=max(1.0, deadline - time.monotonic()))
            time.sleep(0.1)
        pixels1 = self.canvas_hash(dash_id)
        return {
            "key": key,
            "label": after.label,
            "before": before,
            "after": after,
            "painted": painted,
            "pixels_changed": pixels1 != pixels0,
            "readout_before": readout0,
            "readout_after": self.dashboard_state(dash_id)["readout"],
        }

    def kernel_eval(self, code: str, timeout: float = 30.0) -> Any:
        """Run ``code`` in the notebook's kernel (silently) and return the JSON it prints last."""
        text = self.page.evaluate(
            """async (code) => {
                const k = window.__lh_nb.sessionContext.session.kernel;
                const fut = k.requestExecute({code, silent: false, store_history: false});
                let out = '';
                fut.onIOPub = msg => {
                  if (msg.header.msg_type === 'stream') out += msg.content.text;
                  if (msg.header.msg_type === 'error') out += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
                };
                await fut.done;
                return out;
            }""",
            code,
        )
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        if not lines or lines[-1].startswith("ERROR "):
            raise RuntimeError(f"kernel code failed: {text}")
        return json.loads(lines[-1])

    def screenshot_dashboard(self, dash_id: str, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        loc = self.dashboard(dash_id)
        loc.scroll_into_view_if_needed()
        # A dashboard taller than the window would be cut by the notebook's scroll box (and the status
        # bar drawn over it): make the window tall enough for the shot, then put it back.
        size = self.page.viewport_size
        box = loc.bounding_box()
        grow = box is not None and box["height"] + 160 > size["height"]
        if grow:
            self.page.set_viewport_size({"width": size["width"], "height": int(box["height"]) + 200})
            loc.scroll_into_view_if_needed()
            self.wait_widgets_rendered(timeout=10, quiet=2)
        try:
            # The canvas toolbar fades in under the mouse: park the mouse away from the figure.
            self.page.mouse.move(1, 1)
            loc.screenshot(path=str(path), animations="disabled")
        finally:
            if grow:
                self.page.set_viewport_size(size)
        return path


def save_small_png(src: Path, dst: Path, colors: int = 128) -> int:
    """Write ``src`` to ``dst`` as a palette PNG (a small file for the README); return its size in bytes.

    The white margin around the content is cropped (to 8 px).
    """
    from PIL import Image, ImageChops

    dst.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(src) as im:
        rgb = im.convert("RGB")
        box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
        if box:
            pad = 8
            rgb = rgb.crop(
                (
                    max(box[0] - pad, 0),
                    max(box[1] - pad, 0),
                    min(box[2] + pad, rgb.width),
                    min(box[3] + pad, rgb.height),
                )
            )
        small = rgb.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(dst, format="PNG", optimize=True)
    return dst.stat().st_size


def write_notebook(path: Path, cells: list[str]) -> Path:
    """A minimal notebook with one code cell per source string."""
    nb = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1))
    return path


# ------------------------------------------------------------------------- checks
# Each returns a list of problems (empty: all good), so a test reports all of them at once.

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# stderr a learner may legitimately see once (a fresh machine), not a defect of the notebook.
HARMLESS_STDERR = ("Matplotlib is building the font cache",)


def _short(text: str, n: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n] + "…"


def output_problems(nbp: NotebookPage) -> list[str]:
    """Errors, stderr and widgets shown as text (or as a static image) instead of live widgets."""
    problems = []
    model = nbp.outputs()
    rendered = {c["cellIndex"]: c["outputs"] for c in nbp.rendered_outputs()}
    placeholders = set(nbp.placeholder_cells())
    for cell in model:
        i = cell["index"]
        if i in placeholders and cell["outputs"]:
            problems.append(f"cell {i}: JupyterLab never rendered it (still a placeholder)")
            continue
        widget_outputs = 0
        for out in cell["outputs"]:
            kind = out.get("output_type")
            if kind == "error":
                tb = "\n".join(out.get("traceback", []))[-600:]
                problems.append(f"cell {i}: error {out.get('ename')}: {out.get('evalue')}\n{tb}")
            elif kind == "stream" and out.get("name") == "stderr":
                text = "".join(out.get("text", ""))
                lines = [ln for ln in text.splitlines() if ln.strip() and not any(h in ln for h in HARMLESS_STDERR)]
                if lines:
                    problems.append(f"cell {i}: stderr output: {_short(chr(10).join(lines))}")
            elif kind in ("display_data", "execute_result") and WIDGET_MIME in out.get("data", {}):
                widget_outputs += 1
        shown = rendered.get(i, [])
        live = sum(1 for o in shown if o["mime"] == WIDGET_MIME)
        if live < widget_outputs:
            other = [o["mime"] for o in shown if o["mime"] != WIDGET_MIME]
            problems.append(
                f"cell {i}: {widget_outputs - live} widget output(s) not rendered as live widgets "
                f"(the page shows {other or 'nothing'} instead)"
            )
        for o in shown:
            text = o["text"]
            if o["mime"] == "application/vnd.jupyter.stderr" and "Traceback" in text:
                problems.append(f"cell {i}: a traceback is shown: {_short(text)}")
            hits = [m for m in FALLBACK_MARKERS if m in text]
            if o["mime"] == WIDGET_MIME:
                hits = [m for m in hits if m in ("Error displaying widget", "Loading widget...")]
            if hits:
                problems.append(f"cell {i}: widget fell back to text ({hits}): {_short(text)}")
    return problems


def figure_problems(nbp: NotebookPage) -> list[str]:
    """Every live figure in the outputs must have a sized canvas with pixels on it."""
    problems = []
    nbp.wait_widgets_rendered(timeout=10, quiet=2)  # a canvas is blank for a moment after a resize
    for k, fig in enumerate(nbp.figures()):
        if not (fig["width"] and fig["height"]):
            problems.append(
                f"cell {fig['cellIndex']}: figure {k} has an empty canvas ({fig['width']}×{fig['height']} px): "
                "the figure never appeared"
            )
        elif fig["blank"]:
            problems.append(f"cell {fig['cellIndex']}: figure {k} is blank (no pixels drawn)")
    return problems


def dashboard_problems(nbp: NotebookPage, dash: dict) -> list[str]:
    """A dashboard must show its sliders (labels and values not cut), its figure and a read-out."""
    name = f"cell {dash['cellIndex']} dashboard {dash['title'][:40]!r}"
    loc = nbp.dashboard(dash["id"])
    loc.scroll_into_view_if_needed()
    nbp.wait_widgets_rendered(timeout=10, quiet=2)
    st = nbp.dashboard_state(dash["id"])
    problems = []
    sliders = st["sliders"]
    labels = [s["label"] for s in sliders]
    if not any(re.match(LR_LABEL, lbl, re.IGNORECASE) for lbl in labels):
        problems.append(f"{name}: no learning-rate slider (sliders: {labels})")
    if not any(re.match(BATCH_LABEL, lbl, re.IGNORECASE) for lbl in labels):
        problems.append(f"{name}: no batch-size slider (sliders: {labels})")
    for s in sliders:
        if not (s["visible"] and s["handle"]):
            problems.append(f"{name}: slider {s['label']!r} is not visible")
        if not s["labelFits"]:
            problems.append(f"{name}: slider label {s['label']!r} is cut off")
        if not s["readoutFits"]:
            problems.append(f"{name}: slider {s['label']!r} value {s['readout']!r} is cut off")
    for text in st["cut"]:
        problems.append(f"{name}: the label {text!r} is cut off")
    c = st["canvas"]
    if c is None:
        problems.append(f"{name}: no figure canvas")
    else:
        if not (c["width"] and c["height"] and c["visible"]):
            problems.append(f"{name}: the figure is not shown (canvas {c['width']}×{c['height']} px)")
        elif c["blank"]:
            problems.append(f"{name}: the figure is blank")
        if st["area"] and c["rect"][0] + c["rect"][2] > st["area"][0] + st["area"][2] + 1:
            problems.append(
                f"{name}: the figure ({c['rect'][2]:.0f} px wide) is wider than the notebook column "
                f"({st['area'][2]:.0f} px) in a {(nbp.page.viewport_size or VIEWPORT)['width']} px wide window"
            )
    if st["overflowX"] > 1:
        problems.append(f"{name}: the output scrolls sideways by {st['overflowX']} px")
    if not st["readout"]:
        problems.append(f"{name}: the read-out under the figure is empty")
    return problems


# Console messages that say nothing about the notebooks (none needed so far).
HARMLESS_CONSOLE: tuple[str, ...] = ()


# Known causes of console errors, added to the message to save a search.
CONSOLE_HINTS = {
    "linreg_helpers figure: a frame could not be drawn": (
        " [the dashboard figure's front end (linreg_helpers/_figure.js) failed on a frame message]"
    ),
    "HTMLImageElement provided is in the 'broken' state": (
        " [ipympl got a frame it cannot decode: a canvas that draws before the browser attaches "
        "sends raw RGBA pixels (ipympl's send_binary while syncing_data_url); the canvas then stays 0×0]"
    ),
}


def console_problems(nbp: NotebookPage) -> list[str]:
    problems = [f"uncaught error in the page: {_short(e)}" for e in nbp.page_errors]
    counts: dict[str, int] = {}
    for m in nbp.console:
        if not any(h in m for h in HARMLESS_CONSOLE):
            counts[m] = counts.get(m, 0) + 1
    for m, n in counts.items():
        hint = "".join(v for k, v in CONSOLE_HINTS.items() if k in m)
        times = f" ({n}×)" if n > 1 else ""
        problems.append(f"console {_short(m)}{times}{hint}")
    return problems


def readout_value_problems(move: dict) -> list[str]:
    """If the dashboard's read-out quotes η, it must quote the slider's new value."""
    label, new = move["label"], move["after"].readout
    if not label.lower().startswith("learning rate"):
        return []
    m = re.search(r"η = ([0-9.eE+\-−]+)", move["readout_after"])
    if not m or new is None:
        return []
    shown, slider = (float(t.replace("−", "-")) for t in (m.group(1), new))
    if abs(shown - slider) > 0.006 * abs(slider):
        return [f"the read-out says η = {m.group(1)} but the slider shows {new}"]
    return []
