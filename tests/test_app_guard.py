"""No page shows a traceback or a server path (issue 15): a chart or table that fails leaves one Polish
sentence in its place, its error goes to the server's log, and the rest of the page is drawn; what
fails outside the guards shows Streamlit's generic message only (client.showErrorDetails = "none").
"""

from __future__ import annotations

import functools
import logging
import tomllib
from pathlib import Path

import pytest
from app_support import signed_in
from office_register import FILE_NAME, register_xls
from streamlit.testing.v1 import AppTest

from analytics import importing
from analytics import store as store_api
from analytics.catalogue import t
from analytics.display import projects as project_charts
from analytics.display import tables as display_tables

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"


def opened(role: str, page: str) -> AppTest:
    app = signed_in(role).run()
    app.switch_page(page).run()
    return app


def shown_warnings(app: AppTest) -> list[str]:
    return [w.value for w in app.warning]


def everything_written(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "warning", "info", "error", "header", "title")
             for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


def test_the_browser_is_never_sent_error_details() -> None:
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert settings["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize("role", ["viewer", "staff"])
def test_a_chart_that_fails_leaves_a_sentence_and_the_rest_of_the_page(
        role: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    # The stand-in keeps the real function's name: the page hands the function itself, and the log
    # names the chart by it.
    @functools.wraps(project_charts.planned_vs_reached_chart)
    def broken(projects):
        raise TypeError("boolean value of NA is ambiguous")

    monkeypatch.setattr(project_charts, "planned_vs_reached_chart", broken)
    with caplog.at_level(logging.ERROR, logger="pup.pages"):
        app = opened(role, "pages/projects.py")
    assert not app.exception, [e.value for e in app.exception]
    assert shown_warnings(app).count(t("chart_failed")) == 1
    # the timeline and the status chart before and after it, and the status history at the end
    assert len(app.get("plotly_chart")) == 2
    assert [h.value for h in app.main.header][-1] == t("status_history_heading")
    text = everything_written(app)
    assert "Traceback" not in text and "ambiguous" not in text and "/analytics/" not in text
    failures = [r for r in caplog.records if r.name == "pup.pages" and r.exc_info]
    assert failures and "planned_vs_reached_chart" in failures[0].getMessage()
    assert "ambiguous" in str(failures[0].exc_info[1])


def test_a_table_that_fails_leaves_a_sentence_and_the_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    real = display_tables.status_history_table

    def broken(history):
        real(history)
        raise ValueError("cannot reindex on an axis with duplicate labels")

    monkeypatch.setattr(display_tables, "status_history_table", broken)
    app = opened("staff", "pages/projects.py")
    assert not app.exception, [e.value for e in app.exception]
    assert shown_warnings(app).count(t("table_failed")) == 1
    assert len(app.get("plotly_chart")) == 3
    assert "duplicate labels" not in everything_written(app)


def test_a_chart_that_fails_to_draw_leaves_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    real = st.plotly_chart

    def picky(figure, *args, key=None, **kwargs):
        if key == "chart_timeline":
            raise RuntimeError("figure cannot be serialised")
        return real(figure, *args, key=key, **kwargs)

    monkeypatch.setattr(st, "plotly_chart", picky)
    app = opened("viewer", "pages/projects.py")
    assert not app.exception, [e.value for e in app.exception]
    assert shown_warnings(app).count(t("chart_failed")) == 1
    assert len(app.get("plotly_chart")) == 2


def test_the_office_register_draws_every_projects_chart_without_a_failure() -> None:
    store = store_api.open_store()
    try:
        importing.import_file(store, register_xls(), kind="projects", user="test", file_name=FILE_NAME)
    finally:
        store.engine.dispose()
    for role in ("viewer", "staff"):
        app = opened(role, "pages/projects.py")
        assert not app.exception, [e.value for e in app.exception]
        assert not [w for w in shown_warnings(app) if w in (t("chart_failed"), t("table_failed"))]
        assert len(app.get("plotly_chart")) == 3
