"""The values the reading pipeline hands on: a checked file, or the reason it could not be read."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

KINDS = ("attendance", "projects")
# Each kind's catalogue key: named on its own ("lista obecności") and inside a sentence ("listy obecności")
KIND_LABEL_KEYS = {"attendance": "kind_label_attendance", "projects": "kind_label_projects"}
KIND_NAME_KEYS = {"attendance": "kind_name_attendance", "projects": "kind_name_projects"}

# Columns of the accepted attendance table (one row per person per meeting).
ATTENDANCE_COLUMNS = [
    "row",            # row number the user sees in their spreadsheet (Excel row, CSV line)
    "sheet",          # sheet the row came from (None for CSV)
    "person_key",     # identity: explicit participant ID, else the name folded (case, order, accents)
    "person_name",    # the name as written; first name first when the header said surname first
                      # ("Nazwisko i imię": "Krawczyk Agnieszka" -> "Agnieszka Krawczyk")
    "institution",
    "gmina",          # canonical gmina name, or the place as written when outside the county
    "teryt",          # 6-digit TERYT code of a county gmina, else None
    "in_county",      # True for the 16 gminy PUP Płock serves, False outside, None when not given
    "sector",         # canonical sector, "inne" when unknown, None when not given
    "sector_other",   # original text when sector == "inne"
    "group",
    "group_other",
    "meeting",        # meeting number 1..N
    "meeting_date",   # datetime64 (NaT when not given)
]

# Columns of the accepted projects register (one row per project).
PROJECT_COLUMNS = [
    "row",
    "sheet",
    "title",
    "leader",
    "status",
    "status_other",
    "start_date",
    "end_date",
    "budget",
    "participants_planned",
    "participants_reached",
    "jobs_planned",
    "jobs_created",
    "enterprises_created",
    "gminy",          # canonical names of the gminy covered, joined with "; "
    "notes",
    "last_update",
    "partners",       # the institutions of the project's team as written, separated by ";" (optional)
]


@dataclass(frozen=True)
class Problem:
    """Why a row (or one value in it) was rejected."""

    row: int
    column: str | None
    value: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class Notice:
    """A warning: something was corrected, skipped or kept as it was, and the user should know."""

    row: int | None
    column: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class SheetColumns:
    """Which columns of one sheet the reader used: what a stored original keeps of the sheet."""

    sheet: str | None              # the sheet's name (None for CSV)
    header_index: int              # index into the sheet's rows of the header row
    columns: dict[str, int]        # canonical column -> column index
    kept: tuple[int, ...]          # every column index read (canonical and meeting columns)


@dataclass
class CheckResult:
    """What reading one file produced. `accepted` holds canonical columns only."""

    file: str
    format: str
    kind: str
    sheet: str | None
    header_row: int
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    accepted: pd.DataFrame
    rejected: list[Problem]
    warnings: list[Notice]
    summary: dict[str, Any]
    # The rejected rows with their original values under the user's headers, plus a column of
    # reasons: what staff download, fix and upload again.
    rejected_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Attendance lists: what one row of the file is, "wide" (a sign-in matrix row: a person),
    # "long" (one attendance) or "mixed" (sheets of both); None for a projects register.
    shape: str | None = None
    # The sheets and columns the reader used, and the headers of the columns it left out (phone,
    # e-mail, signature…): the stored original keeps only what was used (analytics/reading/minimise.py).
    sheet_columns: list[SheetColumns] = field(default_factory=list)
    columns_left_out: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "kind": self.kind,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "rows_read": self.rows_read,
            "rows_accepted": self.rows_accepted,
            "rows_rejected": self.rows_rejected,
            "rejected": [p.to_json() for p in self.rejected],
            "warnings": [w.to_json() for w in self.warnings],
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Refusal:
    """A file that could not be read at all, with a Polish sentence saying why and what to do."""

    file: str
    error: str

    def to_json(self) -> dict[str, Any]:
        return {"error": self.error}


class UnreadableFile(Exception):
    """Raised inside the pipeline for a file the user must fix; turned into a Refusal at its edge."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def to_jsonable(value: Any) -> Any:
    """Plain JSON values: numpy scalars unwrapped, dates as ISO text, NaN/NaT/NA as None."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return None if pd.isna(value) else value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)
