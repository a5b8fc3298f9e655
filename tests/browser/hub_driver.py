"""A real JupyterHub on loopback for the hub test (``tests/browser/test_hub.py``).

:class:`LocalHub` starts ``jupyterhub`` from the running Python environment with

* the ``configurable-http-proxy`` of npm (found by :func:`find_proxy`) on a free loopback port,
* jupyterhub's ``DummyAuthenticator`` with one fixed password for every user,
* ``SimpleLocalProcessSpawner``: each learner's ``jupyterhub-singleuser`` (JupyterLab, with the
  ``nbgitpuller`` server extension of this environment) runs as a local process with a home of its
  own under the hub's temporary folder (``--allow-root`` added when running as root, as CI does),

and everything (database, cookie secret, proxy pid file, homes) in a temporary folder. :meth:`stop`
ends the hub, which stops the learners' servers and the proxy; whatever is left is killed by its
process group. Every single-user server also exits by itself after a quarter of an hour unused.

:func:`git_pull_link` builds the nbgitpuller link a teacher hands out.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import jupyterlab_driver as jd

ROOT = jd.ROOT
NOTEBOOK_04 = "notebooks/04_gradient_descent.ipynb"
# Where .ci/run installs the proxy (npm install --prefix .venv/chp configurable-http-proxy).
LOCAL_PROXY = ROOT / ".venv" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"


def find_proxy() -> str | None:
    """The ``configurable-http-proxy`` command: ``$LH_CHP``, the project's local npm install, or on PATH."""
    for cand in (os.environ.get("LH_CHP"), str(LOCAL_PROXY), shutil.which("configurable-http-proxy")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def hub_unavailable_reason() -> str | None:
    """Why the hub test cannot run here (``None`` if it can)."""
    missing = []
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"the Python package {module} is not installed (pip install -e '.[test]')")
    if shutil.which("node") is None:
        missing.append("node is not installed (apt-get install -y nodejs npm)")
    if find_proxy() is None:
        missing.append(
            "configurable-http-proxy not found (npm install --prefix .venv/chp configurable-http-proxy@5.3.0, "
            "or npm install -g configurable-http-proxy; or set LH_CHP to its path)"
        )
    if shutil.which("git") is None:
        missing.append("git is not installed (nbgitpuller runs git clone)")
    return "; ".join(missing) or None


def git_pull_link(hub_url: str, repo: str, branch: str, urlpath: str, targetpath: str | None = None) -> str:
    """The nbgitpuller link: log in if needed, start the learner's server, clone or update, open ``urlpath``."""
    query = {"repo": repo, "branch": branch, "urlpath": urlpath}
    if targetpath:
        query["targetpath"] = targetpath
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{urllib.parse.urlencode(query)}"


def bare_clone(src: Path, dest: Path) -> Path:
    """A bare clone of the repository's committed history (what a teacher's hosted repository holds)."""
    subprocess.run(["git", "clone", "--quiet", "--bare", str(src), str(dest)], check=True, timeout=120)
    return dest


_CONFIG = """
import json
c = get_config()  # noqa: F821
cfg = json.loads({cfg!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = cfg["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = cfg["hub_port"]
c.JupyterHub.db_url = "sqlite:///" + cfg["tmp"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = cfg["tmp"] + "/cookie_secret"
c.JupyterHub.pid_file = cfg["tmp"] + "/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = [cfg["proxy"]]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % cfg["proxy_api_port"]
c.ConfigurableHTTPProxy.pid_file = cfg["tmp"] + "/proxy.pid"
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = cfg["password"]
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = cfg["tmp"] + "/home/{{username}}"
c.Spawner.cmd = [cfg["singleuser"]]
c.Spawner.args = cfg["args"]
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = cfg["environment"]
"""


class LocalHub:
    """JupyterHub + configurable-http-proxy on free loopback ports (a context manager)."""

    def __init__(self, python: str | None = None, startup_timeout: float = 60.0) -> None:
        self.python = python or sys.executable
        self.startup_timeout = startup_timeout
        self.password = secrets.token_hex(8)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.tmp: Path | None = None
        self.log_path: Path | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, username: str) -> Path:
        return self.tmp / "home" / username

    def prepare_home(self, username: str) -> Path:
        """The learner's home, with JupyterLab's "get Jupyter news?" toast answered (it would cover the page)."""
        notif = self.home(username) / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
        notif.mkdir(parents=True, exist_ok=True)
        (notif / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        return self.home(username)

    def start(self) -> LocalHub:
        proxy = find_proxy()
        if proxy is None:
            raise RuntimeError(hub_unavailable_reason() or "configurable-http-proxy not found")
        self.tmp = Path(tempfile.mkdtemp(prefix="lh-hub-"))
        (self.tmp / "home").mkdir()
        bindir = Path(self.python).parent
        args = [
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, for the browser driver
            "--LabApp.news_url=",
            "--ServerApp.terminals_enabled=False",
            # A safety net: idle kernels culled, the server exits by itself after 15 min unused.
            "--MappingKernelManager.cull_idle_timeout=600",
            "--MappingKernelManager.cull_interval=60",
            "--ServerApp.shutdown_no_activity_timeout=900",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--allow-root")  # CI runs as root; JupyterLab refuses root without it
        env = dict(os.environ)
        env.pop("JUPYTER_TOKEN", None)
        env.pop("MPLBACKEND", None)
        env["PATH"] = str(bindir) + os.pathsep + env.get("PATH", "")
        self.log_path = self.tmp / "jupyterhub.log"
        self._log = open(self.log_path, "ab")  # closed in stop()
        last_error = None
        for _attempt in range(3):  # a free port can be taken between the check and the bind
            self.port = jd._free_port()
            cfg = {
                "port": self.port,
                "hub_port": jd._free_port(),
                "proxy_api_port": jd._free_port(),
                "tmp": str(self.tmp),
                "proxy": proxy,
                "password": self.password,
                "singleuser": str(bindir / "jupyterhub-singleuser"),
                "args": args,
                "environment": {"PATH": env["PATH"]},
            }
            config = self.tmp / "jupyterhub_config.py"
            config.write_text(_CONFIG.format(cfg=json.dumps(cfg)))
            self.proc = subprocess.Popen(
                [self.python, "-m", "jupyterhub", "-f", str(config)],
                cwd=self.tmp,
                env=env,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                self._wait_until_up()
                return self
            except RuntimeError as exc:
                last_error = exc
                self._kill()
                if "in use" not in str(exc).lower():
                    break
        self.stop()
        raise RuntimeError(f"jupyterhub did not start: {last_error}")

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited with {self.proc.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                # Through the proxy: both the hub and the proxy's route to it must be up.
                with urllib.request.urlopen(self.url + "/hub/health", timeout=2) as resp:
                    if resp.status == 200:
                        return
            time.sleep(0.25)
        raise RuntimeError(f"no answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])

    def stop(self) -> None:
        """SIGTERM the hub (it stops the learners' servers and the proxy), then kill what is left."""
        self._kill()
        # Anything the hub left behind (it was killed, or a server did not stop): the proxy and the
        # single-user servers write pid files / run in process groups of their own.
        if self.tmp is not None:
            with contextlib.suppress(OSError, ValueError):
                pid = int((self.tmp / "proxy.pid").read_text().strip())
                if b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
        for pid in self._singleuser_pids():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.tmp is not None and not os.environ.get("LH_KEEP_HUB_TMP"):
            shutil.rmtree(self.tmp, ignore_errors=True)
        self.proc = None

    def _singleuser_pids(self) -> list[int]:
        """Processes still running from this hub's homes (single-user servers and their kernels)."""
        if self.tmp is None:
            return []
        home = str(self.tmp / "home")
        pids = []
        for proc in Path("/proc").glob("[0-9]*"):
            with contextlib.suppress(OSError):
                if os.readlink(proc / "cwd").startswith(home):
                    pids.append(int(proc.name))
        return pids

    def memory_mib(self, username: str) -> dict[str, float]:
        """Resident memory (VmRSS, MiB) of the learner's single-user server and of their kernels."""
        home = str(self.home(username))
        out = {"server": 0.0, "kernels": 0.0}
        for proc in Path("/proc").glob("[0-9]*"):
            with contextlib.suppress(OSError, ValueError):
                if not os.readlink(proc / "cwd").startswith(home):
                    continue
                cmd = (proc / "cmdline").read_bytes()
                rss = next(ln for ln in (proc / "status").read_text().splitlines() if ln.startswith("VmRSS:"))
                key = "kernels" if b"ipykernel" in cmd else "server" if b"jupyterhub-singleuser" in cmd else None
                if key:
                    out[key] += round(int(rss.split()[1]) / 1024, 1)
        return out

    def _kill(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def __enter__(self) -> LocalHub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class UserServer:
    """What :class:`jupyterlab_driver.NotebookPage` needs of a server, for a learner's server on the hub."""

    def __init__(self, hub: LocalHub, username: str) -> None:
        self.hub, self.username = hub, username
        self.base_url = f"{hub.url}/user/{username}"

    def url(self, path: str) -> str:
        return self.base_url + path


def log_in(page, hub: LocalHub, username: str, link: str, timeout: float = 120.0) -> None:
    """Open the nbgitpuller ``link`` as a learner would and log in. The hub then starts the learner's
    server, nbgitpuller clones the series and opens ``urlpath``: see :func:`wait_for_lab`."""
    hub.prepare_home(username)
    page.goto(link, wait_until="domcontentloaded")
    page.wait_for_selector("input[name=username]", timeout=timeout * 1000)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", hub.password)
    page.click("#login_submit", no_wait_after=True)


def wait_for_lab(page, username: str, timeout: float = 180.0) -> None:
    """Wait through the hub's spawn page and nbgitpuller's progress page until JupyterLab is loaded."""
    page.wait_for_url(f"**/user/{username}/lab/**", timeout=timeout * 1000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=timeout * 1000)
