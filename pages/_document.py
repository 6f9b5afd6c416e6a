"""The language of the whole HTML document (`<html lang>`), following the dashboard's language.

Streamlit serves its index.html with `lang="en"` whatever the app writes; our content is Polish by
default, so a screen reader would read it with English pronunciation (WCAG 2.1 SC 3.1.1 "Language of
Page", axe-core rule `html-lang-valid`). A one-line script sets the attribute in the page itself:
st.html runs it in the main document (no iframe, no request anywhere), and the element that carries
it is hidden, so it adds no gap to the page.

Streamlit also writes some texts of its widgets in English whatever the app's language. Those a
widget parameter can change are changed where the widget is made (`select_all=False`, `placeholder=`);
what only CSS can reach is replaced by `streamlit_texts_style` (see README, "What stays in Streamlit's
English", for the rest).

Not a page itself (st.navigation lists only the page files named in dashboard.py).
"""

from __future__ import annotations

import json

import streamlit as st

from analytics.catalogue import LANGUAGES, t

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


# The dropdown of a multiselect or a selectbox with nothing matching what was typed: Streamlit writes
# "No results" (in a <span>, the list box marked data-empty) and has no parameter for it.
_NO_RESULTS = [f'[data-testid="{dropdown}"] [role="listbox"][data-empty="true"] > [role="option"] > span'
               for dropdown in ("stMultiSelectDropdown", "stSelectboxVirtualDropdown")]


def css_string(text: str) -> str:
    """Text as a CSS string literal (no quote, backslash or "<" can end it or the <style> element)."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,;:-–•()" else f"\\{ord(ch):x} " for ch in text) + '"'


def streamlit_texts_style() -> str:
    """CSS writing Streamlit's "No results" in the current language: the English text is hidden
    (visibility hidden, so screen readers skip it too, and no width) and the catalogue's shown as
    generated content, which browsers give to screen readers as text. If Streamlit renames these
    test ids or attributes, the rule matches nothing and its English shows again: nothing breaks."""
    hidden = ", ".join(_NO_RESULTS)
    shown = ", ".join(f"{selector}::after" for selector in _NO_RESULTS)
    return (f"<style>{hidden} {{ font-size: 0; visibility: hidden; }}"
            f"{shown} {{ content: {css_string(t('no_results'))}; font-size: 0.875rem; visibility: visible; }}"
            "</style>")


def translate_streamlit_texts() -> None:
    """Put streamlit_texts_style on the page (a style-only st.html takes no room); once per run, after
    the language is chosen."""
    st.html(streamlit_texts_style())
