"""The projects the sidebar's gmina filter selects (analytics/project_filter.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_metrics import project_frame

from analytics import metrics, project_metrics
from analytics.metrics import Filters
from analytics.project_filter import filter_projects, is_filtered, project_gmina_keys
from analytics.reading.pipeline import check_file
from analytics.vocabulary import MISSING, OUTSIDE_COUNTY

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"

# Four projects: two county gminy; the city and a place outside the county; no gmina at all; one gmina.
REGISTER = [
    {"title": "A", "gminy": "Słupno; Radzanowo", "status": "w realizacji"},
    {"title": "B", "gminy": "Płock; Gostynin", "status": "pomysł"},
    {"title": "C", "gminy": None, "status": "zrealizowany"},
    {"title": "D", "gminy": "Gąbin", "status": "w realizacji"},
]


@pytest.fixture
def register() -> pd.DataFrame:
    return project_frame(REGISTER)


def titles(frame: pd.DataFrame) -> list[str]:
    return frame["title"].tolist()


def test_no_gmina_chosen_keeps_every_project_and_the_frame_itself(register: pd.DataFrame) -> None:
    assert filter_projects(register, Filters()) is register
    assert not is_filtered(Filters())


def test_other_filters_say_nothing_about_projects(register: pd.DataFrame) -> None:
    filters = Filters(meetings=(1, 2), sectors=("kultura",), groups=("uczniowie",))
    assert titles(filter_projects(register, filters)) == ["A", "B", "C", "D"]
    assert not is_filtered(filters)


@pytest.mark.parametrize(("gminy", "expected"), [
    (("Słupno",), ["A"]),
    (("Radzanowo", "Gąbin"), ["A", "D"]),
    (("Płock",), ["B"]),
    ((OUTSIDE_COUNTY,), ["B"]),            # Gostynin is outside the county
    ((MISSING,), ["C"]),                   # no gmina in the register
    (("Bielsk",), []),
    (("Słupno", MISSING), ["A", "C"]),
])
def test_a_project_is_kept_when_any_of_its_gminy_is_chosen(
        register: pd.DataFrame, gminy: tuple[str, ...], expected: list[str]) -> None:
    filters = Filters(gminy=gminy)
    assert is_filtered(filters)
    chosen = filter_projects(register, filters)
    assert titles(chosen) == expected
    assert chosen is not register
    assert list(chosen.columns) == list(register.columns)


def test_the_input_is_not_changed(register: pd.DataFrame) -> None:
    before = register.copy()
    filter_projects(register, Filters(gminy=("Słupno",)))
    pd.testing.assert_frame_equal(register, before)


@pytest.mark.parametrize(("cell", "keys"), [
    ("Słupno; Płock", {"Słupno", "Płock"}),
    ("  Słupno ;; ", {"Słupno"}),
    ("Gostynin", {OUTSIDE_COUNTY}),
    ("", {MISSING}),
    (None, {MISSING}),
    (float("nan"), {MISSING}),
    (pd.NA, {MISSING}),
])
def test_keys_of_one_register_cell(cell: object, keys: set[str]) -> None:
    assert project_gmina_keys(cell) == keys


def test_an_empty_register_stays_empty(register: pd.DataFrame) -> None:
    empty = register.iloc[0:0]
    assert filter_projects(empty, Filters(gminy=("Słupno",))).empty


def test_demo_register_by_gmina() -> None:
    """The demo register: Słupno is covered by „Promuj! Pomagaj! Nie przeszkadzaj!” and „Płockie PL…”;
    the figures of the overview then count only those two."""
    projects = check_file(DEMO / "projekty_2017.xlsx").accepted
    chosen = filter_projects(projects, Filters(gminy=("Słupno",)))
    assert len(chosen) == 2
    assert all("Słupno" in cell for cell in chosen["gminy"])
    assert chosen["title"].str.startswith(("Promuj!", "Płockie PL")).all()
    figures = project_metrics.project_figures(chosen)
    assert figures.projects == 2
    assert figures.participants_planned == pd.to_numeric(chosen["participants_planned"]).sum()
    # every project covers at least one county gmina: choosing all of them keeps the whole register
    everything = filter_projects(projects, Filters(gminy=tuple(metrics.canonical_keys("gmina"))))
    assert len(everything) == len(projects)
