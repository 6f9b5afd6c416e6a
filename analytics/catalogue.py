"""Every user-visible string, in Polish (default) and English, looked up by key."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

LANGUAGES = ("pl", "en")
_language: ContextVar[str] = ContextVar("language", default="pl")

# key: (Polish, English). Placeholders are str.format fields.
STRINGS: dict[str, tuple[str, str]] = {
    # -- files that cannot be read ---------------------------------------------------------------
    "error_empty_file": (
        "Plik jest pusty (0 bajtów). Wybierz plik z listą obecności lub rejestrem projektów i wyślij go ponownie.",
        "The file is empty (0 bytes). Choose a file with an attendance list or a projects register and upload it again.",
    ),
    "error_too_large": (
        "Plik ma {size} MB, a limit to {limit} MB. Usuń zbędne arkusze lub podziel plik i wyślij go ponownie.",
        "The file is {size} MB and the limit is {limit} MB. Remove sheets you do not need or split the file, then upload it again.",
    ),
    "error_corrupt": (
        "Pliku nie da się odczytać: jest uszkodzony lub niekompletny (np. przerwane pobieranie). Otwórz go w Excelu lub LibreOffice, zapisz ponownie jako .xlsx i wyślij jeszcze raz.",
        "The file cannot be read: it is damaged or incomplete (e.g. an interrupted download). Open it in Excel or LibreOffice, save it again as .xlsx and upload it again.",
    ),
    "error_password": (
        "Skoroszyt jest chroniony hasłem, więc nie da się go odczytać. Otwórz go w Excelu, usuń hasło (Plik › Informacje › Chroń skoroszyt) i wyślij ponownie.",
        "The workbook is password-protected, so it cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook) and upload it again.",
    ),
    "error_zip_bomb": (
        "Plik deklaruje {size} MB danych po rozpakowaniu – to nie wygląda na zwykły arkusz, więc go odrzucono. Zapisz dane w nowym pliku .xlsx i wyślij ponownie.",
        "The file declares {size} MB of data once unpacked – that is not an ordinary spreadsheet, so it was refused. Save the data in a new .xlsx file and upload it again.",
    ),
    "error_sheet_too_big": (
        "Arkusz „{sheet}” jest zbyt duży do odczytania (ponad 20 mln komórek, często przez przypadkowy wpis daleko poza tabelą). Usuń puste wiersze i kolumny poza tabelą i wyślij ponownie.",
        "Sheet “{sheet}” is too large to read (over 20 million cells, often due to a stray entry far outside the table). Delete the empty rows and columns outside the table and upload it again.",
    ),
    "error_not_spreadsheet": (
        "To nie jest arkusz kalkulacyjny. Obsługiwane są pliki .xlsx, .xls, .ods i .csv – zapisz dane w jednym z tych formatów i wyślij ponownie.",
        "This is not a spreadsheet. Supported files are .xlsx, .xls, .ods and .csv – save the data in one of these formats and upload it again.",
    ),
    "error_word_document": (
        "To dokument Word (.docx), a nie arkusz. Przenieś tabelę do Excela lub LibreOffice Calc, zapisz jako .xlsx i wyślij ponownie.",
        "This is a Word document (.docx), not a spreadsheet. Move the table into Excel or LibreOffice Calc, save it as .xlsx and upload it again.",
    ),
    "error_pdf": (
        "To dokument PDF, a nie arkusz. Wyślij oryginalny plik Excela (.xlsx, .xls), LibreOffice (.ods) lub CSV.",
        "This is a PDF document, not a spreadsheet. Upload the original Excel (.xlsx, .xls), LibreOffice (.ods) or CSV file.",
    ),
    "error_image": (
        "To obraz (np. zdjęcie lub skan), a nie arkusz. Przepisz listę do arkusza (.xlsx, .ods lub .csv) i wyślij ponownie.",
        "This is an image (e.g. a photo or a scan), not a spreadsheet. Type the list into a spreadsheet (.xlsx, .ods or .csv) and upload it again.",
    ),
    "error_html": (
        "To strona HTML lub plik XML, a nie arkusz. Otwórz go w Excelu i zapisz jako .xlsx, a potem wyślij ponownie.",
        "This is an HTML page or an XML file, not a spreadsheet. Open it in Excel, save it as .xlsx and upload it again.",
    ),
    "error_csv_broken": (
        "Plik CSV jest uszkodzony w okolicy wiersza {line} (np. niezamknięty cudzysłów). Popraw go lub zapisz ponownie z Excela i wyślij jeszcze raz.",
        "The CSV file is broken around line {line} (e.g. an unclosed quote). Fix it or save it again from Excel and upload it again.",
    ),
    "error_file_missing": (
        "Nie znaleziono pliku „{path}”. Sprawdź ścieżkę i nazwę pliku.",
        "File “{path}” was not found. Check the path and the file name.",
    ),
    "error_no_columns": (
        "Nie znaleziono w pliku ani listy obecności, ani rejestru projektów. {expected_attendance} {expected_projects} Sprawdź nagłówki kolumn i wyślij plik ponownie.",
        "The file holds neither an attendance list nor a projects register. {expected_attendance} {expected_projects} Check the column headers and upload the file again.",
    ),
    "error_no_columns_kind": (
        "Nie znaleziono w pliku kolumn {kind_name}. {expected} Sprawdź nagłówki kolumn i wyślij plik ponownie.",
        "The file has no columns of {kind_name}. {expected} Check the column headers and upload the file again.",
    ),
    "expected_attendance": (
        "Lista obecności potrzebuje kolumny „Imię i nazwisko” (albo „Imię” i „Nazwisko”) oraz kolumny „Spotkanie” lub „Data spotkania” albo kolumn kolejnych spotkań (I, II, III… lub ich dat).",
        "An attendance list needs a “Imię i nazwisko” column (name; or “Imię” and “Nazwisko”) and a “Spotkanie” (meeting) or “Data spotkania” (date) column, or one column per meeting (I, II, III… or their dates).",
    ),
    "expected_projects": (
        "Rejestr projektów potrzebuje kolumny „Tytuł projektu” oraz np. „Status”, „Lider”, „Budżet (zł)”.",
        "A projects register needs a “Tytuł projektu” (title) column and e.g. “Status”, “Lider”, “Budżet (zł)”.",
    ),
    "kind_name_attendance": ("listy obecności", "an attendance list"),
    "kind_name_projects": ("rejestru projektów", "a projects register"),
    "error_no_meeting": (
        "Nie wiadomo, którego spotkania dotyczy lista w arkuszu „{sheet}”: brak kolumny „Spotkanie” lub „Data spotkania”, kolumn kolejnych spotkań (I, II, …) i numeru spotkania w tytule lub nazwie arkusza. Dodaj kolumnę „Spotkanie” z numerem spotkania i wyślij ponownie.",
        "It is not known which meeting the list in sheet “{sheet}” is for: there is no “Spotkanie” or “Data spotkania” column, no per-meeting columns (I, II, …) and no meeting number in the title or sheet name. Add a “Spotkanie” column with the meeting number and upload it again.",
    ),
    "error_no_data_rows": (
        "Arkusz „{sheet}” ma nagłówki w wierszu {row}, ale pod nimi nie ma żadnych danych.",
        "Sheet “{sheet}” has headers in row {row} but no data below them.",
    ),
    # -- rejected rows ------------------------------------------------------------------------------
    "reject_no_person": ("Brak imienia i nazwiska uczestnika.", "The participant's name is missing."),
    "reject_no_title": ("Brak tytułu projektu.", "The project title is missing."),
    "reject_bad_date": (
        "Nie rozpoznano daty „{value}” (wpisz np. 07.12.2017).",
        "Date “{value}” was not recognised (write e.g. 07.12.2017).",
    ),
    "reject_impossible_date": (
        "Data „{value}” nie istnieje w kalendarzu.",
        "Date “{value}” does not exist in the calendar.",
    ),
    "reject_bad_meeting": (
        "Nie rozpoznano numeru spotkania „{value}” (wpisz np. 6 lub VI).",
        "Meeting number “{value}” was not recognised (write e.g. 6 or VI).",
    ),
    "reject_no_meeting": (
        "Brak numeru lub daty spotkania.",
        "The meeting number or date is missing.",
    ),
    "reject_meeting_of_date": (
        "Nie można ustalić numeru spotkania dla daty „{value}” – inne wiersze nie podają spotkania z tą datą.",
        "The meeting number for date “{value}” cannot be found – no other row gives the meeting held on that date.",
    ),
    "reject_duplicate_attendance": (
        "Powtórzony wpis: ta osoba jest już na liście spotkania {meeting} (wiersz {first_row}); pozostawiono tamten wpis.",
        "Repeated entry: this person is already on the list of meeting {meeting} (row {first_row}); that entry was kept.",
    ),
    "reject_no_marks": (
        "Nie zaznaczono obecności na żadnym spotkaniu.",
        "No attendance is marked for any meeting.",
    ),
    "reject_duplicate_project": (
        "Projekt o tym tytule jest już w wierszu {first_row}; pozostawiono tamten wpis.",
        "A project with this title is already in row {first_row}; that entry was kept.",
    ),
    "reject_not_a_number": (
        "Wartość „{value}” nie jest liczbą.",
        "Value “{value}” is not a number.",
    ),
    "reject_negative": (
        "Wartość „{value}” nie może być ujemna.",
        "Value “{value}” cannot be negative.",
    ),
    "reject_end_before_start": (
        "Data zakończenia ({end}) jest wcześniejsza niż data rozpoczęcia ({start}).",
        "The end date ({end}) is earlier than the start date ({start}).",
    ),
    "reject_sheet_prefix": ("Arkusz „{sheet}”: {reason}", "Sheet “{sheet}”: {reason}"),
    # -- warnings -------------------------------------------------------------------------------------
    "warn_sheets_used": (
        "Wczytano arkusz(e): {sheets}. Pominięto: {skipped} (brak rozpoznanych kolumn).",
        "Read sheet(s): {sheets}. Skipped: {skipped} (no recognised columns).",
    ),
    "warn_other_kind_sheet": (
        "Arkusz „{sheet}” wygląda na {kind_name} – sprawdzono tylko {checked}; wczytaj go osobno.",
        "Sheet “{sheet}” looks like {kind_name} – only {checked} was checked; load it separately.",
    ),
    "warn_ignored_columns": (
        "Pominięto kolumny, których panel nie potrzebuje (nie są zapisywane): {columns}.",
        "Columns the dashboard does not need were left out (not stored): {columns}.",
    ),
    "warn_duplicate_column": (
        "Kolumna „{header}” powtarza kolumnę „{first}” – użyto pierwszej.",
        "Column “{header}” repeats column “{first}” – the first one was used.",
    ),
    "warn_totals_row": (
        "Pominięto wiersz podsumowania „{value}” – to nie jest uczestnik.",
        "Skipped the totals row “{value}” – it is not a participant.",
    ),
    "warn_totals_row_project": (
        "Pominięto wiersz podsumowania „{value}” – to nie jest projekt.",
        "Skipped the totals row “{value}” – it is not a project.",
    ),
    "warn_gmina_corrected": (
        "Gminę „{value}” poprawiono na „{canonical}” ({count}).",
        "Gmina “{value}” corrected to “{canonical}” ({count}).",
    ),
    "warn_gmina_outside": (
        "„{value}” nie jest gminą powiatu płockiego ani Płockiem – zachowano i liczono jako „spoza powiatu” ({count}).",
        "“{value}” is not a gmina of powiat płocki nor Płock – kept and counted as outside the county ({count}).",
    ),
    "warn_vocab_corrected": (
        "{column_name}: „{value}” odczytano jako „{canonical}” ({count}).",
        "{column_name}: “{value}” read as “{canonical}” ({count}).",
    ),
    "warn_vocab_unknown": (
        "{column_name}: „{value}” – brak w słowniku; zachowano jako „inne” z oryginalnym tekstem ({count}). Słownik można rozszerzyć w data/vocabularies.toml.",
        "{column_name}: “{value}” is not in the vocabulary – kept as “inne” (other) with the original text ({count}). The vocabulary can be extended in data/vocabularies.toml.",
    ),
    "warn_unknown_mark": (
        "Znak „{value}” w kolumnie spotkania nie jest znanym oznaczeniem obecności – przyjęto go jako obecność ({count}).",
        "Mark “{value}” in a meeting column is not a known attendance mark – taken as present ({count}).",
    ),
    "warn_same_person_spellings": (
        "Ta sama osoba zapisana na różne sposoby: {spellings} – liczona jako jedna osoba.",
        "The same person written in different ways: {spellings} – counted as one person.",
    ),
    "warn_meetings_by_date": (
        "Spotkania nie mają numerów – ponumerowano je według dat: {numbering}.",
        "Meetings carry no numbers – they were numbered in date order: {numbering}.",
    ),
    "warn_meetings_by_position": (
        "Nie wszystkie kolumny spotkań mają numer lub datę – ponumerowano je kolejno od lewej.",
        "Not every meeting column has a number or a date – they were numbered from left to right.",
    ),
    "warn_meeting_dates_differ": (
        "Spotkanie {meeting} ma w pliku różne daty: {dates}.",
        "Meeting {meeting} has different dates in the file: {dates}.",
    ),
    "warn_meeting_from_title": (
        "Numer spotkania ({meeting}) odczytano z {where}: „{text}”.",
        "The meeting number ({meeting}) was read from {where}: “{text}”.",
    ),
    "where_sheet_name": ("nazwy arkusza", "the sheet name"),
    "where_title": ("tytułu nad tabelą", "the title above the table"),
    "warn_future_date": (
        "Data „{value}” jest w przyszłości – sprawdź, czy to nie pomyłka ({count}).",
        "Date “{value}” is in the future – check it is not a typo ({count}).",
    ),
    "warn_empty_status": (
        "Projekt nie ma statusu – liczony jako „brak danych”.",
        "The project has no status – counted as “brak danych” (no data).",
    ),
    "count_rows": ("wiersze: {rows}", "rows: {rows}"),
    "column_sector": ("Sektor", "Sector"),
    "column_group": ("Grupa", "Group"),
    "column_status": ("Status", "Status"),
    "column_gmina": ("Gmina", "Gmina"),
    "rejected_reasons_header": ("Powody odrzucenia", "Reasons for rejection"),
    "rejected_row_header": ("Wiersz", "Row"),
    "rejected_sheet_header": ("Arkusz", "Sheet"),
    # -- the text report of check -------------------------------------------------------------------
    "report_title": ("Sprawdzenie pliku: {file}", "Check of file: {file}"),
    "report_format": ("Format: {format}; rodzaj danych: {kind}", "Format: {format}; kind of data: {kind}"),
    "kind_label_attendance": ("lista obecności", "attendance list"),
    "kind_label_projects": ("rejestr projektów", "projects register"),
    "report_sheet": ("Arkusz: {sheet}; nagłówki w wierszu {row}", "Sheet: {sheet}; headers in row {row}"),
    "report_header_row": ("Nagłówki w wierszu {row}", "Headers in row {row}"),
    "report_counts": (
        "Wiersze z danymi: {read} – przyjęte: {accepted}, odrzucone: {rejected}",
        "Data rows: {read} – accepted: {accepted}, rejected: {rejected}",
    ),
    "report_attendance": (
        "Spotkania: {meetings}; uczestnicy (osoby): {participants}; obecności: {attendances}",
        "Meetings: {meetings}; participants (people): {participants}; attendances: {attendances}",
    ),
    "report_projects": ("Projekty: {projects}; według statusu:", "Projects: {projects}; by status:"),
    "report_by_meeting": ("  Obecności na spotkaniach:", "  Attendances per meeting:"),
    "report_by_sector": ("  Uczestnicy według sektora:", "  Participants by sector:"),
    "report_by_group": ("  Uczestnicy według grupy:", "  Participants by group:"),
    "report_by_gmina": ("  Uczestnicy według gminy:", "  Participants by gmina:"),
    "report_rejected_heading": ("Odrzucone ({count}):", "Rejected ({count}):"),
    "report_warnings_heading": ("Ostrzeżenia i poprawki ({count}):", "Warnings and corrections ({count}):"),
    "report_row": ("wiersz {row}", "row {row}"),
    "report_more": ("  … i {count} więcej (pełna lista: --json)", "  … and {count} more (full list: --json)"),
    "report_refused": ("Nie udało się wczytać pliku {file}:", "The file {file} could not be read:"),
    "error_internal": (
        "Wystąpił nieoczekiwany błąd programu przy czytaniu tego pliku ({detail}). Plik nie został zapisany. Zgłoś to administratorowi i dołącz plik.",
        "An unexpected program error occurred while reading this file ({detail}). Nothing was stored. Report it to the administrator with the file.",
    ),
}


def current_language() -> str:
    return _language.get()


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Render every string inside the block in `lang` ("pl" or "en")."""
    token = _language.set(lang if lang in LANGUAGES else "pl")
    try:
        yield
    finally:
        _language.reset(token)


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The string `key` in the current language, with `params` filled in."""
    polish, english = STRINGS[key]
    text = english if (lang or _language.get()) == "en" else polish
    return text.format(**params) if params else text
