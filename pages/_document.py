"""The language of the whole HTML document (`<html lang>`), following the dashboard's language.

Streamlit serves its index.html with `lang="en"` whatever the app writes; our content is Polish by
default, so a screen reader would read it with English pronunciation (WCAG 2.1 SC 3.1.1 "Language of
Page", axe-core rule `html-lang-valid`). A one-line script sets the attribute in the page itself:
st.html runs it in the main document (no iframe, no request anywhere), and the element that carries
it is hidden, so it adds no gap to the page.

Not a page itself (st.navigation lists only the page files named in dashboard.py).
"""

from __future__ import annotations

import json

import streamlit as st

from analytics.catalogue import LANGUAGES

# The element container holding the script takes no room (a hidden container adds no flex gap).
_HIDE_OWN_CONTAINER = (
    '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script[data-document-language])'
    " { display: none; }"
)


def document_language_html(lang: str) -> str:
    """The style and script that set `<html lang>` to `lang` (one of LANGUAGES)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    return (f"<style>{_HIDE_OWN_CONTAINER}</style>"
            f"<script data-document-language>document.documentElement.lang = {json.dumps(lang)};</script>")


def set_document_language(lang: str) -> None:
    """Make the document's language `lang` ("pl" or "en"); call once per run, after the language is chosen."""
    st.html(document_language_html(lang), unsafe_allow_javascript=True)
