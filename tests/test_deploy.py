"""deploy/: CI cannot run containers, so it runs what the container runs, deploy/entrypoint.sh (on a
temporary SQLite database and a free port), and checks the service files with the tools that read
them where those are installed: `systemd-analyze verify` for the units, `nginx -t` for the proxy.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from analytics.catalogue import t
from scripts.browser import REPO_ROOT, chromium_path, free_port, launch_chromium

DEPLOY = REPO_ROOT / "deploy"
ENTRYPOINT = DEPLOY / "entrypoint.sh"
START_TIMEOUT_S = 120


def start_entrypoint(env: dict[str, str]) -> tuple[subprocess.Popen, object]:
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
    server = subprocess.Popen([str(ENTRYPOINT)], cwd="/", env=env, stdin=subprocess.DEVNULL, stdout=log,
                              stderr=subprocess.STDOUT)
    return server, log


def output_of(log: object) -> str:
    log.seek(0)  # type: ignore[attr-defined]
    return log.read()  # type: ignore[attr-defined]


def health(port: int) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip()
    except OSError:
        return None


def dockerfile_healthcheck() -> list[str]:
    """The command of deploy/Dockerfile's HEALTHCHECK (its exec form), with this Python."""
    found = re.search(r"^\s+CMD (\[.*\])$", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"), re.M)
    assert found, "deploy/Dockerfile has no HEALTHCHECK … CMD [...]"
    command = json.loads(found.group(1))
    assert command[0] == "python"
    return [sys.executable, *command[1:]]


def entrypoint_env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    return {**os.environ, "PUP_DATABASE_URL": f"sqlite:///{tmp_path / 'pup.db'}", "PUP_PORT": str(port),
            "PUP_PYTHON": sys.executable, "PUP_NO_DEMO": "1", **extra}


@pytest.mark.browser
def test_the_entrypoint_creates_the_store_serves_health_and_the_login_page_and_stops_on_sigterm(
    tmp_path: Path
) -> None:
    port = free_port()
    server, log = start_entrypoint(entrypoint_env(tmp_path, port))
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while health(port) != "ok" and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.25)
        assert health(port) == "ok", output_of(log)

        # The image's HEALTHCHECK command, as docker runs it, finds the server healthy.
        assert subprocess.run(dockerfile_healthcheck(), env={**os.environ, "PUP_PORT": str(port)},
                              timeout=30).returncode == 0

        # The tables were made before Streamlit started (not by the first visitor).
        engine = sa.create_engine(f"sqlite:///{tmp_path / 'pup.db'}")
        with engine.connect() as conn:
            assert {"versions", "users", "schema_migrations"} <= set(sa.inspect(conn).get_table_names())
        engine.dispose()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200 and b'id="root"' in response.read()

        sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")
        if not Path(chromium_path()).exists():
            pytest.skip(f"no Chromium at {chromium_path()}")
        with sync_api.sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
                page.locator(f'input[aria-label="{t("login_label")}"]').wait_for(timeout=60_000)
                assert page.locator(f'input[aria-label="{t("password_label")}"]').count() == 1
            finally:
                browser.close()

        server.send_signal(signal.SIGTERM)       # what `docker stop` and `systemctl stop` send
        # The shell exec'd Streamlit, so the signal reached it: it stops (uvicorn ends by re-raising
        # SIGTERM, which systemd and docker count as a clean stop), well within the 30 s they wait.
        assert server.wait(timeout=30) in (0, -signal.SIGTERM), output_of(log)
        assert health(port) is None
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()  # type: ignore[attr-defined]


def test_the_entrypoint_stops_with_the_error_when_the_store_cannot_be_opened(tmp_path: Path) -> None:
    port = free_port()
    env = entrypoint_env(tmp_path, port, PUP_DATABASE_URL="postgresql+psycopg://nikt:nic@127.0.0.1:1/pup")
    server, log = start_entrypoint(env)
    try:
        code = server.wait(timeout=120)
        assert code != 0
        assert "OperationalError" in output_of(log) and health(port) is None
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()  # type: ignore[attr-defined]


def units_for_this_checkout(tmp_path: Path) -> list[Path]:
    """The systemd units with /opt/pup-dashboard replaced by this checkout, and the backup folder by a
    temporary one: `systemd-analyze verify` checks that the paths they name exist."""
    backups = tmp_path / "backups"
    backups.mkdir()
    units = []
    for name in ("pup-dashboard.service", "pup-backup.service", "pup-backup.timer"):
        text = (DEPLOY / name).read_text(encoding="utf-8")
        text = text.replace("/opt/pup-dashboard", str(REPO_ROOT))
        text = text.replace("/var/backups/pup-dashboard", str(backups))
        (tmp_path / name).write_text(text, encoding="utf-8")
        units.append(tmp_path / name)
    return units


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_systemd_units_verify(tmp_path: Path) -> None:
    (REPO_ROOT / ".venv" / "bin" / "python").exists() or pytest.skip("the checkout has no .venv")
    units = units_for_this_checkout(tmp_path)

    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *map(str, units)],
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stdout + done.stderr
    assert not re.search(r"pup-(dashboard|backup)\.(service|timer)", done.stderr), done.stderr   # no warning
    service = (DEPLOY / "pup-dashboard.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/pup-dashboard/deploy/entrypoint.sh" in service     # the same script as CI runs


@pytest.mark.skipif(shutil.which("nginx") is None or shutil.which("openssl") is None,
                    reason="nginx or openssl is not installed")
def test_the_nginx_example_passes_nginx_t(tmp_path: Path) -> None:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=test", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True, timeout=60)
    site = (DEPLOY / "nginx-pup-dashboard.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/ssl/certs/dashboard.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/private/dashboard.key", str(tmp_path / "key.pem"))
    site = re.sub(r"listen (80|443)", lambda m: f"listen 127.0.0.1:{free_port()}", site)
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path / 'site.conf'};\n}}\n", encoding="utf-8")

    done = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, timeout=60)

    assert done.returncode == 0, done.stderr
    assert "hash $cookie_pup_session consistent;" in site
    assert "proxy_set_header Upgrade $http_upgrade;" in site
