"""Programmes (cycles) in the dashboard through AppTest: the sidebar's choice (the most recent by
default) that every page follows, the import page's choice of programme, History per programme, and the
comparison page for the director and staff."""

from __future__ import annotations

import datetime as dt

from builders import xlsx_bytes
from test_app_dashboard import figures, metric_value, open_page, start, upload

from analytics import importing
from analytics import store as store_api
from analytics.catalogue import t

P2017, P2018 = "Partnerstwo Lokalne 2017", "Partnerstwo Lokalne 2018"
CYCLE_2019 = [
    ["Jan Kowalski", "Słupno", "kultura", "mieszkańcy", 1, dt.date(2019, 4, 11)],
    ["Ewa Lis", "m. Płock", "biznes", "przedsiębiorcy", 1, dt.date(2019, 4, 11)],
]


def programme_box(app):  # noqa: ANN001, ANN201 - AppTest's Selectbox
    return next(s for s in app.sidebar.selectbox if s.label == t("programme_choice"))


def demo_figures(name: str) -> dict:
    store = store_api.open_store()
    try:
        return store_api.dataset_summaries(store, store_api.find_programme(store, name).id)
    finally:
        store.close()


def test_the_sidebar_offers_the_programmes_the_most_recent_first_and_chosen():
    app = start("viewer", programme=None)          # nothing chosen: the default

    box = programme_box(app)
    assert box.options == [P2018, P2017] and box.value == P2018
    assert metric_value(app, t("kpi_participants")) == str(demo_figures(P2018)["attendance"]["participants"])


def test_every_page_follows_the_programme_chosen_in_the_sidebar():
    app = start("staff", programme=None)          # the default, 2018
    programme_box(app).set_value(P2017).run()

    assert not app.exception, [e.value for e in app.exception]
    assert metric_value(app, t("kpi_participants")) == str(demo_figures(P2017)["attendance"]["participants"])
    assert metric_value(app, t("kpi_projects")) == "7"
    open_page(app, "pages/projects.py")
    assert programme_box(app).value == P2017
    titles = [f.layout.title.text or "" for f in figures(app)]
    assert titles and not any("8" == title.split()[-1] for title in titles)
    open_page(app, "pages/history.py")
    assert any(P2017 in c.value for c in app.caption)
    versions = app.dataframe[0].value
    assert len(versions) == 1                               # 2017's attendance list only, not 2018's


def test_an_upload_goes_to_the_programme_chosen_on_the_import_page_and_the_sidebar_follows():
    app = start("staff", programme=P2018)
    upload(app, ("lista_2019.xlsx", xlsx_bytes([
        ["Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Spotkanie", "Data spotkania"], *CYCLE_2019])))
    choice = next(s for s in app.selectbox if s.label == t("import_programme_choice"))
    assert choice.value == P2018                           # demo data only: the sidebar's programme
    choice.set_value("\x00new").run()
    blocked = [c.value for c in app.caption if c.value == t("confirm_disabled_programme")]
    assert blocked
    next(i for i in app.text_input if i.label == t("import_programme_new_name")).input("Cykl 2019").run()
    next(r for r in app.radio if r.label == "Jak zapisać ten plik?").set_value("replace").run()
    next(b for b in app.button if b.label == "Zapisz jako nową wersję").click().run()

    assert not app.exception, [e.value for e in app.exception]
    store = store_api.open_store()
    try:
        names = [p.name for p in store_api.list_programmes(store)]
        assert names == [P2017, P2018, "Cykl 2019"]         # the most recent: its meetings start last
        assert store_api.find_programme(store, P2018).attendance_version == 2     # untouched
    finally:
        store.close()
    app.run()
    assert programme_box(app).value == "Cykl 2019"


def test_the_director_sees_the_comparison_of_the_two_demo_cycles_with_the_change():
    app = start("viewer", programme=None)
    open_page(app, "pages/comparison.py")

    chosen = app.multiselect[0]
    assert chosen.value == [P2017, P2018]
    table = app.dataframe[0].value
    assert list(table.columns)[1:3] == [P2017, P2018]
    participants = table[table[t("cmp_col_figure")] == t("kpi_participants")].iloc[0].tolist()
    before = demo_figures(P2017)["attendance"]["participants"]
    after = demo_figures(P2018)["attendance"]["participants"]
    assert participants[1:] == [str(before), str(after), f"+{after - before}"]
    assert len(figures(app)) == 5
    sectors = next(f for f in figures(app) if f.layout.title.text == t("cmp_chart_sectors"))
    # one panel per programme, on one scale, the sectors in their own colours in both
    assert sectors.layout.xaxis.range == sectors.layout.xaxis2.range
    assert list(sectors.data[0].marker.color) == list(sectors.data[1].marker.color)
    # no person's name anywhere on the page
    page = str(app.main) + "".join(str(f.to_json()) for f in figures(app))
    assert "Wiśniewska" not in page


def test_the_comparison_asks_for_two_programmes():
    app = start("viewer")
    open_page(app, "pages/comparison.py")
    app.multiselect[0].set_value([P2018]).run()

    assert [i.value for i in app.info] == [t("comparison_choose_two")]
    assert not figures(app)


def test_an_administrator_renames_the_programme_on_the_history_page():
    app = start("admin", programme=None)          # the most recent, 2018
    open_page(app, "pages/history.py")
    name = next(i for i in app.text_input if i.label == t("programme_name_label"))
    name.input("Partnerstwo Lokalne – cykl II")        # a form's fields go with its button
    next(b for b in app.button if b.label == t("programme_save")).click().run()

    assert not app.exception, [e.value for e in app.exception]
    assert programme_box(app).value == "Partnerstwo Lokalne – cykl II"
    assert importing.DEMO_PROGRAMMES[1].name == P2018        # the demo's own name is unchanged
