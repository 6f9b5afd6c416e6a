"""The projects register a new office kept as an old .xls (issue 15): eight columns, no planned
figures, the participants as "Liczba uczestników" and the jobs as "Miejsca pracy"; seven projects
from 2018 to 2019, 213 participants and 15 jobs in all. Built in code, so a test shows exactly what
the file holds; also as .xlsx under a title block and with the figures' columns spelt otherwise.
"""

from __future__ import annotations

import datetime as dt

from builders import Rows, xls_bytes, xlsx_bytes

HEADER = ["Nazwa projektu", "Lider grupy", "Status", "Data rozpoczęcia", "Data zakończenia", "Budżet (zł)",
          "Liczba uczestników", "Miejsca pracy"]
PROJECTS = [
    ["Promuj! Pomagaj! Nie przeszkadzaj!", "Anna Nowak", "zakończony",
     dt.date(2018, 3, 1), dt.date(2018, 11, 30), 24000, 45, 3],
    ["Dojrzali wspaniali – międzypokoleniowe działania lokalne", "Jan Kowalski", "w trakcie realizacji",
     dt.date(2018, 5, 14), dt.date(2019, 6, 30), 18500, 38, 0],
    ["Wisłą na szerokie wody przedsiębiorczości – centrum doradcze", "Piotr Zieliński",
     "w trakcie realizacji", dt.date(2018, 9, 1), dt.date(2019, 12, 31), 61000, 27, 5],
    ["Skarby Powiatu Płockiego", "Ewa Lewandowska", "zakończony",
     dt.date(2018, 1, 15), dt.date(2018, 10, 31), 12000, 60, 2],
    ["Ekologiczne smaki Mazowsza Północnego – mikroprzedsiębiorstwo", "Tomasz Wójcik", "w realizacji",
     dt.date(2019, 2, 1), dt.date(2019, 11, 30), None, 12, 4],
    ["Płockie PL. Regionalne Centrum Promocyjno – Doradczo – Konsultingowe", "Katarzyna Kamińska",
     "w przygotowaniu", dt.date(2019, 4, 1), dt.date(2019, 12, 31), 35000, 31, 1],
    ["Dowozik – dowiozę Cię tam gdzie chcesz", "Marek Szymański", "koncepcja", None, None, None, None, None],
]
REGISTER: Rows = [HEADER, *PROJECTS]
PARTICIPANTS = 213          # 45 + 38 + 27 + 60 + 12 + 31; the idea has none yet
JOBS = 15                   # 3 + 0 + 5 + 2 + 4 + 1
TITLES = [row[0] for row in PROJECTS]
LEADERS = [row[1] for row in PROJECTS]
FIRST_START, LAST_END = dt.date(2018, 1, 15), dt.date(2019, 12, 31)
FILE_NAME = "rejestr_projektow.xls"

# The same figures under other headers the office's neighbours use (neither says plan nor reached).
OTHER_SPELLINGS = {
    "Liczba uczestników": ("Uczestnicy", "Liczba osób", "Osoby objęte wsparciem"),
    "Miejsca pracy": ("Utworzone miejsca pracy", "Liczba miejsc pracy"),
}


def register_xls() -> bytes:
    """The office's file: an Excel 97 workbook, the header in row 1."""
    return xls_bytes(REGISTER, sheet="Projekty")


def register_xlsx(participants: str = "Liczba uczestników", jobs: str = "Miejsca pracy") -> bytes:
    """The same register saved as .xlsx under a title row, the figures' columns headed as given."""
    header = [participants if h == "Liczba uczestników" else jobs if h == "Miejsca pracy" else h
              for h in HEADER]
    return xlsx_bytes([header, *PROJECTS], sheet="Projekty",
                      title_rows=["Rejestr projektów Partnerstwa Lokalnego – stan na 31.12.2019"])
