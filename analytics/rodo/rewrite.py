"""What erasure and pseudonymisation share: a stored file rewritten row by row, and a version's findings
(warnings, rejected rows) cleared of what names a person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from analytics.reading.minimise import rewritten_original
from analytics.results import CheckResult, SheetColumns
from analytics.rodo.people import Person, mentions
from analytics.store.rewriting import StoredVersion

# A data row of a stored file -> the row to keep (None: emptied), or the row itself when unchanged.
CellEdit = Callable[[SheetColumns, list[Any]], list[Any] | None]


def recheck(data: bytes, version: StoredVersion) -> CheckResult | None:
    """A stored file read again as its import read it (None if it no longer reads)."""
    from analytics.reading.pipeline import check_bytes

    result = check_bytes(data, version.file_name, version.kind, max_bytes=len(data) + 1)
    return result if isinstance(result, CheckResult) else None


def rewrite_file(version: StoredVersion, edit: CellEdit) -> bytes | None:
    """The version's stored file with `edit` applied to its data rows; None when no row changed (or
    the file does not read: a store older than minimisation may hold one)."""
    checked = recheck(version.file_bytes, version)
    if checked is None:
        return None
    changed = False

    def tracking(columns: SheetColumns, cells: list[Any]) -> list[Any] | None:
        nonlocal changed
        edited = edit(columns, list(cells))
        if edited != cells:
            changed = True
        return edited

    rewritten = rewritten_original(version.file_bytes, checked.sheet_columns, tracking)
    return rewritten if changed else None


def clear_findings(version: StoredVersion, person: Person) -> bool:
    """Drop the warnings, rejections and rejected rows that name the person; True if any did."""
    warnings = [w for w in version.warnings if not mentions(w.get("message"), person)]
    rejected = [p for p in version.rejected
                if not (mentions(p.get("value"), person) or mentions(p.get("reason"), person))]
    rows = version.rejected_rows
    if not rows.empty:
        named = rows.apply(lambda row: any(mentions(v, person) for v in row), axis=1).astype(bool)
        rows = rows[~named].reset_index(drop=True)
    changed = (len(warnings), len(rejected), len(rows)) != (
        len(version.warnings), len(version.rejected), len(version.rejected_rows))
    version.warnings, version.rejected, version.rejected_rows = warnings, rejected, rows
    return changed
