"""How a checked file joins the active data (replace, append, merge) and the sentence stating what that
changes, in numbers: plain functions over DataFrames (analytics/store/combining.py).

The attendance files are the three sign-in sheets of tests/sign_in_sheets.py, written as real .xlsx
and read by the real pipeline; their counts are worked out by hand there.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sign_in_sheets import (
    A_B_C_BY_MEETING,
    A_B_C_COUNTS,
    A_B_COUNTS,
    A_COUNTS,
    B_COUNTS,
    SHEET_A,
    SHEET_B,
    SHEET_C,
    sheet_xlsx,
)

from analytics.catalogue import language, tn
from analytics.reading import pipeline
from analytics.results import PROJECT_COLUMNS, CheckResult
from analytics.store import combining


def accepted(rows: list[list], kept_by: str = "Kasia") -> pd.DataFrame:
    result = pipeline.check_bytes(sheet_xlsx(rows, kept_by), "lista.xlsx", None)
    assert isinstance(result, CheckResult) and result.rows_rejected == 0, result
    return result.accepted


@pytest.fixture(scope="module")
def lists() -> dict[str, pd.DataFrame]:
    return {"A": accepted(SHEET_A, "Kasia"), "B": accepted(SHEET_B, "Marek"), "C": accepted(SHEET_C, "Ola")}


def counts(frame: pd.DataFrame) -> tuple[int, int]:
    """(attendances, people)."""
    return len(frame), frame["person_key"].nunique()


def merged(base: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    return combining.combine("attendance", "merge", base, new).dataset


def projects(rows: dict[str, str]) -> pd.DataFrame:
    """A projects register: title -> status."""
    return pd.DataFrame([{"row": i + 2, "title": title, "status": status} for i, (title, status)
                         in enumerate(rows.items())], columns=PROJECT_COLUMNS)


# -- combining ------------------------------------------------------------------------------------


def test_the_sheets_read_as_the_counts_worked_out_by_hand(lists: dict[str, pd.DataFrame]) -> None:
    assert counts(lists["A"]) == A_COUNTS
    assert counts(lists["B"]) == B_COUNTS


def test_merging_three_sign_in_sheets_gives_the_union_of_people_per_meeting(lists) -> None:
    after_b = merged(lists["A"], lists["B"])
    after_c = merged(after_b, lists["C"])

    assert counts(after_b) == A_B_COUNTS
    assert counts(after_c) == A_B_C_COUNTS
    assert {int(m): int(n) for m, n in after_c["meeting"].value_counts().items()} == A_B_C_BY_MEETING
    assert not after_c.duplicated(["meeting", "person_key"]).any()     # one row per person and meeting


def test_a_person_written_surname_first_is_the_same_person_and_the_newer_row_wins(lists) -> None:
    after_b = merged(lists["A"], lists["B"])

    jan = after_b[after_b["person_key"] == "jan kowalski"].set_index("meeting")["person_name"]
    # On sheet B ("KOWALSKI Jan") for I, II and VI; sheet A's rows kept for III, IV and V.
    assert jan.sort_index().to_dict() == {1: "KOWALSKI Jan", 2: "KOWALSKI Jan", 3: "Jan Kowalski",
                                          4: "Jan Kowalski", 5: "Jan Kowalski", 6: "KOWALSKI Jan"}
    anna = after_b[after_b["person_key"] == "anna nowak"].set_index("meeting")["institution"]
    assert anna.sort_index().to_dict() == {1: "UG Bielsk", 2: "UG Bielsk", 3: "GOK Bielsk", 4: "GOK Bielsk"}


def test_merged_rows_of_untouched_meetings_come_first_in_the_bases_order(lists) -> None:
    only_meeting_3 = lists["B"][lists["B"]["meeting"] == 3]

    combined = combining.combine("attendance", "merge", lists["A"], only_meeting_3)

    untouched = lists["A"][lists["A"]["meeting"] != 3]
    assert combined.kept == len(untouched)
    pd.testing.assert_frame_equal(combined.dataset.iloc[:combined.kept], untouched.reset_index(drop=True))


def test_append_of_the_same_meetings_replaces_each_whole_meeting(lists) -> None:
    combined = combining.combine("attendance", "append", lists["A"], lists["B"])

    assert combined.replaced == [1, 2, 3, 4, 5, 6]
    assert counts(combined.dataset) == B_COUNTS


def test_replace_makes_the_file_the_whole_dataset(lists) -> None:
    combined = combining.combine("attendance", "replace", lists["A"], lists["C"])

    pd.testing.assert_frame_equal(combined.dataset, lists["C"].reset_index(drop=True))


def test_projects_merge_is_the_union_by_title_with_the_newer_row_winning() -> None:
    base = projects({"Skarby Powiatu Płockiego": "pomysł", "Dowozik": "pomysł"})
    new = projects({"SKARBY POWIATU PLOCKIEGO": "w realizacji", "Promuj!": "pomysł"})

    merged_register = combining.combine("projects", "merge", base, new)
    appended = combining.combine("projects", "append", base, new)

    assert merged_register.dataset.set_index("title")["status"].to_dict() == {
        "Dowozik": "pomysł", "SKARBY POWIATU PLOCKIEGO": "w realizacji", "Promuj!": "pomysł"}
    assert merged_register.replaced == ["Skarby Powiatu Płockiego"]
    pd.testing.assert_frame_equal(merged_register.dataset, appended.dataset)


def test_an_unknown_mode_is_refused(lists) -> None:
    with pytest.raises(ValueError, match="mode"):
        combining.combine("attendance", "dopisz", lists["A"], lists["B"])


# -- the effect, in numbers and in words ----------------------------------------------------------


def sentence(mode: str, active: pd.DataFrame, new: pd.DataFrame, demo: bool = False) -> str:
    with language("pl"):
        return combining.effect_sentence(combining.import_effect("attendance", mode, active, new, demo))


def test_the_effect_of_each_mode_on_a_list_of_the_same_six_meetings(lists) -> None:
    assert sentence("append", lists["A"], lists["B"]) == (
        "Zastąpi spotkania I–VI: 17 → 12 obecności, 5 → 4 osoby.")
    assert sentence("merge", lists["A"], lists["B"]) == (
        "Doda osoby do spotkań I–VI (I +1, II +1, III +1, IV +2, V +2, VI +1): "
        "17 → 25 obecności, 5 → 7 osób.")
    assert sentence("replace", lists["A"], lists["B"]) == (
        "Zastąpi wszystkie dane plikiem (spotkania: I–VI): 17 → 12 obecności, 5 → 4 osoby.")


def test_the_effect_counts_are_those_of_the_combined_dataset(lists) -> None:
    for mode in combining.MODES:
        effect = combining.import_effect("attendance", mode, lists["A"], lists["C"])
        after = combining.combine("attendance", mode, lists["A"], lists["C"]).dataset
        assert (effect.rows_before, effect.participants_before) == A_COUNTS
        assert (effect.rows_after, effect.participants_after) == counts(after)


def test_the_effect_lists_each_changed_meeting_before_and_after(lists) -> None:
    change = combining.MeetingChange
    merge_b = combining.import_effect("attendance", "merge", lists["A"], lists["B"])
    merge_c = combining.import_effect("attendance", "merge", merged(lists["A"], lists["B"]), lists["C"])

    # From the table in tests/sign_in_sheets.py: meeting by meeting, who B and then C add.
    assert merge_b.changes == (change(1, 4, 5, 1, 0), change(2, 3, 4, 1, 0), change(3, 3, 4, 1, 0),
                               change(4, 2, 4, 2, 0), change(5, 2, 4, 2, 0), change(6, 3, 4, 1, 0))
    assert merge_c.changes == (change(2, 4, 5, 1, 0), change(3, 4, 5, 1, 0), change(4, 4, 5, 1, 0),
                               change(6, 4, 5, 1, 0))
    replace_c = combining.import_effect("attendance", "replace", lists["A"], lists["C"])
    assert [(c.meeting, c.before, c.after) for c in replace_c.changes] == [
        (1, 4, 1), (2, 3, 1), (3, 3, 1), (4, 2, 1), (5, 2, 1), (6, 3, 2)]


def test_merging_one_meetings_sheet_names_the_people_added_to_it(lists) -> None:
    meeting_3 = lists["B"][lists["B"]["meeting"] == 3]           # Anna (already there) and Maria (new)

    assert sentence("merge", lists["A"], meeting_3) == (
        "Doda 1 osobę do spotkania III: 17 → 18 obecności, 5 → 6 osób.")
    effect = combining.import_effect("attendance", "merge", lists["A"], meeting_3)
    assert effect.changes == (combining.MeetingChange(meeting=3, before=3, after=4, added=1, removed=0),)


def test_append_says_which_meetings_it_replaces_and_which_it_adds(lists) -> None:
    meeting_3 = lists["B"][lists["B"]["meeting"] == 3]
    with_meeting_7 = pd.concat([meeting_3, meeting_3.assign(meeting=7)], ignore_index=True)

    assert sentence("append", lists["A"], meeting_3) == (
        "Zastąpi spotkanie III: 17 → 16 obecności, 5 → 6 osób.")
    assert sentence("append", lists["A"], with_meeting_7) == (
        "Zastąpi spotkanie III i doda spotkanie VII: 17 → 18 obecności, 5 → 6 osób.")
    effect = combining.import_effect("attendance", "append", lists["A"], meeting_3)
    assert effect.changes == (combining.MeetingChange(meeting=3, before=3, after=2, added=1, removed=2),)


def test_merging_a_sheet_already_merged_adds_nobody_and_says_so(lists) -> None:
    after_b = merged(lists["A"], lists["B"])

    assert sentence("merge", after_b, lists["B"]).startswith("Nie doda nikogo")
    assert sentence("merge", after_b, lists["B"]).endswith(": 25 → 25 obecności, 7 → 7 osób.")


def test_the_first_list_and_a_list_over_the_demo_data_say_what_they_start(lists) -> None:
    empty = lists["A"].iloc[:0]

    assert sentence("merge", empty, lists["A"]) == (
        "Utworzy zbiór z pliku (spotkania: I–VI): 0 → 17 obecności, 0 → 5 osób.")
    assert sentence("merge", lists["A"], lists["C"], demo=True) == (
        "Zastąpi dane demonstracyjne listą z pliku (spotkania: I–VI): 17 → 7 obecności, 5 → 4 osoby.")


def test_the_done_sentence_says_it_in_the_past_and_english_has_its_own(lists) -> None:
    effect = combining.import_effect("attendance", "merge", lists["A"], lists["B"])

    with language("pl"):
        assert combining.done_sentence(effect).startswith("Dodano osoby do spotkań I–VI")
    with language("en"):
        assert combining.effect_sentence(effect) == (
            "Adds people to meetings I–VI (I +1, II +1, III +1, IV +2, V +2, VI +1): "
            "17 → 25 attendances, 5 → 7 people.")


def test_the_effect_on_a_projects_register_counts_updated_and_added_projects() -> None:
    base = projects({"Skarby Powiatu Płockiego": "pomysł", "Dowozik": "pomysł"})
    new = projects({"SKARBY POWIATU PLOCKIEGO": "w realizacji", "Promuj!": "pomysł", "Płockie PL": "pomysł"})

    with language("pl"):
        assert combining.effect_sentence(combining.import_effect("projects", "append", base, new)) == (
            "Zaktualizuje 1 projekt i doda 2 projekty: 2 → 4 projekty.")
        assert combining.effect_sentence(combining.import_effect("projects", "replace", base, new)) == (
            "Zastąpi cały rejestr projektów plikiem: 2 → 3 projekty.")


@pytest.mark.parametrize(("count", "expected"), [
    (1, "osoba"), (2, "osoby"), (4, "osoby"), (5, "osób"), (12, "osób"), (14, "osób"), (21, "osób"),
    (22, "osoby"), (112, "osób"), (124, "osoby"), (0, "osób"),
])
def test_polish_plural_forms(count: int, expected: str) -> None:
    with language("pl"):
        assert tn("noun_people", count) == expected


@pytest.mark.parametrize(("meetings", "expected"), [
    ([1, 2, 3, 4, 5, 6], "I–VI"), ([3], "III"), ([1, 3], "I, III"), ([5, 6], "V, VI"),
    ([2, 3, 4, 6], "II–IV, VI"), ([6, 1, 2, 3, 3], "I–III, VI"),
])
def test_meetings_are_written_in_roman_numerals_with_runs_as_ranges(meetings: list[int],
                                                                    expected: str) -> None:
    assert combining.meetings_text(meetings) == expected
