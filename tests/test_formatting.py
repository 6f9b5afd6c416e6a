"""What numbers, shares, money and dates look like on the pages and in the reports, pinned letter by
letter (no-break spaces included) so that a change of the machinery underneath (hand tables → Babel's
locale data) cannot change a single character of what people read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from analytics.catalogue import language
from analytics.formatting import (
    format_date,
    format_datetime,
    format_day_month,
    format_int,
    format_money,
    format_month_short,
    format_number,
    format_pct,
    format_signed_int,
    format_signed_pct_points,
    reached_of_plan,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(("value", "expected"), [
    (0, "0"), (7, "7"), (999, "999"), (1000, "1\u00a0000"), (1234, "1\u00a0234"), (12345, "12\u00a0345"),
    (1234567, "1\u00a0234\u00a0567"), (-1234, "-1\u00a0234"), (np.int64(41234), "41\u00a0234"),
    (Decimal("1234"), "1\u00a0234"), (True, "1"),
    # rounded half away from zero, as people round; a negative that rounds to zero has no sign
    (0.5, "1"), (1.5, "2"), (2.5, "3"), (-2.5, "-3"), (-0.4, "0"),
    (None, "–"), (float("nan"), "–"), (pd.NA, "–"), (pd.NaT, "–"),
])
def test_whole_numbers_are_grouped_by_thousands_with_a_no_break_space(value: object, expected: str) -> None:
    assert format_int(value) == expected


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (1234.56, 1, "1\u00a0234,6"), (0.05, 1, "0,1"), (12.25, 1, "12,3"), (-0.04, 1, "0,0"), (7, 1, "7,0"),
    (3.14159, 2, "3,14"), (1e9, 2, "1\u00a0000\u00a0000\u00a0000,00"),
])
def test_decimals_are_fixed_and_written_after_a_comma(value: float, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(("share", "whole", "one_decimal"), [
    (0.125, "13%", "12,5%"), (0.1249, "12%", "12,5%"), (1, "100%", "100,0%"), (0, "0%", "0,0%"),
    (1.5, "150%", "150,0%"), (-0.25, "-25%", "-25,0%"), (np.float64(0.333), "33%", "33,3%"),
    (float("inf"), "–", "–"), (float("nan"), "–", "–"),
])
def test_shares_are_percentages_without_a_space_before_the_sign(share: float, whole: str,
                                                                one_decimal: str) -> None:
    assert (format_pct(share), format_pct(share, 1)) == (whole, one_decimal)


@pytest.mark.parametrize(("value", "expected"), [
    (12500, "12\u00a0500\u00a0zł"), (12500.5, "12\u00a0500,50\u00a0zł"), (1234.567, "1\u00a0234,57\u00a0zł"),
    (0.004, "0\u00a0zł"), (1999.999, "2\u00a0000\u00a0zł"), (-300, "-300\u00a0zł"),
    (np.int64(5), "5\u00a0zł"), (None, "–"),
])
def test_money_is_zloty_with_grosze_only_when_there_are_any(value: object, expected: str) -> None:
    assert format_money(value) == expected


@pytest.mark.parametrize(("change", "signed_int", "points"), [
    (3, "+3", "+300\u00a0pp"), (-2, "-2", "-200\u00a0pp"), (0, "0", "0\u00a0pp"),
    (12345, "+12\u00a0345", "+1\u00a0234\u00a0500\u00a0pp"), (None, "–", "–"),
])
def test_changes_carry_their_sign(change: object, signed_int: str, points: str) -> None:
    assert (format_signed_int(change), format_signed_pct_points(change)) == (signed_int, points)


@pytest.mark.parametrize(("change", "expected"), [
    (0.05, "+5\u00a0pp"), (-0.03, "-3\u00a0pp"), (0.005, "+1\u00a0pp"), (0.004, "0\u00a0pp"),
])
def test_a_change_of_a_share_is_in_whole_percentage_points(change: float, expected: str) -> None:
    assert format_signed_pct_points(change) == expected


def test_numbers_are_written_the_same_way_in_english() -> None:
    """One separator everywhere (plotly's layout.separators too): the English UI keeps "1 234" and "12,5%"."""
    with language("en"):
        assert [format_int(1234), format_number(1234.56, 1), format_pct(0.125, 1), format_money(1234.5)] == [
            "1\u00a0234", "1\u00a0234,6", "12,5%", "1\u00a0234,50\u00a0zł"]


GENITIVE = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
            "października", "listopada", "grudnia"]
ENGLISH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
SHORT = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"]
SHORT_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_named_as_polish_and_english_readers_expect(month: int) -> None:
    day = dt.date(2017, month, 7)
    index = month - 1
    assert format_date(day, "pl") == f"7{NBSP}{GENITIVE[index]} 2017"
    assert format_date(day, "en") == f"7{NBSP}{ENGLISH[index]} 2017"
    assert format_day_month(day, "pl") == f"7{NBSP}{GENITIVE[index]}"
    assert format_day_month(day, "en") == f"7{NBSP}{ENGLISH[index]}"
    assert format_month_short(day, "pl") == f"{SHORT[index]} 2017"
    assert format_month_short(day, "en") == f"{SHORT_EN[index]} 2017"


def test_the_last_meeting_is_the_seventh_of_december_2017() -> None:
    assert format_date(dt.date(2017, 12, 7)) == "7\u00a0grudnia 2017"
    with language("en"):
        assert format_date(dt.date(2017, 12, 7)) == "7\u00a0December 2017"


@pytest.mark.parametrize("value", [
    dt.date(2017, 12, 7), dt.datetime(2017, 12, 7, 23, 59), pd.Timestamp("2017-12-07"), "2017-12-07",
    np.datetime64("2017-12-07"),
])
def test_a_date_is_read_from_whatever_holds_it(value: object) -> None:
    assert format_date(value) == "7\u00a0grudnia 2017"


def test_no_date_is_a_dash_and_an_unknown_language_is_polish() -> None:
    assert [format_date(None), format_day_month(pd.NaT), format_month_short(None), format_datetime(None)] == [
        "–"] * 4
    assert format_date(dt.date(2017, 12, 7), "de") == "7\u00a0grudnia 2017"


def test_a_moment_is_shown_in_polish_time_summer_and_winter() -> None:
    assert format_datetime(pd.Timestamp("2019-06-28 12:05")) == "28\u00a0czerwca 2019, 14:05"
    utc = dt.datetime(2019, 6, 28, 12, 5, tzinfo=dt.UTC)
    assert format_datetime(utc) == "28\u00a0czerwca 2019, 14:05"
    assert format_datetime(pd.Timestamp("2019-01-28 23:30"), "en") == "29\u00a0January 2019, 00:30"


@pytest.mark.parametrize(("reached", "planned", "unit", "lang", "text"), [
    (213, None, "unit_people", "pl", "213\u00a0osób (bez planu w rejestrze)"),
    (1, None, "unit_people", "pl", "1\u00a0osoba (bez planu w rejestrze)"),
    (22, None, "unit_people", "pl", "22\u00a0osoby (bez planu w rejestrze)"),
    (12, None, "unit_people", "pl", "12\u00a0osób (bez planu w rejestrze)"),
    (1234, None, "unit_people", "pl", "1\u00a0234\u00a0osoby (bez planu w rejestrze)"),
    (None, 1, "unit_jobs", "pl", "plan: 1\u00a0miejsce pracy (bez wykonania w rejestrze)"),
    (None, 3, "unit_jobs", "pl", "plan: 3\u00a0miejsca pracy (bez wykonania w rejestrze)"),
    (None, 5, "unit_jobs", "pl", "plan: 5\u00a0miejsc pracy (bez wykonania w rejestrze)"),
    (180, 300, "unit_people", "pl", "180 z 300"),
    (None, None, "unit_people", "pl", "– (brak w rejestrze)"),
    (213, None, "unit_people", "en", "213\u00a0people (no plan in the register)"),
    (1, None, "unit_people", "en", "1\u00a0person (no plan in the register)"),
    (None, 1, "unit_jobs", "en", "planned: 1\u00a0job (nothing reached in the register)"),
    (None, 3, "unit_jobs", "en", "planned: 3\u00a0jobs (nothing reached in the register)"),
])
def test_a_register_figure_names_its_count_with_the_noun_that_agrees(
        reached: int | None, planned: int | None, unit: str, lang: str, text: str) -> None:
    with language(lang):
        assert reached_of_plan(reached, planned, unit).text == text
