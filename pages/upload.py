"""Import: check spreadsheets, show what was read, corrected and rejected, store on confirmation."""

from __future__ import annotations

import functools
import hashlib
import logging

import pandas as pd
import streamlit as st

from analytics import config, formatting, pipeline, ui_support
from analytics import store as store_api
from analytics.catalogue import current_language, t
from analytics.results import CheckResult, Refusal
from pages import _auth as auth
from pages import _shared as shared

LOG = logging.getLogger(__name__)
CHECKS_KEY = "_upload_checks"        # file id -> its check, so a rerun does not read the file again
STORED_KEY = "_upload_stored"        # file id -> the version it was stored as
REFUSALS_KEY = "_upload_refusals"    # file ids whose refusal is already in the audit trail
KIND_CHOICES = (None, "attendance", "projects")
UPLOAD_TYPES = ("xlsx", "xls", "ods", "csv")


def main() -> None:
    auth.require("import")
    st.title(t("upload_title"))
    shared.show_flashes()
    st.write(t("upload_intro"))
    limit_mb = upload_limit_mb()
    # The uploader's button is Streamlit's "Upload" (see uploader_texts_style); this names it in Polish.
    st.caption(t("upload_how", limit=limit_mb))
    st.html(uploader_texts_style(limit_mb))
    files = st.file_uploader(
        t("upload_label"), type=list(UPLOAD_TYPES), accept_multiple_files=True, key="upload_files",
    )
    for uploaded in files or []:
        st.divider()
        show_file(uploaded.file_id, uploaded.name, uploaded.getvalue())
    st.divider()
    show_templates()


def upload_limit_mb() -> int:
    """The largest file accepted: the reading pipeline's limit, or Streamlit's if that is lower."""
    app_limit = config.max_upload_bytes() // (1024 * 1024)
    return min(app_limit, int(st.get_option("server.maxUploadSize")))


def _css_string(text: str) -> str:
    """Text as a CSS string literal (no quote, backslash or "<" can end it or the <style> element)."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,;:-–•()" else f"\\{ord(ch):x} " for ch in text) + '"'


def uploader_texts_style(limit_mb: int) -> str:
    """CSS putting the uploader's size note ("50MB per file • XLSX, …", Streamlit's English, with no
    parameter to change it) in the current language: the English element is hidden (display: none,
    so screen readers skip it too) and the catalogue's text shown as generated content, which Chrome,
    Firefox and Safari give to screen readers as text. If Streamlit renames these test ids, the rule
    matches nothing and Streamlit's English shows again: nothing breaks.

    The button ("Upload") is left alone: a button named only by generated content is a critical
    axe-core violation (button-name; axe ignores CSS content), and hiding its text keeps it nameless.
    The English aria-labels of the file chips ("Remove …") and of the "+" button are out of CSS's reach.
    """
    note = '[data-testid="stFileUploaderDropzone"] [data-testid="stFileUploaderDropzoneInstructions"] > div'
    limit = t("uploader_limit", limit=limit_mb, types=", ".join(kind.upper() for kind in UPLOAD_TYPES))
    return (
        f"<style>{note} > span {{ display: none; }}"
        f"{note}::after {{ content: {_css_string(limit)}; font-size: 0.875rem; line-height: 1.6;"
        " opacity: 0.7; }</style>"
    )


def check(file_id: str, name: str, data: bytes, kind: str | None) -> CheckResult | Refusal:
    """The file's check, done once per file, kind and language (its messages are in that language)."""
    checks = st.session_state.setdefault(CHECKS_KEY, {})
    key = (file_id, kind, current_language())
    if key not in checks:
        with st.status(t("checking_file", file=shared.safe(name)), expanded=False) as status:
            try:
                result = pipeline.check_bytes(data, name, kind)
            except Exception as error:  # noqa: BLE001 - a bug in reading: a Polish message, not a traceback
                LOG.exception("checking %s failed", name)
                result = Refusal(name, t("error_internal", detail=type(error).__name__))
            failed = isinstance(result, Refusal)
            status.update(label=t("refused_file" if failed else "checked_file", file=shared.safe(name)),
                          state="error" if failed else "complete")
        checks[key] = result
    return checks[key]


def show_file(file_id: str, name: str, data: bytes) -> None:
    st.header(t("file_heading", file=shared.safe(name)))
    kind = st.selectbox(
        t("kind_choice"), KIND_CHOICES, key=f"kind_{file_id}",
        format_func=lambda k: t("kind_auto") if k is None else t(f"kind_label_{k}"),
    )
    result = check(file_id, name, data, kind)
    if isinstance(result, Refusal):
        # The message may quote a sheet name from the file: shown as written, never as Markdown.
        st.error(shared.safe(result.error), icon=":material/error:")
        record_refusal(file_id, name, data, kind, result)
        return
    show_result(file_id, result)
    show_store_step(file_id, name, data, result)


def record_refusal(file_id: str, name: str, data: bytes, kind: str | None, refusal: Refusal) -> None:
    """A refused file stores nothing but goes into the audit trail, once."""
    recorded = st.session_state.setdefault(REFUSALS_KEY, set())
    if file_id in recorded:
        return
    recorded.add(file_id)
    store_api.record_audit(shared.store(), "import_refused", shared.user_name(), kind=kind, details={
        "file": name, "sha256": hashlib.sha256(data).hexdigest(), "error": refusal.error,
    })


def show_result(file_id: str, result: CheckResult) -> None:
    st.markdown("**" + t("kind_detected", kind=t(f"kind_label_{result.kind}")) + "**")
    st.caption(t("file_details", format=result.format, sheet=shared.safe(result.sheet or "–"),
                 row=result.header_row))
    read, accepted, rejected, warnings = st.columns(4)
    read.metric(t("metric_rows_read"), formatting.format_int(result.rows_read))
    accepted.metric(t("metric_rows_accepted"), formatting.format_int(result.rows_accepted))
    rejected.metric(t("metric_rows_rejected"), formatting.format_int(result.rows_rejected))
    warnings.metric(t("metric_warnings"), formatting.format_int(len(result.warnings)))
    if result.kind == "attendance":
        st.write(t("file_summary_attendance", **{k: result.summary.get(k, 0)
                                                  for k in ("meetings", "participants", "attendances")}))
        st.write(t("file_meetings", file_meetings=meetings_text(result.accepted),
                   active_meetings=meetings_text(shared.attendance())))
    else:
        st.write(t("file_summary_projects", projects=result.summary.get("projects", 0)))

    with st.expander(t("preview_heading", limit=ui_support.PREVIEW_ROWS), expanded=result.rows_rejected == 0):
        st.dataframe(ui_support.preview_table(result.accepted, result.kind), hide_index=True, width="stretch")
    if result.rejected:
        with st.expander(t("rejected_heading", count=result.rows_rejected), expanded=True,
                         icon=":material/block:"):
            st.write(t("rejected_intro"))
            st.dataframe(ui_support.problems_table(result.rejected), hide_index=True, width="stretch")
            rows = rejected_rows_table(result)
            st.download_button(
                t("rejected_download"),
                functools.partial(ui_support.xlsx_bytes, rows, t("rejected_sheet_title")),
                file_name=ui_support.download_name(f"odrzucone {strip_extension(result.file)}", "xlsx"),
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key=f"rejected_{file_id}", icon=":material/download:",
            )
    if result.warnings:
        with st.expander(t("warnings_heading", count=len(result.warnings)), icon=":material/edit_note:"):
            st.dataframe(ui_support.notices_table(result.warnings), hide_index=True, width="stretch")


def rejected_rows_table(result: CheckResult) -> pd.DataFrame:
    """The rejected rows as written, with the reasons (what staff fix and upload again)."""
    return store_api.rejected_table(result.rejected_rows, [p.to_json() for p in result.rejected])


def meetings_text(frame: pd.DataFrame) -> str:
    if frame.empty:
        return t("none_short")
    meetings = sorted({int(m) for m in frame["meeting"].dropna().tolist()})
    return ", ".join(formatting.roman(m) for m in meetings) or t("none_short")


def strip_extension(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def show_store_step(file_id: str, name: str, data: bytes, result: CheckResult) -> None:
    stored = st.session_state.setdefault(STORED_KEY, {})
    if file_id in stored:
        st.success(t("already_stored", version=stored[file_id]), icon=":material/check_circle:")
        return
    mode = st.radio(
        t("mode_choice"), store_api.MODES, index=None, key=f"mode_{file_id}",
        format_func=lambda m: t(f"mode_{m}_long"),
    )
    blocked = None
    if result.rows_accepted == 0:
        blocked = t("confirm_disabled_empty")
    elif mode is None:
        blocked = t("confirm_disabled_mode")
    clicked = st.button(t("confirm_import"), type="primary", key=f"confirm_{file_id}",
                        disabled=blocked is not None, icon=":material/save:")
    if blocked:
        st.caption(blocked)
    if clicked and blocked is None:
        store_file(file_id, name, data, result, mode)


def store_file(file_id: str, name: str, data: bytes, result: CheckResult, mode: str) -> None:
    try:
        outcome = store_api.import_result(shared.store(), result, data, name, mode, shared.user_name())
    except Exception:  # noqa: BLE001 - the import is atomic: nothing was stored; say so in Polish
        LOG.exception("storing %s failed", name)
        st.error(t("import_failed", file=shared.safe(name)), icon=":material/error:")
        return
    if outcome.duplicate_of is not None:
        st.session_state[STORED_KEY][file_id] = outcome.duplicate_of
        shared.flash("info", t("import_duplicate", file=shared.safe(name), version=outcome.duplicate_of))
    else:
        st.session_state[STORED_KEY][file_id] = outcome.version
        shared.flash("success", t("import_stored", file=shared.safe(name), version=outcome.version,
                                  kind=t(f"kind_label_{outcome.kind}")))
        if outcome.started_empty:
            shared.flash("info", t("import_started_empty"))
    shared.forget_cached_data()
    st.rerun()


def show_templates() -> None:
    st.header(t("templates_heading"))
    st.caption(t("templates_intro"))
    for path in ui_support.template_files():
        st.download_button(
            t("template_download", file=path.name), path.read_bytes(), file_name=path.name,
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"template_{path.name}", icon=":material/download:",
        )


main()
