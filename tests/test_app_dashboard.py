"""The dashboard driven through Streamlit's AppTest: every page, the filters, import, rollback.

Each test runs on its own SQLite file (conftest.py sets PUP_DATABASE_URL); the dashboard loads the
demo data into it on first start, unless PUP_NO_DEMO=1 asks for an empty store.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import openpyxl
import plotly.io as pio
from app_support import signed_in
from streamlit.testing.v1 import AppTest

from analytics import importing, metrics
from analytics import store as store_api
from analytics.catalogue import t
from analytics.config import DEMO_DIR
from analytics.reading.pipeline import check_file

PAGES = ("pages/overview.py", "pages/participation.py", "pages/projects.py", "pages/upload.py",
         "pages/history.py")
CHART_PAGES = ("pages/overview.py", "pages/participation.py", "pages/projects.py")
DEMO_BANNER_START = "Dane demonstracyjne"
DEMO_BANNER = t("demo_banner", "pl")
TABLE_EXPANDER = "Tabela z danymi wykresu"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The demo holds two programmes (cycles), 2017 and 2018, and the sidebar shows the most recent unless
# told. These tests pin the published 2017 cycle (demo_counts reads its file): they choose it.
DEMO_2017 = "Partnerstwo Lokalne 2017"


def start(role: str = "staff", **session: object) -> AppTest:
    """The dashboard run once with `role`'s account signed in (app_support.signed_in), showing the
    2017 demo programme (a `programme=` given names another)."""
    session.setdefault("programme", DEMO_2017)
    return signed_in(role, **session).run()


def open_page(app: AppTest, page: str) -> AppTest:
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metric_value(app: AppTest, label: str) -> str:
    values = [m.value for m in app.metric if m.label == label]
    assert values, f"no metric {label!r} among {[m.label for m in app.metric]}"
    return values[0]


def filter_box(app: AppTest, label: str):
    return next(m for m in app.sidebar.multiselect if m.label == label)


def demo_banner_shown(app: AppTest) -> bool:
    return any(w.value.startswith(DEMO_BANNER_START) for w in app.warning)


def plotly_charts(app: AppTest) -> list:
    return app.get("plotly_chart")


def figures(app: AppTest) -> list:
    """The page's plotly figures, as the browser receives them."""
    return [pio.from_json(chart.proto.spec, skip_invalid=True) for chart in plotly_charts(app)]


def values(data: object) -> list:
    """A trace's values as plotly sends numbers to the browser: a list, or a typed array in base64."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def chart_titles(app: AppTest) -> list[str]:
    """The titles of the page's plotly charts, one line each (a compact chart's title is wrapped)."""
    return [figure.layout.title.text.replace("<br>", " ") for figure in figures(app)]


def filter_widgets(app: AppTest) -> list[str]:
    """The labels of the sidebar's filter widgets (the meeting range and the multiselects)."""
    return [w.label for w in (*app.sidebar.select_slider, *app.sidebar.multiselect)]


# -- what the demo file says, read straight from it (not through the pipeline) -------------------


def demo_sign_in_sheet() -> tuple[list[str], list[list[object]]]:
    """The header row and the people rows of the demo attendance list (the totals row left out)."""
    sheet = openpyxl.load_workbook(DEMO_DIR / "lista_obecnosci_2017.xlsx", read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "Lp.")
    people = [r for r in rows[header_at + 1:] if isinstance(r[0], int)]
    return [str(h) for h in rows[header_at]], people


def demo_counts(sector: str | None = None, meetings: tuple[int, ...] = (1, 2, 3, 4, 5, 6)) -> tuple[int, int]:
    """(people, attendances) in the demo list for one sector (None: all) over the given meetings."""
    header, people = demo_sign_in_sheet()
    sector_at = header.index("Sektor")
    first_meeting = next(i for i, h in enumerate(header) if h.startswith("I\n"))
    participants = attendances = 0
    for row in people:
        if sector is not None and str(row[sector_at]).strip().lower() != sector:
            continue
        marks = sum(1 for m in meetings if row[first_meeting + m - 1] not in (None, ""))
        participants += marks > 0
        attendances += marks
    return participants, attendances


# -- a messy file, as the office makes them --------------------------------------------------------


def messy_attendance_xlsx() -> bytes:
    """A sign-in matrix under a merged title block, with `gm. Słupno`, `m. Płock`, a phone column
    and a totals row at the bottom."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Lista"
    sheet["A1"] = "Lista obecności – spotkania I i II"
    sheet.merge_cells("A1:H1")
    sheet["A2"] = "Powiatowy Urząd Pracy w Płocku"
    sheet.merge_cells("A2:H2")
    sheet.append([])
    sheet.append(["Lp.", "Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Telefon", "I", "II"])
    sheet.append([1, "Anna Nowak", "gm. Słupno", "kultura", "mieszkańcy", "600 100 200", "x", "x"])
    sheet.append([2, "KOWALSKI Jan", "m. Płock", "biznes", "przedsiębiorcy", "600 100 201", "x", ""])
    sheet.append([3, "Ewa Wiśniewska", "Gostynin", "oświata", "NGO", "", "", "x"])
    sheet.append([4, "Piotr Zając", "SŁUPNO", "rynek pracy", "JST", "", "x", "x"])
    sheet.append(["Razem", None, None, None, None, None, 3, 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def messy_projects_xlsx() -> bytes:
    """A projects register under a title, a status written the office's way, a totals row."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Projekty 2018"
    sheet["A1"] = "Rejestr projektów – stan na 30.06.2018"
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["Lp.", "Tytuł projektu", "Lider", "Status", "Budżet (zł)", "Miejsca pracy"])
    sheet.append([1, "Skarby Powiatu Płockiego", "Maria Lis", "w trakcie realizacji", 12000, 1])
    sheet.append([2, "Dowozik – dowiozę Cię tam gdzie chcesz", "Jan Kos", "koncepcja", 90000, 0])
    sheet.append(["Razem", None, None, None, 102000, 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(app: AppTest, *files: tuple[str, bytes]) -> AppTest:
    open_page(app, "pages/upload.py")
    app.file_uploader[0].set_value([(name, data, XLSX_MIME) for name, data in files]).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def store_upload(app: AppTest, mode: str = "replace") -> AppTest:
    radio = next(r for r in app.radio if r.label == "Jak zapisać ten plik?")
    radio.set_value(mode).run()
    button = next(b for b in app.button if b.label == "Zapisz jako nową wersję")
    button.click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


# -- the tests ---------------------------------------------------------------------------------------


def test_a_charts_table_is_drawn_when_its_expander_opens():
    app = start()
    open_page(app, "pages/participation.py")
    assert not app.dataframe                     # closed: nothing sent (staff's list is a toggle)
    app.session_state["numbers_by_sector"] = True
    app.run()
    table = app.dataframe[0].value
    assert table["Uczestnicy (osoby)"].sum() == demo_counts()[0]


def test_every_page_runs_on_the_demo_data_with_a_table_under_every_chart():
    app = start()
    assert not app.exception
    for page in PAGES:
        open_page(app, page)
        assert demo_banner_shown(app), page
        if page in CHART_PAGES:
            charts = plotly_charts(app)
            tables = [e for e in app.expander if e.label == TABLE_EXPANDER]
            assert charts, page
            assert len(tables) == len(charts), page
        if page == "pages/participation.py":
            assert [h for h in app.header if h.value == "Lista uczestników"]      # staff see the list
    open_page(app, "pages/overview.py")
    people, attendances = demo_counts()
    assert metric_value(app, "Uczestnicy (osoby)") == str(people)
    assert metric_value(app, "Obecności") == str(attendances)
    assert metric_value(app, "Projekty") == "7"


def test_every_page_runs_on_an_empty_store_and_points_to_the_import(monkeypatch):
    monkeypatch.setenv("PUP_NO_DEMO", "1")
    app = start()
    for page in PAGES:
        open_page(app, page)
        assert not demo_banner_shown(app), page
        assert not plotly_charts(app), page
        if page in CHART_PAGES:
            assert any("Import danych" in i.value for i in app.info), page
    assert store_api.list_versions(store_api.open_store()) == []


def test_sector_filter_shows_only_that_sectors_people_on_the_overview():
    app = start()
    open_page(app, "pages/overview.py")
    filter_box(app, "Sektor").set_value(["kultura"]).run()
    assert not app.exception
    people, attendances = demo_counts(sector="kultura")
    assert (people, attendances) != demo_counts()
    assert metric_value(app, "Uczestnicy (osoby)") == str(people)
    assert metric_value(app, "Obecności") == str(attendances)


def test_filters_offer_no_english_select_all_since_an_empty_filter_is_already_everything():
    app = start()
    boxes = app.sidebar.multiselect
    assert [box.label for box in boxes] == ["Sektor", "Grupa interesariuszy", "Gmina"]
    for box in boxes:
        assert box.proto.HasField("select_all") and box.proto.select_all == 0, box.label   # never shown
        assert box.placeholder == "Wszystkie" and box.value == []


def test_meeting_range_filter_counts_only_those_meetings_on_every_page():
    app = start()
    open_page(app, "pages/overview.py")
    app.sidebar.select_slider[0].set_range(5, 6).run()
    assert not app.exception
    people, attendances = demo_counts(meetings=(5, 6))
    assert metric_value(app, "Spotkania") == "2"
    assert metric_value(app, "Uczestnicy (osoby)") == str(people)
    assert metric_value(app, "Obecności") == str(attendances)
    # The filter stays as the user moves on, and the participation tables follow it.
    # (a chart's table is drawn once its expander is opened)
    app.session_state["numbers_by_sector"] = True
    open_page(app, "pages/participation.py")
    sector_table = app.dataframe[0].value
    assert sector_table["Uczestnicy (osoby)"].sum() == people


def test_import_page_stores_messy_files_and_the_demo_banner_goes_away():
    app = start()
    assert demo_banner_shown(app)
    upload(app, ("lista_spotkania_I_II.xlsx", messy_attendance_xlsx()),
           ("projekty.xlsx", messy_projects_xlsx()))
    assert any(m.value == "**Rozpoznano: lista obecności**" for m in app.markdown)
    assert any(m.value == "**Rozpoznano: rejestr projektów**" for m in app.markdown)
    # A sign-in matrix: a row is a person (4 people, 6 marks).
    assert [metric_value(app, "Przyjęte osoby (wiersze)"),
            metric_value(app, "Odrzucone osoby (wiersze)")] == ["4", "0"]
    store_upload(app, "replace")
    # The demo's two cycles are versions 1–4; the files go to the programme shown, 2017.
    assert any("jako wersję 5" in s.value for s in app.success)
    # Only the projects are still the demo: the banner says so, then goes once they are replaced too.
    assert [w.value for w in app.warning if w.value.startswith(DEMO_BANNER_START)] == [
        w.value for w in app.warning if "rejestr projektów" in w.value]
    store_upload(app, "replace")
    assert any("jako wersję 6" in s.value for s in app.success)
    assert not demo_banner_shown(app)
    the_store = store_api.open_store()
    p2017 = store_api.find_programme(the_store, DEMO_2017).id
    active = store_api.active_version(the_store, "attendance", p2017)
    assert active is not None and active.id == 5 and not active.demo
    assert active.file_name == "lista_spotkania_I_II.xlsx"
    assert len(store_api.active_frame(the_store, "attendance", p2017)) == 6   # 4 people, 6 marks; no totals
    assert store_api.active_version(the_store, "projects", p2017).id == 6
    # Every page shows the new data at once.
    open_page(app, "pages/overview.py")
    assert metric_value(app, "Uczestnicy (osoby)") == "4"
    assert metric_value(app, "Spotkania") == "2"
    assert metric_value(app, "Projekty") == "2"


def test_refused_file_shows_the_polish_error_and_is_recorded_in_the_audit_trail():
    app = start()
    name = "notatki **pilne** [link](http://example.com).xlsx"
    upload(app, (name, b"to nie jest arkusz, tylko tekst bez tabeli"))
    assert app.error and app.error[0].value.startswith("Nie znaleziono w pliku")
    # A file name is shown as written: its Markdown is escaped, never rendered.
    heading = next(h.value for h in app.header if h.value.startswith("Plik:"))
    assert "\\*\\*pilne\\*\\*" in heading and "\\[link\\]" in heading
    assert not [b for b in app.button if b.label == "Zapisz jako nową wersję"]
    actions = [entry.action for entry in store_api.audit_log(store_api.open_store(), 10)]
    assert "import_refused" in actions


def test_rollback_is_for_administrators_only():
    app = start("staff")
    importing.import_file(store_api.open_store(), messy_attendance_xlsx(), mode="replace", user="test",
                          file_name="lista.xlsx")
    open_page(app, "pages/history.py")
    assert app.get("dataframe")                                  # staff see the versions and the trail
    assert not [b for b in app.button if b.key and b.key.startswith("rollback_")]
    assert any(c.value == t("rollback_admin_only", "pl") for c in app.caption)


def test_rollback_with_confirmation_restores_the_demo_version():
    app = start("admin")
    the_store = store_api.open_store()
    importing.import_file(the_store, messy_attendance_xlsx(), mode="replace", user="test",
                          file_name="lista.xlsx", programme=DEMO_2017)
    open_page(app, "pages/history.py")
    assert not any(w.value == DEMO_BANNER for w in app.warning)     # only the projects are the demo now
    app.selectbox(key="rollback_choice_attendance").set_value(
        next(v for v in store_api.list_versions(the_store, "attendance") if v.id == 1)).run()
    button = app.button(key="rollback_attendance")
    assert button.disabled                      # nothing happens before the confirmation
    app.checkbox(key="rollback_sure_attendance_1").check().run()
    app.button(key="rollback_attendance").click().run()
    assert not app.exception
    p2017 = store_api.find_programme(the_store, DEMO_2017).id
    assert store_api.active_version(the_store, "attendance", p2017).id == 1
    assert any(w.value == DEMO_BANNER for w in app.warning)
    open_page(app, "pages/overview.py")
    assert metric_value(app, "Uczestnicy (osoby)") == str(demo_counts()[0])


def test_english_switch_translates_the_pages():
    app = start()
    app.sidebar.radio[0].set_value("en").run()
    open_page(app, "pages/overview.py")
    assert app.title[0].value == "Overview"
    assert any(m.label == "Participants (people)" for m in app.metric)
    assert any(w.value.startswith("Demo data") for w in app.warning)


def test_viewer_sees_no_participant_list_and_a_refusal_on_the_import_page():
    app = start("viewer")
    open_page(app, "pages/participation.py")
    assert plotly_charts(app)
    assert not [s for s in app.header if s.value == "Lista uczestników"]
    assert t("download_certificates", "pl") not in [b.label for b in app.get("download_button")]
    assert any(w.value == t("demo_banner_no_import", "pl") for w in app.warning)    # not sent to import
    open_page(app, "pages/upload.py")
    assert [e.value for e in app.error] == [t("page_refused", "pl")]
    assert not app.get("file_uploader") and not app.title


def test_gmina_filter_selects_the_projects_covering_it_on_the_overview_and_the_projects_page():
    from analytics import project_filter
    from analytics.metrics import Filters

    app = start()                                   # (loads the demo register)
    the_store = store_api.open_store()
    p2017 = store_api.find_programme(the_store, DEMO_2017).id
    register = store_api.active_frame(the_store, "projects", p2017)
    covering = project_filter.filter_projects(register, Filters(gminy=("Słupno",)))
    assert 0 < len(covering) < len(register)
    open_page(app, "pages/overview.py")
    filter_box(app, "Gmina").set_value(["Słupno"]).run()
    assert metric_value(app, "Projekty") == str(len(covering))
    open_page(app, "pages/projects.py")
    shown = app.dataframe[0].value[t("chart_col_title", "pl")].tolist()
    assert sorted(shown) == sorted(covering["title"])
    assert any(f"{len(covering)} z {len(register)}" in i.value for i in app.info)


def test_overview_puts_attendance_per_meeting_sectors_the_map_and_projects_by_status_on_one_page():
    app = start("viewer")
    people, attendances = demo_counts()
    titles = chart_titles(app)
    assert titles == [       # the left column, then the right one
        "Cykl spotkań od 25\u00a0maja 2017 do 7\u00a0grudnia 2017 (liczba spotkań: 6)",
        "Projekty według statusu (razem: 7)",
        "Uczestnicy z gmin powiatu płockiego i Płocka (osiągnięte gminy: 16 z 16)",
        f"Uczestnicy według sektora (razem: {people})",
    ]
    assert len([e for e in app.expander if e.label == TABLE_EXPANDER]) == 4       # a table under each
    # the attendance per meeting as bars, each with its number on it: they add up to the attendances
    programme = figures(app)[0]
    bars = programme.data[0]
    assert bars.type == "bar" and sum(values(bars.y)) == attendances
    assert list(bars.text) == [f"<b>{n}</b>" for n in values(bars.y)]
    # the demo's made-up dates are said on the chart itself
    assert "daty spotkań II, III, IV, V są przykładowe" in programme.layout.title.subtitle.text
    # the headline figures in one row, the projects' figures further down
    assert [m.label for m in app.metric][:7] == [
        "Spotkania", "Uczestnicy (osoby)", "Obecności", "Na ostatnim spotkaniu", "Średnio na spotkaniu",
        "Stali uczestnicy", "Gminy z uczestnikami"]
    assert metric_value(app, "Projekty") == "7"


def test_the_filters_show_only_on_the_pages_they_apply_to_and_keep_their_choice_elsewhere():
    app = start("admin")
    assert filter_widgets(app) == ["Spotkania (od – do)", "Sektor", "Grupa interesariuszy", "Gmina"]
    filter_box(app, "Sektor").set_value(["kultura"]).run()
    for page in ("pages/upload.py", "pages/history.py", "pages/accounts.py"):
        open_page(app, page)
        assert filter_widgets(app) == [], page
        assert not [h for h in app.sidebar.header if h.value == t("filters_heading", "pl")], page
    open_page(app, "pages/projects.py")
    assert filter_widgets(app) == ["Gmina"]                       # the projects apply only this one
    assert any(c.value == t("filters_help_gmina_only", "pl") for c in app.sidebar.caption)
    open_page(app, "pages/overview.py")
    assert filter_box(app, "Sektor").value == ["kultura"]         # chosen before the other pages
    assert metric_value(app, "Uczestnicy (osoby)") == str(demo_counts(sector="kultura")[0])


def test_retention_card_gives_no_change_when_the_comparison_covers_fewer_than_five_people():
    app = start("viewer")
    assert next(m for m in app.metric if m.label == "Stali uczestnicy").delta.endswith("pp")
    filter_box(app, "Gmina").set_value(["Bulkowo"]).run()
    # Bulkowo in the demo: two people, one of them new at the last meeting
    rows = check_file(DEMO_DIR / "lista_obecnosci_2017.xlsx").accepted
    bulkowo = metrics.apply_filters(rows, metrics.Filters(gminy=("Bulkowo",)))
    held = metrics.meeting_schedule(rows)
    before = metrics.attendance_figures(bulkowo, held["meeting"].tolist()[:-1])
    now = metrics.attendance_figures(bulkowo, held["meeting"].tolist())
    assert before.participants < 5 and now.retention != before.retention     # a change there would be
    card = next(m for m in app.metric if m.label == "Stali uczestnicy")
    assert card.value == f"{round(now.retention * 100)}%" and not card.delta
