"""check: bytes of one spreadsheet in, a CheckResult (accepted, rejected, warnings, summary) or a
Refusal out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analytics.catalogue import t
from analytics.reading.attendance import attendance_records, finish_attendance
from analytics.reading.collect import Findings, forget_texts, problem_key, row_keys, to_problems
from analytics.reading.minimise import personal_data_notices
from analytics.reading.projects import finish_projects, project_records
from analytics.reading.tables import TableLayout, find_layout
from analytics.reading.validation import validate_attendance, validate_projects
from analytics.reading.workbook import RawWorkbook, read_workbook
from analytics.results import KIND_NAME_KEYS, KINDS, CheckResult, Refusal, SheetColumns, UnreadableFile
from analytics.summary import attendance_summary, projects_summary
from analytics.vocabulary import Vocabulary, fold, vocabulary

NOT_WORTH_NAMING = {"lp", "l p", "nr", "lp nr"}


def check_file(path: str | Path, kind: str | None = None,
               max_bytes: int | None = None) -> CheckResult | Refusal:
    """Read and check the spreadsheet at `path` (see check_bytes)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return Refusal(str(path), t("error_file_missing", path=str(path)))
    return check_bytes(data, path.name, kind, max_bytes)


def check_bytes(data: bytes, filename: str, kind: str | None = None,
                max_bytes: int | None = None) -> CheckResult | Refusal:
    """Read one spreadsheet of any supported format and report what was accepted, rejected and corrected.
    `kind` ("attendance" or "projects") is detected from the headers when not given."""
    try:
        return _check(data, filename, kind, max_bytes)
    except UnreadableFile as refusal:
        return Refusal(filename, refusal.message)
    finally:
        forget_texts()


def _check(data: bytes, filename: str, kind: str | None, max_bytes: int | None) -> CheckResult:
    workbook = read_workbook(data, max_bytes)
    vocab = vocabulary()
    layouts = _layouts_by_kind(workbook, vocab)
    kind = _choose_kind(layouts, kind)
    chosen = _with_data(layouts[kind])
    findings = Findings()
    _describe_sheets(workbook, layouts, kind, findings)
    for layout in chosen:
        _describe_columns(layout, findings)
    if kind == "attendance":
        return _check_attendance(filename, workbook, chosen, vocab, findings)
    return _check_projects(filename, workbook, chosen, vocab, findings)


def _layouts_by_kind(workbook: RawWorkbook, vocab: Vocabulary) -> dict[str, list[TableLayout]]:
    """Each sheet's table, under the kind it most looks like."""
    found: dict[str, list[TableLayout]] = {k: [] for k in KINDS}
    for sheet in workbook.sheets:
        candidates = [layout for k in KINDS if (layout := find_layout(sheet, k, vocab)) is not None]
        if candidates:
            best = max(candidates, key=lambda layout: layout.score)
            found[best.kind].append(best)
            for other in candidates:
                if other is not best:
                    found.setdefault(f"also_{other.kind}", []).append(other)
    return found


def _has_data(layout: TableLayout) -> bool:
    return layout.sheet.body.has_data(layout.data_start)


def _with_data(layouts: list[TableLayout]) -> list[TableLayout]:
    """Sheets whose table has rows under its header; a header with nothing below (an instructions
    sheet naming the columns, an unfilled template) is left out when another sheet holds data."""
    filled = [layout for layout in layouts if _has_data(layout)]
    return filled or layouts[:1]


# What each kind's table needs, said when a file lacks it
EXPECTED_COLUMNS_KEYS = {"attendance": "expected_attendance", "projects": "expected_projects"}


def _choose_kind(layouts: dict[str, list[TableLayout]], kind: str | None) -> str:
    if kind is not None:
        if not layouts[kind]:
            # A sheet may look more like the other kind but still hold this one's columns.
            layouts[kind] = layouts.get(f"also_{kind}", [])
        if not layouts[kind]:
            raise UnreadableFile(t("error_no_columns_kind", kind_name=t(KIND_NAME_KEYS[kind]),
                                   expected=t(EXPECTED_COLUMNS_KEYS[kind])))
        return kind
    scored = {k: max((layout.score for layout in layouts[k]), default=0.0) for k in KINDS}
    best = max(KINDS, key=lambda k: scored[k])
    if scored[best] <= 0:
        raise UnreadableFile(t("error_no_columns", expected_attendance=t("expected_attendance"),
                               expected_projects=t("expected_projects")))
    return best


def _describe_sheets(workbook: RawWorkbook, layouts: dict[str, list[TableLayout]], kind: str,
                     findings: Findings) -> None:
    if workbook.format == "csv" or len(workbook.sheets) < 2:
        return
    used = [layout.sheet.name for layout in _with_data(layouts[kind])]
    skipped = [s.name for s in workbook.sheets if s.name not in used]
    other_kind = next(k for k in KINDS if k != kind)
    for layout in layouts[other_kind]:
        findings.warn(None, None, t("warn_other_kind_sheet", sheet=layout.sheet.name,
                                    kind_name=t(KIND_NAME_KEYS[other_kind]), checked=t(KIND_NAME_KEYS[kind])))
    if skipped:
        findings.warn(None, None, t("warn_sheets_used", sheets=", ".join(f"„{s}”" for s in used),
                                    skipped=", ".join(f"„{s}”" for s in skipped)))


def _describe_columns(layout: TableLayout, findings: Findings) -> None:
    named = [h for h in layout.ignored if fold(h) not in NOT_WORTH_NAMING]
    if named:
        columns = ", ".join(named)
        findings.warn(layout.header_row, None, t("warn_ignored_columns", columns=columns))
    for header, first in layout.duplicates:
        findings.warn(layout.header_row, header, t("warn_duplicate_column", header=header, first=first))


def _header(layouts: list[TableLayout], *columns: str) -> str | None:
    for layout in layouts:
        for column in columns:
            if column in layout.columns:
                return layout.headers[layout.columns[column]]
    return None


def _split(records: pd.DataFrame, findings: Findings, sheets: list[str | None]) -> pd.DataFrame:
    """The records touched by no problem: neither their whole row nor they themselves rejected."""
    if records.empty:
        return records
    row_level = [problem_key(p, sheets) for p in findings.problems if p["record"] is None]
    record_level = [p["record"] for p in findings.problems if p["record"] is not None]
    keep = ~np.isin(row_keys(records, sheets), row_level) & ~records["record"].isin(record_level).to_numpy()
    return records[keep]


def _check_attendance(filename: str, workbook: RawWorkbook, layouts: list[TableLayout], vocab: Vocabulary,
                      findings: Findings) -> CheckResult:
    records, raw, rows_read = attendance_records(layouts, vocab, findings)
    sheets = [layout.sheet.name for layout in layouts]
    candidates = _split(records, findings, sheets)
    validate_attendance(candidates, _header(layouts, "full_name", "last_name", "participant_id"),
                        _header(layouts, "meeting", "date"), findings)
    accepted = _split(records, findings, sheets)
    result = _result(filename, workbook, layouts, "attendance", finish_attendance(accepted), raw, rows_read,
                     findings, attendance_summary)
    result.shape = attendance_shape(layouts)
    return result


def attendance_shape(layouts: list[TableLayout]) -> str:
    """What a row of the file is: "wide" (a sign-in matrix: a person), "long" (an attendance), or
    "mixed" (sheets of both shapes)."""
    shapes = {"wide" if layout.meeting_columns else "long" for layout in layouts}
    return shapes.pop() if len(shapes) == 1 else "mixed"


def _check_projects(filename: str, workbook: RawWorkbook, layouts: list[TableLayout], vocab: Vocabulary,
                    findings: Findings) -> CheckResult:
    records, raw, rows_read = project_records(layouts, vocab, findings)
    sheets = [layout.sheet.name for layout in layouts]
    candidates = _split(records, findings, sheets)
    validate_projects(candidates, _header(layouts, "title"), findings)
    accepted = _split(records, findings, sheets)
    return _result(filename, workbook, layouts, "projects", finish_projects(accepted), raw, rows_read,
                   findings, projects_summary)


def _result(filename: str, workbook: RawWorkbook, layouts: list[TableLayout], kind: str,
            accepted: pd.DataFrame, raw: pd.DataFrame, rows_read: int, findings: Findings,
            summarise) -> CheckResult:
    _keep_partly_accepted_rows(accepted, findings, [layout.sheet.name for layout in layouts])
    if rows_read == 0:
        for layout in layouts:
            findings.warn(layout.header_row, None, t("warn_no_data_rows", sheet=layout.sheet.name or "CSV",
                                                     row=layout.header_row))
    sheets = [layout.sheet.name for layout in layouts]
    for notice in personal_data_notices(accepted, _name_headers(layouts, kind)):
        findings.warn(notice.row, notice.column, notice.message)
    accepted_rows = set(np.unique(row_keys(accepted, sheets)).tolist()) if len(accepted) else set()
    several = len(layouts) > 1
    problems = to_problems(findings, several)
    rows_accepted = len(accepted_rows)
    return CheckResult(
        file=filename,
        format=workbook.format,
        kind=kind,
        sheet=None if workbook.format == "csv" else ", ".join(str(layout.sheet.name) for layout in layouts),
        header_row=layouts[0].header_row,
        rows_read=rows_read,
        rows_accepted=rows_accepted,
        rows_rejected=rows_read - rows_accepted,
        accepted=accepted,
        rejected=problems,
        warnings=findings.notices,
        summary=summarise(accepted),
        rejected_rows=_rejected_rows(raw, layouts, findings, accepted_rows, sheets),
        sheet_columns=[_sheet_columns(layout) for layout in layouts],
        columns_left_out=[h for layout in layouts for h in layout.ignored if fold(h) not in NOT_WORTH_NAMING],
    )


def _sheet_columns(layout: TableLayout) -> SheetColumns:
    kept = sorted({*layout.columns.values(), *(m.index for m in layout.meeting_columns)})
    return SheetColumns(layout.sheet.name, layout.header_index, dict(layout.columns), tuple(kept))


# The accepted columns that hold a person's name or an institution, by the canonical column each was
# read from: a phone, e-mail or PESEL typed into one of them is worth a warning.
_NAME_SOURCES = {
    "attendance": {"person_name": ("full_name", "last_name", "first_name"), "institution": ("institution",)},
    "projects": {"leader": ("leader",)},
}


def _name_headers(layouts: list[TableLayout], kind: str) -> dict[str, str]:
    """Accepted column -> the header the user wrote for it."""
    found = {}
    for column, sources in _NAME_SOURCES[kind].items():
        header = _header(layouts, *sources)
        if header is not None:
            found[column] = header
    return found


def _keep_partly_accepted_rows(accepted: pd.DataFrame, findings: Findings, sheets: list[str | None]) -> None:
    """A sign-in row with one repeated mark still brings its other meetings: the row is accepted,
    and the repeat is reported as a warning, so every row listed as rejected is rejected whole."""
    if accepted.empty:
        return
    accepted_keys = set(np.unique(row_keys(accepted, sheets)).tolist())
    kept = []
    for problem in findings.problems:
        if problem["record"] is not None and problem_key(problem, sheets) in accepted_keys:
            findings.warn(problem["row"], problem["column"], problem["reason"])
        else:
            kept.append(problem)
    findings.problems = kept


def _rejected_rows(raw: pd.DataFrame, layouts: list[TableLayout], findings: Findings,
                   accepted_rows: set[int], sheets: list[str | None]) -> pd.DataFrame:
    """The rejected rows as the user wrote them (kept columns, their headers) with the reasons."""
    reasons: dict[int, list[str]] = {}
    for p in findings.problems:
        key = problem_key(p, sheets)
        if key not in accepted_rows:
            reasons.setdefault(key, []).append(p["reason"])
    if not reasons or raw.empty:
        return pd.DataFrame()
    keys = row_keys(raw, sheets)
    chosen = np.isin(keys, list(reasons))
    rows = raw[chosen].copy()
    names = {}
    for layout in layouts:
        names.update({c: layout.headers[i] for c, i in layout.columns.items()})
        names.update({f"m{m.index}": m.header for m in layout.meeting_columns})
    rows = rows.rename(columns=names)
    for column in rows.columns:              # coded columns back to the values as written
        if isinstance(rows[column].dtype, pd.CategoricalDtype):
            rows[column] = rows[column].astype(object)
    rows.insert(len(rows.columns), t("rejected_reasons_header"), [" ".join(reasons[k]) for k in keys[chosen]])
    rows = rows.rename(columns={"row": t("rejected_row_header"), "sheet": t("rejected_sheet_header")})
    if len(layouts) < 2:
        rows = rows.drop(columns=[t("rejected_sheet_header")])
    return rows.reset_index(drop=True)
