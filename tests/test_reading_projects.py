"""The projects register: the seven workshop projects, statuses as staff write them, totals and gaps."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pandas as pd
import pytest
from builders import FORMATS, check_table, data_row, looks_polish, notices_naming, problems_at

from analytics.results import PROJECT_COLUMNS

HEADER = ["Lp.", "Tytuł projektu", "Lider", "Status", "Data rozpoczęcia", "Data zakończenia", "Budżet (zł)",
          "Uczestnicy planowani", "Uczestnicy osiągnięci", "Miejsca pracy", "Gminy", "Uwagi",
          "Ostatnia aktualizacja"]
UPDATED = dt.date(2018, 3, 1)
REGISTER = [
    HEADER,
    [1, "Promuj! Pomagaj! Nie przeszkadzaj!", "Anna Nowak", "koncepcja", None, None, None,
     None, None, None, "Słupno", None, UPDATED],
    [2, "Dojrzali wspaniali – międzypokoleniowe działania lokalne", "Jan Kowalski", "planowany",
     dt.date(2018, 4, 1), "30.09.2018", 15000, 40, None, None, "gm. Gąbin; m. Płock", None, UPDATED],
    [3, "Wisłą na szerokie wody przedsiębiorczości – centrum doradcze", "Piotr Zieliński", "w toku",
     dt.date(2018, 1, 15), dt.date(2018, 12, 31), 12500.5, 60, 25, 2, "Wyszogród", "nabór trwa", UPDATED],
    [4, "Skarby Powiatu Płockiego", "Ewa Lewandowska", "W REALIZACJI", "2018-02-01", None, 8000,
     100, 55, 0, "Słupno, Gąbin", None, UPDATED],
    [5, "Ekologiczne smaki Mazowsza Północnego – mikroprzedsiębiorstwo", "Tomasz Wójcik", "zakończony",
     dt.date(2017, 12, 8), dt.date(2018, 2, 28), 20000, 10, 12, 3, "Bodzanów", None, UPDATED],
    [6, "Płockie PL. Regionalne Centrum Promocyjno – Doradczo – Konsultingowe", "Katarzyna Kamińska",
     "zawieszony", None, None, None, None, None, None, "Płock", "brak finansowania", UPDATED],
    [7, "Dowozik – dowiozę Cię tam gdzie chcesz", "Marek Szymański", "odrzucony", None, None, None,
     None, None, None, "Drobin", None, UPDATED],
    [8, None, "Agnieszka Dąbrowska", "pomysł", None, None, None, None, None, None, "Łąck", None, UPDATED],
    ["Razem", None, None, None, None, None, 55500.5, 210, 92, 5, None, None, None],
]


@cache
def read_register(fmt: str):
    """The register read once per format: the tests below only look at the result."""
    return check_table(fmt, REGISTER, stem="projekty")


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_register_is_read_with_canonical_statuses(fmt: str) -> None:
    result = read_register(fmt)

    assert result.kind == "projects"
    assert list(result.accepted.columns) == PROJECT_COLUMNS
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (8, 7, 1)
    assert result.accepted["status"].tolist() == [
        "pomysł", "w przygotowaniu", "w realizacji", "w realizacji", "zrealizowany", "wstrzymany", "inne"]
    assert result.accepted["status_other"].iloc[6] == "odrzucony"
    assert set(result.summary) == {"projects", "projects_by_status", "participants_planned",
                                   "participants_reached", "jobs_planned", "jobs_reached"}
    # the figures summed over the accepted projects; no "planned jobs" column: null, not 0
    assert [result.summary[k] for k in ("participants_planned", "participants_reached", "jobs_planned",
                                        "jobs_reached")] == [210, 92, None, 5]
    assert result.summary["projects"] == 7
    assert result.summary["projects_by_status"] == {
        "pomysł": 1, "w przygotowaniu": 1, "w realizacji": 2, "zrealizowany": 1, "wstrzymany": 1, "inne": 1}


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_titles_survive_exactly(fmt: str) -> None:
    result = read_register(fmt)

    assert result.accepted["title"].tolist() == [row[1] for row in REGISTER[1:8]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_without_a_title_is_rejected(fmt: str) -> None:
    result = read_register(fmt)

    problems = problems_at(result, data_row(8))
    assert problems and all(looks_polish(p.reason) for p in problems), result.rejected
    assert {p.row for p in result.rejected} == {data_row(8)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_projects_totals_row_is_skipped_with_a_warning(fmt: str) -> None:
    result = read_register(fmt)

    totals = data_row(9)
    assert totals not in result.accepted["row"].tolist()
    assert totals not in {p.row for p in result.rejected}
    assert any(w.row == totals or str(totals) in w.message for w in result.warnings), result.warnings


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_synonyms_and_unknown_status_are_reported(fmt: str) -> None:
    result = read_register(fmt)

    for typed, canonical, row in [("koncepcja", "pomysł", 2), ("planowany", "w przygotowaniu", 3),
                                  ("w toku", "w realizacji", 4), ("zakończony", "zrealizowany", 6),
                                  ("zawieszony", "wstrzymany", 7)]:
        found = notices_naming(result, typed, canonical)
        assert len(found) == 1, (typed, result.warnings)
        assert found[0].row == row, (typed, found[0])
    assert len(notices_naming(result, "odrzucony")) == 1, result.warnings


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_numbers_dates_and_gminy_are_read(fmt: str) -> None:
    result = read_register(fmt)
    projects = result.accepted.set_index("title")

    centre = projects.loc["Wisłą na szerokie wody przedsiębiorczości – centrum doradcze"]
    assert centre["budget"] == pytest.approx(12500.5)
    assert centre["participants_planned"] == 60
    assert centre["participants_reached"] == 25
    assert centre["jobs_created"] == 2
    assert pd.Timestamp(centre["start_date"]) == pd.Timestamp("2018-01-15")
    assert pd.Timestamp(centre["end_date"]) == pd.Timestamp("2018-12-31")
    assert pd.Timestamp(centre["last_update"]) == pd.Timestamp(UPDATED)
    seniors = projects.loc["Dojrzali wspaniali – międzypokoleniowe działania lokalne"]
    assert pd.Timestamp(seniors["end_date"]) == pd.Timestamp("2018-09-30")
    assert seniors["gminy"] == "Gąbin; Płock"
    treasures = projects.loc["Skarby Powiatu Płockiego"]
    assert pd.Timestamp(treasures["start_date"]) == pd.Timestamp("2018-02-01")
    assert treasures["gminy"] == "Słupno; Gąbin"


@pytest.mark.parametrize("fmt", ["xlsx", "csv-cp1250-semicolon"])
def test_projects_register_is_read_when_the_kind_is_given(fmt: str) -> None:
    result = check_table(fmt, REGISTER, kind="projects", stem="projekty")

    assert result.kind == "projects"
    assert result.summary["projects"] == 7
