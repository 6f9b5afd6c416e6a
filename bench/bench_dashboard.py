"""Times the dashboard's server side with 100,000 attendance rows in the store (issue 4's targets:
first page load under 2 s, a rerun after a filter change under 300 ms).

    .venv/bin/python bench/bench_dashboard.py [--rows 100000]

It fills a temporary SQLite store with generated rows, then drives `dashboard.py` through
Streamlit's AppTest (the script runs in-process, as the server runs it) and prints each step's
time. It prints numbers and never asserts: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from bench_store import generated_result  # noqa: E402


def timed(label: str, action, results: list[tuple[str, float]]):
    started = time.perf_counter()
    value = action()
    results.append((label, time.perf_counter() - started))
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="pup-bench-dashboard-")
    os.environ["PUP_DATABASE_URL"] = f"sqlite:///{folder}/bench.db"

    from streamlit.testing.v1 import AppTest

    from analytics import store as store_api

    store = store_api.open_store()
    store_api.ensure_demo(store)                       # the projects register, as on a fresh install
    result, payload = generated_result(args.rows)
    store_api.import_result(store, result, payload, "wygenerowane.xlsx", "replace", "bench")

    results: list[tuple[str, float]] = []
    app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
    timed("overview, first load (cold caches)", app.run, results)
    timed("overview, rerun (cached)", app.run, results)
    sector = next(m for m in app.sidebar.multiselect if m.key and "sectors" in m.key)
    timed("overview, rerun after a new sector filter", lambda: sector.select("gospodarka").run(), results)
    timed("overview, rerun with that filter again (cached)", app.run, results)
    timed("participation, first open with the filter", lambda: app.switch_page("pages/participation.py").run(),
          results)
    group = next(m for m in app.sidebar.multiselect if m.key and "groups" in m.key)
    timed("participation, rerun after a new group filter", lambda: group.select("uczniowie").run(), results)
    timed("projects, first open", lambda: app.switch_page("pages/projects.py").run(), results)
    if app.exception:
        print("the app raised:", [e.value for e in app.exception])
        return 1

    print(f"dashboard with {args.rows:,} attendance rows (server time per script run, AppTest)")
    width = max(len(label) for label, _ in results)
    for label, seconds in results:
        print(f"  {label:<{width}}  {seconds * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
