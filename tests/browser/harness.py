"""Drive the course the way learners meet it: JupyterLab and exported HTML in Chromium.

Everything here talks only to 127.0.0.1. Every request to another host is
recorded and refused, so a test can assert the course works offline.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# JupyterLab settings for tests: no network calls, and every cell rendered
# (windowing would leave off-screen outputs out of the page).
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """``count`` different free ports on 127.0.0.1 (each socket is held until all are found:
    asked one at a time, the system can give the same port twice)."""
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


@dataclass
class Lab:
    """A running JupyterLab server serving ``root``."""

    root: Path
    port: int
    token: str
    process: subprocess.Popen
    progress_dir: Path | None = None  # where the course keeps answers given in this server's notebooks

    def url(self, path: str) -> str:
        # "reset" starts from an empty workspace: no tabs left open by an earlier test.
        return f"http://127.0.0.1:{self.port}/lab/tree/{path}?reset&token={self.token}"


@contextlib.contextmanager
def jupyterlab(root: Path, scratch: Path, env: Mapping[str, str] | None = None) -> Iterator[Lab]:
    """Start JupyterLab on 127.0.0.1 with a random port and token; always stop it.

    ``env`` adds environment variables for the server and its kernels (``COURSE_NOW``, say).
    """
    import json

    settings = scratch / "lab-settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES))
    port, token = free_port(), secrets.token_hex(24)
    server_env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(scratch / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        # Answers submitted in a test go to the scratch folder, never into the repository's progress/.
        "COURSE_PROGRESS_DIR": str(scratch / "progress"),
        **(env or {}),
    }
    args = [f"--LabServerApp.app_settings_dir={settings}"]
    with _server("jupyterlab", root, scratch, server_env, args, port, token, "JupyterLab") as process:
        yield Lab(root, port, token, process, Path(server_env["COURSE_PROGRESS_DIR"]))


@contextlib.contextmanager
def _server(
    module: str,
    root: Path,
    scratch: Path,
    server_env: Mapping[str, str],
    args: list[str],
    port: int,
    token: str,
    name: str,
) -> Iterator[subprocess.Popen]:
    """Run ``python -m module`` as a Jupyter server on 127.0.0.1:``port``; yield it once it answers; always stop it."""
    command = [
        sys.executable,
        "-m",
        module,
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",
        *args,
    ]
    scratch.mkdir(parents=True, exist_ok=True)
    log_path = scratch / f"{module.replace('_', '-')}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=dict(server_env)
        )
        try:
            status = f"http://127.0.0.1:{port}/api/status?token={token}"
            wait_for_http(status, process, timeout=90, name=name, log=log_path)
            yield process
        finally:
            _stop(process)


#: Where ``make learn`` opens the course, and where a hub or Binder link for learner mode points.
LEARN_START = "notebooks/00-start-here.ipynb"


@dataclass
class LearnerMode:
    """The course served in learner mode (a Jupyter server with Voilà) from ``root``."""

    root: Path
    port: int
    token: str
    process: subprocess.Popen
    progress_dir: Path

    def home(self) -> str:
        """The server's front page, as ``make learn`` opens it."""
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/voila/render/{path}?token={self.token}"


@contextlib.contextmanager
def learner_mode(root: Path, scratch: Path, env: Mapping[str, str] | None = None) -> Iterator[LearnerMode]:
    """Serve ``root`` in learner mode with the arguments ``make learn`` gives, on a random port; always stop it."""
    port, token = free_port(), secrets.token_hex(24)
    # A learner as ``make learn`` has one: the id the course makes, no fixed one from a test runner.
    server_env = {
        **{name: value for name, value in os.environ.items() if name != "COURSE_LEARNER"},
        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        "COURSE_PROGRESS_DIR": str(scratch / "progress"),
        **(env or {}),
    }
    args = [f"--ServerApp.default_url=/voila/render/{LEARN_START}"]
    with _server("jupyter_server", root, scratch, server_env, args, port, token, "The learner-mode server") as process:
        yield LearnerMode(root, port, token, process, Path(server_env["COURSE_PROGRESS_DIR"]))


def wait_for_voila(page, timeout: float = 120) -> None:
    """Wait until Voilà has run every cell of the page and shows it (its spinner gone, the cells visible)."""
    page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout * 1000)
    # Voilà removes its loading spinner once the last cell has run and the widgets are drawn.
    page.wait_for_selector("#loading", state="detached", timeout=timeout * 1000)


def wait_for_http(
    url: str, process: subprocess.Popen, timeout: float, name: str = "JupyterLab", log: Path | None = None
) -> None:
    """Wait until ``url`` answers 200; fail at once if ``process`` (the server called ``name``) exits.

    ``log``: the server's log, whose tail goes into the error message.
    """
    tail = (lambda: ":\n" + log.read_text()[-3000:]) if log is not None else (lambda: "")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited early with code {process.returncode}{tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise TimeoutError(f"{name} did not answer within {timeout:.0f} s{tail()}")


def text_of_locator(locator) -> str:
    """What a part of the page shows, whitespace folded."""
    return re.sub(r"\s+", " ", locator.inner_text())


def wait_for_text(locator, text: str, timeout: float = 10) -> str:
    """The locator's text once it contains ``text``; an error showing what it does contain otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = text_of_locator(locator)
        if text in content:
            return content
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear; the page shows: {text_of_locator(locator)[:500]}")


def widget_showing(page, container: str, text: str, timeout: float = 10):
    """The first widget view in ``container`` showing ``text`` now, held by its place
    (its text changes as the learner works), scrolled into view."""
    views = page.locator(f"{container} .jp-OutputArea-output > .jupyter-widgets")
    views.filter(has_text=text).first.wait_for(timeout=timeout * 1000)
    place = next(i for i, shown in enumerate(views.all_inner_texts()) if text in shown)
    widget = views.nth(place)
    widget.scroll_into_view_if_needed()
    return widget


def download_export(page, panel, timeout: float = 10):
    """Press Export progress in ``panel``, then its download link; return playwright's Download."""
    panel.get_by_role("button", name="Export progress").click()
    link = panel.get_by_role("link", name="Download your progress file")
    link.wait_for(timeout=timeout * 1000)
    with page.expect_download() as download_info:
        link.click()
    return download_info.value


def _stop(process: subprocess.Popen) -> None:
    """Stop a process and its whole group (kernels included)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)
            process.wait(timeout=5)


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class PageWatch:
    """What a page did that a test may fail on."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No request to another host (each was refused), no console error, no uncaught exception."""
        assert self.foreign_requests == [], f"{len(self.foreign_requests)} requests to other hosts (refused)"
        assert self.console_errors == []
        assert self.page_errors == []


def watch(page) -> PageWatch:
    """Record console errors and uncaught exceptions; refuse and record non-local requests."""
    seen = PageWatch()
    page.on("console", lambda message: seen.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))

    def _route(route, request):
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            seen.foreign_requests.append(request.url)
            route.abort()

    page.route("**/*", _route)
    return seen


@dataclass
class NotebookRun:
    """What running a notebook in JupyterLab showed."""

    code_cells: int = 0
    executed_cells: int = 0
    error_outputs: list[str] = field(default_factory=list)
    widget_outputs: int = 0
    rendered_widgets: int = 0
    widget_failures: list[str] = field(default_factory=list)
    watch: PageWatch = field(default_factory=PageWatch)

    def problems(self) -> list[str]:
        found = []
        if self.executed_cells != self.code_cells:
            found.append(f"{self.executed_cells} of {self.code_cells} code cells ran")
        found += [f"cell error: {text[:300]}" for text in self.error_outputs]
        found += [f"widget did not render: {text[:200]}" for text in self.widget_failures]
        if self.rendered_widgets < self.widget_outputs:
            found.append(f"{self.rendered_widgets} of the {self.widget_outputs} widgets the notebook shows rendered")
        found += [f"console error: {text[:300]}" for text in self.watch.console_errors]
        found += [f"page error: {text[:300]}" for text in self.watch.page_errors]
        found += [f"request to a non-local host: {url}" for url in self.watch.foreign_requests]
        return found


def open_notebook(page, lab: Lab, path: str) -> None:
    """Open ``path`` and wait until its kernel has started and is idle."""
    page.goto(lab.url(path))
    wait_for_notebook(page)


def wait_for_notebook(page, timeout: float = 90) -> None:
    """Wait until the page shows a notebook whose kernel has started and is idle."""
    page.wait_for_selector(f"{CURRENT} .jp-Notebook", timeout=timeout * 1000)
    # The status bar says "Python 3 (ipykernel) | Idle" once the kernel is connected.
    page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(timeout=timeout * 1000)


def run_all_cells(page, timeout: float = 120) -> None:
    """Run every cell through the Run menu, as a learner would, and wait until done."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    prompts = page.locator(f"{CURRENT} .jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        texts = prompts.all_inner_texts()
        if texts and all(any(ch.isdigit() for ch in text) for text in texts):
            return
        # A cell error stops "Run All": then nothing is pending and the kernel idles.
        busy = any("*" in text for text in texts) or not page.locator(".jp-StatusBar-Widget", has_text="| Idle").count()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 3:
            return
        time.sleep(0.3)
    raise TimeoutError(f"cells still running after {timeout:.0f} s")


CURRENT = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def expected_widgets(notebook: Path, exported: bool = False) -> int:
    """How many widget views the stored outputs of ``notebook`` show.

    In an exported page (``exported=True``) a widget that also has a static
    HTML form is shown as that form, so only the others count.
    """
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(
        1
        for cell in cells
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        and not (exported and "text/html" in output.get("data", {}))
    )


def inspect_run(page, seen: PageWatch, expected_widget_views: int = 0, settle: float = 2.0) -> NotebookRun:
    """Read the visible notebook after a run: executed cells, error outputs, widgets."""
    time.sleep(settle)  # widget views render asynchronously after the kernel replies
    panel = page.locator(CURRENT)
    run = NotebookRun(watch=seen, widget_outputs=expected_widget_views)
    prompts = panel.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
    run.code_cells = len(prompts)
    run.executed_cells = sum(1 for text in prompts if any(ch.isdigit() for ch in text))
    run.error_outputs = panel.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()
    views = panel.locator(".jp-OutputArea-output > .jupyter-widgets")
    failure_texts = ("Error displaying widget", "Error creating widget", "Loading widget...")
    for i in range(views.count()):
        view = views.nth(i)
        text = view.inner_text()
        if view.locator(".jupyter-widgets-error-widget").count() or "jupyter-widgets-error-widget" in (
            view.get_attribute("class") or ""
        ):
            run.widget_failures.append(text.strip() or "error view instead of the widget")
        elif any(marker in text for marker in failure_texts):
            run.widget_failures.append(text.strip())
        else:
            run.rendered_widgets += 1
    return run


def screenshot_top_and_end(page, folder: Path, stem: str) -> None:
    """Two screenshots a person can look at: the notebook's end (as left after running) and its top."""
    page.screenshot(path=str(folder / f"{stem}-end.png"))
    page.locator(f"{CURRENT} .jp-WindowedPanel-outer").first.evaluate("element => { element.scrollTop = 0; }")
    time.sleep(0.3)
    page.screenshot(path=str(folder / f"{stem}-top.png"))
