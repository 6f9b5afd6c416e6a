"""Times the partner figures on the check benchmark's attendance list (bench_check.bench_file).

    .venv/bin/python bench/bench_partner_figures.py [--rows 100000]

What each costs where it runs: the summary's partner counts (every check and import, and summary
--json), the partner register with the sole-trader check (the partners page, cached per data version
and decisions), the partner rows, and the near-duplicate proposals (staff's page, cached likewise).
Prints the best of three runs. Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import DEFAULT_ROWS, bench_file  # noqa: E402

from analytics import partner_metrics as pm  # noqa: E402
from analytics import summary  # noqa: E402
from analytics.reading.pipeline import check_file  # noqa: E402


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    args = parser.parse_args()
    attendance = check_file(bench_file(args.rows)).accepted
    people = pm.person_names(attendance)
    print(f"{len(attendance):,} rows, {attendance['institution'].nunique():,} institution spellings, "
          f"{len(pm.partner_register(attendance, people=frozenset())):,} partners")
    timings = {
        "attendance_summary (with partners)": lambda: summary.attendance_summary(attendance),
        "partner_rows": lambda: pm.partner_rows(attendance),
        "partner_register, no sole-trader check": lambda: pm.partner_register(attendance, people=frozenset()),
        "partner_register with sole traders": lambda: pm.partner_register(attendance, people=people),
        "partner_proposals": lambda: pm.partner_proposals(attendance, None, {}, ()),
    }
    for label, work in timings.items():
        print(f"{label:<42} {best_of(3, work):7.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
