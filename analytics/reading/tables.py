"""Find the table in a sheet: the header row under any title block, its columns mapped to canonical names."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from analytics.reading.normalise import cell_text, parse_meeting_label
from analytics.reading.workbook import RawSheet
from analytics.vocabulary import Vocabulary, fold

HEADER_SCAN_ROWS = 40
NAME_COLUMNS = ("full_name", "first_name", "last_name", "participant_id")


@dataclass
class MeetingColumn:
    index: int
    header: str
    number: int | None
    date: dt.date | None


@dataclass
class TableLayout:
    """Where a sheet's table is and what each of its columns means."""

    sheet: RawSheet
    kind: str
    header_index: int                  # index into sheet.rows of the (first) header row
    data_start: int                    # index of the first data row
    columns: dict[str, int]            # canonical column -> column index
    headers: dict[int, str]            # column index -> header as the user wrote it (kept columns only)
    meeting_columns: list[MeetingColumn] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    score: float = 0.0

    @property
    def header_row(self) -> int:
        return self.sheet.row_numbers[self.header_index]

    @property
    def title_text(self) -> str:
        """Text above the header (the title block), where a meeting may be named."""
        cells = [cell_text(c) for row in self.sheet.rows[: self.header_index] for c in row]
        return " ".join(c for c in cells if c)


def match_header(text: str, aliases: dict[str, str]) -> str | None:
    """Canonical column for a header as written, or None."""
    folded = fold(text)
    if not folded:
        return None
    if folded in aliases:
        return aliases[folded]
    without_brackets = fold(re.sub(r"\(.*?\)|\[.*?\]", " ", text))
    if without_brackets in aliases:
        return aliases[without_brackets]
    close = difflib.get_close_matches(folded, list(aliases), n=1, cutoff=0.88)
    return aliases[close[0]] if close else None


def _column_for(text: str, kind: str, vocab: Vocabulary) -> str | None:
    key = (text, kind)
    if key not in vocab.header_cache:
        vocab.header_cache[key] = match_header(text, vocab.headers[kind])
    return vocab.header_cache[key]


def _row_layout(sheet: RawSheet, index: int, kind: str, vocab: Vocabulary) -> TableLayout:
    row = sheet.rows[index]
    columns: dict[str, int] = {}
    headers: dict[int, str] = {}
    meeting_columns: list[MeetingColumn] = []
    ignored: list[str] = []
    duplicates: list[tuple[str, str]] = []
    for col, value in enumerate(row):
        text = cell_text(value)
        if text is None:
            continue
        canonical = _column_for(text, kind, vocab)
        if canonical is not None:
            if canonical in columns:
                duplicates.append((text, headers[columns[canonical]]))
                continue
            columns[canonical] = col
            headers[col] = text
            continue
        if kind == "attendance":
            number, date = parse_meeting_label(value)
            if number is not None or date is not None:
                meeting_columns.append(MeetingColumn(col, text, number, date))
                headers[col] = text
                continue
        ignored.append(text)
    layout = TableLayout(sheet, kind, index, index + 1, columns, headers, meeting_columns, ignored,
                         duplicates)
    layout.score = _score(layout)
    return layout


def _score(layout: TableLayout) -> float:
    columns = layout.columns
    if layout.kind == "attendance":
        if not any(c in columns for c in NAME_COLUMNS):
            return 0.0
        if "first_name" in columns and "last_name" not in columns and "full_name" not in columns:
            return 0.0
        return len(columns) + min(len(layout.meeting_columns), 3) * 0.9
    if "title" not in columns:
        return 0.0
    return float(len(columns))


def find_layout(sheet: RawSheet, kind: str, vocab: Vocabulary) -> TableLayout | None:
    """The best header row of `kind` among the first rows of the sheet, or None."""
    best: TableLayout | None = None
    for index in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
        if sum(1 for c in sheet.rows[index] if c not in (None, "")) < 1:
            continue
        layout = _row_layout(sheet, index, kind, vocab)
        if layout.score > 0 and (best is None or layout.score > best.score):
            best = layout
    if best is None:
        return None
    # A single weak header cell ("Projekt" in a title) is not a table.
    if len(best.columns) + len(best.meeting_columns) < 2:
        return None
    if kind == "attendance" and not best.meeting_columns:
        _take_second_header_row(best)
    return best


def _take_second_header_row(layout: TableLayout) -> None:
    """A two-row header: 'Obecność na spotkaniach' merged above 'I | II | III …' in the row below."""
    below = layout.header_index + 1
    if below >= len(layout.sheet.rows):
        return
    row = layout.sheet.rows[below]
    name_col = next((layout.columns[c] for c in NAME_COLUMNS if c in layout.columns), None)
    if name_col is not None and name_col < len(row) and cell_text(row[name_col]):
        return
    found = []
    for col, value in enumerate(row):
        if col in layout.columns.values():
            continue
        number, date = parse_meeting_label(value)
        if number is not None or date is not None:
            found.append(MeetingColumn(col, cell_text(value) or "", number, date))
    if found:
        layout.meeting_columns = found
        for column in found:
            layout.headers[column.index] = column.header
        layout.data_start = below + 1
        # Cells of the first header row above the meeting columns ("Obecność") are not ignored columns.
        layout.ignored = [h for h in layout.ignored if not fold(h).startswith(("obecn", "spotkan"))]
