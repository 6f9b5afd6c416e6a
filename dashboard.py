"""The dashboard's frame: page config, language, navigation per role, shared filters, data as of, demo banner.

Run with `python3 tasks.py run` (or `streamlit run dashboard.py`). Settings from the environment:
PUP_DATABASE_URL names the store; PUP_NO_DEMO=1 starts an empty store without loading the demo data
(the demo is otherwise loaded on first start, so a fresh install shows the 2017 programme at once).
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from analytics import ui_support
from analytics.catalogue import LANGUAGES, language, t
from pages import _shared as shared
from pages import _sidebar as sidebar

# (file, title key, icon, url path); the first is the home page.
PAGES = (
    ("pages/overview.py", "nav_overview", ":material/dashboard:", "przeglad"),
    ("pages/participation.py", "nav_participation", ":material/groups:", "uczestnictwo"),
    ("pages/projects.py", "nav_projects", ":material/assignment:", "projekty"),
    ("pages/upload.py", "nav_import", ":material/upload_file:", "import"),
    ("pages/history.py", "nav_history", ":material/history:", "historia"),
)
# Pages only staff and administrators open (they change data or show who uploaded what).
STAFF_PAGES = {"pages/upload.py", "pages/history.py"}
LANGUAGE_NAMES = {"pl": "Polski", "en": "English"}


def build_navigation(role: str) -> StreamlitPage:
    """The pages this role may open, titled in the current language; returns the page to run."""
    pages = [
        st.Page(path, title=t(title), icon=icon, url_path=url_path, default=index == 0)
        for index, (path, title, icon, url_path) in enumerate(PAGES)
        if path not in STAFF_PAGES or ui_support.can_import(role)
    ]
    return st.navigation(pages, position="sidebar")


def choose_language() -> str:
    st.session_state.setdefault("lang", "pl")
    return st.sidebar.radio(
        "Język / Language", LANGUAGES, key="lang", horizontal=True,
        format_func=LANGUAGE_NAMES.__getitem__,
    )


def demo_banner(key: shared.DataKey) -> None:
    """On every page while any dataset shown is still the demo; it names the dataset when only one is."""
    infos = shared.active_infos(key)
    demo = [info.kind for info in infos if info.demo]
    if not demo:
        return
    if len(demo) == len(infos):
        st.warning(t("demo_banner"), icon=":material/science:")
    else:
        st.warning(t("demo_banner_partial", kind=t(f"kind_label_{demo[0]}")), icon=":material/science:")


def main() -> None:
    # The favicon is an image served by the app itself: a Material icon (ours or a page's) as favicon
    # would be fetched from fonts.gstatic.com, and the dashboard makes no request outside the office.
    st.set_page_config(page_title="Partnerstwo Lokalne – PUP Płock", page_icon=ui_support.favicon(),
                       layout="wide", initial_sidebar_state="expanded")
    role = st.session_state.setdefault("role", "staff")
    lang = choose_language()
    with language(lang):
        navigation = build_navigation(role)
        try:
            with st.spinner(t("loading_store")):
                key = shared.current_key()
        except Exception:  # noqa: BLE001 - a bad URL or an unreachable server: say so, in Polish
            logging.getLogger(__name__).exception("the store cannot be opened")
            st.error(t("store_unavailable"), icon=":material/database:")
            st.stop()
        st.session_state["data_key"] = key
        sidebar.filters(key)
        sidebar.data_as_of(key)
        demo_banner(key)
        navigation.run()


main()
