"""Table schemas (pandera) checked lazily: every failing row collected with its reason, none raised alone."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from analytics.catalogue import t
from analytics.formatting import roman
from analytics.reading.collect import Findings

ATTENDANCE_SCHEMA = pa.DataFrameSchema(
    {
        "person_key": pa.Column(nullable=False),
        "meeting": pa.Column("Int64", pa.Check.in_range(1, 99), nullable=False),
    },
    unique=["person_key", "meeting"],
    report_duplicates="exclude_first",
)

PROJECTS_SCHEMA = pa.DataFrameSchema(
    {"title_key": pa.Column(nullable=False)},
    unique=["title_key"],
    report_duplicates="exclude_first",
)


def _failures(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    """pandera's failure cases (column, check, index), empty when the frame passes."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        return cases[cases["index"].notna()]
    return pd.DataFrame(columns=["column", "check", "index", "failure_case"])


def validate_attendance(records: pd.DataFrame, name_header: str | None, meeting_header: str | None,
                        findings: Findings) -> None:
    """Add to `findings` every record with no person, no meeting, or already listed at that meeting."""
    cases = _failures(ATTENDANCE_SCHEMA, records[["person_key", "meeting"]])
    done: set[int] = set()
    first_row = None
    for column, check, index in cases[["column", "check", "index"]].itertuples(index=False):
        index = int(index)
        row, sheet = records.at[index, "row"], records.at[index, "sheet"]
        if check == "multiple_fields_uniqueness":
            if index in done or pd.isna(records.at[index, "meeting"]):
                continue     # a record with no meeting is reported as such, not as a repeat
            done.add(index)
            if first_row is None:
                first_row = records.groupby(["person_key", "meeting"], dropna=False)["row"].transform("first")
            findings.reject(row, sheet, name_header, records.at[index, "person_name"],
                            t("reject_duplicate_attendance", meeting=roman(records.at[index, "meeting"]),
                              first_row=int(first_row.at[index])), record=index)
        elif column == "person_key":
            findings.reject(row, sheet, name_header, None, t("reject_no_person"), record=index)
        elif column == "meeting":
            findings.reject(row, sheet, meeting_header, None, t("reject_no_meeting"), record=index)


def validate_projects(projects: pd.DataFrame, title_header: str | None, findings: Findings) -> None:
    """Add to `findings` every project with no title or a title already given in an earlier row."""
    cases = _failures(PROJECTS_SCHEMA, projects[["title_key"]])
    done: set[int] = set()
    for _column, check, index in cases[["column", "check", "index"]].itertuples(index=False):
        index = int(index)
        row, sheet = projects.at[index, "row"], projects.at[index, "sheet"]
        if check == "field_uniqueness" or "uniqueness" in str(check):
            if index in done:
                continue
            done.add(index)
            first = projects[projects["title_key"] == projects.at[index, "title_key"]]["row"].iloc[0]
            findings.reject(row, sheet, title_header, projects.at[index, "title"],
                            t("reject_duplicate_project", first_row=int(first)), record=index)
        else:
            findings.reject(row, sheet, title_header, None, t("reject_no_title"), record=index)
