"""History: the versions of each dataset of the programme chosen in the sidebar, a comparison with the
active one, rollback (within that programme), the programme's name, dates and description
(administrators), the audit trail."""

from __future__ import annotations

import streamlit as st

from analytics import accounts
from analytics import store as store_api
from analytics.catalogue import t, tn
from analytics.display import history as display_history
from analytics.results import KIND_LABEL_KEYS
from pages import _auth as auth
from pages import _rodo as rodo_page
from pages import _shared as shared

AUDIT_LIMIT = 200


def main() -> None:
    auth.require("history")
    st.title(t("history_title"))
    shared.show_flashes()
    st.write(t("history_intro"))
    the_store = shared.store()
    programme = shared.selected_programme()
    if programme is not None:
        st.caption(t("history_programme", programme=shared.safe(programme.name)))
    tabs = st.tabs([t(KIND_LABEL_KEYS[kind]).capitalize() for kind in shared.kinds()])
    for tab, kind in zip(tabs, shared.kinds(), strict=True):
        with tab:
            show_dataset(the_store, kind, programme)
    st.divider()
    if programme is not None:
        show_programme(the_store, programme)
        st.divider()
    rodo_page.show_erasure(the_store)
    st.divider()
    show_audit(the_store)


def show_programme(the_store: store_api.Store, programme: store_api.Programme) -> None:
    """The programme's name, dates and description; administrators change them here."""
    st.header(t("programme_heading"))
    if programme.description:
        st.write(shared.safe(programme.description))
    if not accounts.can_rollback(shared.role()):
        st.caption(t("programme_admin_only"))
        return
    with st.form(f"programme_{programme.id}"):
        name = st.text_input(t("programme_name_label"), value=programme.name,
                             max_chars=store_api.programmes.MAX_NAME_LENGTH)
        left, right = st.columns(2)
        starts_on = left.date_input(t("programme_starts_label"), value=programme.starts_on,
                                    format="DD.MM.YYYY")
        ends_on = right.date_input(t("programme_ends_label"), value=programme.ends_on,
                                   format="DD.MM.YYYY")
        st.caption(t("programme_dates_note"))
        description = st.text_area(t("programme_description_label"), value=programme.description or "",
                                   max_chars=store_api.programmes.MAX_DESCRIPTION_LENGTH)
        submitted = st.form_submit_button(t("programme_save"), icon=":material/save:")
    if not submitted:
        return
    outcome = store_api.update_programme(the_store, programme.id, name, starts_on, ends_on, description,
                                         shared.user_name())
    if isinstance(outcome, store_api.ProgrammeRefusal):
        st.error(outcome.error, icon=":material/error:")
        return
    shared.choose_programme_next(outcome.name)
    shared.flash("success", t("programme_saved", programme=shared.safe(outcome.name)))
    shared.forget_cached_data()
    st.rerun()


def show_dataset(the_store: store_api.Store, kind: str, programme: store_api.Programme | None) -> None:
    if programme is None:
        st.info(t("history_empty"))
        return
    infos = store_api.list_versions(the_store, kind, programme.id)
    if not infos:
        st.info(t("history_empty"))
        return
    st.header(t("versions_heading"))
    table = display_history.versions_table(infos).drop(columns=t("col_kind"))    # the tab names the dataset
    st.dataframe(table, hide_index=True, width="stretch")
    shared.table_download(table, f"wersje {kind}", f"versions_{kind}")
    active = next((info for info in infos if info.active), None)
    others = [info for info in reversed(infos) if not info.active]
    show_comparison(kind, active, others)
    show_rollback(the_store, kind, others)


def show_comparison(kind: str, active: store_api.VersionInfo | None,
                    others: list[store_api.VersionInfo]) -> None:
    st.header(t("compare_heading"))
    if active is None or not others:
        st.caption(t("compare_only_one"))
        return
    chosen = st.selectbox(t("compare_choice"), others, format_func=display_history.version_option_label,
                          key=f"compare_{kind}", placeholder=t("choose_option"))
    url = shared.data_key().url
    table = display_history.compare_summaries(
        kind,
        shared.dataset_summary(url, chosen.id, kind),
        shared.dataset_summary(url, active.id, kind),
    )
    st.dataframe(table, hide_index=True, width="stretch")
    original = store_api.original_file(shared.store(), chosen.id)
    if original is not None:
        # The original file holds the names as uploaded: its download is recorded like the list's.
        st.download_button(t("original_download", version=chosen.id), original.data,
                           file_name=original.name, key=f"original_{kind}_{chosen.id}",
                           icon=":material/download:", on_click=shared.record_personal_export,
                           args=(original.name, chosen.rows_accepted, chosen.id))


def show_rollback(the_store: store_api.Store, kind: str, others: list[store_api.VersionInfo]) -> None:
    st.header(t("rollback_heading"))
    if not accounts.can_rollback(shared.role()):
        st.caption(t("rollback_admin_only"))
        return
    if not others:
        st.caption(t("rollback_nothing"))
        return
    chosen = st.selectbox(t("rollback_choice"), others, format_func=display_history.version_option_label,
                          key=f"rollback_choice_{kind}", placeholder=t("choose_option"))
    sure = st.checkbox(t("rollback_confirm_check", version=chosen.id),
                       key=f"rollback_sure_{kind}_{chosen.id}")
    if st.button(t("rollback_button", version=chosen.id), disabled=not sure, type="primary",
                 key=f"rollback_{kind}", icon=":material/restore:"):
        outcome = store_api.rollback(the_store, chosen.id, shared.user_name())
        if isinstance(outcome, store_api.StoreRefusal):
            st.error(outcome.error)
            return
        shared.flash("success", t("rollback_done", version=outcome.version, kind=t(KIND_LABEL_KEYS[kind])))
        shared.forget_cached_data()
        st.rerun()


def show_audit(the_store: store_api.Store) -> None:
    st.header(t("audit_heading"))
    st.caption(tn("audit_intro", AUDIT_LIMIT))
    table = display_history.audit_table(store_api.audit_log(the_store, AUDIT_LIMIT))
    st.dataframe(table, hide_index=True, width="stretch")
    shared.table_download(table, "dziennik zdarzen", "audit")


main()
