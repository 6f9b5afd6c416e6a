"""The history page's tables: the versions of a dataset, a version's label in a choice, a version
compared with the active one, and the audit trail, with headers and values in the current language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analytics.accounts import role_label
from analytics.catalogue import t
from analytics.formatting import format_moment, roman, value_label
from analytics.results import KIND_LABEL_KEYS
from analytics.store.combining import MODE_LABEL_KEYS, counts_text


def versions_table(infos: Iterable[Any]) -> pd.DataFrame:
    """The history of versions, newest first, with column headers in the current language."""
    rows = [
        {
            t("col_version"): info.id,
            t("col_kind"): t(KIND_LABEL_KEYS[info.kind]),
            t("col_when"): format_moment(info.created_at),
            t("col_user"): info.user,
            t("col_file"): info.file_name,
            t("col_mode"): t(MODE_LABEL_KEYS[info.mode]),
            t("col_before_after"): counts_text(info),
            t("col_accepted"): info.rows_accepted,
            t("col_rejected"): info.rows_rejected,
            t("col_dataset_rows"): info.dataset_rows,
            t("col_demo"): t("yes") if info.demo else t("no"),
            t("col_active"): t("yes") if info.active else t("no"),
        }
        for info in sorted(infos, key=lambda i: i.id, reverse=True)
    ]
    return pd.DataFrame(rows, columns=[
        t("col_version"), t("col_kind"), t("col_when"), t("col_user"), t("col_file"), t("col_mode"),
        t("col_before_after"), t("col_accepted"), t("col_rejected"), t("col_dataset_rows"), t("col_demo"),
        t("col_active"),
    ])


def version_option_label(info: Any) -> str:
    """`wersja 3 – 26.11.2026, 13:40 – lista.xlsx (jan)` for a select box."""
    label = t("version_option", version=info.id, when=format_moment(info.created_at),
              file=info.file_name, user=info.user)
    if info.demo:
        label += " – " + t("demo_short")
    if info.active:
        label += " – " + t("active_short")
    return label


def _nested(summaries: tuple[dict[str, Any], ...], field: str) -> list[str]:
    """The keys of a summary's breakdown across both summaries, in the order they first appear."""
    return list(dict.fromkeys(key for summary in summaries for key in (summary.get(field) or {})))


def _comparison_rows(kind: str, *summaries: dict[str, Any]) -> list[tuple[str, Any]]:
    """(label, how to read the count from a summary) for every measure the comparison shows."""
    if kind == "attendance":
        meetings = sorted(_nested(summaries, "attendances_by_meeting"), key=int)
        return [
            (t("cmp_participants"), ("participants", None)),
            (t("cmp_attendances"), ("attendances", None)),
            (t("cmp_meetings"), ("meetings", None)),
            *[(t("cmp_attendances_meeting", meeting=roman(int(m))), ("attendances_by_meeting", m))
              for m in meetings],
            *[(t("cmp_sector", sector=value_label(s)), ("participants_by_sector", s))
              for s in _nested(summaries, "participants_by_sector")],
            *[(t("cmp_group", group=value_label(g)), ("participants_by_group", g))
              for g in _nested(summaries, "participants_by_group")],
        ]
    return [
        (t("cmp_projects"), ("projects", None)),
        *[(t("cmp_status", status=value_label(s)), ("projects_by_status", s))
          for s in _nested(summaries, "projects_by_status")],
    ]


def _count(summary: dict[str, Any], where: tuple[str, str | None]) -> int:
    field, key = where
    value = summary.get(field) if key is None else (summary.get(field) or {}).get(key)
    return int(value or 0)


def compare_summaries(kind: str, chosen: dict[str, Any], active: dict[str, Any]) -> pd.DataFrame:
    """A chosen version's counts beside the active version's, and the difference."""
    rows = _comparison_rows(kind, chosen, active)
    return pd.DataFrame({
        t("cmp_measure"): [label for label, _ in rows],
        t("cmp_chosen"): [_count(chosen, where) for _, where in rows],
        t("cmp_active"): [_count(active, where) for _, where in rows],
        t("cmp_difference"): [_count(active, where) - _count(chosen, where) for _, where in rows],
    })


def audit_table(entries: Iterable[Any]) -> pd.DataFrame:
    """The audit trail (store AuditEntry objects) as a table, newest first."""
    rows = []
    for entry in entries:
        details = entry.details or {}
        rows.append({
            t("col_when"): format_moment(entry.at),
            t("col_user"): entry.user,
            t("col_action"): _action_label(entry.action),
            t("col_kind"): t(KIND_LABEL_KEYS[entry.kind]) if entry.kind in KIND_LABEL_KEYS else "",
            t("col_version"): entry.version_id,
            t("col_details"): _audit_details(entry.action, details),
        })
    table = pd.DataFrame(rows, columns=[t("col_when"), t("col_user"), t("col_action"), t("col_kind"),
                                        t("col_version"), t("col_details")])
    # Logins and account changes concern no version: a blank cell, where a null would show "None".
    column = t("col_version")
    table[column] = ["" if v is None or pd.isna(v) else str(int(v)) for v in table[column]]
    return table


# The audit trail's actions and the reasons of a failed login, as the catalogue names them (an action
# or reason it does not name is shown as recorded).
ACTION_LABEL_KEYS = {
    "account_created": "action_account_created", "account_disabled": "action_account_disabled",
    "account_enabled": "action_account_enabled", "account_locked": "action_account_locked",
    "demo_load": "action_demo_load", "export_certificates": "action_export_certificates",
    "first_admin_created": "action_first_admin_created", "import": "action_import",
    "import_duplicate": "action_import_duplicate", "import_refused": "action_import_refused",
    "login": "action_login", "login_failed": "action_login_failed", "logout": "action_logout",
    "password_changed": "action_password_changed", "personal_data_export": "action_personal_data_export",
    "role_changed": "action_role_changed", "rollback": "action_rollback",
    "session_resumed": "action_session_resumed", "session_ended": "action_session_ended",
    # issue 11 (RODO)
    "person_erased": "action_person_erased", "person_data_exported": "action_person_data_exported",
    "retention_applied": "action_retention_applied", "originals_minimised": "action_originals_minimised",
    "partner_merge": "action_partner_merge", "partner_keep_apart": "action_partner_keep_apart",
}
# Why a session ended (a logout's reason in the audit trail).
LOGOUT_REASON_KEYS = {"user": "action_reason_logout_user", "timeout": "action_reason_timeout",
                      "expired": "action_reason_expired"}
REASON_LABEL_KEYS = {
    "disabled": "action_reason_disabled", "locked": "action_reason_locked",
    "sso_no_role": "action_reason_sso_no_role", "unknown_login": "action_reason_unknown_login",
    "wrong_password": "action_reason_wrong_password",
}


def _action_label(action: str) -> str:
    return t(ACTION_LABEL_KEYS[action]) if action in ACTION_LABEL_KEYS else action


def _audit_details(action: str, details: dict[str, Any]) -> str:
    parts = []
    if details.get("file"):
        parts.append(str(details["file"]))
    if action in ("import", "demo_load"):
        parts.append(t("audit_rows", accepted=details.get("rows_accepted", 0),
                       rejected=details.get("rows_rejected", 0)))
        if details.get("mode"):
            parts.append(t(MODE_LABEL_KEYS[details["mode"]]))
        if details.get("dataset_rows_before") is not None and details.get("dataset_rows") is not None:
            parts.append(t("audit_before_after", before=details["dataset_rows_before"],
                           after=details["dataset_rows"]))
    if action == "rollback":
        parts.append(t("audit_rollback", previous=details.get("from"), to=details.get("to")))
    if details.get("login"):                               # an account change: whose account
        parts.append(str(details["login"]))
    if action == "role_changed":
        parts.append(f"{role_label(details.get('from'))} → {role_label(details.get('to'))}")
    elif details.get("role") and action in ("login", "account_created", "first_admin_created"):
        parts.append(role_label(details["role"]))
    if action == "login_failed" and details.get("reason"):
        reason = details["reason"]
        parts.append(t(REASON_LABEL_KEYS[reason]) if reason in REASON_LABEL_KEYS else reason)
    if action == "logout" and details.get("reason") in LOGOUT_REASON_KEYS:
        parts.append(t(LOGOUT_REASON_KEYS[details["reason"]]))
    if action == "personal_data_export" and "rows" in details:
        parts.append(t("audit_export_rows", rows=details["rows"]))
    if details.get("reference"):                           # a RODO request: its reference, never a name
        parts.append(str(details["reference"]))
    if action in ("partner_merge", "partner_keep_apart"):
        parts.append(f"{details.get('partner_a')} ↔ {details.get('partner_b')}")
    if details.get("sso"):
        parts.append("SSO")
    if details.get("error"):
        parts.append(str(details["error"]))
    return " · ".join(parts)
