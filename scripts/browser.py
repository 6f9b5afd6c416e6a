"""Drive the system's Chromium with Playwright, and start the dashboard for it to open.

Playwright's own browser downloads are not used: the project runs Debian's `chromium`
(`apt-get install chromium`), or whatever browser PUP_CHROMIUM points at.

    from playwright.sync_api import sync_playwright
    from scripts.browser import free_port, launch_chromium, start_streamlit, stop

    port = free_port()
    server = start_streamlit(port, env)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
    finally:
        stop(server)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
STREAMLIT_START_TIMEOUT_S = 60.0

# Why each flag: root in a container has no user namespace for the sandbox; there is no GPU;
# CI reaches no network, so everything that phones home (QUIC, component and sync updates,
# background requests, first-run pages) is switched off to keep runs quiet and deterministic.
# --disable-dev-shm-usage: Debian's launcher adds it only when /dev/shm is small, and its check
# breaks when findmnt reports several mounts, so it is set here for small-/dev/shm containers.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def chromium_path() -> str:
    """The browser to drive: PUP_CHROMIUM, else Debian's /usr/bin/chromium."""
    return os.environ.get("PUP_CHROMIUM") or DEFAULT_CHROMIUM


def launch_chromium(playwright: Any, **launch_options: Any) -> Any:
    """A headless Chromium browser (Playwright `Browser`) started from the system's binary."""
    executable = chromium_path()
    if not Path(executable).exists():
        raise FileNotFoundError(
            f"Chromium not found at {executable}: install it (apt-get install chromium) "
            "or set PUP_CHROMIUM to a Chromium binary"
        )
    options: dict[str, Any] = {"executable_path": executable, "headless": True, "args": list(CHROMIUM_ARGS)}
    options.update(launch_options)
    return playwright.chromium.launch(**options)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_streamlit(port: int, env: Mapping[str, str] | None = None) -> subprocess.Popen:
    """Start `streamlit run server.py` (the dashboard with its sign-in routes) on `port` and return
    once /_stcore/health answers "ok".

    `env` is the whole environment of the server (e.g. os.environ plus PUP_DATABASE_URL for a test
    database); None means this process's. The server's output goes to a temporary file (a pipe
    nobody reads would block a chatty server); `stop(server)` ends it and returns that output.
    """
    command = [
        sys.executable, "-m", "streamlit", "run", "server.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
    server = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=dict(env) if env is not None else None,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server.pup_log = log  # type: ignore[attr-defined]  # read back by stop()
    try:
        _wait_until_healthy(server, port)
    except BaseException:
        output = stop(server)
        raise RuntimeError(f"streamlit did not start on port {port}:\n{output}") from None
    return server


def _wait_until_healthy(server: subprocess.Popen, port: int) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + STREAMLIT_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer ok within {STREAMLIT_START_TIMEOUT_S:.0f} s")


def stop(server: subprocess.Popen, timeout: float = 10.0) -> str:
    """Stop a server started here (terminate, then kill) and return what it printed."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    log = getattr(server, "pup_log", None)
    if log is None or log.closed:
        return ""
    log.seek(0)
    output = log.read()
    log.close()
    return output
