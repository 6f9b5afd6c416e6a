"""Times the catalogue and the number/date writers: what one t()/tn() call costs, what importing the
catalogue costs a fresh Python, and how many calls one visit of the dashboard makes.

    .venv/bin/python bench/bench_catalogue.py [--calls 200000] [--visit]

Per-call figures are the best of five rounds of `--calls` calls (the least disturbed by other work on
a shared machine). The import figures are the median of five fresh Pythons: importing
analytics.catalogue, then its first t() (which loads the compiled catalogue), then
analytics.formatting. `--visit` also drives the dashboard once through Streamlit's AppTest on the demo
data (overview, participation, projects, both languages) and counts the t()/tn() calls of that visit.
It prints numbers and never asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

ROUNDS = 5


def per_call(action: Callable[[], object], calls: int) -> float:
    """Microseconds per call: the best of ROUNDS rounds."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(calls):
            action()
        best = min(best, time.perf_counter() - started)
    return best / calls * 1e6


def call_costs(calls: int) -> list[tuple[str, float]]:
    import pandas as pd

    from analytics import formatting
    from analytics.catalogue import language, t, tn

    day, moment = dt.date(2017, 12, 7), pd.Timestamp("2019-06-28 12:05")
    t("nav_overview")                    # the catalogue is loaded (and compiled if need be) before timing
    cases: list[tuple[str, Callable[[], object]]] = [
        ('t("nav_overview")', lambda: t("nav_overview")),
        ('t("chart_meeting", roman="VI")', lambda: t("chart_meeting", roman="VI")),
        ('tn("of_people", 25)', lambda: tn("of_people", 25)),
        ("format_int(1234)", lambda: formatting.format_int(1234)),
        ("format_number(1234.56, 1)", lambda: formatting.format_number(1234.56, 1)),
        ("format_pct(0.125, 1)", lambda: formatting.format_pct(0.125, 1)),
        ("format_money(12500.5)", lambda: formatting.format_money(12500.5)),
        ("format_date(date)", lambda: formatting.format_date(day)),
        ("format_datetime(Timestamp)", lambda: formatting.format_datetime(moment)),
    ]
    rows = []
    for lang in ("pl", "en"):
        with language(lang):
            for label, action in cases:
                rounds = calls if label.startswith(("t(", "tn(")) else calls // 10
                rows.append((f"{label} [{lang}]", per_call(action, rounds)))
    return rows


def import_costs() -> list[tuple[str, float]]:
    """Median seconds, over fresh Pythons, of each step a dashboard's first t() goes through."""
    code = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "started = time.perf_counter(); import analytics.catalogue as c; a = time.perf_counter() - started\n"
        "started = time.perf_counter(); c.t('nav_overview'); b = time.perf_counter() - started\n"
        "started = time.perf_counter(); import analytics.formatting; f = time.perf_counter() - started\n"
        "print(a, b, f)\n"
    )
    runs = []
    for _ in range(ROUNDS):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        runs.append([float(word) for word in done.stdout.split()])
    labels = ("import analytics.catalogue", "its first t() (loads the catalogue)",
              "then import analytics.formatting")
    return [(label, statistics.median(run[i] for run in runs)) for i, label in enumerate(labels)]


def visit_counts() -> Counter[str]:
    """t()/tn() calls during one visit of the dashboard on the demo data (AppTest). Run in a Python of
    its own (--count-visit): the counting wrappers must replace t and tn before any module of the
    dashboard imports them by name."""
    import analytics.catalogue as catalogue

    counts: Counter[str] = Counter()
    original_t, original_tn = catalogue.t, catalogue.tn

    def counted_t(*args: object, **kwargs: object) -> str:
        counts["t"] += 1
        return original_t(*args, **kwargs)

    def counted_tn(*args: object, **kwargs: object) -> str:
        counts["tn"] += 1
        return original_tn(*args, **kwargs)

    catalogue.t, catalogue.tn = counted_t, counted_tn
    from streamlit.testing.v1 import AppTest

    from analytics import accounts
    from analytics import store as store_api

    with tempfile.TemporaryDirectory(prefix="pup-bench-catalogue-") as scratch:
        os.environ["PUP_DATABASE_URL"] = f"sqlite:///{scratch}/bench.db"
        store = store_api.open_store()
        store_api.ensure_demo(store)
        accounts.add_user(store, "bench", "staff", "bench-password-12345", by="bench")
        store.close()
        app = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
        app.session_state["auth"] = {"login": "bench", "role": "staff"}
        for step, action in (("overview", app.run),
                             ("participation", lambda: app.switch_page("pages/participation.py").run()),
                             ("projects", lambda: app.switch_page("pages/projects.py").run()),
                             ("overview in English", lambda: app.switch_page("pages/overview.py").run()
                              .sidebar.radio(key="lang").set_value("en").run())):
            before = counts.copy()
            action()
            counts[step] = (counts["t"] + counts["tn"]) - (before["t"] + before["tn"])
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--visit", action="store_true", help="also count the calls of one dashboard visit")
    parser.add_argument("--count-visit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.count_visit:
        counts = visit_counts()
        for step in ("overview", "participation", "projects", "overview in English"):
            print(f"  {step:<40} {counts[step]:7d} t()/tn() calls")
        print(f"  {'in all':<40} {counts['t']:7d} t(), {counts['tn']} tn()")
        return 0
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print("importing, median of fresh Pythons:")
    for label, seconds in import_costs():
        print(f"  {label:<40} {seconds * 1000:7.1f} ms")
    print(f"one call, best of {ROUNDS} rounds:")
    for label, micros in call_costs(args.calls):
        print(f"  {label:<40} {micros:7.2f} µs")
    if args.visit:
        print("calls during one visit (AppTest, demo data):", flush=True)
        done = subprocess.run([sys.executable, __file__, "--count-visit"], capture_output=True, text=True,
                              check=False)
        print(done.stdout, end="")
    return done.returncode if args.visit else 0


if __name__ == "__main__":
    sys.exit(main())
