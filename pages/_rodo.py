"""The pages' part of the RODO duties: erasing a person (administrators, History), a person's data
as .xlsx (staff, Participation), the retention reminder (administrators, Overview). They only ask and
draw; analytics/rodo does the work."""

from __future__ import annotations

import functools

import streamlit as st

from analytics import accounts, rodo, safe_export
from analytics.catalogue import t, tn
from pages import _shared as shared


def forget_everything_cached() -> None:
    """After an erasure or pseudonymisation the versions keep their ids but not their content."""
    shared.forget_cached_data()
    shared.version_frame.clear()
    shared.dataset_summary.clear()


def _person_label(person: rodo.Person) -> str:
    return tn("rodo_person_option", len(person.versions), names=", ".join(person.names))


def _choose_person(the_store, name: str, key: str) -> rodo.Person | None:
    """The person a typed name means, chosen from the matches when there are several."""
    found = rodo.candidates(the_store, name)
    if not found:
        st.info(t("rodo_page_no_match", name=name))
        return None
    if len(found) == 1:
        st.write(t("rodo_page_found", person=_person_label(found[0])))
        return found[0]
    return st.radio(t("rodo_page_choose"), found, format_func=_person_label, key=f"{key}_choice")


def show_erasure(the_store) -> None:
    """Administrators: erase a person from every version, after a confirmation."""
    st.header(t("rodo_erase_heading"))
    if not accounts.can_rollback(shared.role()):
        st.caption(t("rodo_erase_admin_only"))
        return
    st.caption(t("rodo_erase_intro"))
    name = st.text_input(t("rodo_name_input"), key="rodo_erase_name").strip()
    if not name:
        return
    person = _choose_person(the_store, name, "rodo_erase")
    if person is None:
        return
    sure = st.checkbox(t("rodo_erase_confirm", person=", ".join(person.names)),
                       key=f"rodo_erase_sure_{person.key}")
    if st.button(t("rodo_erase_button"), disabled=not sure, type="primary", key="rodo_erase_go",
                 icon=":material/person_remove:"):
        outcome = rodo.forget_person(the_store, name, shared.user_name(), key=person.key)
        if not isinstance(outcome, rodo.ErasureOutcome):
            st.error(outcome.error)
            return
        forget_everything_cached()
        shared.flash("success", t("rodo_erase_done", reference=outcome.reference,
                                  versions=outcome.versions_changed, rows=outcome.rows_removed))
        st.session_state.pop("rodo_erase_name", None)
        st.rerun()


def show_person_data(the_store) -> None:
    """Staff: everything held about one person, as an .xlsx to hand them (recorded in the audit trail)."""
    st.header(t("rodo_access_heading"))
    st.caption(t("rodo_access_intro"))
    name = st.text_input(t("rodo_name_input"), key="rodo_access_name").strip()
    if not name:
        return
    person = _choose_person(the_store, name, "rodo_access")
    if person is None:
        return
    st.download_button(
        t("rodo_access_download"),
        functools.partial(_person_workbook, the_store, name, person.key, shared.user_name()),
        file_name=safe_export.download_name(f"dane osoby {person.key}", "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="rodo_access_download", icon=":material/download:",
    )


def _person_workbook(the_store, name: str, key: str, user: str) -> bytes:
    found = rodo.person_data(the_store, name, key=key, user=user, via="dashboard")
    return rodo.person_data_xlsx(found) if isinstance(found, rodo.PersonData) else b""


def retention_reminder() -> None:
    """Administrators: a note when people are still named after the retention period."""
    if not accounts.can_rollback(shared.role()):
        return
    key = shared.data_key()
    if key.attendance is None:
        return
    past = rodo.people_past_retention(shared.attendance(key))
    if past:
        st.warning(tn("rodo_retention_reminder", past), icon=":material/auto_delete:")
