"""The import page through Streamlit's AppTest: the three ways of saving with their effect in numbers,
the messages after saving, History's mode and counts, and the tables and labels of a checked file.

The sign-in sheets are those of tests/sign_in_sheets.py (real .xlsx files); the first one is in the
store before the page opens, as if imported earlier.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile

import pandas as pd
import sign_in_sheets
from builders import xlsx_bytes
from test_app_dashboard import demo_counts, metric_value, open_page, start, upload

from analytics import importing
from analytics import store as store_api
from analytics.catalogue import t

MODE_CHOICE = "Jak zapisać ten plik?"
SAVE = "Zapisz jako nową wersję"


def with_first_sheet_stored() -> None:
    """Kasia's sheet (17 attendances of 5 people at meetings I–VI) is the active attendance list."""
    name = "lista_kasi.xlsx"
    outcome = importing.import_file(store_api.open_store(), sign_in_sheets.sheets()[name], mode="replace",
                                    user="kasia", file_name=name)
    assert isinstance(outcome, store_api.ImportOutcome) and outcome.dataset_rows == 17


def unescaped(text: str) -> str:
    """Text the page escaped for Markdown (a backslash before punctuation), as the browser shows it."""
    return re.sub(r"\\(.)", r"\1", text)


def as_shown(table: pd.DataFrame) -> pd.DataFrame:
    """An st.table's cells as the browser shows them (st.table reads Markdown: the page escapes them)."""
    return table.map(unescaped)


def mode_radio(app):  # noqa: ANN001, ANN201 - AppTest's Radio
    return next(r for r in app.radio if r.label == MODE_CHOICE)


def save(app, mode: str):  # noqa: ANN001, ANN201
    mode_radio(app).set_value(mode).run()
    next(b for b in app.button if b.label == SAVE).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_three_ways_of_saving_are_offered_each_with_what_it_would_change():
    with_first_sheet_stored()
    app = upload(start(), ("lista_marka.xlsx", sign_in_sheets.sheets()["lista_marka.xlsx"]))

    radio = mode_radio(app)
    assert radio.options == [t("mode_replace_long"), t("mode_append_long"), t("mode_merge_long")]
    assert list(radio.proto.captions) == [
        "Zastąpi wszystkie dane plikiem (spotkania: I–VI): 17 → 12 obecności, 5 → 4 osoby.",
        "Zastąpi spotkania I–VI: 17 → 12 obecności, 5 → 4 osoby.",
        "Doda osoby do spotkań I–VI (I +1, II +1, III +1, IV +2, V +2, VI +1): "
        "17 → 25 obecności, 5 → 7 osób.",
    ]
    assert not [i for i in app.info if i.value.startswith("Po zapisie")]

    radio.set_value("append").run()
    assert [i.value for i in app.info if i.value.startswith("Po zapisie")] == [
        "Po zapisie: zastąpi spotkania I–VI: 17 → 12 obecności, 5 → 4 osoby."]


def test_merge_saves_the_union_and_says_what_it_added_and_history_shows_mode_and_counts():
    with_first_sheet_stored()
    app = upload(start(), ("lista_marka.xlsx", sign_in_sheets.sheets()["lista_marka.xlsx"]))

    save(app, "merge")

    flash = next(s.value for s in app.success if s.value.startswith("Zapisano plik"))
    assert "Dodano osoby do spotkań I–VI (I +1, II +1, III +1, IV +2, V +2, VI +1): " \
           "17 → 25 obecności, 5 → 7 osób." in flash
    confirmation = [s.value for s in app.success if s.value.startswith("Zapisano jako wersję")]
    assert len(confirmation) == 1 and "17 → 25 obecności" in confirmation[0]
    assert not [i for i in app.info if "identyczny" in i.value]
    assert len(store_api.active_frame(store_api.open_store(), "attendance")) == 25

    open_page(app, "pages/history.py")
    versions = app.dataframe[0].value
    assert versions[t("col_mode")].tolist()[:2] == ["połącz listy", "zastąp wszystko"]
    assert versions[t("col_before_after")].tolist()[:2] == [
        "17 → 25 obecności, 5 → 7 osób", "0 → 17 obecności, 0 → 5 osób"]


def test_a_second_and_third_sheet_merged_in_the_page_give_every_person_once():
    with_first_sheet_stored()
    app = upload(start(), ("lista_marka.xlsx", sign_in_sheets.sheets()["lista_marka.xlsx"]))
    save(app, "merge")
    upload(app, ("lista_oli.xlsx", sign_in_sheets.sheets()["lista_oli.xlsx"]))

    assert list(mode_radio(app).proto.captions)[2] == (
        "Doda osoby do spotkań II–IV, VI (II +1, III +1, IV +1, VI +1): 25 → 29 obecności, 7 → 8 osób.")
    save(app, "merge")

    frame = store_api.active_frame(store_api.open_store(), "attendance")
    assert (len(frame), frame["person_key"].nunique()) == sign_in_sheets.A_B_C_COUNTS


def test_a_file_identical_to_the_active_version_reads_as_a_duplicate_not_as_saved():
    with_first_sheet_stored()
    app = upload(start(), ("lista_kasi.xlsx", sign_in_sheets.sheets()["lista_kasi.xlsx"]))

    save(app, "merge")

    assert [i.value for i in app.info if "identyczny" in i.value] == [
        "Plik lista\\_kasi\\.xlsx jest identyczny z aktywną wersją 1 – niczego nie zapisano.",
        "Ten plik jest identyczny z aktywną wersją 1 – nie zapisano go ponownie."]
    assert not [s for s in app.success if s.value.startswith("Zapisano")]


def test_a_projects_register_offers_replace_and_add_or_update():
    projects = xlsx_bytes([["Tytuł projektu", "Lider", "Status"],
                           ["Skarby Powiatu Płockiego", "Maria Lis", "w realizacji"],
                           ["Nowy projekt", "Jan Kos", "pomysł"]], sheet="Projekty")
    app = upload(start(), ("projekty.xlsx", projects))

    radio = mode_radio(app)
    assert radio.options == [t("mode_replace_long_projects"), t("mode_append_long_projects")]
    assert list(radio.proto.captions) == [
        "Zastąpi demonstracyjny rejestr projektów plikiem: 7 → 2 projekty.",
        "Zastąpi demonstracyjny rejestr projektów plikiem: 7 → 2 projekty.",
    ]
    assert metric_value(app, "Przyjęte projekty") == "2"


# -- the tables and labels of a checked file ---------------------------------------------------------


def long_list_by_dates() -> bytes:
    """A list with a meeting date on every row and no meeting numbers (numbered from the dates, said
    in a note about the whole file), one person without an institution, one repeated row."""
    return xlsx_bytes([
        ["Imię i nazwisko", "Instytucja", "Gmina", "Data spotkania"],
        ["Jan Kowalski", None, "Słupno", "25.05.2017"],
        ["Anna Nowak", "UG Bielsk", "Bielsk", "25.05.2017"],
        ["Anna Nowak", "UG Bielsk", "Bielsk", "20.06.2017"],
        ["Jan Kowalski", None, "Słupno", "25.05.2017"],
    ])


def test_the_check_tables_show_empty_cells_never_none_and_meetings_in_roman_numerals():
    app = upload(start(), ("lista_dat.xlsx", long_list_by_dates()))

    preview = app.dataframe[0]
    assert preview.proto.placeholder == ""           # a missing number shows as an empty cell
    table = preview.value
    assert table[t("field_meeting")].tolist() == ["I", "I", "II"]
    assert table[t("field_institution")].tolist() == ["", "UG Bielsk", "UG Bielsk"]
    problems, notices = (as_shown(element.value) for element in app.table)
    assert problems[t("col_row")].tolist() == ["5"]
    assert "na liście spotkania I (wiersz 2)" in problems[t("col_reason")].iloc[0]
    file_note = notices[notices[t("col_message")].str.startswith("Spotkania nie mają numerów")]
    assert file_note[t("col_row")].tolist() == [""]
    assert file_note[t("col_message")].iloc[0].endswith("według dat: I = 25.05.2017, II = 20.06.2017.")
    for table in (problems, notices):
        assert not table.isin(["None", "nan", "<NA>"]).any().any(), table


def test_a_long_reason_is_in_a_table_that_wraps_its_text():
    app = upload(start(), ("lista_dat.xlsx", long_list_by_dates()))

    # st.table wraps a cell's text; st.dataframe would draw it on one line, cut at the edge.
    assert len(app.table) == 2 and len(app.dataframe) == 1
    reason = app.table[0].value[t("col_reason")].iloc[0]
    assert len(reason) > 80


def test_the_row_counts_say_what_a_row_is_for_each_shape_of_list():
    app = upload(start(), ("lista_kasi.xlsx", sign_in_sheets.sheets()["lista_kasi.xlsx"]),
                 ("lista_dat.xlsx", long_list_by_dates()))

    labels = [m.label for m in app.metric]
    assert labels[:3] == ["Wiersze listy (osoby)", "Przyjęte osoby (wiersze)", "Odrzucone osoby (wiersze)"]
    assert labels[4:7] == ["Wiersze listy (obecności)", "Przyjęte obecności (wiersze)", "Odrzucone wiersze"]
    values = [m.value for m in app.metric]
    assert values[:2] == ["5", "5"] and values[4:6] == ["4", "3"]
    helps = [m.proto.help for m in app.metric]
    assert "jeden wiersz to jedna osoba" in helps[1] and "przyjęte obecności: 17" in helps[1]
    assert "jeden wiersz to obecność jednej osoby na jednym spotkaniu" in helps[5]


def word_document() -> bytes:
    """A minimal .docx: a zip with word/document.xml (the reader knows Word by that member)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_the_uploader_takes_any_file_and_the_reader_refuses_a_word_document_in_polish():
    app = upload(start(), ("lista.docx", word_document()))

    assert list(app.get("file_uploader")[0].proto.type) == []      # no type= restriction
    assert [unescaped(e.value) for e in app.error] == [t("error_word_document")]
    assert not [b for b in app.button if b.label == SAVE]


def test_the_page_carries_the_uploaders_texts_in_polish_for_its_script():
    app = open_page(start(), "pages/upload.py")

    bodies = [h.proto.body for h in app.get("html") if "data-uploader-texts" in h.proto.body]
    assert len(bodies) == 1
    texts = json.loads(html.unescape(re.search(r'data-uploader-texts="([^"]*)"', bodies[0]).group(1)))
    assert texts["current"]["button"] == "Wybierz pliki" and texts["current"]["remove"] == "Usuń plik {file}"
    # Streamlit's "Upload" and the English text are both replaced by the Polish one.
    assert texts["variants"]["Upload"] == texts["variants"]["Choose files"] == "button"
    assert "„Wybierz pliki”" in app.caption[0].value and "Upload" not in app.caption[0].value


def test_the_demo_data_replaced_by_a_merge_is_said_beforehand():
    demo_people, demo_attendances = demo_counts()
    app = upload(start(), ("lista_kasi.xlsx", sign_in_sheets.sheets()["lista_kasi.xlsx"]))

    expected = ("Zastąpi dane demonstracyjne listą z pliku (spotkania: I–VI): "
                f"{demo_attendances} → 17 obecności, {demo_people} → 5 osób.")
    assert list(mode_radio(app).proto.captions) == [expected] * 3


def test_the_kind_choice_says_choose_in_polish_when_it_is_cleared():
    app = upload(start(), ("lista_kasi.xlsx", sign_in_sheets.sheets()["lista_kasi.xlsx"]))
    kind = next(box for box in app.selectbox if box.label == t("kind_choice", "pl"))

    assert kind.proto.placeholder == t("choose_option", "pl") == "Wybierz…"     # not "Choose an option"
