"""Builds the demo spreadsheets and the blank templates of Partnerstwo Lokalne 2017 as .xlsx bytes."""

from __future__ import annotations

import datetime as dt
import io
import random
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from analytics.config import VOCABULARY_FILE

# Every file gets the same timestamps (document properties and zip entries), so regenerating
# gives identical bytes and git sees no change. 7 December 2017: the sixth, last meeting.
FIXED_TIMESTAMP = dt.datetime(2017, 12, 7, 12, 0, 0)
RANDOM_SEED = 2017

DEMO_ATTENDANCE_FILE = "lista_obecnosci_2017.xlsx"
DEMO_PROJECTS_FILE = "projekty_2017.xlsx"
ATTENDANCE_TEMPLATE_FILE = "szablon_lista_obecnosci.xlsx"
PROJECTS_TEMPLATE_FILE = "szablon_projekty.xlsx"

ROMAN = ("I", "II", "III", "IV", "V", "VI")
# Only I (25.05.2017) and VI (07.12.2017) are in the PUP report; II–V are illustrative Thursdays,
# skipping the July/August holidays.
MEETING_DATES = (
    dt.date(2017, 5, 25),
    dt.date(2017, 6, 22),
    dt.date(2017, 9, 21),
    dt.date(2017, 10, 19),
    dt.date(2017, 11, 16),
    dt.date(2017, 12, 7),
)
# People present at each meeting: a drop over the summer, then the certificate meeting, the fullest.
MEETING_ATTENDANCE = (45, 41, 38, 36, 39, 52)
PRESENT_MARK = "x"

ATTENDANCE_HEADERS = ["Lp.", "Imię i nazwisko", "Instytucja / organizacja", "Gmina", "Sektor", "Grupa"]
PROJECT_HEADERS = [
    "Lp.",
    "Tytuł projektu",
    "Lider",
    "Status",
    "Data rozpoczęcia",
    "Data zakończenia",
    "Budżet (zł)",
    "Uczestnicy planowani",
    "Uczestnicy osiągnięci",
    "Miejsca pracy planowane",
    "Miejsca pracy utworzone",
    "Mikroprzedsiębiorstwa",
    "Gminy",
    "Uwagi",
    "Ostatnia aktualizacja",
    "Partnerzy",
]

ATTENDANCE_TITLE = "Lista obecności – Partnerstwo Lokalne w powiecie płockim 2017"
ATTENDANCE_NOTE = (
    "Dane przykładowe: osoby (imiona i nazwiska, instytucje) oraz obecności są fikcyjne. "
    "Z relacji PUP pochodzą tylko daty spotkań I (25.05.2017) i VI (07.12.2017, Hotel TiM "
    "w Cekanowie); daty spotkań II–V są przykładowe."
)
PROJECTS_TITLE = "Rejestr projektów – Partnerstwo Lokalne w powiecie płockim 2017"
PROJECTS_NOTE = (
    "Dane przykładowe: relacja PUP z 07.12.2017 podaje tylko tytuły siedmiu projektów. "
    "Liderzy są fikcyjni, a statusy, daty, budżety i wskaźniki – przykładowe."
)

DATE_FORMAT = "dd.mm.yyyy"
BUDGET_FORMAT = '#,##0.00 "zł"'
TEMPLATE_ROWS = 200  # rows pre-formatted (borders, dropdowns) in a blank template

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTALS_FILL = PatternFill("solid", fgColor="F2F2F2")
_TITLE_FONT = Font(bold=True, size=14)
_NOTE_FONT = Font(italic=True, size=9, color="595959")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class DemoParticipant:
    name: str
    institution: str
    gmina: str  # as staff typed it: mostly canonical, a few the way the office really writes them
    sector: str
    group: str


# Canonical values, short so that each participant fits on one line.
GOSPODARKA, RYNEK_PRACY, KULTURA, EDUKACJA, OPIEKA = (
    "gospodarka", "rynek pracy", "kultura", "edukacja", "opieka społeczna"
)
SAMORZAD, FIRMY, NGO, MIESZKANCY, UCZNIOWIE = (
    "samorząd lokalny", "przedsiębiorcy", "organizacje pozarządowe", "mieszkańcy", "uczniowie"
)
_P = DemoParticipant

# Fictional people. Gmina, sector and group are mostly canonical; a few are written the way staff
# write them (`gm. Słupno`, `m. Płock`, `Brudzen Duzy`, `oświata`, `NGO`...) so the demo also shows
# the corrections. Three come from outside the county (Gostynin, Sierpc): real data, kept.
# Institutions too are spelled as staff spell them: one school as „ZS Drobin”, „Zespół Szkół w
# Drobinie” and „„Zespół Szkół” Drobin” (one partner by the rules), one with a typo („Rolnicznych”,
# proposed to staff as a near-duplicate), and a sole trader whose firm carries its owner's name.
DEMO_PARTICIPANTS = (
    # local government
    _P("Agnieszka Wiśniewska", "Urząd Gminy Słupno", "gm. Słupno", GOSPODARKA, SAMORZAD),
    _P("Tomasz Dąbrowski", "Urząd Gminy Bielsk", "Bielsk", GOSPODARKA, SAMORZAD),
    _P("Małgorzata Kozłowska", "Urząd Miasta i Gminy Bodzanów", "Bodzanów", RYNEK_PRACY, SAMORZAD),
    _P("Grzegorz Żurawski", "Urząd Gminy Brudzeń Duży", "Brudzen Duzy", GOSPODARKA, SAMORZAD),
    _P("Bożena Jabłońska", "Urząd Gminy Bulkowo", "Bulkowo", RYNEK_PRACY, SAMORZAD),
    _P("Krzysztof Wójcik", "Urząd Miasta i Gminy Drobin", "Drobin", GOSPODARKA, SAMORZAD),
    _P("Elżbieta Łukasiewicz", "Urząd Miejski w Gąbinie", "Gąbin", KULTURA, SAMORZAD),
    _P("Zbigniew Stępień", "Urząd Gminy Łąck", "Gmina Łąck", GOSPODARKA, SAMORZAD),
    _P("Jolanta Pawłowska", "Urząd Gminy Mała Wieś", "Mała Wieś", RYNEK_PRACY, SAMORZAD),
    _P("Sławomir Kamiński", "Urząd Gminy Nowy Duninów", "Nowy Duninów", KULTURA, SAMORZAD),
    _P("Urszula Grabowska", "Gminny Ośrodek Pomocy Społecznej w Radzanowie", "Radzanowo", OPIEKA, SAMORZAD),
    _P("Paweł Michalski", "Urząd Gminy Słubice", "Słubice", GOSPODARKA, SAMORZAD),
    _P("Dorota Szymańska", "G.O.P.S. Stara Biała", "Stara Biała", "pomoc społeczna", SAMORZAD),
    _P("Mirosław Górski", "Urząd Gminy Staroźreby", "Staroźreby", GOSPODARKA, SAMORZAD),
    _P("Teresa Wróblewska", "Urząd Miasta i Gminy Wyszogród", "Wyszogród", RYNEK_PRACY, SAMORZAD),
    _P("Marcin Zieliński", "Urząd Miasta Płocka", "m. Płock", GOSPODARKA, SAMORZAD),
    _P("Halina Kaźmierczak", "Gminny Ośrodek Kultury w Słupnie", "SŁUPNO", KULTURA, SAMORZAD),
    _P("Renata Sokołowska", "Starostwo Powiatowe w Płocku", "Płock", RYNEK_PRACY, "JST"),
    # entrepreneurs
    _P("Łukasz Maćkowiak", "Gospodarstwo Sadownicze Maćkowiak", "Łąck", GOSPODARKA, FIRMY),
    _P("Wojciech Kołodziej", "Usługi Transportowe Wojciech Kołodziej", "Radzanowo", GOSPODARKA, FIRMY),
    _P("Justyna Ślęzak", "Biuro Rachunkowe „Bilans”", "Płock", GOSPODARKA, FIRMY),
    _P("Piotr Wawrzyniak", "Piekarnia Rzemieślnicza Wawrzyniak", "Drobin", GOSPODARKA, FIRMY),
    _P("Beata Szczepańska", "Gospodarstwo Agroturystyczne „Pod Lipami”", "Nowy Duninów", GOSPODARKA, FIRMY),
    _P("Jarosław Woźniak", "Woźniak Instalacje Sp. z o.o.", "Słupno", GOSPODARKA, FIRMY),
    _P("Magdalena Piątek", "Agencja Pracy „Etat”", "Płock", RYNEK_PRACY, FIRMY),
    _P("Henryk Baran", "Przetwórstwo Warzyw Baran", "Bodzanów", GOSPODARKA, FIRMY),
    _P("Monika Czerwińska", "Pracownia Ceramiki „Glina”", "Gąbin", KULTURA, FIRMY),
    _P("Ryszard Sikora", "Zakład Stolarski Sikora", "Staroźreby", GOSPODARKA, FIRMY),
    _P("Katarzyna Wieczorek", "Kancelaria Doradztwa Gospodarczego", "m. Płock", "biznes", FIRMY),
    _P("Dariusz Sobczak", "Ośrodek Szkolenia Kierowców „Sobczak”", "Gostynin", EDUKACJA, FIRMY),
    _P("Grażyna Malinowska", "Sklep Spożywczy „U Grażyny”", "Bielsk", GOSPODARKA, FIRMY),
    _P("Przemysław Jakubowski", "Jakubowski Agro", "Mała Wieś", GOSPODARKA, "przedsiębiorca"),
    # NGOs
    _P("Zofia Kalinowska", "Stowarzyszenie Przyjaciół Ziemi Gąbińskiej", "Gąbin", KULTURA, NGO),
    _P("Andrzej Lis", "Fundacja Rozwoju Przedsiębiorczości Mazowsza Północnego", "Płock", GOSPODARKA, NGO),
    _P("Wiesława Bąk", "Stowarzyszenie Kół Gospodyń Wiejskich Powiatu Płockiego", "Słubice", KULTURA, NGO),
    _P("Tadeusz Kowalczyk", "Stowarzyszenie Rozwoju Gminy Bulkowo", "Bulkowo", GOSPODARKA, NGO),
    _P("Ewa Kucharska", "Fundacja „Dojrzałość”", "Płock", OPIEKA, NGO),
    _P("Józef Wasilewski", "Stowarzyszenie Seniorów „Złoty Wiek”", "Wyszogród", OPIEKA, NGO),
    _P("Joanna Adamska", "Fundacja Edukacji Ekologicznej „Zielona Wisła”", "Słupno", EDUKACJA, NGO),
    _P("Bogdan Chmielewski", "Stowarzyszenie Przyjaciół Wyszogrodu", "Wyszogród", KULTURA, NGO),
    _P("Anna Sadowska", "Stowarzyszenie „Otwarte Drzwi”", "Stara Biała", OPIEKA, NGO),
    _P("Jacek Borkowski", "Fundacja Aktywizacji Zawodowej „Nowy Start”", "Płock", RYNEK_PRACY, NGO),
    _P("Łucja Zawadzka", "Stowarzyszenie „Łąckie Tradycje”", "Łąck", KULTURA, NGO),
    _P("Michał Urbański", "Stowarzyszenie Turystyczne „Wiślany Szlak”", "Brudzeń Duży", KULTURA, "NGO"),
    _P("Barbara Cieślak", "Fundacja Pomocy Rodzinie „Ognisko”", "Sierpc", OPIEKA, NGO),
    _P("Żaneta Głowacka", "Stowarzyszenie Aktywnych Kobiet Gminy Drobin", "Drobin", RYNEK_PRACY, NGO),
    # active residents
    _P("Krystyna Wilk", "Rada Sołecka wsi Cekanów", "Słupno", KULTURA, MIESZKANCY),
    _P("Stanisław Mazurek", "", "Mała Wieś", GOSPODARKA, MIESZKANCY),
    _P("Irena Krajewska", "Koło Gospodyń Wiejskich w Bielsku", "Bielsk", KULTURA, MIESZKANCY),
    _P("Zdzisław Nowicki", "", "Bodzanów", RYNEK_PRACY, MIESZKANCY),
    _P("Alicja Sikorska", "", "Staroźreby", OPIEKA, MIESZKANCY),
    _P("Roman Krawczyk", "", "Nowy Duninów", GOSPODARKA, MIESZKANCY),
    _P("Wanda Jasińska", "", "Płock", OPIEKA, MIESZKANCY),
    _P("Kazimierz Pietrzak", "", "Słubice", GOSPODARKA, MIESZKANCY),
    _P("Ilona Marciniak", "", "Radzanowo", RYNEK_PRACY, MIESZKANCY),
    _P("Edward Czarnecki", "", "Łąck", KULTURA, MIESZKANCY),
    _P("Aleksandra Tomaszewska", "", "Gostynin", RYNEK_PRACY, "mieszkanka"),
    _P("Leszek Gajewski", "", "Wyszogród", GOSPODARKA, MIESZKANCY),
    # school students
    _P("Kacper Wróbel", "Zespół Szkół Ponadgimnazjalnych w Gąbinie", "Gąbin", EDUKACJA, UCZNIOWIE),
    _P("Natalia Jaworska", "ZS Ponadgimnazjalnych w Gabinie", "Gąbin", EDUKACJA, UCZNIOWIE),
    _P("Mateusz Kubiak", "Zespół Szkół Ponadgimnazjalnych Gąbin", "Gąbin", "oświata", UCZNIOWIE),
    _P("Julia Maciejewska", "Zespół Szkół w Drobinie", "Drobin", EDUKACJA, UCZNIOWIE),
    _P("Bartosz Szewczyk", "ZS Drobin", "Drobin", EDUKACJA, UCZNIOWIE),
    _P("Wiktoria Zakrzewska", "„Zespół Szkół” Drobin", "Drobin", EDUKACJA, "uczennica"),
    _P("Jakub Laskowski", "Zespół Szkół Rolniczych w Bielsku", "Bielsk", EDUKACJA, UCZNIOWIE),
    _P("Oliwia Brzezińska", "Zespół Szkół Rolnicznych w Bielsku", "Bielsk", GOSPODARKA, UCZNIOWIE),
    _P("Szymon Przybylski", "Zespół Szkół w Wyszogrodzie", "Wyszogród", EDUKACJA, UCZNIOWIE),
    _P("Zuzanna Makowska", "ZS w Wyszogrodzie", "Wyszogród", EDUKACJA, UCZNIOWIE),
    _P("Dawid Kołodziejczyk", "Zespół Szkół w Staroźrebach", "Staroźreby", EDUKACJA, UCZNIOWIE),
    _P("Amelia Sawicka", "ZS Staroźreby", "Staroźreby", KULTURA, UCZNIOWIE),
)

# How regularly each group came, as a weight for the seeded draw of who was at which meeting.
_GROUP_REGULARITY = {
    "samorząd": 1.6,
    "jst": 1.6,
    "organizacje": 1.2,
    "ngo": 1.2,
    "przedsiębior": 0.8,
    "mieszka": 0.8,
    "ucz": 0.6,
}


@dataclass(frozen=True)
class DemoProject:
    title: str
    leader: str
    status: str
    start: dt.date | None
    end: dt.date | None
    budget: float | None
    participants_planned: int | None
    participants_reached: int | None
    jobs_planned: int | None
    jobs_created: int | None
    enterprises_created: int | None
    gminy: str
    notes: str
    last_update: dt.date


# Titles exactly as published in the PUP report; everything else is illustrative. Leaders are
# fictional participants of the demo attendance list, all present at meeting VI where they
# presented the projects.
DEMO_PROJECTS = (
    DemoProject(
        "Promuj! Pomagaj! Nie przeszkadzaj!", "Agnieszka Wiśniewska", "w realizacji",
        dt.date(2018, 3, 1), dt.date(2019, 12, 31), 48_500.00, 120, 85, 0, 0, 0,
        "Słupno; Płock", "Kampania promująca lokalnych przedsiębiorców i wolontariat.",
        dt.date(2019, 6, 28),
    ),
    DemoProject(
        "Dojrzali wspaniali – międzypokoleniowe działania lokalne", "Ewa Kucharska", "zrealizowany",
        dt.date(2018, 2, 1), dt.date(2018, 11, 30), 36_000.00, 60, 72, 1, 1, 0,
        "Płock; Radzanowo; Stara Biała", "Warsztaty seniorów z uczniami; rozliczony.",
        dt.date(2019, 1, 15),
    ),
    DemoProject(
        "Wisłą na szerokie wody przedsiębiorczości – centrum doradcze", "Andrzej Lis", "w przygotowaniu",
        dt.date(2019, 9, 1), dt.date(2020, 12, 31), 250_000.00, 200, 0, 4, 0, 0,
        "Wyszogród; Mała Wieś; Bodzanów; Słubice; Gąbin", "Wniosek o dofinansowanie w ocenie.",
        dt.date(2019, 6, 28),
    ),
    DemoProject(
        "Skarby Powiatu Płockiego", "Zofia Kalinowska", "w realizacji",
        dt.date(2018, 4, 1), dt.date(2019, 10, 31), 75_000.00, 300, 180, 2, 1, 1,
        "Gąbin; Łąck; Nowy Duninów; Brudzeń Duży", "Szlak turystyczny i przewodnik po gminach.",
        dt.date(2019, 5, 20),
    ),
    DemoProject(
        "Ekologiczne smaki Mazowsza Północnego – mikroprzedsiębiorstwo", "Łukasz Maćkowiak", "w realizacji",
        dt.date(2018, 5, 1), dt.date(2019, 12, 31), 120_000.00, 25, 18, 5, 3, 2,
        "Łąck; Bodzanów; Staroźreby", "Przetwórnia owoców i warzyw z lokalnych upraw.",
        dt.date(2019, 6, 10),
    ),
    DemoProject(
        "Płockie PL. Regionalne Centrum Promocyjno – Doradczo – Konsultingowe",
        "Katarzyna Wieczorek", "pomysł",
        None, None, 400_000.00, 150, 0, 6, 0, 0,
        "Płock; Słupno; Stara Biała; Radzanowo", "Szukamy partnera i źródła finansowania.",
        dt.date(2019, 3, 14),
    ),
    DemoProject(
        "Dowozik – dowiozę Cię tam gdzie chcesz", "Wojciech Kołodziej", "wstrzymany",
        dt.date(2018, 6, 1), dt.date(2019, 5, 31), 90_000.00, 40, 12, 2, 1, 1,
        "Radzanowo; Bulkowo; Drobin; Staroźreby", "Wstrzymany do czasu zakupu drugiego busa.",
        dt.date(2019, 4, 2),
    ),
)


# The institutions in each project's team ("Partnerzy", separated by ";"), spelled as staff spell them:
# mostly partners of the meetings, one office that came to none (PUP).
DEMO_PROJECT_PARTNERS = {
    "Promuj! Pomagaj! Nie przeszkadzaj!": "UG Słupno; Woźniak Instalacje sp. z o.o.; Agencja Pracy Etat",
    "Dojrzali wspaniali – międzypokoleniowe działania lokalne":
        "Fundacja Dojrzałość; GOPS Radzanowo; ZS w Drobinie; Stowarzyszenie Seniorów Złoty Wiek",
    "Wisłą na szerokie wody przedsiębiorczości – centrum doradcze":
        "Fundacja Rozwoju Przedsiębiorczości Mazowsza Północnego; UMiG Wyszogród; PUP w Płocku",
    "Skarby Powiatu Płockiego":
        "Stowarzyszenie Przyjaciół Ziemi Gąbińskiej; Urząd Miejski w Gąbinie; "
        "Stowarzyszenie Łąckie Tradycje; Zespół Szkół Ponadgimnazjalnych w Gąbinie",
    "Ekologiczne smaki Mazowsza Północnego – mikroprzedsiębiorstwo":
        "Gospodarstwo Sadownicze Maćkowiak; Przetwórstwo Warzyw Baran; Zespół Szkół Rolniczych w Bielsku",
    "Płockie PL. Regionalne Centrum Promocyjno – Doradczo – Konsultingowe":
        "Kancelaria Doradztwa Gospodarczego; Urząd Miasta Płocka; Biuro Rachunkowe Bilans",
    "Dowozik – dowiozę Cię tam gdzie chcesz":
        "Usługi Transportowe Wojciech Kołodziej; UG Bulkowo; Urząd Miasta i Gminy w Drobinie",
}


@dataclass(frozen=True)
class Vocabulary:
    """Canonical values offered in the templates' dropdowns."""

    gminy: list[str]
    sectors: list[str]
    groups: list[str]
    statuses: list[str]


def read_canonical_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The canonical names from data/vocabularies.toml (synonyms are for reading, not offering)."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return Vocabulary(
        gminy=[entry[0] for entry in raw["gminy"].values()],
        sectors=list(raw["sectors"]),
        groups=list(raw["groups"]),
        statuses=list(raw["statuses"]),
    )


# ---------------------------------------------------------------------------------------------
# Public builders


def demo_attendance_xlsx(
    participants: tuple[DemoParticipant, ...] = DEMO_PARTICIPANTS,
    meeting_dates: tuple[dt.date, ...] = MEETING_DATES,
    meeting_attendance: tuple[int, ...] = MEETING_ATTENDANCE,
    projects: tuple[DemoProject, ...] = DEMO_PROJECTS,
    title: str = ATTENDANCE_TITLE,
    note: str = ATTENDANCE_NOTE,
    seed: int = RANDOM_SEED,
) -> bytes:
    """The demo attendance list: a wide sign-in matrix, one row per person, `x` per meeting (of 2017
    by default; scripts/demo_data_2018.py gives the 2018 cycle's)."""
    wb, ws = _new_workbook("Lista obecności", title)
    meeting_headers = [f"{roman}\n{date:%d.%m.%Y}" for roman, date in zip(ROMAN, meeting_dates, strict=True)]
    headers = ATTENDANCE_HEADERS + meeting_headers
    header_row = _write_title_block(ws, title, note, len(headers))
    _write_header_row(ws, header_row, headers)

    people = sorted(participants, key=lambda p: _polish_sort_key(_surname_first(p.name)))
    presence = demo_attendance_presence(people, meeting_attendance, projects, seed)
    first_data_row = header_row + 1
    for number, (person, present) in enumerate(zip(people, presence, strict=True), start=1):
        row = first_data_row + number - 1
        values = [number, person.name, person.institution, person.gmina, person.sector, person.group]
        values += [PRESENT_MARK if was else None for was in present]
        _write_body_row(ws, row, values, first_meeting_column=len(ATTENDANCE_HEADERS) + 1)

    totals_row = first_data_row + len(people)
    counts = [sum(present[m] for present in presence) for m in range(len(ROMAN))]
    _write_totals_row(ws, totals_row, len(ATTENDANCE_HEADERS), counts)

    _set_widths(ws, [5, 26, 46, 15, 17, 24] + [11] * len(ROMAN))
    ws.row_dimensions[header_row].height = 32
    ws.freeze_panes = ws.cell(row=first_data_row, column=3)
    _setup_print(ws, header_row)
    return _workbook_bytes(wb)


def demo_projects_xlsx(projects: tuple[DemoProject, ...] = DEMO_PROJECTS, title: str = PROJECTS_TITLE,
                       note: str = PROJECTS_NOTE,
                       partners: dict[str, str] = DEMO_PROJECT_PARTNERS) -> bytes:
    """The demo projects register: the seven projects of the report with illustrative figures (of
    2017 by default)."""
    wb, ws = _new_workbook("Projekty", title)
    header_row = _write_title_block(ws, title, note, len(PROJECT_HEADERS))
    _write_header_row(ws, header_row, PROJECT_HEADERS)
    for number, project in enumerate(projects, start=1):
        row = header_row + number
        values = [
            number, project.title, project.leader, project.status, project.start, project.end,
            project.budget, project.participants_planned, project.participants_reached,
            project.jobs_planned, project.jobs_created, project.enterprises_created,
            project.gminy, project.notes, project.last_update, partners.get(project.title),
        ]
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=column, value=value)
            cell.border = _BORDER
            cell.alignment = _WRAP
        _format_project_row(ws, row)
    _finish_projects_sheet(ws, header_row)
    return _workbook_bytes(wb)


def attendance_template_xlsx() -> bytes:
    """A blank attendance list (wide, meetings I–VI) with dropdowns and an instructions sheet."""
    vocabulary = read_canonical_vocabulary()
    title = "Lista obecności – Partnerstwo Lokalne"
    wb, ws = _new_workbook("Lista obecności", title)
    headers = ATTENDANCE_HEADERS + list(ROMAN)
    note = (
        "Jeden wiersz na osobę. Pod numerem spotkania wpisz x, jeśli osoba była obecna. "
        "Możesz dopisać datę pod numerem (np. I 25.05.2017). Szczegóły w arkuszu „Instrukcja”."
    )
    header_row = _write_title_block(ws, title, note, len(headers))
    _write_header_row(ws, header_row, headers)
    first, last = header_row + 1, header_row + TEMPLATE_ROWS
    for row in range(first, last + 1):
        for column in range(1, len(headers) + 1):
            cell = ws.cell(row=row, column=column)
            cell.border = _BORDER
            cell.alignment = _CENTER if column > len(ATTENDANCE_HEADERS) or column == 1 else _WRAP
    _add_list_validation(ws, "D", first, last, vocabulary.gminy, "Gmina", strict=False)
    _add_list_validation(ws, "E", first, last, vocabulary.sectors, "Sektor", strict=False)
    _add_list_validation(ws, "F", first, last, vocabulary.groups, "Grupa", strict=False)

    _set_widths(ws, [5, 26, 46, 15, 17, 24] + [11] * len(ROMAN))
    ws.row_dimensions[header_row].height = 32
    ws.freeze_panes = ws.cell(row=first, column=3)
    _setup_print(ws, header_row)
    _write_instructions(wb.create_sheet("Instrukcja"), _attendance_instructions(vocabulary))
    return _workbook_bytes(wb)


def projects_template_xlsx() -> bytes:
    """A blank projects register with a Status dropdown, date and zł formats, and instructions."""
    vocabulary = read_canonical_vocabulary()
    title = "Rejestr projektów – Partnerstwo Lokalne"
    wb, ws = _new_workbook("Projekty", title)
    note = (
        "Jeden wiersz na projekt. Aktualizuj status po każdym przeglądzie. "
        "Szczegóły w arkuszu „Instrukcja”."
    )
    header_row = _write_title_block(ws, title, note, len(PROJECT_HEADERS))
    _write_header_row(ws, header_row, PROJECT_HEADERS)
    first, last = header_row + 1, header_row + TEMPLATE_ROWS
    for row in range(first, last + 1):
        for column in range(1, len(PROJECT_HEADERS) + 1):
            cell = ws.cell(row=row, column=column)
            cell.border = _BORDER
            cell.alignment = _WRAP
        _format_project_row(ws, row)
    _add_list_validation(ws, "D", first, last, vocabulary.statuses, "Status", strict=True)
    _add_date_validation(ws, ["E", "F", "O"], first, last)
    _add_whole_number_validation(ws, ["H", "I", "J", "K", "L"], first, last)
    _finish_projects_sheet(ws, header_row)
    _write_instructions(wb.create_sheet("Instrukcja"), _projects_instructions(vocabulary))
    return _workbook_bytes(wb)


def demo_attendance_presence(
    people: tuple[DemoParticipant, ...] | list[DemoParticipant],
    meeting_attendance: tuple[int, ...] = MEETING_ATTENDANCE,
    projects: tuple[DemoProject, ...] = DEMO_PROJECTS,
    seed: int = RANDOM_SEED,
) -> list[list[bool]]:
    """Who was at which meeting: a seeded draw hitting MEETING_ATTENDANCE exactly.

    Regular groups (local government, NGOs) are drawn more often; project leaders are all at
    meeting VI; everybody on the list was at one meeting at least.
    """
    rng = random.Random(seed)
    regularity = [_regularity(person.group) * rng.uniform(0.6, 1.4) for person in people]
    leaders = {project.leader for project in projects}
    last = len(meeting_attendance) - 1
    keys: list[list[float]] = []
    attendees: list[set[int]] = []
    for meeting, count in enumerate(meeting_attendance):
        # Weighted sampling without replacement (Efraimidis–Spirakis): the top `count` keys.
        meeting_keys = [rng.random() ** (1 / weight) for weight in regularity]
        if meeting == last:
            meeting_keys = [
                2.0 if person.name in leaders else key
                for person, key in zip(people, meeting_keys, strict=True)
            ]
        keys.append(meeting_keys)
        ranked = sorted(range(len(people)), key=lambda i: -meeting_keys[i])
        attendees.append(set(ranked[:count]))

    for person in range(len(people)):
        if any(person in present for present in attendees):
            continue
        # Put them at the meeting they were likeliest to attend, in place of the most regular
        # attendee there (never a leader at VI), so the per-meeting counts stay as planned.
        meeting = max(range(len(attendees)), key=lambda m: keys[m][person])
        replaceable = [
            other for other in attendees[meeting]
            if sum(other in present for present in attendees) > 1
            and not (meeting == last and people[other].name in leaders)
        ]
        most_regular = max(replaceable, key=lambda o: (sum(o in a for a in attendees), -o))
        attendees[meeting].remove(most_regular)
        attendees[meeting].add(person)
    return [[person in present for present in attendees] for person in range(len(people))]


# ---------------------------------------------------------------------------------------------
# Sheet building helpers


def _new_workbook(sheet_title: str, document_title: str) -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    wb.properties.creator = "Partnerstwo Lokalne – PUP Płock (scripts/make_demo.py)"
    wb.properties.lastModifiedBy = None
    wb.properties.title = document_title
    wb.properties.language = "pl-PL"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb, ws


def _write_title_block(ws: Worksheet, title: str, note: str, width: int) -> int:
    """Title (row 1) and note (row 2) merged over the table's width; returns the header row."""
    last_column = get_column_letter(width)
    ws["A1"] = title
    ws["A1"].font = _TITLE_FONT
    ws["A1"].alignment = Alignment(vertical="center")
    ws.merge_cells(f"A1:{last_column}1")
    ws.row_dimensions[1].height = 24
    ws["A2"] = note
    ws["A2"].font = _NOTE_FONT
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A2:{last_column}2")
    ws.row_dimensions[2].height = 30
    return 4  # row 3 stays empty, as in the office's files


def _write_header_row(ws: Worksheet, row: int, headers: list[str]) -> None:
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=column, value=header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = _CENTER


def _write_body_row(ws: Worksheet, row: int, values: list, first_meeting_column: int) -> None:
    for column, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=column, value=value if value != "" else None)
        cell.border = _BORDER
        cell.alignment = _CENTER if column >= first_meeting_column or column == 1 else _WRAP


def _write_totals_row(ws: Worksheet, row: int, label_width: int, counts: list[int]) -> None:
    ws.cell(row=row, column=1, value="Razem")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_width)
    for column in range(1, label_width + len(counts) + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = _BOLD
        cell.fill = _TOTALS_FILL
        cell.border = _BORDER
        cell.alignment = _CENTER if column > label_width else Alignment(horizontal="right")
    for offset, count in enumerate(counts, start=1):
        ws.cell(row=row, column=label_width + offset, value=count)


def _format_project_row(ws: Worksheet, row: int) -> None:
    for column in ("E", "F", "O"):
        ws[f"{column}{row}"].number_format = DATE_FORMAT
        ws[f"{column}{row}"].alignment = Alignment(horizontal="center", vertical="top")
    ws[f"G{row}"].number_format = BUDGET_FORMAT
    ws[f"G{row}"].alignment = Alignment(horizontal="right", vertical="top")
    for column in ("A", "H", "I", "J", "K", "L"):
        ws[f"{column}{row}"].alignment = Alignment(horizontal="center", vertical="top")


def _finish_projects_sheet(ws: Worksheet, header_row: int) -> None:
    _set_widths(ws, [5, 44, 22, 16, 13, 13, 15, 12, 12, 12, 12, 15, 30, 40, 13, 44])
    ws.row_dimensions[header_row].height = 45
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    _setup_print(ws, header_row)


def _set_widths(ws: Worksheet, widths: list[float]) -> None:
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def _setup_print(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def _add_list_validation(
    ws: Worksheet, column: str, first: int, last: int, values: list[str], field: str, strict: bool
) -> None:
    # An inline list: no helper sheet whose headers a reader could mistake for data.
    inline = ",".join(values)
    if len(inline) > 255:  # Excel's limit for an inline list
        raise ValueError(f"The {field} list is too long for an inline dropdown: {len(inline)} characters")
    formula = f'"{inline}"'
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.promptTitle = field
    validation.prompt = "Wybierz z listy."
    # Not strict: a value outside the list (a new gmina from outside the county) stays possible.
    validation.errorStyle = "stop" if strict else "warning"
    validation.errorTitle = field
    validation.error = f"Wartość spoza listy „{field}”. Sprawdź pisownię."
    validation.showErrorMessage = True
    validation.showInputMessage = True
    validation.add(f"{column}{first}:{column}{last}")
    ws.add_data_validation(validation)


def _add_date_validation(ws: Worksheet, columns: list[str], first: int, last: int) -> None:
    validation = DataValidation(
        type="date", operator="between", formula1="DATE(2017,1,1)", formula2="DATE(2035,12,31)",
        allow_blank=True,
    )
    validation.errorStyle = "warning"
    validation.errorTitle = "Data"
    validation.error = "Wpisz datę w postaci dd.mm.rrrr, np. 07.12.2017."
    validation.showErrorMessage = True
    for column in columns:
        validation.add(f"{column}{first}:{column}{last}")
    ws.add_data_validation(validation)


def _add_whole_number_validation(ws: Worksheet, columns: list[str], first: int, last: int) -> None:
    validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    validation.errorStyle = "warning"
    validation.errorTitle = "Liczba"
    validation.error = "Wpisz liczbę całkowitą (0 lub więcej)."
    validation.showErrorMessage = True
    for column in columns:
        validation.add(f"{column}{first}:{column}{last}")
    ws.add_data_validation(validation)


_UPLOAD_HINT = "Zapisz plik (.xlsx, .xls, .ods lub .csv) i wgraj go w panelu, na stronie wczytywania danych."


def _attendance_instructions(vocabulary: Vocabulary) -> list[tuple[str, str]]:
    return [
        ("Jak wypełnić listę obecności", ""),
        ("Wiersze", "Jeden wiersz na osobę, przez cały cykl spotkań. Nie wpisuj tej samej osoby dwa razy."),
        ("Obecność", "W kolumnie spotkania (I–VI) wpisz x, jeśli osoba była obecna; puste pole oznacza "
                     "nieobecność. W nagłówku kolumny możesz dopisać datę, np. „VI 07.12.2017”."),
        ("Imię i nazwisko", "Imię i nazwisko uczestnika, zawsze w tej samej kolejności."),
        ("Instytucja", "Urząd, szkoła, firma lub organizacja; puste dla mieszkańców, "
                       "którzy występują we własnym imieniu."),
        ("Gmina", "Wybierz z listy: " + ", ".join(vocabulary.gminy) + ". Osobę spoza powiatu wpisz "
                  "z nazwą jej gminy (np. Gostynin) – zostanie zaliczona do grupy „spoza powiatu”."),
        ("Sektor", "Jedna z wartości: " + ", ".join(vocabulary.sectors) + "."),
        ("Grupa", "Jedna z wartości: " + ", ".join(vocabulary.groups) + "."),
        ("Suma", "Wiersz „Razem” na dole jest dozwolony – nie jest liczony jako uczestnik."),
        ("Dane osobowe", "Nie dopisuj telefonów, adresów e-mail, numerów PESEL ani podpisów: "
                         "panel ich nie potrzebuje i nie wczytuje (RODO)."),
        ("Wysyłka", _UPLOAD_HINT),
    ]


def _projects_instructions(vocabulary: Vocabulary) -> list[tuple[str, str]]:
    return [
        ("Jak wypełnić rejestr projektów", ""),
        ("Wiersze", "Jeden wiersz na projekt. Po każdym przeglądzie popraw dane "
                    "i datę w kolumnie „Ostatnia aktualizacja”."),
        ("Tytuł projektu", "Tytuł tak, jak został przedstawiony na spotkaniu, bez cudzysłowów."),
        ("Lider", "Lider grupy lub koordynator projektu."),
        ("Status", "Wybierz z listy, w kolejności etapów: " + " → ".join(vocabulary.statuses) + "."),
        ("Daty", "Data rozpoczęcia, zakończenia i aktualizacji w postaci dd.mm.rrrr, np. 07.12.2017."),
        ("Budżet (zł)", "Kwota w złotych, bez słowa „zł” (format komórki dopisze je sam)."),
        ("Wskaźniki", "Uczestnicy planowani i osiągnięci, miejsca pracy planowane i utworzone, "
                      "utworzone mikroprzedsiębiorstwa: liczby całkowite; 0, gdy brak."),
        ("Gminy", "Gminy objęte projektem, oddzielone średnikiem, np. „Słupno; Płock”. Nazwy: "
                  + ", ".join(vocabulary.gminy) + "."),
        ("Uwagi", "Krótko: co się zmieniło, co blokuje projekt."),
        ("Partnerzy", "Instytucje w zespole projektu, oddzielone średnikiem, "
                      "np. „UG Słupno; GOPS Radzanowo”. Kolumna nieobowiązkowa."),
        ("Wysyłka", _UPLOAD_HINT),
    ]


def _write_instructions(ws: Worksheet, lines: list[tuple[str, str]]) -> None:
    """Two columns, a label and its explanation, so no row looks like a data header."""
    (title, _), *rows = lines
    ws["A1"] = title
    ws["A1"].font = _TITLE_FONT
    for row, (label, text) in enumerate(rows, start=3):
        ws.cell(row=row, column=1, value=label).font = _BOLD
        ws.cell(row=row, column=1).alignment = _WRAP
        ws.cell(row=row, column=2, value=text).alignment = _WRAP
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 100


# ---------------------------------------------------------------------------------------------
# Small pure helpers

_POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"


def _polish_sort_key(text: str) -> list[int]:
    order = {letter: index for index, letter in enumerate(_POLISH_ALPHABET)}
    return [order.get(char, len(order) + ord(char)) for char in text.lower()]


def _surname_first(name: str) -> str:
    first, _, last = name.rpartition(" ")
    return f"{last} {first}"


def _regularity(group: str) -> float:
    folded = group.lower()
    return next((weight for prefix, weight in _GROUP_REGULARITY.items() if folded.startswith(prefix)), 1.0)


def _workbook_bytes(wb: Workbook) -> bytes:
    """The saved workbook with fixed timestamps, so the same content always gives the same bytes."""
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps `modified` with the current time while saving, and the zip entries with the
    # current time too: put the fixed time back in both.
    wb.properties.modified = FIXED_TIMESTAMP
    core_xml = tostring(wb.properties.to_tree())
    zip_time = FIXED_TIMESTAMP.timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = core_xml if info.filename == "docProps/core.xml" else source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=zip_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, data)
    return output.getvalue()
