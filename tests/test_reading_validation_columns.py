"""The rules checked on whole columns give exactly the findings pandera's lazy validation of the same
schema gave (the reference the project used before the checks were vectorised), on random frames with
missing people, missing and out-of-range meetings, repeats and rows left over after earlier rejections."""

from __future__ import annotations

import random

import pandas as pd
import pandera.pandas as pa

from analytics.catalogue import t
from analytics.formatting import roman
from analytics.reading.collect import Findings
from analytics.reading.validation import validate_attendance, validate_projects

ATTENDANCE_SCHEMA = pa.DataFrameSchema(
    {"person_key": pa.Column(nullable=False),
     "meeting": pa.Column("Int64", pa.Check.in_range(1, 99), nullable=False)},
    unique=["person_key", "meeting"], report_duplicates="exclude_first")
PROJECTS_SCHEMA = pa.DataFrameSchema({"title_key": pa.Column(nullable=False)}, unique=["title_key"],
                                     report_duplicates="exclude_first")


def _failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return cases[cases["index"].notna()]
    return pd.DataFrame(columns=["column", "check", "index", "failure_case"])


def pandera_attendance(records: pd.DataFrame, findings: Findings) -> None:
    """The per-failure-case loop the project used until issue 14."""
    cases = _failures(ATTENDANCE_SCHEMA, records[["person_key", "meeting"]])
    done: set[int] = set()
    first_row = records.groupby(["person_key", "meeting"], dropna=False)["row"].transform("first")
    for column, check, index in cases[["column", "check", "index"]].itertuples(index=False):
        index = int(index)
        row, sheet = records.at[index, "row"], records.at[index, "sheet"]
        if check == "multiple_fields_uniqueness":
            if index in done or pd.isna(records.at[index, "meeting"]):
                continue
            done.add(index)
            findings.reject(row, sheet, "Imię", records.at[index, "person_name"],
                            t("reject_duplicate_attendance", meeting=roman(records.at[index, "meeting"]),
                              first_row=int(first_row.at[index])), record=index)
        elif column == "person_key":
            findings.reject(row, sheet, "Imię", None, t("reject_no_person"), record=index)
        elif column == "meeting":
            findings.reject(row, sheet, "Spotkanie", None, t("reject_no_meeting"), record=index)


def pandera_projects(projects: pd.DataFrame, findings: Findings) -> None:
    cases = _failures(PROJECTS_SCHEMA, projects[["title_key"]])
    done: set[int] = set()
    for _column, check, index in cases[["column", "check", "index"]].itertuples(index=False):
        index = int(index)
        row, sheet = projects.at[index, "row"], projects.at[index, "sheet"]
        if "uniqueness" in str(check):
            if index in done:
                continue
            done.add(index)
            first = projects[projects["title_key"] == projects.at[index, "title_key"]]["row"].iloc[0]
            findings.reject(row, sheet, "Tytuł", projects.at[index, "title"],
                            t("reject_duplicate_project", first_row=int(first)), record=index)
        else:
            findings.reject(row, sheet, "Tytuł", None, t("reject_no_title"), record=index)


def _sorted(problems: list[dict]) -> list[tuple]:
    return sorted((str(p["sheet"]), p["row"], p["record"], p["reason"], str(p["column"]), str(p["value"]))
                  for p in problems)


def test_attendance_rules_on_whole_columns_find_what_pandera_found() -> None:
    rng = random.Random(14)
    for _ in range(400):
        n = rng.randint(1, 14)
        frame = pd.DataFrame({
            "row": [rng.randint(2, 9) for _ in range(n)],
            "sheet": [rng.choice(["A", "B", None]) for _ in range(n)],
            "person_key": pd.Series([rng.choice([None, "a", "b", "c"]) for _ in range(n)], dtype=object),
            "person_name": pd.Series([rng.choice([None, "Ala", "Jan", 7.0]) for _ in range(n)], dtype=object),
            "meeting": pd.array([rng.choice([None, 0, 1, 2, 100]) for _ in range(n)], dtype="Int64"),
        })
        frame.index = sorted(rng.sample(range(40), n))      # records left after earlier rejections
        reference, found = Findings(), Findings()
        pandera_attendance(frame, reference)
        validate_attendance(frame, "Imię", "Spotkanie", found)
        assert _sorted(found.problems) == _sorted(reference.problems), frame


def test_project_rules_on_whole_columns_find_what_pandera_found() -> None:
    rng = random.Random(12)
    for _ in range(300):
        n = rng.randint(1, 10)
        frame = pd.DataFrame({
            "row": [rng.randint(2, 9) for _ in range(n)],
            "sheet": [rng.choice(["A", None]) for _ in range(n)],
            "title_key": pd.Series([rng.choice([None, "x", "y"]) for _ in range(n)], dtype=object),
            "title": pd.Series([rng.choice([None, "X", "Y "]) for _ in range(n)], dtype=object),
        })
        frame.index = sorted(rng.sample(range(30), n))
        reference, found = Findings(), Findings()
        pandera_projects(frame, reference)
        validate_projects(frame, "Tytuł", found)
        assert _sorted(found.problems) == _sorted(reference.problems), frame
