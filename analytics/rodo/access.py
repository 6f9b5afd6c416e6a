"""The right of access (RODO art. 15): every record the store holds about one person, as JSON and as
an .xlsx for the person; each such export is in the audit trail."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.catalogue import t
from analytics.rodo.erasure import PersonChoice, find_person
from analytics.rodo.people import Person, StoreData, read_store_data
from analytics.store import Store, StoreRefusal, default_user, write_audit, write_transaction
from analytics.store.schema import audit

AUDIT_ACTION = "person_data_exported"
CERTIFICATES_ACTION = "export_certificates"      # analytics/reports/certificates.py records these


@dataclass(frozen=True)
class PersonData:
    name: str
    key: str
    attendances: list[dict[str, Any]]
    certificates: list[dict[str, Any]]
    reference: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "attendances": self.attendances, "certificates": self.certificates}


def person_data(store: Store, name: str, key: str | None = None, user: str | None = None,
                via: str = "cli") -> PersonData | PersonChoice | StoreRefusal:
    """What the store holds about the person `name` means (see erasure.find_person for the matching):
    each attendance with the versions holding it and where it was read from, and the certificates
    made for them. The export is written to the audit trail (a reference and counts, not the name)."""
    user = user or default_user()
    with write_transaction(store) as conn:
        data = read_store_data(conn)
        person = find_person(data, name, key)
        if not isinstance(person, Person):
            return person
        attendances = _attendances(data, person)
        certificates = _certificates(conn, data, person)
        reference = "RODO-" + secrets.token_hex(4).upper()
        write_audit(conn, AUDIT_ACTION, user, kind="attendance", details={
            "reference": reference, "attendances": len(attendances), "certificates": len(certificates),
            "via": via,
        })
    return PersonData(person.name, person.key, attendances, certificates, reference)


def _text(value: Any) -> Any:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _attendances(data: StoreData, person: Person) -> list[dict[str, Any]]:
    found: dict[tuple, dict[str, Any]] = {}
    for version in data.versions:
        frame = data.datasets[version.id]
        mine = frame[frame["person_key"].eq(person.key).fillna(False).to_numpy(dtype=bool)]
        for row in mine.itertuples(index=False):
            date = None if pd.isna(row.meeting_date) else pd.Timestamp(row.meeting_date).date().isoformat()
            meeting = None if pd.isna(row.meeting) else int(row.meeting)
            entry = {"meeting": meeting, "date": date, "gmina": _text(row.gmina), "sector": _text(row.sector),
                     "group": _text(row.group), "institution": _text(row.institution)}
            record = found.setdefault(tuple(entry.values()), {**entry, "versions": []})
            record["versions"].append({
                "version": version.id, "uploaded": version.created_at.isoformat(timespec="seconds"),
                "file": version.file_name, "sheet": _text(row.sheet),
                "row": None if pd.isna(row.row) else int(row.row),
            })
    return sorted(found.values(), key=lambda a: (a["meeting"] is None, a["meeting"] or 0, a["date"] or ""))


def _certificates(conn: Connection, data: StoreData, person: Person) -> list[dict[str, Any]]:
    """The certificate downloads the person was in: the version they were made from held them at the
    threshold asked for."""
    query = sa.select(audit).where(audit.c.action == CERTIFICATES_ACTION).order_by(audit.c.id)
    made = []
    for entry in conn.execute(query):
        frame = data.datasets.get(entry.version_id)
        if frame is None:
            continue
        details = entry.details or {}
        threshold = int(details.get("min_meetings") or 1)
        meetings = frame.loc[frame["person_key"].eq(person.key).fillna(False).to_numpy(dtype=bool), "meeting"]
        if meetings.nunique() >= threshold:
            made.append({"issued": entry.at.isoformat(timespec="seconds"), "version": entry.version_id,
                         "min_meetings": threshold, "meetings_attended": int(meetings.nunique()),
                         "user": entry.user_name, "file": details.get("file")})
    return made


# The workbook's columns: field -> catalogue key of its header
ATTENDANCE_COLUMN_KEYS = {"meeting": "rodo_col_meeting", "date": "rodo_col_date", "gmina": "rodo_col_gmina",
                          "sector": "rodo_col_sector", "group": "rodo_col_group",
                          "institution": "rodo_col_institution"}
SOURCE_COLUMN_KEYS = {"version": "rodo_col_version", "uploaded": "rodo_col_uploaded", "file": "rodo_col_file",
                      "sheet": "rodo_col_sheet", "row": "rodo_col_row"}
CERTIFICATE_COLUMN_KEYS = {"issued": "rodo_col_issued", "version": "rodo_col_version",
                           "meetings_attended": "rodo_col_meetings_attended"}


def person_data_xlsx(found: PersonData) -> bytes:
    """The person's data as a workbook to hand them: their attendances, where each came from, and the
    certificates made for them."""
    from openpyxl import Workbook

    from analytics.safe_export import safe_frame, spreadsheet_cell

    attendances = _table([{c: a[c] for c in ATTENDANCE_COLUMN_KEYS} for a in found.attendances],
                         ATTENDANCE_COLUMN_KEYS)
    sources = _table([{"meeting": a["meeting"], **{c: v[c] for c in SOURCE_COLUMN_KEYS}}
                      for a in found.attendances for v in a["versions"]],
                     {"meeting": ATTENDANCE_COLUMN_KEYS["meeting"], **SOURCE_COLUMN_KEYS})
    certificates = _table([{c: x[c] for c in CERTIFICATE_COLUMN_KEYS} for x in found.certificates],
                          CERTIFICATE_COLUMN_KEYS)
    book = Workbook()
    book.remove(book.active)
    heading = book.create_sheet(t("rodo_sheet_person"))
    for row in ([t("rodo_person_heading"), found.name], [t("rodo_person_reference"), found.reference],
                [t("rodo_person_controller"), t("rpt_office")]):
        heading.append([spreadsheet_cell(v) for v in row])
    for title, frame in ((t("rodo_sheet_attendances"), attendances), (t("rodo_sheet_sources"), sources),
                         (t("rodo_sheet_certificates"), certificates)):
        sheet = book.create_sheet(title)
        safe = safe_frame(frame)
        sheet.append(list(safe.columns))
        for values in safe.itertuples(index=False, name=None):
            sheet.append([spreadsheet_cell(v) for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table(records: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """Records as a table headed in the UI's language (`columns`: field -> catalogue key)."""
    frame = pd.DataFrame(records, columns=list(columns))
    return frame.rename(columns={c: t(key) for c, key in columns.items()})
