"""The tables' rules checked on whole columns: every failing record collected with its reason, none
raised alone, and no Python loop over the rows.

Attendance: a person (person_key not missing), a meeting (1..99), and each person once per meeting (the
first record kept, every repeat rejected naming the row of the first). Projects: a title, and each title
once. The findings come in the order pandera's lazy validation of the same schema gave them (the repeats,
then the missing values), so the rejected rows' reasons read as they always have.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.catalogue import t
from analytics.formatting import roman
from analytics.reading.collect import Findings
from analytics.reading.normalise import cell_text


def first_of_each(*keys: pd.Series) -> np.ndarray:
    """For each record, the position of the first record with the same key (missing equals missing,
    as pandas' duplicated has it)."""
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(key, use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return first[inverse.reshape(-1)]


def _shown(values: np.ndarray) -> np.ndarray:
    """A rejected cell as Findings.reject shows it, worked out once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    shown = [None if v is None else (cell_text(v) or str(v)) for v in uniques]
    per_value = np.empty(len(shown) + 1, dtype=object)
    per_value[:-1] = shown
    per_value[-1] = None
    return per_value[codes]


def _reject_all(findings: Findings, records: pd.DataFrame, chosen: np.ndarray, column: str | None,
                values: np.ndarray | None, reasons: np.ndarray | str) -> None:
    """Findings for the records at positions `chosen`, built from arrays (as Findings.reject builds one)."""
    if not len(chosen):
        return
    rows = records["row"].to_numpy()[chosen].tolist()
    sheets = records["sheet"].to_numpy(dtype=object)[chosen].tolist()
    index = records.index.to_numpy()[chosen].tolist()
    shown = [None] * len(chosen) if values is None else _shown(values[chosen]).tolist()
    why = [reasons] * len(chosen) if isinstance(reasons, str) else reasons.tolist()
    findings.problems.extend(
        {"row": int(row), "sheet": sheet, "column": column, "value": value, "reason": reason,
         "record": record}
        for row, sheet, value, reason, record in zip(rows, sheets, shown, why, index, strict=True))


def validate_attendance(records: pd.DataFrame, name_header: str | None, meeting_header: str | None,
                        findings: Findings) -> None:
    """Add to `findings` every record with no person, no meeting, or already listed at that meeting."""
    n = len(records)
    if n == 0:
        return
    rows = records["row"].to_numpy(dtype=np.int64)
    key = records["person_key"]
    no_person = key.isna().to_numpy()
    meeting = records["meeting"].to_numpy(dtype="float64", na_value=np.nan)
    no_meeting = np.isnan(meeting)
    out_of_range = ~no_meeting & ((meeting < 1) | (meeting > 99))
    first = first_of_each(key, records["meeting"])
    # a record with no meeting is reported as such, not as a repeat
    repeated = (first != np.arange(n)) & ~no_meeting
    chosen = np.r_[np.flatnonzero(repeated & ~no_person), np.flatnonzero(repeated & no_person)]
    if len(chosen):
        _reject_all(findings, records, chosen, name_header, records["person_name"].to_numpy(dtype=object),
                    _repeat_reasons(meeting[chosen], rows[first[chosen]]))
    _reject_all(findings, records, np.flatnonzero(no_person), name_header, None, t("reject_no_person"))
    _reject_all(findings, records, np.r_[np.flatnonzero(no_meeting), np.flatnonzero(out_of_range)],
                meeting_header, None, t("reject_no_meeting"))


def _repeat_reasons(meetings: np.ndarray, first_rows: np.ndarray) -> np.ndarray:
    """The repeat's reason, spelled once per meeting, the row of the first record put in as text."""
    numbers = meetings.astype(np.int64)
    reasons = np.empty(len(numbers), dtype=object)
    for number in np.unique(numbers).tolist():
        at = np.flatnonzero(numbers == number)
        template = t("reject_duplicate_attendance", meeting=roman(number), first_row="\0")
        before, after = template.split("\0", 1)
        reasons[at] = [before + str(row) + after for row in first_rows[at].tolist()]
    return reasons


def validate_projects(projects: pd.DataFrame, title_header: str | None, findings: Findings) -> None:
    """Add to `findings` every project with no title or a title already given in an earlier row."""
    n = len(projects)
    if n == 0:
        return
    key = projects["title_key"]
    no_title = key.isna().to_numpy()
    first = first_of_each(key)
    repeated = np.flatnonzero((first != np.arange(n)) & ~no_title)
    if len(repeated):
        rows = projects["row"].to_numpy(dtype=np.int64)
        reasons = np.asarray([t("reject_duplicate_project", first_row=int(r)) for r in rows[first[repeated]]],
                             dtype=object)
        _reject_all(findings, projects, repeated, title_header, projects["title"].to_numpy(dtype=object),
                    reasons)
    _reject_all(findings, projects, np.flatnonzero(no_title), title_header, None, t("reject_no_title"))
