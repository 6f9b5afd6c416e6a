"""Times the dashboard's server side with 100,000 attendance rows in the store (issue 4's targets:
first page load under 2 s, a rerun after a filter change under 300 ms).

    .venv/bin/python bench/bench_dashboard.py [--rows 100000] [--repeat 1]

It fills a temporary SQLite store with generated rows, then drives `dashboard.py` through
Streamlit's AppTest (the script runs in-process, as the server runs it) and prints each step's
time and its ratio to the target that applies. It prints numbers and never asserts: these machines
are shared and noisy; run it two or three times (or pass --repeat) before trusting a figure.

Each session uses a new store, so its first load finds Streamlit's caches cold; only the first
session also pays the process's one-time imports (with --repeat 2 the second session shows the
first load of a new data version on a running server). "server" is the AppTest run less AppTest's
own parsing of the output. Two more figures put the first load in context: how long a fresh Python
takes to import what the script imports (paid once per server process), and how long the store
read and the per-version preparation of the rows take on their own (paid once per data version).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from bench_store import generated_result  # noqa: E402

FIRST_LOAD_TARGET = 2.0      # seconds: the first page load
RERUN_TARGET = 0.3           # seconds: a rerun after a filter change
BENCH_LOGIN = "bench"

# What the dashboard's script imports on its first run (the server has imported streamlit already).
IMPORTS = ("numpy", "pyarrow", "pandas", "plotly.graph_objects", "sqlalchemy",
           "analytics.display.participation", "analytics.display.meetings", "analytics.display.projects",
           "analytics.metrics", "analytics.store", "analytics.reports.excel", "analytics.reports.pdf",
           "analytics.reports.certificates")


Result = tuple[str, float, float, float | None]   # label, AppTest run, of which parsing, target
_parsing: list[float] = []


def count_parsing() -> None:
    """Time AppTest's parsing of a run's output into its element tree: test-only work, not the
    server's, so it is taken out of the server time."""
    from streamlit.testing.v1 import local_script_runner

    parse = local_script_runner.parse_tree_from_messages

    def timed_parse(messages: object) -> object:
        started = time.perf_counter()
        try:
            return parse(messages)
        finally:
            _parsing.append(time.perf_counter() - started)

    local_script_runner.parse_tree_from_messages = timed_parse


def timed(label: str, action: Callable[[], object], results: list[Result],
          target: float | None = None) -> None:
    _parsing.clear()
    started = time.perf_counter()
    action()
    results.append((label, time.perf_counter() - started, sum(_parsing), target))


def import_times() -> list[tuple[str, float]]:
    """Seconds each module adds when imported in this order by a fresh Python (one subprocess)."""
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "import streamlit\n"
        f"for name in {IMPORTS!r}:\n"
        "    started = time.perf_counter(); __import__(name)\n"
        "    print(name, time.perf_counter() - started)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return [(line.split()[0], float(line.split()[1])) for line in done.stdout.splitlines() if line.strip()]


def data_times(store: object) -> list[tuple[str, float]]:
    """The store read and the per-version preparation, outside Streamlit (what version_frame caches)."""
    from analytics import metrics
    from analytics import store as store_api

    version = store_api.active_version_ids(store)["attendance"]
    started = time.perf_counter()
    frame = store_api.version_frame(store, version)
    read = time.perf_counter() - started
    started = time.perf_counter()
    prepared = metrics.prepare_attendance(frame)
    prepare = time.perf_counter() - started
    started = time.perf_counter()
    metrics.filter_options(prepared)
    options = time.perf_counter() - started
    return [("store read of the active attendance version", read), ("metrics.prepare_attendance", prepare),
            ("metrics.filter_options", options)]


def pick(widgets: object, fragment: str) -> object:
    return next(w for w in widgets if w.key and fragment in w.key)


def drive(app: object, results: list[Result]) -> None:
    """One visitor's session: first load, filters, the other pages, the language."""
    timed("overview, first load (cold caches)", app.run, results, FIRST_LOAD_TARGET)
    timed("overview, rerun (cached)", app.run, results, RERUN_TARGET)
    sector = pick(app.sidebar.multiselect, "sectors")
    timed("overview, rerun after a new sector filter", lambda: sector.select("gospodarka").run(), results,
          RERUN_TARGET)
    timed("overview, rerun with that filter again (cached)", app.run, results, RERUN_TARGET)
    timed("participation, first open with the filter",
          lambda: app.switch_page("pages/participation.py").run(), results)
    timed("participation, rerun (cached)", app.run, results, RERUN_TARGET)
    group = pick(app.sidebar.multiselect, "groups")
    timed("participation, rerun after a new group filter", lambda: group.select("uczniowie").run(), results,
          RERUN_TARGET)
    gmina = pick(app.sidebar.multiselect, "gminy")
    timed("participation, rerun after a new gmina filter", lambda: gmina.select("Płock").run(), results,
          RERUN_TARGET)
    meetings = pick(app.sidebar.select_slider, "meetings")
    timed("participation, rerun after a new meeting range", lambda: meetings.set_range(2, 5).run(), results,
          RERUN_TARGET)
    stack = app.radio(key="stack_by")
    timed("participation, rerun after stacking by sector", lambda: stack.set_value("sector").run(), results,
          RERUN_TARGET)
    timed("projects, first open", lambda: app.switch_page("pages/projects.py").run(), results)
    timed("projects, rerun (cached)", app.run, results, RERUN_TARGET)
    timed("overview, back with all those filters (new to it)",
          lambda: app.switch_page("pages/overview.py").run(), results, RERUN_TARGET)
    timed("overview, rerun after the language switch",
          lambda: app.sidebar.radio(key="lang").set_value("en").run(), results, RERUN_TARGET)


def print_results(title: str, rows: list[Result]) -> None:
    """Server time = the AppTest run less AppTest's parsing of the output; the ratio is against it."""
    print(title)
    width = max(len(row[0]) for row in rows)
    print(f"  {'':<{width}}  {'server':>8}  {'AppTest':>8}")
    for label, seconds, parsing, target in rows:
        server = seconds - parsing
        ratio = (f"{server / target:5.2f} x target ({target * 1000:.0f} ms)"
                 if target else "   (no target of its own)")
        print(f"  {label:<{width}}  {server * 1000:5.0f} ms  {seconds * 1000:5.0f} ms   {ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="sessions to drive (each in a new store)")
    args = parser.parse_args(argv)

    from streamlit.testing.v1 import AppTest

    from analytics import accounts, importing
    from analytics import store as store_api

    count_parsing()
    result, payload = generated_result(args.rows)
    with tempfile.TemporaryDirectory(prefix="pup-bench-dashboard-") as scratch:
        sessions = []
        store = None
        for number in range(args.repeat):
            # A new store per session: a new database URL, so none of Streamlit's caches (keyed by it)
            # are warm.
            os.environ["PUP_DATABASE_URL"] = f"sqlite:///{scratch}/bench{number}.db"
            store = store_api.open_store()
            importing.ensure_demo(store)               # the projects register, as on a fresh install
            importing.import_result(store, result, payload, "wygenerowane.xlsx", "replace", "bench")
            accounts.add_user(store, BENCH_LOGIN, "staff", "bench-password-12345", by="bench")
            app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
            app.session_state["auth"] = {"login": BENCH_LOGIN, "role": "staff"}
            results: list[Result] = []
            drive(app, results)
            if app.exception:
                print("the app raised:", [e.value for e in app.exception])
                return 1
            sessions.append(results)

        print(f"dashboard with {args.rows:,} attendance rows: time per script run through AppTest, and the"
              " server's part of it")
        for number, results in enumerate(sessions, start=1):
            print_results(f"session {number} of {len(sessions)}:", results)
        if len(sessions) > 1:
            best = [min((session[i] for session in sessions), key=lambda row: row[1] - row[2])
                    for i in range(len(sessions[0]))]
            print_results("best of the sessions:", best)
        print("once per data version (outside Streamlit, same rows):")
        for label, seconds in data_times(store):
            print(f"  {label:<45}  {seconds * 1000:8.0f} ms")
    print("once per server process: importing in a fresh Python (after streamlit itself):")
    for name, seconds in import_times():
        print(f"  import {name:<38}  {seconds * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
