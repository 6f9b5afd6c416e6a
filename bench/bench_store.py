"""Time the store on 100,000 attendance rows: reading the file, storing it, reading it back.

    python bench/bench_store.py [--rows 100000] [--url sqlite:///…] [--file bench/out/….xlsx]

Reads the 100k-row spreadsheet from bench/out/ through the pipeline when it is there (or the
file given), else generates the accepted rows in memory (and then no read time is measured).
Prints the figures; asserts nothing. The issue's targets: storing takes no longer than the
reading itself, and the dashboard's read-back of 100,000 rows stays under 0.5 s on SQLite.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import importing  # noqa: E402
from analytics import store as store_api  # noqa: E402
from analytics.results import ATTENDANCE_COLUMNS, CheckResult  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent / "out"
GMINY = [("Bielsk", "141901"), ("Słupno", "141912"), ("Płock", "146201"), ("Gostynin", None)]
SECTORS = ["gospodarka", "rynek pracy", "kultura", "edukacja", "opieka społeczna"]
GROUPS = ["samorząd lokalny", "przedsiębiorcy", "organizacje pozarządowe", "mieszkańcy", "uczniowie"]


def generated_result(rows: int) -> tuple[CheckResult, bytes]:
    """Accepted attendance rows as the pipeline would hand them on, and stand-in file bytes."""
    rng = np.random.default_rng(7)
    person = rng.integers(0, rows // 4 + 1, rows)
    gmina = rng.integers(0, len(GMINY), rows)
    meeting = rng.integers(1, 7, rows)
    frame = pd.DataFrame({
        "row": np.arange(2, rows + 2),
        "sheet": "Lista",
        "person_key": [f"osoba {p}" for p in person],
        "person_name": [f"Osoba {p}" for p in person],
        "institution": [f"Instytucja {p % 300}" for p in person],
        "gmina": [GMINY[g][0] for g in gmina],
        "teryt": [GMINY[g][1] for g in gmina],
        "in_county": [GMINY[g][1] is not None for g in gmina],
        "sector": [SECTORS[i] for i in rng.integers(0, 5, rows)],
        "sector_other": None,
        "group": [GROUPS[i] for i in rng.integers(0, 5, rows)],
        "group_other": None,
        "meeting": meeting,
        "meeting_date": pd.Timestamp("2017-05-25") + pd.to_timedelta((meeting - 1) * 40, unit="D"),
    }, columns=ATTENDANCE_COLUMNS)
    result = CheckResult(
        file="wygenerowane.xlsx", format="xlsx", kind="attendance", sheet="Lista", header_row=1,
        rows_read=rows, rows_accepted=rows, rows_rejected=0, accepted=frame, rejected=[],
        warnings=[], summary={"rows": rows},
    )
    return result, frame.to_csv(index=False).encode()


def find_bench_file(rows: int) -> Path | None:
    candidates = sorted(OUT_DIR.glob("*.xlsx")) if OUT_DIR.exists() else []
    wanted = [p for p in candidates if f"_{rows}_" in p.name or f"_{rows // 1000}k" in p.name]
    return wanted[-1] if wanted else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--url", default=None, help="database URL (default: a new temporary SQLite file)")
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--generate", action="store_true", help="generate the rows even if a file is there")
    parser.add_argument("--repeat", type=int, default=5, help="read-backs to time")
    args = parser.parse_args()

    path = None if args.generate else (args.file or find_bench_file(args.rows))
    read_seconds = None
    if path is not None:
        from analytics.reading import pipeline

        data = path.read_bytes()
        started = time.perf_counter()
        result = pipeline.check_bytes(data, path.name, "attendance")
        read_seconds = time.perf_counter() - started
        print(f"odczyt pliku {path.name} (pipeline): {read_seconds:.3f} s, "
              f"{getattr(result, 'rows_accepted', '?')} wierszy przyjętych")
    else:
        result, data = generated_result(args.rows)
        print(f"{args.rows} wierszy wygenerowanych w pamięci (bez pliku w {OUT_DIR}, "
              "więc czas odczytu nie zmierzony)")

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = store_api.open_store(url)
        print(f"baza: {store.dialect}")
        started = time.perf_counter()
        outcome = importing.import_result(store, result, data, path.name if path else "wygenerowane.xlsx",
                                          "replace", "bench")
        store_seconds = time.perf_counter() - started
        print(f"zapis wersji {outcome.version} ({outcome.dataset_rows} wierszy, jedna transakcja): "
              f"{store_seconds:.3f} s")

        # An append of one meeting on top of the 100k rows: the read-modify-write path.
        meeting_6 = result.accepted[result.accepted["meeting"] == 6]
        appended = CheckResult(**{**result.__dict__, "accepted": meeting_6, "rows_accepted": len(meeting_6)})
        started = time.perf_counter()
        importing.import_result(store, appended, data + b"#6", "spotkanie_6.xlsx", "append", "bench")
        print(f"dopisanie spotkania 6 ({len(meeting_6)} wierszy) do zbioru: "
              f"{time.perf_counter() - started:.3f} s")

        # A second sign-in sheet of meeting 6 merged in: half of its people new, half already there.
        second_sheet = meeting_6.iloc[::2].assign(person_key=lambda f: f["person_key"] + " bis")
        second_sheet = pd.concat([second_sheet, meeting_6.iloc[1::2]], ignore_index=True)
        merged = CheckResult(**{**result.__dict__, "accepted": second_sheet,
                                "rows_accepted": len(second_sheet)})
        started = time.perf_counter()
        importing.import_result(store, merged, data + b"#6bis", "spotkanie_6_druga_lista.xlsx", "merge",
                                "bench")
        print(f"scalenie drugiej listy spotkania 6 ({len(second_sheet)} wierszy) ze zbiorem: "
              f"{time.perf_counter() - started:.3f} s")

        # The whole file again, replacing everything (the preview's counts are computed on the way).
        started = time.perf_counter()
        importing.import_result(store, result, data + b"#again", "wszystko.xlsx", "replace", "bench")
        print(f"zastąpienie zbioru całym plikiem ({len(result.accepted)} wierszy): "
              f"{time.perf_counter() - started:.3f} s")

        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            frame = store_api.active_frame(store, "attendance")
            timings.append(time.perf_counter() - started)
        print(f"odczyt aktywnego zbioru ({len(frame)} wierszy, migawka Parquet): "
              f"najlepszy {min(timings):.3f} s, mediana {sorted(timings)[len(timings) // 2]:.3f} s")

        with store.engine.connect() as conn:
            started = time.perf_counter()
            rebuilt = store_api.rows_frame(conn, "attendance", outcome.version)
            print(f"odczyt z tabeli wierszy (SQL, dla porównania): {time.perf_counter() - started:.3f} s, "
                  f"{len(rebuilt)} wierszy")
        store.close()

    if read_seconds:
        print(f"zapis / odczyt pliku = {store_seconds / read_seconds:.2f}")


if __name__ == "__main__":
    main()
