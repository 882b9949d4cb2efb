"""A class on a real JupyterHub, on this computer only.

* :func:`course_origin`: the course as a git repository served over HTTP on
  127.0.0.1 (git's own ``git http-backend``), made from a commit of the current
  files, so nbgitpuller pulls it as it would from a git host, with nothing from the network.
* :func:`installed_course`: the ``course`` package laid out as ``pip install .`` lays it
  out (``data/`` shipped as ``course/_content``, see pyproject.toml), for the learners'
  kernels: as on a hub image, the package knows nothing of any checkout.
* :func:`jupyterhub`: JupyterHub with configurable-http-proxy (from node_modules), its
  built-in dummy authenticator (one shared password) and the local process spawner that
  needs no system users: each learner's server runs with HOME set to their own folder.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.browser.harness import LAB_OVERRIDES, REPO, free_ports, wait_for_http

CHP = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
REPO_NAME = "whitespots-course"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Course author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Course author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def current_files() -> list[str]:
    """The repository's files as they are now: tracked and new, not ignored, not deleted."""
    listed = git("ls-files", "-co", "--exclude-standard", "-z", cwd=REPO).split("\0")
    return sorted({name for name in listed if name and (REPO / name).is_file()})


@dataclass
class Origin:
    """The course's git repository: an author's working copy, pushed to a bare repository served over HTTP."""

    work: Path
    bare: Path
    url: str

    def commit_and_push(self, message: str) -> None:
        git("add", "-A", cwd=self.work)
        git("commit", "-q", "-m", message, cwd=self.work)
        git("push", "-q", "origin", "main", cwd=self.work)


@contextlib.contextmanager
def course_origin(scratch: Path) -> Iterator[Origin]:
    """A commit of the current files, in a bare repository served by ``git http-backend`` on 127.0.0.1."""
    work, served = scratch / "author", scratch / "served"
    bare = served / REPO_NAME  # no ".git": nbgitpuller names the learner's folder after the URL's last part
    for name in current_files():
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    git("init", "-q", "-b", "main", cwd=work)
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "The course as it is now", cwd=work)
    served.mkdir(parents=True)
    git("clone", "-q", "--bare", str(work), str(bare), cwd=scratch)
    git("remote", "add", "origin", str(bare), cwd=work)
    git("fetch", "-q", "origin", cwd=work)
    git("branch", "-q", "--set-upstream-to=origin/main", "main", cwd=work)

    handler = type("GitHandler", (_GitHandler,), {"project_root": str(served)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Origin(work, bare, f"http://127.0.0.1:{server.server_address[1]}/{REPO_NAME}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _GitHandler(http.server.BaseHTTPRequestHandler):
    """git's smart HTTP protocol: each request handed to ``git http-backend`` (CGI), as a git host does."""

    project_root = ""

    def do_GET(self) -> None:
        self._backend()

    def do_POST(self) -> None:
        self._backend()

    def _backend(self) -> None:
        path, _, query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        env = {
            **os.environ,
            "GIT_PROJECT_ROOT": self.project_root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(length),
            "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
            "HTTP_GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
            "REMOTE_ADDR": self.client_address[0],
        }
        done = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, check=False)
        head, _, payload = done.stdout.partition(b"\r\n\r\n")
        if not _:
            head, _, payload = done.stdout.partition(b"\n\n")
        status, headers = 200, []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


def installed_course(source: Path, target: Path) -> Path:
    """``course`` from ``source`` laid out in ``target`` as an installed package (content in ``course/_content``)."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(source / "course", target / "course", ignore=ignore)
    shutil.copytree(source / "data", target / "course" / "_content", ignore=ignore)
    return target


@dataclass
class Hub:
    """A running JupyterHub: its public URL, its process and the folder the learners' homes are in."""

    url: str
    homes: Path
    process: subprocess.Popen
    log: Path

    def home(self, user: str) -> Path:
        return self.homes / user

    def processes(self) -> list[int]:
        """The hub and everything it started that still runs (proxy, learners' servers, their kernels)."""
        import psutil

        try:
            hub = psutil.Process(self.process.pid)
            return [hub.pid, *(child.pid for child in hub.children(recursive=True))]
        except psutil.NoSuchProcess:
            return []


HUB_CONFIG = """\
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.ConfigurableHTTPProxy.api_url = {proxy_api_url!r}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret_file!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
"""


@contextlib.contextmanager
def jupyterhub(
    scratch: Path, users: list[str], password: str, environment: dict[str, str] | None = None
) -> Iterator[Hub]:
    """Start JupyterHub on 127.0.0.1 (free ports) for ``users``; always stop it and all it started."""
    scratch.mkdir(parents=True, exist_ok=True)
    homes = scratch / "homes"
    homes.mkdir()
    settings = scratch / "lab-settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES))
    port, hub_port, api_port = free_ports(3)  # once, the hub was given the proxy's port
    args = [f"--LabServerApp.app_settings_dir={settings}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        args.insert(0, "--allow-root")
    config = HUB_CONFIG.format(
        bind_url=f"http://127.0.0.1:{port}",
        hub_bind_url=f"http://127.0.0.1:{hub_port}",
        proxy_api_url=f"http://127.0.0.1:{api_port}",
        chp=str(CHP),
        db_url=f"sqlite:///{scratch / 'jupyterhub.sqlite'}",
        cookie_secret_file=str(scratch / "jupyterhub_cookie_secret"),
        password=password,
        users=sorted(users),
        home_template=str(homes / "{username}"),
        singleuser=str(Path(sys.executable).with_name("jupyterhub-singleuser")),
        args=args,
        environment=environment or {},
    )
    (scratch / "jupyterhub_config.py").write_text(config)
    # The hub runs with this environment minus the course's settings: the learners' servers
    # get only what the spawner passes on (HOME is theirs).
    env = {k: v for k, v in os.environ.items() if k not in {"COURSE_PROGRESS_DIR", "COURSE_DATA"}}
    env["CONFIGPROXY_AUTH_TOKEN"] = secrets.token_hex(32)
    log = scratch / "jupyterhub.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(scratch / "jupyterhub_config.py")],
            cwd=scratch,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", homes, process, log)
    try:
        wait_for_http(f"{hub.url}/hub/api", process, timeout=90, name="JupyterHub", log=log)
        yield hub
    finally:
        stop_hub(hub)


def stop_hub(hub: Hub, timeout: float = 60) -> tuple[list[int], list[int]]:
    """Stop the hub as an administrator would (SIGTERM: it stops the learners' servers and the proxy).

    Returns the processes that ran (the hub and all it started) and those still running
    afterwards, which are then killed.
    """
    import psutil

    watched = {pid: _started_at(pid) for pid in hub.processes()}
    if hub.process.poll() is None:
        hub.process.send_signal(signal.SIGTERM)
        try:
            hub.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(hub.process.pid, signal.SIGKILL)
            hub.process.wait(timeout=5)
    deadline = time.monotonic() + 15
    survivors = [pid for pid, started in watched.items() if started is not None and _started_at(pid) == started]
    while survivors and time.monotonic() < deadline:
        time.sleep(0.3)
        survivors = [pid for pid in survivors if _started_at(pid) == watched[pid]]
    for pid in survivors:
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).kill()
    return sorted(watched), survivors


def _started_at(pid: int) -> float | None:
    """When process ``pid`` started (None if it has ended): tells a survivor from a reused id."""
    import psutil

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return None
        return process.create_time()
    except psutil.NoSuchProcess:
        return None
