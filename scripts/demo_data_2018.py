"""The demo's second, fictitious cycle: Partnerstwo Lokalne 2018 (attendance list and projects
register), built with the 2017 builders of scripts/demo_data.py.

Nothing of it is in any report: every person, institution, date and project is illustrative. It
differs from 2017 as a second cycle plausibly would: a few more participants, about a third of them
back from 2017, more firms and NGOs, and institutions written the way staff write them on the day
("UG Słupno", "Urząd Gminy w Słupnie", "GOPS Gąbin").
"""

from __future__ import annotations

import datetime as dt

from scripts.demo_data import (
    EDUKACJA,
    FIRMY,
    GOSPODARKA,
    KULTURA,
    MIESZKANCY,
    NGO,
    OPIEKA,
    RYNEK_PRACY,
    SAMORZAD,
    UCZNIOWIE,
    DemoParticipant,
    DemoProject,
    demo_attendance_xlsx,
    demo_projects_xlsx,
)

ATTENDANCE_FILE = "lista_obecnosci_2018.xlsx"
PROJECTS_FILE = "projekty_2018.xlsx"
RANDOM_SEED = 2018
# Six Thursdays, skipping the July/August holidays (illustrative, as everything of 2018).
MEETING_DATES = (
    dt.date(2018, 4, 19),
    dt.date(2018, 5, 24),
    dt.date(2018, 6, 21),
    dt.date(2018, 9, 20),
    dt.date(2018, 10, 25),
    dt.date(2018, 11, 29),
)
# A steadier cycle than 2017: fewer leave over the summer, more come to the closing meeting.
MEETING_ATTENDANCE = (49, 47, 44, 46, 50, 61)

ATTENDANCE_TITLE = "Lista obecności – Partnerstwo Lokalne w powiecie płockim 2018"
ATTENDANCE_NOTE = (
    "Dane przykładowe drugiego, fikcyjnego cyklu: osoby (imiona i nazwiska, instytucje), obecności "
    "i daty spotkań są zmyślone. Część osób wraca z cyklu 2017."
)
PROJECTS_TITLE = "Rejestr projektów – Partnerstwo Lokalne w powiecie płockim 2018"
PROJECTS_NOTE = (
    "Dane przykładowe drugiego, fikcyjnego cyklu: tytuły, liderzy, statusy, daty, budżety "
    "i wskaźniki są zmyślone."
)

_P = DemoParticipant

# Returning people keep their names (so they are the same person across cycles); their institutions
# are written as staff wrote them this time.
PARTICIPANTS = (
    # local government: back from 2017
    _P("Agnieszka Wiśniewska", "UG Słupno", "Słupno", GOSPODARKA, SAMORZAD),
    _P("Tomasz Dąbrowski", "Urząd Gminy w Bielsku", "Bielsk", GOSPODARKA, SAMORZAD),
    _P("Małgorzata Kozłowska", "UMiG Bodzanów", "Bodzanów", RYNEK_PRACY, SAMORZAD),
    _P("Krzysztof Wójcik", "UMiG Drobin", "Drobin", GOSPODARKA, SAMORZAD),
    _P("Elżbieta Łukasiewicz", "Urząd Miejski w Gąbinie", "Gąbin", KULTURA, SAMORZAD),
    _P("Jolanta Pawłowska", "UG Mała Wieś", "Mała Wieś", RYNEK_PRACY, SAMORZAD),
    _P("Urszula Grabowska", "GOPS w Radzanowie", "Radzanowo", OPIEKA, SAMORZAD),
    _P("Dorota Szymańska", "GOPS Stara Biała", "Stara Biała", OPIEKA, SAMORZAD),
    _P("Marcin Zieliński", "UM Płock", "m. Płock", GOSPODARKA, SAMORZAD),
    _P("Renata Sokołowska", "Starostwo Powiatowe w Płocku", "Płock", RYNEK_PRACY, SAMORZAD),
    # local government: new
    _P("Ewelina Rutkowska", "Urząd Gminy w Słupnie", "gm. Słupno", RYNEK_PRACY, SAMORZAD),
    _P("Marek Olszewski", "GOPS Gąbin", "Gąbin", OPIEKA, SAMORZAD),
    _P("Beata Kwiatkowska", "Gminny Ośrodek Pomocy Społecznej w Łącku", "Łąck", OPIEKA, SAMORZAD),
    _P("Artur Pietrzyk", "UG Brudzeń Duży", "Brudzen Duzy", GOSPODARKA, SAMORZAD),
    _P("Izabela Nowakowska", "GOK Nowy Duninów", "Nowy Duninów", KULTURA, SAMORZAD),
    _P("Robert Kaczmarek", "UG Staroźreby", "Staroźreby", GOSPODARKA, SAMORZAD),
    _P("Lidia Ostrowska", "MGOPS Wyszogród", "Wyszogród", OPIEKA, SAMORZAD),
    _P("Sebastian Marczak", "Urząd Gminy Bulkowo", "Bulkowo", RYNEK_PRACY, SAMORZAD),
    _P("Hanna Wrona", "PUP Płock", "Płock", RYNEK_PRACY, "JST"),
    _P("Aneta Wasilewska", "Gminny Ośrodek Kultury w Słupnie", "Słupno", KULTURA, SAMORZAD),
    _P("Piotr Głowacki", "UG Słubice", "Słubice", GOSPODARKA, SAMORZAD),
    # entrepreneurs: back from 2017
    _P("Łukasz Maćkowiak", "Gospodarstwo Sadownicze Maćkowiak", "Łąck", GOSPODARKA, FIRMY),
    _P("Wojciech Kołodziej", "PHU Kołodziej Usługi Transportowe", "Radzanowo", GOSPODARKA, FIRMY),
    _P("Jarosław Woźniak", "Woźniak Instalacje sp. z o.o.", "Słupno", GOSPODARKA, FIRMY),
    _P("Magdalena Piątek", "Agencja Pracy Etat", "Płock", RYNEK_PRACY, FIRMY),
    _P("Monika Czerwińska", "Pracownia Ceramiki „Glina”", "Gąbin", KULTURA, FIRMY),
    _P("Katarzyna Wieczorek", "Kancelaria Doradztwa Gospodarczego", "m. Płock", "biznes", FIRMY),
    # entrepreneurs: new
    _P("Paulina Kowalewska", "Kowalewska i Wspólnicy s.c.", "Płock", GOSPODARKA, FIRMY),
    _P("Grzegorz Sowa", "Tartak Sowa", "Nowy Duninów", GOSPODARKA, FIRMY),
    _P("Natalia Kamińska", "Studio Grafiki „Kreska”", "Stara Biała", KULTURA, FIRMY),
    _P("Adam Borowski", "Borowski Transport Sp. z o.o.", "Drobin", GOSPODARKA, FIRMY),
    _P("Agata Lewandowska", "Pasieka „Złoty Ul”", "Bielsk", GOSPODARKA, FIRMY),
    _P("Tomasz Jasiński", "Usługi Remontowe Jasiński", "Słubice", GOSPODARKA, FIRMY),
    _P("Ewa Dudek", "Biuro Turystyczne „Nad Wisłą”", "Wyszogród", KULTURA, FIRMY),
    _P("Marcin Kołakowski", "Ogrodnictwo Kołakowski", "Radzanowo", GOSPODARKA, FIRMY),
    _P("Joanna Sikora", "Zakład Stolarski Sikora", "Staroźreby", GOSPODARKA, FIRMY),
    _P("Patryk Wilczyński", "Centrum Szkoleń „Kompetencje”", "Płock", RYNEK_PRACY, FIRMY),
    _P("Dominika Adamczyk", "Kwiaciarnia „Bukiet”", "Gostynin", GOSPODARKA, FIRMY),
    _P("Michał Nowak", "Nowak Serwis Rolniczy", "Bodzanów", GOSPODARKA, FIRMY),
    _P("Sylwia Krupa", "Gabinet Fizjoterapii „Ruch”", "Bulkowo", OPIEKA, FIRMY),
    # NGOs: back from 2017
    _P("Zofia Kalinowska", "Stowarzyszenie Przyjaciół Ziemi Gąbińskiej", "Gąbin", KULTURA, NGO),
    _P("Andrzej Lis", "Fundacja Rozwoju Przedsiębiorczości Mazowsza Północnego", "Płock", GOSPODARKA, NGO),
    _P("Ewa Kucharska", "Fundacja Dojrzałość", "Płock", OPIEKA, NGO),
    _P("Jacek Borkowski", "Fundacja „Nowy Start”", "Płock", RYNEK_PRACY, NGO),
    _P("Łucja Zawadzka", "Stow. „Łąckie Tradycje”", "Łąck", KULTURA, NGO),
    _P("Żaneta Głowacka", "Stowarzyszenie Aktywnych Kobiet Gminy Drobin", "Drobin", RYNEK_PRACY, NGO),
    # NGOs: new
    _P("Weronika Majewska", "LGD „Razem dla Radzanowa”", "Radzanowo", GOSPODARKA, NGO),
    _P("Stefan Górecki", "OSP Słubice", "Słubice", OPIEKA, NGO),
    _P("Kinga Michalak", "Stowarzyszenie Kulturalne „Wisła”", "Płock", KULTURA, NGO),
    _P("Janusz Pawlak", "Stowarzyszenie Rozwoju Gminy Bulkowo", "Bulkowo", GOSPODARKA, "NGO"),
    _P("Marianna Zając", "Fundacja „Sąsiedzi”", "Mała Wieś", OPIEKA, NGO),
    _P("Rafał Stępniak", "Klub Sportowy „Wisła Wyszogród”", "Wyszogród", EDUKACJA, NGO),
    _P("Katarzyna Grabowska", "Stowarzyszenie „Razem w Bielsku”", "Bielsk", OPIEKA, NGO),
    _P("Bożena Witkowska", "Fundacja Edukacyjna „Ścieżki”", "Sierpc", EDUKACJA, NGO),
    _P("Krzysztof Lewandowski", "Stowarzyszenie „Aktywny Łąck”", "Łąck", RYNEK_PRACY, NGO),
    _P("Agnieszka Bielecka", "Stowarzyszenie Kół Gospodyń Wiejskich Powiatu Płockiego", "Słubice",
       KULTURA, NGO),
    # active residents
    _P("Krystyna Wilk", "Rada Sołecka wsi Cekanów", "Słupno", KULTURA, MIESZKANCY),
    _P("Stanisław Mazurek", "", "Mała Wieś", GOSPODARKA, MIESZKANCY),
    _P("Wanda Jasińska", "", "Płock", OPIEKA, MIESZKANCY),
    _P("Józef Lewicki", "osoba prywatna", "Bodzanów", GOSPODARKA, MIESZKANCY),
    _P("Teresa Kurek", "-", "Łąck", OPIEKA, MIESZKANCY),
    _P("Henryka Wojciechowska", "", "Staroźreby", KULTURA, MIESZKANCY),
    _P("Zenon Błaszczyk", "", "Drobin", RYNEK_PRACY, MIESZKANCY),
    _P("Grażyna Pawlikowska", "", "Słubice", OPIEKA, "mieszkanka"),
    _P("Mieczysław Szulc", "", "Gąbin", GOSPODARKA, MIESZKANCY),
    _P("Danuta Kowalczyk", "brak", "Radzanowo", KULTURA, MIESZKANCY),
    _P("Tadeusz Ziółkowski", "mieszkaniec", "Bielsk", GOSPODARKA, MIESZKANCY),
    # school students
    _P("Kacper Wróbel", "ZS Gąbin", "Gąbin", EDUKACJA, UCZNIOWIE),
    _P("Natalia Jaworska", "Zespół Szkół Ponadgimnazjalnych w Gąbinie", "Gąbin", EDUKACJA, UCZNIOWIE),
    _P("Igor Wasiak", "ZS w Drobinie", "Drobin", EDUKACJA, UCZNIOWIE),
    _P("Maja Kozieł", "Zespół Szkół w Drobinie", "Drobin", EDUKACJA, "uczennica"),
    _P("Filip Zalewski", "SP nr 1 Gąbin", "Gąbin", EDUKACJA, UCZNIOWIE),
    _P("Lena Witkowska", "SP 1 Gąbin", "Gąbin", KULTURA, UCZNIOWIE),
    _P("Antoni Kalinowski", "Zespół Szkół Rolniczych w Bielsku", "Bielsk", GOSPODARKA, UCZNIOWIE),
    _P("Hanna Kubicka", "Zespół Szkół w Wyszogrodzie", "Wyszogród", EDUKACJA, UCZNIOWIE),
    _P("Oskar Mazur", "CKZiU w Płocku", "Płock", RYNEK_PRACY, UCZNIOWIE),
)

# The institutions in each 2018 project's team ("Partnerzy", separated by ";"), spelled as staff spell them.
PROJECT_PARTNERS = {
    "Gminne Centrum Aktywności Zawodowej": "UM Płock; Urząd Gminy w Słupnie; GOPS w Radzanowie; PUP Płock",
    "Szlakiem Wisły – kajakiem przez powiat":
        "Biuro Turystyczne „Nad Wisłą”; Klub Sportowy „Wisła Wyszogród”; UG Mała Wieś; UG Słubice",
    "Seniorzy w sieci": "Fundacja Dojrzałość; GOPS Stara Biała; Urząd Gminy w Bielsku",
    "Lokalny Inkubator Rękodzieła":
        "Pracownia Ceramiki „Glina”; Stow. „Łąckie Tradycje”; GOK Nowy Duninów; Urząd Miejski w Gąbinie",
    "Praktyki w firmach rodzinnych":
        "Kowalewska i Wspólnicy s.c.; UMiG Drobin; UMiG Bodzanów; CKZiU w Płocku",
    "Zdrowa Szkoła – Zdrowy Powiat":
        "Gabinet Fizjoterapii „Ruch”; ZS w Drobinie; SP nr 1 Gąbin; Zespół Szkół w Wyszogrodzie",
    "Dowozik 2.0 – transport na żądanie":
        "PHU Kołodziej Usługi Transportowe; Urząd Gminy Bulkowo; UG Staroźreby; "
        "Stowarzyszenie Rozwoju Gminy Bulkowo",
    "Targi Pracy Powiatu Płockiego": "PUP Płock; Starostwo Powiatowe w Płocku; Agencja Pracy Etat",
}

# Fictitious projects of the 2018 cycle; leaders are participants above, all at its meeting VI.
PROJECTS = (
    DemoProject(
        "Gminne Centrum Aktywności Zawodowej", "Hanna Wrona", "w realizacji",
        dt.date(2019, 2, 1), dt.date(2020, 6, 30), 180_000.00, 150, 64, 3, 1, 0,
        "Płock; Słupno; Radzanowo", "Punkt doradztwa zawodowego w trzech gminach.",
        dt.date(2019, 9, 30),
    ),
    DemoProject(
        "Szlakiem Wisły – kajakiem przez powiat", "Ewa Dudek", "w przygotowaniu",
        dt.date(2019, 5, 1), dt.date(2020, 9, 30), 95_000.00, 400, 0, 2, 0, 0,
        "Wyszogród; Mała Wieś; Słubice; Gąbin", "Czekamy na decyzję o dofinansowaniu.",
        dt.date(2019, 8, 12),
    ),
    DemoProject(
        "Seniorzy w sieci", "Ewa Kucharska", "zrealizowany",
        dt.date(2019, 1, 7), dt.date(2019, 6, 28), 24_000.00, 80, 91, 0, 0, 0,
        "Płock; Stara Biała; Bielsk", "Kursy komputerowe dla seniorów; rozliczony.",
        dt.date(2019, 7, 15),
    ),
    DemoProject(
        "Lokalny Inkubator Rękodzieła", "Monika Czerwińska", "w realizacji",
        dt.date(2019, 3, 1), dt.date(2020, 12, 31), 140_000.00, 40, 22, 6, 3, 3,
        "Gąbin; Łąck; Nowy Duninów", "Pracownia i sklep internetowy rękodzieła.",
        dt.date(2019, 9, 2),
    ),
    DemoProject(
        "Praktyki w firmach rodzinnych", "Paulina Kowalewska", "pomysł",
        None, None, 60_000.00, 30, 0, 4, 0, 0,
        "Płock; Drobin; Bodzanów", "Szukamy firm gotowych przyjąć praktykantów.",
        dt.date(2019, 4, 18),
    ),
    DemoProject(
        "Zdrowa Szkoła – Zdrowy Powiat", "Rafał Stępniak", "w realizacji",
        dt.date(2019, 2, 15), dt.date(2019, 12, 20), 52_000.00, 600, 410, 0, 0, 0,
        "Wyszogród; Drobin; Gąbin; Bielsk", "Zajęcia ruchowe i warsztaty żywieniowe w szkołach.",
        dt.date(2019, 9, 16),
    ),
    DemoProject(
        "Dowozik 2.0 – transport na żądanie", "Wojciech Kołodziej", "w przygotowaniu",
        dt.date(2019, 10, 1), dt.date(2021, 3, 31), 210_000.00, 120, 0, 3, 0, 1,
        "Radzanowo; Bulkowo; Drobin; Staroźreby", "Drugi bus kupiony; trwa zamawianie aplikacji.",
        dt.date(2019, 9, 20),
    ),
    DemoProject(
        "Targi Pracy Powiatu Płockiego", "Magdalena Piątek", "zrealizowany",
        dt.date(2019, 4, 10), dt.date(2019, 4, 10), 15_000.00, 300, 350, 10, 14, 0,
        "Płock; cały powiat", "Targi w hali sportowej; 14 osób zatrudnionych po targach.",
        dt.date(2019, 5, 6),
    ),
)


def attendance_xlsx() -> bytes:
    return demo_attendance_xlsx(PARTICIPANTS, MEETING_DATES, MEETING_ATTENDANCE, PROJECTS,
                                ATTENDANCE_TITLE, ATTENDANCE_NOTE, RANDOM_SEED)


def projects_xlsx() -> bytes:
    return demo_projects_xlsx(PROJECTS, PROJECTS_TITLE, PROJECTS_NOTE, PROJECT_PARTNERS)
