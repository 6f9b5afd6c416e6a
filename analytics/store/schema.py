"""The store's tables as queries see them (the migrations build them), and the dtypes every stored
dataset has, whichever way it is read back."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analytics.results import ATTENDANCE_COLUMNS, PROJECT_COLUMNS

COLUMNS = {"attendance": ATTENDANCE_COLUMNS, "projects": PROJECT_COLUMNS}

# The dtypes every dataset has once stored, whichever way it is read back.
_TEXT = pd.StringDtype(na_value=np.nan)
_DATE = "datetime64[us]"
DTYPES: dict[str, dict[str, Any]] = {
    "attendance": {
        "row": "Int64", "sheet": _TEXT, "person_key": _TEXT, "person_name": _TEXT,
        "institution": _TEXT, "gmina": _TEXT, "teryt": _TEXT, "in_county": "boolean",
        "sector": _TEXT, "sector_other": _TEXT, "group": _TEXT, "group_other": _TEXT,
        "meeting": "Int64", "meeting_date": _DATE,
    },
    "projects": {
        "row": "Int64", "sheet": _TEXT, "title": _TEXT, "leader": _TEXT, "status": _TEXT,
        "status_other": _TEXT, "start_date": _DATE, "end_date": _DATE, "budget": "Float64",
        "participants_planned": "Int64", "participants_reached": "Int64", "jobs_planned": "Int64",
        "jobs_created": "Int64", "enterprises_created": "Int64", "gminy": _TEXT, "notes": _TEXT,
        "last_update": _DATE, "partners": _TEXT,
    },
}

# Tables: the shape the migrations in analytics/store/migrations.py build, for queries.

_meta = sa.MetaData()
programmes = sa.Table(
    "programmes", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_key", sa.Text, nullable=False),       # unique: index ux_programmes_name_key
    sa.Column("starts_on", sa.Date),
    sa.Column("ends_on", sa.Date),
    sa.Column("description", sa.Text),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
)
versions = sa.Table(
    "versions", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_bytes", sa.LargeBinary, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),         # of the file as sent: duplicates
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("mode", sa.String(10), nullable=False),
    sa.Column("format", sa.String(10)),
    sa.Column("sheet", sa.Text),
    sa.Column("header_row", sa.Integer),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("rows_accepted", sa.Integer, nullable=False),
    sa.Column("rows_rejected", sa.Integer, nullable=False),
    sa.Column("summary", sa.JSON),
    sa.Column("warnings", sa.JSON),
    sa.Column("rejected", sa.JSON),
    sa.Column("rejected_rows", sa.JSON),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("versions.id")),
    sa.Column("note", sa.Text),
    sa.Column("demo", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("snapshot", sa.LargeBinary),
    sa.Column("dataset_rows", sa.Integer),
    sa.Column("dataset_rows_before", sa.Integer),
    sa.Column("participants_before", sa.Integer),
    sa.Column("participants_after", sa.Integer),
    sa.Column("stored_sha256", sa.String(64)),     # of file_bytes as kept (minimised, rewritten): verify
    # The programme (cycle) the version belongs to, and the span of its attendance list's meetings.
    sa.Column("programme_id", sa.Integer, sa.ForeignKey("programmes.id")),
    sa.Column("first_meeting", sa.Date),
    sa.Column("last_meeting", sa.Date),
)
DATE_COLUMNS = {"meeting_date", "start_date", "end_date", "last_update"}


def _row_table(name: str, kind: str) -> sa.Table:
    sql_types = {"Int64": sa.Integer, "boolean": sa.Boolean, "Float64": sa.Float}
    return sa.Table(
        name, _meta,
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        *[
            sa.Column(col, sa.Date if col in DATE_COLUMNS else sql_types.get(str(dtype), sa.Text))
            for col, dtype in DTYPES[kind].items()
        ],
        sqlite_with_rowid=False,
    )


attendance_rows = _row_table("attendance_rows", "attendance")
project_rows = _row_table("project_rows", "projects")
ROW_TABLES = {"attendance": attendance_rows, "projects": project_rows}
active_versions = sa.Table(
    "active_versions", _meta,
    sa.Column("programme_id", sa.Integer, sa.ForeignKey("programmes.id"), primary_key=True),
    sa.Column("kind", sa.String(20), primary_key=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.Column("activated_at", sa.DateTime, nullable=False),
)
audit = sa.Table(
    "audit", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("kind", sa.String(20)),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id")),
    sa.Column("details", sa.JSON),
)
users = sa.Table(
    "users", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("login", sa.Text, nullable=False),
    sa.Column("login_key", sa.Text, nullable=False),      # unique: index ux_users_login_key
    sa.Column("display_name", sa.Text, nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("failed_attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("locked_until", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("last_login", sa.DateTime),
)
# One row per password sign-in (migration 6): only digests of the ticket and of the browser's token.
sessions = sa.Table(
    "sessions", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("ticket_sha256", sa.String(64)),              # unique; NULL once redeemed
    sa.Column("ticket_expires_at", sa.DateTime),
    sa.Column("token_sha256", sa.String(64)),               # unique; NULL until redeemed
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_seen", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Column("revoked_at", sa.DateTime),
    sa.Column("revoked_reason", sa.String(20)),
    sa.Column("user_agent", sa.Text),
)
# Staff's decisions on partner institutions (migration 9), keyed by the partners' normalised keys.
partner_decisions = sa.Table(
    "partner_decisions", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key_a", sa.Text, nullable=False),
    sa.Column("key_b", sa.Text, nullable=False),
    sa.Column("decision", sa.String(10), nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("decided_at", sa.DateTime, nullable=False),
)
TABLES = _meta.tables


def conform(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The dataset's canonical columns, in order, with the store's dtypes; other columns dropped."""
    n = len(frame)
    out = {}
    for column, dtype in DTYPES[kind].items():
        if column in frame:
            values = frame[column].reset_index(drop=True)
        else:
            values = pd.Series([None] * n, dtype=object)
        out[column] = _as_dtype(values, dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def _as_dtype(values: pd.Series, dtype: Any) -> pd.Series:
    if dtype == _DATE:
        converted = pd.to_datetime(values, errors="coerce")
        if getattr(converted.dtype, "tz", None) is not None:
            converted = converted.dt.tz_localize(None)
        return converted.astype(_DATE)
    if dtype in ("Int64", "Float64"):
        return pd.to_numeric(values, errors="coerce").astype(dtype)
    if dtype == "boolean":
        return values.astype("boolean")
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        # Numbers or dates in a text column (a TERYT code read as a number): as their text.
        values = values.astype(object).map(_as_text)
    return values.astype(_TEXT)


def _as_text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) or pd.isna(value) else str(value)


