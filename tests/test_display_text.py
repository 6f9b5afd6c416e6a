"""The one place each label and each escape is written (analytics/formatting.py): meetings, vocabulary
values, moments from the store, user text made safe for Markdown. The pages, the charts and the reports
all call these, so each case is pinned here once."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics.catalogue import language
from analytics.formatting import (
    NBSP,
    escape_markdown,
    format_moment,
    meeting_label,
    roman_and_date,
    value_label,
)
from analytics.vocabulary import MISSING, OTHER, OUTSIDE_COUNTY

# -- meetings ---------------------------------------------------------------------------------------


def test_a_meeting_is_labelled_in_full_with_its_date_or_without_one() -> None:
    assert meeting_label(6, dt.date(2017, 12, 7)) == f"Spotkanie VI – 7{NBSP}grudnia 2017"
    assert meeting_label(2, None) == "Spotkanie II"
    assert meeting_label(2, pd.NaT) == "Spotkanie II"
    with language("en"):
        assert meeting_label(6, pd.Timestamp("2017-12-07")) == f"Meeting VI – 7{NBSP}December 2017"


def test_the_short_meeting_label_is_the_numeral_and_the_date_without_the_word() -> None:
    assert roman_and_date(6, dt.date(2017, 12, 7)) == f"VI – 7{NBSP}grudnia 2017"
    assert roman_and_date(6, pd.Timestamp("2017-12-07")) == f"VI – 7{NBSP}grudnia 2017"
    assert roman_and_date(2, None) == "II"
    assert roman_and_date(2, pd.NaT) == "II"
    with language("en"):
        assert roman_and_date(1, dt.date(2017, 5, 25)) == f"I – 25{NBSP}May 2017"


# -- vocabulary values ---------------------------------------------------------------------------


def test_vocabulary_values_are_polish_as_stored_and_translated_in_english() -> None:
    assert value_label("opieka społeczna") == "opieka społeczna"
    assert value_label(OUTSIDE_COUNTY) == "spoza powiatu"
    with language("en"):
        assert value_label("opieka społeczna") == "social care"
        assert value_label("w realizacji") == "under way"
        assert value_label(OTHER) == "other"


def test_a_missing_value_is_no_data_and_a_gmina_keeps_its_name_in_both_languages() -> None:
    for missing in (None, float("nan"), pd.NA, pd.NaT):
        assert value_label(missing) == value_label(MISSING) == "brak danych"
    with language("en"):
        assert value_label(None) == "no data"
        assert value_label("Słupno") == "Słupno"
    assert value_label("Gostynin") == "Gostynin"          # a place outside the vocabulary, as written


# -- moments from the store ------------------------------------------------------------------------


def test_a_moment_from_the_store_is_written_in_polish_time() -> None:
    assert format_moment(dt.datetime(2026, 11, 26, 13, 3, tzinfo=dt.UTC)) == f"26{NBSP}listopada 2026, 14:03"
    assert format_moment(dt.datetime(2019, 6, 28, 12, 5)) == f"28{NBSP}czerwca 2019, 14:05"   # naive: UTC
    assert format_moment(None) == ""


# -- user text in Markdown ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["**pogrubione**", "_kursywa_", "# Nagłówek", "[link](http://x)", "`kod`",
                                  "<b>html</b>", "a | b", "~~skreślone~~", "$x^2$", "1. lista", "- punkt"])
def test_markdown_in_user_text_is_escaped_so_it_shows_as_written(text: str) -> None:
    escaped = escape_markdown(text)
    assert all(f"\\{char}" in escaped for char in set(text) if char in "*_#[]()`<>|~$^.-")
    assert escaped.replace("\\", "") == text


def test_streamlit_directives_in_user_text_are_defused() -> None:
    assert escape_markdown(":red[uwaga]") == "\\:red\\[uwaga\\]"
    assert escape_markdown(":material/delete:") == "\\:material\\/delete\\:"


def test_line_breaks_become_spaces_and_nothing_becomes_empty_text() -> None:
    assert escape_markdown("wiersz 1\nwiersz 2\r\nkoniec") == "wiersz 1 wiersz 2  koniec"
    assert escape_markdown(None) == ""
    assert escape_markdown(1234) == "1234"
