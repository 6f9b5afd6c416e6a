"""Three sign-in sheets of the same six meetings, kept by three people, as the office has them (issue 15).

Each is a sign-in matrix typed up in Excel (a title row, one row per person, a column per meeting
headed I–VI, "x" where the person signed). The sheets overlap: Jan Kowalski is on all three (written
"KOWALSKI Jan" on the second), Anna Nowak on the first two, and so on. Merged, they give one
attendance per person and meeting; appended (today's "dopisz"), each replaces all six meetings.

The counts below are worked out by hand from the rows, meeting by meeting:

    meeting       I  II III  IV   V  VI   attendances  people
    A (Kasia)     4   3   3   2   2   3       17          5
    A + B         5   4   4   4   4   4       25          7    B adds Anna IV, Maria I–VI, Tomasz V
    A + B + C     5   5   5   5   4   5       29          8    C adds Ewa II, Tomasz VI, Zofia III–IV
    B alone       2   2   2   2   2   2       12          4
    C alone       1   1   1   1   1   2        7          4
"""

from __future__ import annotations

from functools import cache

from builders import xlsx_bytes

MEETINGS = ["I", "II", "III", "IV", "V", "VI"]
HEADER = ["Lp.", "Imię i nazwisko", "Instytucja", "Gmina", "Sektor", "Grupa", *MEETINGS]
X = "x"


def _row(n: int, name: str, institution: str | None, gmina: str, sector: str, group: str,
         present: str) -> list:
    """A person's row: `present` lists the meetings signed, e.g. "I III V"."""
    signed = present.split()
    return [n, name, institution, gmina, sector, group, *[X if m in signed else None for m in MEETINGS]]


SHEET_A = [
    _row(1, "Jan Kowalski", "Urząd Gminy Słupno", "gm. Słupno", "gospodarka", "samorząd", "I II III IV V VI"),
    _row(2, "Anna Nowak", "UG Bielsk", "Bielsk", "kultura", "samorząd", "I II III"),
    _row(3, "Ewa Lis", None, "Gostynin", "edukacja", "mieszkańcy", "I III V"),
    _row(4, "Piotr Sowa", "Sowa s.c.", "Drobin", "biznes", "przedsiębiorcy", "II IV VI"),
    _row(5, "Olga Wrona", "Fundacja Razem", "Płock", "pomoc społeczna", "NGO", "I VI"),
]
SHEET_B = [
    _row(1, "KOWALSKI Jan", "Urząd Gminy Słupno", "Słupno", "gospodarka", "samorząd", "I II VI"),
    _row(2, "Anna Nowak", "GOK Bielsk", "Bielsk", "kultura", "organizacje pozarządowe", "III IV"),
    _row(3, "Maria Zielińska", "SP Radzanowo", "Radzanowo", "edukacja", "uczniowie", "I II III IV V VI"),
    _row(4, "Tomasz Kos", None, "Łąck", "rynek pracy", "mieszkańcy", "V"),
]
SHEET_C = [
    _row(1, "Ewa Lis", None, "Gostynin", "edukacja", "mieszkańcy", "I II"),
    _row(2, "Tomasz Kos", None, "Łąck", "rynek pracy", "mieszkańcy", "V VI"),
    _row(3, "Zofia Mazur", "OPS Stara Biała", "Stara Biała", "opieka społeczna", "samorząd", "III IV"),
    _row(4, "Olga Wrona", "Fundacja Razem", "Płock", "pomoc społeczna", "NGO", "VI"),
]

# (attendances, people) and attendances per meeting, as in the module's table.
A_COUNTS = (17, 5)
A_B_COUNTS = (25, 7)
A_B_C_COUNTS = (29, 8)
A_B_C_BY_MEETING = {1: 5, 2: 5, 3: 5, 4: 5, 5: 4, 6: 5}
B_COUNTS = (12, 4)
C_COUNTS = (7, 4)


def sheet_xlsx(rows: list[list], kept_by: str) -> bytes:
    """One sign-in sheet as an .xlsx, under a title naming who kept it."""
    return xlsx_bytes([HEADER, *rows], sheet="Lista",
                      title_rows=[f"Lista obecności – spotkania I–VI (prowadzi: {kept_by})"])


def sheets() -> dict[str, bytes]:
    """The three sheets as the files staff upload, by file name (the same bytes on every call: an
    .xlsx written again differs in its timestamps, and the store tells files apart by content)."""
    return dict(_sheets())


@cache
def _sheets() -> dict[str, bytes]:
    return {
        "lista_kasi.xlsx": sheet_xlsx(SHEET_A, "Kasia"),
        "lista_marka.xlsx": sheet_xlsx(SHEET_B, "Marek"),
        "lista_oli.xlsx": sheet_xlsx(SHEET_C, "Ola"),
    }
