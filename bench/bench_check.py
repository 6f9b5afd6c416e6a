"""Times `check_file` on large long-shape attendance .xlsx files against the bare read of the same file.

    .venv/bin/python bench/bench_check.py [--rows 100000] [--runs 5]

Two sheets, generated once (openpyxl write-only mode) and cached in bench/out/ (git-ignored): a clean
list, and the same kind of list where 40% of the rows repeat a person at the same meeting (a list pasted
twice). For each, the bare fastexcel read (calamine's Arrow arrays, typed, header in row 2: the physical
floor) and `check_file` run interleaved in this one process, so a busy machine slows both alike; the
figure is CPU seconds (time.process_time, median of the runs), wall seconds beside it. The issue's
targets: check ≤ 1.3x the bare read on the clean file, ≤ 1.5x on the repeated one. pandas' readers
(calamine, openpyxl) and the CLI are timed once for context. It prints and never asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import random
import statistics
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


def bench_file(rows: int, variant: str = "clean") -> Path:
    """The cached sheet for `rows` rows, generating it first when missing. `variant`: "clean", "dup40"
    (40% of the rows repeat earlier ones: a list pasted twice), "shared" (clean, saved the way Excel saves:
    shared strings, dates as serials; the 1,000,000-row import uses it)."""
    names = {"clean": f"attendance_long_{rows}_v{GENERATOR_VERSION}.xlsx",
             "dup40": f"attendance_long_dup40_{rows}_v{GENERATOR_VERSION}.xlsx",
             "shared": f"attendance_long_shared_{rows}_v{GENERATOR_VERSION}.xlsx"}
    path = OUT_DIR / names[variant]
    if not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        if variant == "shared":
            write_shared_strings_xlsx(partial, attendance_rows(rows), rows)
        else:
            write_attendance_xlsx(partial, rows, repeated_rows(rows) if variant == "dup40" else None)
        os.replace(partial, path)  # an interrupted run leaves no half-written cache behind
        print(f"generated {path.relative_to(REPO_ROOT)} in {time.perf_counter() - started:.1f} s")
    return path


TITLE = "Lista obecności – Partnerstwo Lokalne (dane testowe do pomiaru wydajności)"


def write_attendance_xlsx(path: Path, rows: int, content: Iterator[list[Any]] | None = None) -> None:
    """A long-shape attendance list: title row, header, then one row per person per meeting."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Obecności")
    ws.append([TITLE])
    ws.append(HEADERS)
    for row in content if content is not None else attendance_rows(rows):
        ws.append(row)
    wb.save(path)


def repeated_rows(rows: int, share: float = 0.4) -> Iterator[list[Any]]:
    """`rows` rows of which the last `share` repeat the first ones (a list pasted twice), Lp. renumbered."""
    unique = rows - int(rows * share)
    base = list(attendance_rows(unique))
    for number, row in enumerate(base + base[: rows - unique], start=1):
        yield [number, *row[1:]]


def _column_letter(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def write_shared_strings_xlsx(path: Path, content: Iterator[list[Any]], rows: int) -> None:
    """The list as Excel itself saves it: texts in the shared-strings part, dates as serials with a date
    style, a merged title. Written directly as XML: seconds for a million rows (openpyxl takes minutes)."""
    import zipfile
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}
    epoch = dt.datetime(1899, 12, 30)

    def cell(r: int, c: int, value: Any) -> str:
        ref = f"{_column_letter(c)}{r}"
        if isinstance(value, dt.datetime):
            return f'<c r="{ref}" s="1"><v>{(value - epoch).days}</v></c>'
        if isinstance(value, (int, float)):
            return f'<c r="{ref}"><v>{value}</v></c>'
        if value in ("", None):
            return ""
        return f'<c r="{ref}" t="s"><v>{strings.setdefault(str(value), len(strings))}</v></c>'

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2017, 12, 7, 0, 0, 0))
    sheet.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(sheet, "w", force_zip64=True) as out:
            out.write(f'{header}<worksheet xmlns="{main}" xmlns:r="{relationships}">'
                      f'<dimension ref="A1:H{rows + 2}"/><sheetData>'.encode())
            buffer: list[str] = []
            for r, row in enumerate(itertools.chain([[TITLE], HEADERS], content), start=1):
                buffer.append(f'<row r="{r}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>")
                if len(buffer) >= 5000:
                    out.write("".join(buffer).encode())
                    buffer = []
            out.write("".join(buffer).encode())
            out.write(b'</sheetData><mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells></worksheet>')
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        archive.writestr("xl/sharedStrings.xml", f'{header}<sst xmlns="{main}" count="{len(strings)}" '
                                                 f'uniqueCount="{len(strings)}">{shared}</sst>')
        archive.writestr("xl/styles.xml", (
            f'{header}<styleSheet xmlns="{main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
            '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
            '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/>'
            '<top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" '
            'fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" '
            'fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" '
            'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'))
        archive.writestr("xl/workbook.xml", f'{header}<workbook xmlns="{main}" xmlns:r="{relationships}">'
                                            '<sheets><sheet name="Obecności" sheetId="1" r:id="rId1"/>'
                                            '</sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'{header}<Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{relationships}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{relationships}/styles" Target="styles.xml"/></Relationships>'))
        archive.writestr("_rels/.rels", (
            f'{header}<Relationships xmlns="{package}"><Relationship Id="rId1" '
            f'Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("[Content_Types].xml", (
            f'{header}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{office}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{office}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{office}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{office}.styles+xml"/></Types>'))


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


@dataclass
class Paired:
    """CPU and wall seconds of the bare read and of check_file, run by turns on one file."""

    bare_cpu: list[float]
    bare_wall: list[float]
    check_cpu: list[float]
    check_wall: list[float]
    result: Any = None


def bare_fastexcel_read(data: bytes) -> Any:
    """The physical floor: calamine's cells as typed Arrow arrays, the header in row 2, nothing checked."""
    import fastexcel

    return fastexcel.read_excel(data).load_sheet(0, header_row=1).to_arrow()


def paired_runs(path: Path, runs: int) -> Paired:
    from analytics.reading.pipeline import check_bytes

    data = path.read_bytes()
    paired = Paired([], [], [], [])
    bare_fastexcel_read(data)                         # imports and first-touch costs out of the way
    check_bytes(data, path.name)
    for _ in range(runs):
        steps = ((paired.bare_cpu, paired.bare_wall, lambda: bare_fastexcel_read(data)),
                 (paired.check_cpu, paired.check_wall, lambda: check_bytes(data, path.name)))
        for cpu, wall, action in steps:
            cpu_started, wall_started = time.process_time(), time.perf_counter()
            outcome = action()
            cpu.append(time.process_time() - cpu_started)
            wall.append(time.perf_counter() - wall_started)
        paired.result = outcome
    return paired


def print_paired(label: str, paired: Paired, target: float) -> None:
    bare, check = statistics.median(paired.bare_cpu), statistics.median(paired.check_cpu)
    ratio_cpu = check / bare
    ratio_wall = min(paired.check_wall) / min(paired.bare_wall)
    verdict = "met" if ratio_cpu <= target else "not met"
    print(f"{label:<34} bare fastexcel {bare:6.3f} s CPU ({min(paired.bare_wall):6.3f} s wall)   "
          f"check {check:6.3f} s CPU ({min(paired.check_wall):6.3f} s wall)   "
          f"ratio {ratio_cpu:4.2f}x CPU, {ratio_wall:4.2f}x wall   target <= {target}x: {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows of the generated sheets")
    parser.add_argument("--runs", type=int, default=5, help="paired runs per file")
    args = parser.parse_args(argv)

    clean, repeated = bench_file(args.rows), bench_file(args.rows, "dup40")
    for path in (clean, repeated):
        size = path.stat().st_size / 1e6
        print(f"file: {path.relative_to(REPO_ROOT)}  ({args.rows:,} rows, {size:.1f} MB)")
    print(f"check_file beside the bare fastexcel read, interleaved, {args.runs} runs each "
          "(median CPU seconds; best wall seconds):")
    paired_clean = paired_runs(clean, args.runs)
    print_paired("clean list", paired_clean, 1.3)
    paired_repeated = paired_runs(repeated, args.runs)
    print_paired("40% of the rows repeated", paired_repeated, 1.5)

    check = Timing("analytics check_bytes (clean)", args.runs, min(paired_clean.check_wall))
    calamine = time_pandas(clean, "calamine", 3)
    openpyxl = time_pandas(clean, "openpyxl", 1)
    cli = time_cli(clean)
    print()
    print("for context, the clean file (wall seconds):")
    print(f"{'step':<40} {'runs':>4} {'first (s)':>9} {'best (s)':>9}  note")
    for timing in (check, calamine, openpyxl, cli):
        times = f"{_seconds(timing.first)} {_seconds(timing.best)}"
        print(f"{timing.label:<40} {timing.runs:>4} {times}  {timing.note}")
    print(f"check / pandas calamine : {ratio(check, calamine)}  (best against best)")
    print(f"openpyxl / calamine     : {ratio(openpyxl, calamine)}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs – other work skews the times")
    print()
    print(_describe_result(paired_clean.result))
    print(_describe_result(paired_repeated.result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
