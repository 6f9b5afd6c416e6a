"""The list of processing the data protection officer attaches to the office's register (RODO art. 30):
categories of data, purposes, roles with access, retention, and how many records the store holds now."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd
import sqlalchemy as sa

from analytics import config
from analytics.catalogue import t
from analytics.rodo.people import people, read_store_data
from analytics.rodo.retention import is_pseudonym, period_end
from analytics.store import Store, read_transaction
from analytics.store.schema import audit, users, versions

# Each category of data: (the category, where it is kept, its purpose, who sees it) as catalogue keys
CATEGORY_KEYS = {
    "names": ("rodo_cat_names", "rodo_where_rows", "rodo_purpose_attendance", "rodo_roles_staff_admin"),
    "institution": ("rodo_cat_institution", "rodo_where_rows", "rodo_purpose_reach",
                    "rodo_roles_all_aggregates"),
    "attendance": ("rodo_cat_attendance", "rodo_where_rows", "rodo_purpose_attendance",
                   "rodo_roles_all_aggregates"),
    "leaders": ("rodo_cat_leaders", "rodo_where_projects", "rodo_purpose_projects", "rodo_roles_staff_admin"),
    "files": ("rodo_cat_files", "rodo_where_files", "rodo_purpose_files", "rodo_roles_staff_admin"),
    "accounts": ("rodo_cat_accounts", "rodo_where_accounts", "rodo_purpose_accounts", "rodo_roles_admin"),
    "audit": ("rodo_cat_audit", "rodo_where_audit", "rodo_purpose_audit", "rodo_roles_staff_admin"),
}
# Each role: (its name, what it may see and do) as catalogue keys
ROLE_ACCESS_KEYS = {"viewer": ("role_viewer", "rodo_access_viewer"),
                    "staff": ("role_staff", "rodo_access_staff"),
                    "admin": ("role_admin", "rodo_access_admin")}
AUDITED_ACTIONS = ("personal_data_export", "export_certificates", "person_data_exported", "person_erased",
                   "retention_applied")


def register_counts(store: Store) -> dict[str, Any]:
    """How much the store holds now: people, attendances, versions, files, accounts, audit entries."""
    with read_transaction(store) as conn:
        data = read_store_data(conn)
        everyone = people(data)
        counts = {
            "people": sum(1 for p in everyone.values() if not all(is_pseudonym(n) for n in p.names)),
            "pseudonymised": sum(1 for p in everyone.values() if all(is_pseudonym(n) for n in p.names)),
            "versions": int(conn.execute(sa.select(sa.func.count()).select_from(versions)).scalar() or 0),
            "attendance_rows": int(sum(len(f) for f in data.datasets.values())),
            "accounts": int(conn.execute(sa.select(sa.func.count()).select_from(users)).scalar() or 0),
            "audit_entries": int(conn.execute(sa.select(sa.func.count()).select_from(audit)).scalar() or 0),
            "personal_data_events": int(conn.execute(
                sa.select(sa.func.count()).select_from(audit).where(audit.c.action.in_(AUDITED_ACTIONS))
            ).scalar() or 0),
        }
        dates = [pd.to_datetime(f["meeting_date"], errors="coerce").max() for f in data.datasets.values()
                 if not f.empty]
        dates = [d for d in dates if not pd.isna(d)]
        counts["last_meeting"] = max(dates).date() if dates else None
    return counts


def rodo_register_xlsx(store: Store, today: date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from analytics.safe_export import spreadsheet_cell

    counts = register_counts(store)
    years = config.retention_years()
    ends = period_end(counts["last_meeting"], years)
    sheets = {
        t("rodo_reg_sheet_categories"): [
            [t("rodo_reg_col_category"), t("rodo_reg_col_where"), t("rodo_reg_col_purpose"),
             t("rodo_reg_col_roles")],
            *[[t(c), t(w), t(p), t(r)] for c, w, p, r in CATEGORY_KEYS.values()]],
        t("rodo_reg_sheet_roles"): [[t("rodo_reg_col_role"), t("rodo_reg_col_access")],
                                    *[[t(r), t(a)] for r, a in ROLE_ACCESS_KEYS.values()]],
        t("rodo_reg_sheet_retention"): [
            [t("rodo_reg_col_item"), t("rodo_reg_col_value")],
            [t("rodo_reg_retention_years"), years],
            [t("rodo_reg_last_meeting"), counts["last_meeting"]],
            [t("rodo_reg_period_ends"), ends],
            [t("rodo_reg_retention_rule"), t("rodo_reg_retention_rule_text")],
            [t("rodo_reg_erasure"), "python -m analytics forget-person NAME --yes"],
            [t("rodo_reg_access"), "python -m analytics person-data NAME --json"],
        ],
        t("rodo_reg_sheet_counts"): [
            [t("rodo_reg_col_item"), t("rodo_reg_col_value")],
            [t("rodo_reg_count_people"), counts["people"]],
            [t("rodo_reg_count_pseudonymised"), counts["pseudonymised"]],
            [t("rodo_reg_count_attendance_rows"), counts["attendance_rows"]],
            [t("rodo_reg_count_versions"), counts["versions"]],
            [t("rodo_reg_count_accounts"), counts["accounts"]],
            [t("rodo_reg_count_audit"), counts["audit_entries"]],
            [t("rodo_reg_count_personal_events"), counts["personal_data_events"]],
            [t("rodo_reg_generated"), today or date.today()],
        ],
    }
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append([spreadsheet_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            letter = column[0].column_letter
            widest = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[letter].width = min(60, max(14, widest))
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
