"""Times the three hand-on outputs (Excel report, summary PDF, certificates) on a large attendance list.

    .venv/bin/python bench/bench_reports.py [--rows 100000] [--people 20000] [--meetings 20]

The attendance frame is generated directly, as the pipeline would hand it on (one row per person
per meeting: each of `--people` people at a random subset of `--meetings` meetings, `--rows` rows in
all), with the demo's seven projects. It prints timings and sizes and never asserts on them: the
numbers depend on the machine and on what else it is doing (the load average is printed too).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from analytics.metrics import Filters, prepare_attendance  # noqa: E402
from analytics.reading.normalise import person_key  # noqa: E402
from analytics.reading.pipeline import check_file  # noqa: E402
from analytics.reports.certificates import certificate_recipients, certificates_pdf  # noqa: E402
from analytics.reports.excel import excel_report  # noqa: E402
from analytics.reports.pdf import summary_pdf  # noqa: E402
from analytics.results import ATTENDANCE_COLUMNS, PROJECT_COLUMNS  # noqa: E402
from analytics.vocabulary import vocabulary  # noqa: E402

SEED = 2017
FIRST = ("Anna Barbara Bożena Ewa Grażyna Jadwiga Łucja Małgorzata Zofia Żaneta Adam Jędrzej Łukasz "
         "Mirosław Paweł Stanisław Wojciech Zdzisław Tomasz Michał").split()
LAST = ("Nowak Kowalczyk Wójcik Woźniak Mazur Krawczyk Kaczmarek Piątek Król Wieczorek Wróbel Stępień "
        "Śliwa Bąk Żak Ślęzak Maćkowiak Kołodziej Łuczak Jóźwiak Kaźmierczak Dudek Zając Leśniak Grzelak "
        "Kubiak Wilk Lis Baran Duda Sikora Szulc Pawlak Michalak Walczak Tomczak Ryba Kurek Cieślak").split()
# second halves of double-barrelled surnames: none is in LAST, so no two people's names fold alike
SECOND = ("Dąbrowska Zielińska Wysocka Górska Jasińska Sadowska Wróblewska Kalinowska Adamska Laskowska "
          "Makowska Ostrowska Rutkowska Żurawska Łapińska Kozłowska Jabłońska Pawłowska Michalska Jaworska "
          "Malinowska Zalewska Sikorska Krajewska Gajewska Olszewska Nowicka Górecka Kubacka "
          "Chojnacka").split()
OUTSIDE = ("Gostynin", "Sierpc", "Płońsk")


def attendance(rows: int, people: int, meetings: int) -> pd.DataFrame:
    """`rows` attendances of `people` people over `meetings` meetings, one week apart from 25 May 2017."""
    rng = np.random.default_rng(SEED)
    vocab = vocabulary()
    # distinct people for up to 20 × 40 × 31: "Łucja Wróbel", then "Łucja Wróbel-Dąbrowska", …
    base = len(FIRST) * len(LAST)
    names = np.array([f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
                      + (f"-{SECOND[(i // base - 1) % len(SECOND)]}" if i >= base else "")
                      for i in range(people)], dtype=object)
    # every person at one meeting at least, the other rows spread at random; a (person, meeting) once
    first_visits = np.arange(people) * meetings + rng.integers(0, meetings, people)
    others = np.setdiff1d(np.arange(people * meetings), first_visits)
    extra = rng.choice(others, size=max(0, min(rows, people * meetings) - people), replace=False)
    pairs = np.sort(np.concatenate([first_visits, extra]))
    who, meeting = pairs // meetings, pairs % meetings + 1
    places = [g.name for g in vocab.gminy] + list(OUTSIDE)
    teryt = {g.name: g.teryt for g in vocab.gminy}
    place_of = np.array(places, dtype=object)[rng.integers(0, len(places), people)]
    sector_of = np.array(vocab.sectors, dtype=object)[rng.integers(0, len(vocab.sectors), people)]
    group_of = np.array(vocab.groups, dtype=object)[rng.integers(0, len(vocab.groups), people)]
    keys = np.array([person_key(n) for n in names], dtype=object)
    dates = pd.Timestamp("2017-05-25") + pd.to_timedelta((meeting - 1) * 7, unit="D")
    frame = pd.DataFrame({
        "row": np.arange(2, len(who) + 2), "sheet": "Lista",
        "person_key": keys[who], "person_name": names[who],
        "institution": None, "gmina": place_of[who], "teryt": [teryt.get(p) for p in place_of[who]],
        "in_county": [p in teryt for p in place_of[who]], "sector": sector_of[who], "sector_other": None,
        "group": group_of[who], "group_other": None, "meeting": meeting, "meeting_date": dates,
    }, columns=ATTENDANCE_COLUMNS)
    return frame.astype({"meeting": "Int64", "meeting_date": "datetime64[s]"})


def projects() -> pd.DataFrame:
    demo = REPO_ROOT / "data" / "demo" / "projekty_2017.xlsx"
    result = check_file(demo)
    return result.accepted if hasattr(result, "accepted") else pd.DataFrame(columns=PROJECT_COLUMNS)


def timed(label: str, make: Callable[[], bytes], runs: int) -> tuple[str, list[float], int]:
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(make())
        times.append(time.perf_counter() - started)
    return label, times, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--meetings", type=int, default=20)
    parser.add_argument("--runs", type=int, default=2, help="runs of the Excel report and the summary")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    rows = prepare_attendance(attendance(args.rows, args.people, args.meetings))
    register = projects()
    print(f"attendance: {len(rows):,} rows, {rows['person_key'].nunique():,} people, "
          f"{rows['meeting'].nunique()} meetings (generated in {time.perf_counter() - started:.1f} s)")
    many = len(certificate_recipients(rows, 1))
    threshold = max(1, args.meetings // 2)
    few = len(certificate_recipients(rows, threshold))

    results = [
        timed("excel_report", lambda: excel_report(rows, register, Filters(), None), args.runs),
        timed("excel_report, meetings 5–10", lambda: excel_report(
            rows, register, Filters(meetings=tuple(range(5, 11))), None), 1),
        timed("summary_pdf", lambda: summary_pdf(rows, register, Filters(), None), args.runs),
        timed(f"certificates_pdf, min 1 ({many:,} pages)", lambda: certificates_pdf(rows, 1), 1),
        timed(f"certificates_pdf, min {threshold} ({few:,} pages)",
              lambda: certificates_pdf(rows, threshold), 1),
    ]
    print()
    print(f"{'output':<44} {'first (s)':>9} {'best (s)':>9} {'size (MB)':>10}")
    for label, times, size in results:
        print(f"{label:<44} {times[0]:>9.2f} {min(times):>9.2f} {size / 1e6:>10.2f}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs – other work skews the times")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
