"""Times `check_file` on a large long-shape attendance .xlsx against plain pandas readers.

    .venv/bin/python bench/bench_check.py [--rows 100000]

The sheet is generated once (openpyxl write-only mode) and cached in bench/out/ (git-ignored).
It prints timings and ratios and never asserts on them: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

OUT_DIR = REPO_ROOT / "bench" / "out"
GENERATOR_VERSION = 2  # bump when the generated content changes, so a stale cache is not reused
DEFAULT_ROWS = 100_000
MEETINGS = 20
PEOPLE_PER_ROW = 0.2  # ~20,000 distinct people for 100,000 rows
SEED = 2017

HEADERS = ["Lp.", "Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Grupa", "Spotkanie", "Data spotkania"]

GMINY = [
    ("Bielsk", "Bielsk"), ("Bodzanów", "Bodzanow"), ("Brudzeń Duży", "Brudzen Duzy"),
    ("Bulkowo", "Bulkowo"), ("Drobin", "Drobin"), ("Gąbin", "Gabin"), ("Łąck", "Lack"),
    ("Mała Wieś", "Mala Wies"), ("Nowy Duninów", "Nowy Duninow"), ("Radzanowo", "Radzanowo"),
    ("Słubice", "Slubice"), ("Słupno", "Slupno"), ("Stara Biała", "Stara Biala"),
    ("Staroźreby", "Starozreby"), ("Wyszogród", "Wyszogrod"), ("Płock", "Plock"),
]
OUTSIDE = ["Gostynin", "Sierpc", "Płońsk", "Ciechanów", "Włocławek"]
SECTORS = {
    "gospodarka": ["gospodarka", "Gospodarka", "biznes", "przedsiębiorczość", "GOSPODARKA"],
    "rynek pracy": ["rynek pracy", "Rynek pracy", "zatrudnienie", "rynek  pracy"],
    "kultura": ["kultura", "Kultura", "KULTURA"],
    "edukacja": ["edukacja", "oświata", "szkolnictwo", "Edukacja"],
    "opieka społeczna": ["opieka społeczna", "pomoc społeczna", "Opieka spoleczna"],
}
GROUPS = {
    "samorząd lokalny": ["samorząd lokalny", "JST", "samorząd", "urząd gminy"],
    "przedsiębiorcy": ["przedsiębiorcy", "przedsiębiorca", "firma", "Przedsiębiorcy"],
    "organizacje pozarządowe": ["organizacje pozarządowe", "NGO", "stowarzyszenie", "fundacja"],
    "mieszkańcy": ["mieszkańcy", "mieszkaniec", "mieszkanka", "aktywni mieszkańcy"],
    "uczniowie": ["uczniowie", "uczeń", "uczennica", "młodzież"],
}
MALE_FIRST = (
    "Adam Andrzej Antoni Bartosz Bogdan Damian Dariusz Dawid Edward Filip Grzegorz Henryk Hubert "
    "Jacek Jakub Jan Janusz Jarosław Jerzy Józef Kacper Kamil Karol Kazimierz Krzysztof Leszek "
    "Łukasz Maciej Marcin Marek Mariusz Mateusz Michał Mirosław Norbert Patryk Paweł Piotr "
    "Przemysław Rafał Robert Roman Ryszard Sebastian Sławomir Stanisław Szymon Tadeusz Tomasz "
    "Wiesław Wiktor Witold Wojciech Zbigniew Zdzisław Zygmunt"
).split()
FEMALE_FIRST = (
    "Agata Agnieszka Aleksandra Alicja Amelia Aneta Anna Barbara Beata Bożena Danuta Dominika "
    "Dorota Edyta Elżbieta Ewa Grażyna Halina Hanna Helena Irena Iwona Jadwiga Janina Joanna "
    "Jolanta Julia Justyna Karolina Katarzyna Kinga Krystyna Łucja Magdalena Małgorzata Maria "
    "Marta Monika Natalia Oliwia Paulina Renata Sylwia Teresa Urszula Wanda Weronika Wiesława "
    "Wiktoria Zofia Zuzanna Żaneta"
).split()
# "-ski" style surnames take a feminine form; the others are the same for everyone.
SKI_SURNAMES = (
    "Wiśniewski Dąbrowski Lewandowski Kamiński Zieliński Szymański Kozłowski Jabłoński Grabowski "
    "Pawłowski Michalski Wróblewski Jaworski Malinowski Górski Tomaszewski Zalewski Jakubowski "
    "Jasiński Zawadzki Sadowski Chmielewski Borkowski Czarnecki Sawicki Sokołowski Urbański "
    "Maciejewski Szczepański Kucharski Kalinowski Wysocki Adamski Wasilewski Czerwiński "
    "Andrzejewski Głowacki Zakrzewski Sikorski Krajewski Gajewski Laskowski Brzeziński Makowski "
    "Ziółkowski Przybylski Żurawski Dębiński Koźmiński Kowalewski Ostrowski Piotrowski Rutkowski "
    "Sobieski Stępniewski Tarnowski Wilczyński Żebrowski Łapiński Olszewski Nowicki Górecki Kubacki "
    "Chojnacki"
).split()
PLAIN_SURNAMES = (
    "Nowak Kowalczyk Wójcik Woźniak Mazur Krawczyk Kaczmarek Piątek Król Wieczorek Wróbel Stępień "
    "Sikora Baran Duda Szewczyk Pietrzak Marciniak Bąk Włodarczyk Kubiak Wilk Lis Mazurek "
    "Kaźmierczak Sobczak Cieślak Kołodziej Szymczak Szulc Żak Ślęzak Maćkowiak Kowal Pawlak "
    "Michalak Walczak Zając Jankowiak Grzelak Wawrzyniak Dudek Adamczyk Bednarek Leśniak Kurek "
    "Jaworek Tomczak Śliwa Kasprzak Ryba Jóźwiak Grochowiak Łuczak"
).split()
ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    gmina: str  # canonical county name, or a place outside the county
    plain_gmina: str  # the same without Polish letters
    institution: str
    sector: str
    group: str


@dataclass(frozen=True)
class Timing:
    label: str
    runs: int
    best: float | None
    first: float | None = None  # the first run pays for cold caches and imports; best does not
    note: str = ""


def bench_file(rows: int) -> Path:
    """The cached sheet for `rows` rows, generating it first when missing."""
    path = OUT_DIR / f"attendance_long_{rows}_v{GENERATOR_VERSION}.xlsx"
    if not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        write_attendance_xlsx(partial, rows)
        os.replace(partial, path)  # an interrupted run leaves no half-written cache behind
        print(f"generated {path.relative_to(REPO_ROOT)} in {time.perf_counter() - started:.1f} s")
    return path


def write_attendance_xlsx(path: Path, rows: int) -> None:
    """A long-shape attendance list: title row, header, then one row per person per meeting."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Obecności")
    ws.append(["Lista obecności – Partnerstwo Lokalne (dane testowe do pomiaru wydajności)"])
    ws.append(HEADERS)
    for row in attendance_rows(rows):
        ws.append(row)
    wb.save(path)


def attendance_rows(rows: int, seed: int = SEED) -> Iterator[list[Any]]:
    """Deterministic messy rows: each person at most once per meeting."""
    rng = random.Random(seed)
    per_meeting = math.ceil(rows / MEETINGS)
    people = make_people(rng, max(per_meeting, int(rows * PEOPLE_PER_ROW)))
    first_meeting = dt.datetime(2017, 1, 12)
    number = 0
    for meeting in range(1, MEETINGS + 1):
        date = first_meeting + dt.timedelta(weeks=2 * (meeting - 1))
        count = min(per_meeting, rows - number)
        for person in rng.sample(people, count):
            number += 1
            yield [
                number,
                _name_as_written(rng, person),
                person.institution,
                _gmina_as_written(rng, person),
                rng.choice(SECTORS[person.sector]),
                rng.choice(GROUPS[person.group]),
                _meeting_as_written(rng, meeting),
                date,
            ]


def make_people(rng: random.Random, count: int) -> list[Person]:
    people: list[Person] = []
    # Distinct as the pipeline tells people apart (case, order, Polish letters), so two generated
    # people never fold into one: "Anna Duda-Kowal" and "Anna Kowal-Duda" would.
    names: set[frozenset[str]] = set()
    while len(people) < count:
        female = rng.random() < 0.5
        first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        last = _surname(rng, female)
        if rng.random() < 0.15 and female:
            last = f"{last}-{_surname(rng, female)}"
        identity = frozenset(_fold(f"{first} {last}").replace("-", " ").split())
        if identity in names:
            continue
        names.add(identity)
        if rng.random() < 0.03:
            gmina = plain = rng.choice(OUTSIDE)
        else:
            gmina, plain = rng.choice(GMINY)
        sector = rng.choice(list(SECTORS))
        group = rng.choice(list(GROUPS))
        people.append(Person(first, last, gmina, plain, _institution(rng, group, gmina, last), sector, group))
    return people


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ł", "l"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _surname(rng: random.Random, female: bool) -> str:
    if rng.random() < 0.55:
        male = rng.choice(SKI_SURNAMES)
        return male[:-1] + "a" if female else male
    return rng.choice(PLAIN_SURNAMES)


def _institution(rng: random.Random, group: str, gmina: str, last: str) -> str:
    if group == "samorząd lokalny":
        return f"Urząd Gminy {gmina}"
    if group == "przedsiębiorcy":
        return rng.choice([f"P.H.U. {last}", f"{last} Sp. z o.o.", f"Gospodarstwo Rolne {last}"])
    if group == "organizacje pozarządowe":
        return rng.choice([f"Stowarzyszenie Rozwoju nr {rng.randint(1, 40)}", f"Fundacja „{gmina}”"])
    if group == "uczniowie":
        return f"Zespół Szkół nr {rng.randint(1, 30)}"
    return ""


def _name_as_written(rng: random.Random, person: Person) -> str:
    roll = rng.random()
    if roll < 0.08:
        return f"{person.last.upper()} {person.first}"
    if roll < 0.12:
        return f"{person.last} {person.first}"
    if roll < 0.14:
        return f" {person.first}  {person.last} "
    return f"{person.first} {person.last}"


def _gmina_as_written(rng: random.Random, person: Person) -> str:
    if person.gmina in OUTSIDE:
        return person.gmina
    roll = rng.random()
    if roll < 0.6:
        return person.gmina
    if roll < 0.7:
        return ("m. " if person.gmina == "Płock" else "gm. ") + person.gmina
    if roll < 0.8:
        return person.gmina.upper()
    if roll < 0.9:
        return person.plain_gmina
    return ("Miasto " if person.gmina == "Płock" else "Gmina ") + person.gmina


def _meeting_as_written(rng: random.Random, meeting: int) -> Any:
    roll = rng.random()
    if roll < 0.5:
        return meeting
    if roll < 0.7:
        return ROMAN[meeting - 1]
    if roll < 0.9:
        return f"spotkanie {meeting}"
    return str(meeting)


# ---------------------------------------------------------------------------------------------
# Measuring


def best_of(runs: int, action: Callable[[], Any]) -> tuple[float, float, Any]:
    """(first, best, last result) of `runs` runs."""
    seconds: list[float] = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - started)
    return seconds[0], min(seconds), result


def time_check(path: Path) -> tuple[Timing, str]:
    try:
        from analytics.reading.pipeline import check_file
    except ImportError as error:
        return Timing("analytics.pipeline.check_file", 0, None, note=f"not available: {error}"), ""
    first, best, result = best_of(3, lambda: check_file(path))
    return Timing("analytics.pipeline.check_file", 3, best, first), _describe_result(result)


def _describe_result(result: Any) -> str:
    if hasattr(result, "rows_accepted"):
        summary = getattr(result, "summary", {}) or {}
        return (
            f"check_file: {type(result).__name__} kind={result.kind} header_row={result.header_row} "
            f"rows_read={result.rows_read} accepted={result.rows_accepted} "
            f"rejected={result.rows_rejected} warnings={len(result.warnings)}\n"
            f"  summary: {json.dumps(summary, ensure_ascii=False, default=str)[:600]}"
        )
    return f"check_file: {type(result).__name__}: {getattr(result, 'error', result)}"


def time_pandas(path: Path, engine: str, runs: int) -> Timing:
    import pandas as pd

    try:
        first, best, frame = best_of(runs, lambda: pd.read_excel(path, engine=engine, header=1))
    except Exception as error:  # a missing engine is a fact to report, not a reason to stop
        return Timing(f"pandas.read_excel engine={engine}", 0, None, note=f"failed: {error}")
    return Timing(f"pandas.read_excel engine={engine}", runs, best, first, f"{len(frame):,} rows")


def time_cli(path: Path) -> Timing:
    command = [sys.executable, "-m", "analytics", "check", str(path), "--json"]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    note = f"exit {completed.returncode}, {len(completed.stdout):,} chars of JSON"
    if completed.returncode != 0 or not completed.stdout:
        note += f"; stderr: {completed.stderr.strip()[-300:]}"
    note += " (wall, incl. interpreter start-up and imports)"
    return Timing("CLI python -m analytics check --json", 1, seconds, seconds, note)


def _seconds(value: float | None) -> str:
    return f"{value:9.3f}" if value is not None else f"{'—':>9}"


def ratio(numerator: Timing, denominator: Timing) -> str:
    if numerator.best is None or denominator.best in (None, 0):
        return "n/a"
    return f"{numerator.best / denominator.best:.2f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows of the generated sheet")
    args = parser.parse_args(argv)

    path = bench_file(args.rows)
    print(f"file: {path.relative_to(REPO_ROOT)}  ({args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB)")

    check, described = time_check(path)
    calamine = time_pandas(path, "calamine", 3)
    openpyxl = time_pandas(path, "openpyxl", 1)
    cli = time_cli(path)

    print()
    print(f"{'step':<40} {'runs':>4} {'first (s)':>9} {'best (s)':>9}  note")
    for timing in (check, calamine, openpyxl, cli):
        times = f"{_seconds(timing.first)} {_seconds(timing.best)}"
        print(f"{timing.label:<40} {timing.runs:>4} {times}  {timing.note}")
    print()
    print(f"check_file / calamine : {ratio(check, calamine)}  (best against best)")
    print(f"openpyxl / calamine   : {ratio(openpyxl, calamine)}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs – other work skews the times")
    if described:
        print()
        print(described)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
