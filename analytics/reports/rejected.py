"""The rejected rows of a check, for staff to fix and upload again: as a table (the import page's
download) and as an .xlsx file (`python -m analytics export-rejected`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from analytics.catalogue import LANGUAGES, t
from analytics.safe_export import xlsx_bytes
from analytics.store import Store, StoreRefusal, version_details


def export_rejected(store: Store, version_id: int, out_path: str | Path) -> Path | StoreRefusal:
    """Write a version's rejected rows (original values, plus the reasons) to an .xlsx file."""
    details = version_details(store, version_id)
    if details is None:
        return StoreRefusal(f"Nie ma wersji {version_id}.")
    table = rejected_table(details.rejected_rows, details.rejected)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(xlsx_bytes(table, "Odrzucone"))
    return out


def rejected_table(rejected_rows: pd.DataFrame, problems: list[dict[str, Any]]) -> pd.DataFrame:
    """The rejected rows with a column of reasons ("Powody odrzucenia").

    The pipeline's rejected_rows carries that column already (in the language of the check); if
    not, the reasons are joined from the problems by row number (a "Wiersz" column), and with no
    rows at all the problems themselves are the table.
    """
    if {t("rejected_reasons_header", lang) for lang in LANGUAGES} & {str(c) for c in rejected_rows.columns}:
        return rejected_rows
    reasons_header, row_header = t("rejected_reasons_header"), t("rejected_row_header")
    reasons: dict[Any, list[str]] = {}
    for problem in problems:
        reasons.setdefault(problem.get("row"), []).append(
            f"{problem['column']}: {problem['reason']}" if problem.get("column") else problem["reason"]
        )
    if rejected_rows.empty or row_header not in rejected_rows.columns:
        return pd.DataFrame({
            row_header: [p.get("row") for p in problems],
            t("rejected_column_header"): [p.get("column") for p in problems],
            t("rejected_value_header"): [p.get("value") for p in problems],
            reasons_header: [p.get("reason") for p in problems],
        })
    table = rejected_rows.copy()
    table[reasons_header] = ["; ".join(reasons.get(r, [])) for r in table[row_header]]
    return table
