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
    "warn_no_data_rows": (
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
    # -- dashboard pages ----------------------------------------------------------------------------
    "app_title": ("Partnerstwo Lokalne – PUP Płock", "Local Partnership – PUP Płock"),
    "app_caption": (
        "Powiatowy Urząd Pracy w Płocku · cykl warsztatów „Budowanie Partnerstwa Lokalnego”",
        "County Labour Office in Płock · workshop cycle “Building a Local Partnership”",
    ),
    "language_label": ("Język / Language", "Język / Language"),
    "nav_overview": ("Przegląd", "Overview"),
    "nav_participation": ("Uczestnictwo", "Participation"),
    "nav_projects": ("Projekty", "Projects"),
    "nav_import": ("Import danych", "Import"),
    "nav_history": ("Historia", "History"),
    "filters_heading": ("Filtry", "Filters"),
    "filters_help": (
        "Filtry działają na wszystkich wykresach tej strony i zostają wybrane na innych stronach. Puste pole "
        "oznacza: wszystkie.",
        "The filters apply to every chart on this page and stay chosen on the other pages. An empty box "
        "means: all.",
    ),
    "filters_help_gmina_only": (
        "Na tej stronie działa tylko filtr gmin: pokazuje projekty obejmujące którąkolwiek z wybranych gmin. "
        "Pozostałe filtry działają na stronach Przegląd i Uczestnictwo.",
        "On this page only the gmina filter applies: it shows the projects covering any of the chosen gminy. "
        "The other filters apply on the Overview and Participation pages.",
    ),
    "filter_meetings": ("Spotkania (od – do)", "Meetings (from – to)"),
    "filter_one_meeting": ("Dane obejmują jedno spotkanie: {meeting}.", "The data covers one meeting: {meeting}."),
    "filter_sector": ("Sektor", "Sector"),
    "filter_group": ("Grupa interesariuszy", "Stakeholder group"),
    "filter_gmina": ("Gmina", "Gmina"),
    "filter_all": ("Wszystkie", "All"),
    # Streamlit's own words in its dropdowns, said in the UI's language (pages/_document.py)
    "no_results": ("Brak wyników", "No results"),
    "choose_option": ("Wybierz…", "Choose…"),
    "filter_reset": ("Wyczyść filtry", "Clear the filters"),
    "filters_active": ("Aktywne filtry: {filters}.", "Active filters: {filters}."),
    "data_as_of_heading": ("Stan danych", "Data as of"),
    "data_as_of": (
        "{kind}: wersja {version}, {when}, {user}",
        "{kind}: version {version}, {when}, {user}",
    ),
    "data_as_of_none": ("{kind}: brak danych", "{kind}: no data"),
    "demo_banner": (
        "Dane demonstracyjne: panel pokazuje przykładowe dane programu z 2017 r. (osoby i obecności są fikcyjne). Wgraj własne pliki na stronie „Import danych”, a ten komunikat zniknie.",
        "Demo data: the dashboard shows illustrative data of the 2017 programme (people and attendance are fictional). Upload your own files on the “Import” page and this notice goes away.",
    ),
    "demo_banner_partial": (
        "Dane demonstracyjne: {kind} to nadal przykładowe dane programu z 2017 r. Wgraj własny plik na stronie „Import danych”, a ten komunikat zniknie.",
        "Demo data: the {kind} is still the illustrative data of the 2017 programme. Upload your own file on the “Import” page and this notice goes away.",
    ),
    "demo_banner_no_import": (
        "Dane demonstracyjne: panel pokazuje przykładowe dane programu z 2017 r. (osoby i obecności są fikcyjne), dopóki pracownicy nie wgrają własnych plików.",
        "Demo data: the dashboard shows illustrative data of the 2017 programme (people and attendance are fictional) until staff upload the office's own files.",
    ),
    "demo_banner_partial_no_import": (
        "Dane demonstracyjne: {kind} to nadal przykładowe dane programu z 2017 r., dopóki pracownicy nie wgrają własnego pliku.",
        "Demo data: the {kind} is still the illustrative data of the 2017 programme until staff upload the office's own file.",
    ),
    "store_unavailable": (
        "Nie można otworzyć bazy danych panelu. Sprawdź ustawienie PUP_DATABASE_URL lub zgłoś to administratorowi.",
        "The dashboard's database cannot be opened. Check the PUP_DATABASE_URL setting or report it to the administrator.",
    ),
    "loading_store": ("Przygotowuję dane…", "Preparing the data…"),
    "empty_store": (
        "Brak danych do pokazania. Wgraj listę obecności lub rejestr projektów na stronie „Import danych”.",
        "There is no data to show yet. Upload an attendance list or a projects register on the “Import” page.",
    ),
    "empty_attendance": (
        "Nie wgrano jeszcze listy obecności. Wgraj ją na stronie „Import danych”.",
        "No attendance list has been uploaded yet. Upload one on the “Import” page.",
    ),
    "empty_projects": (
        "Nie wgrano jeszcze rejestru projektów. Wgraj go na stronie „Import danych”.",
        "No projects register has been uploaded yet. Upload one on the “Import” page.",
    ),
    "empty_filtered": (
        "Wybrane filtry nie obejmują żadnych obecności. Zmień filtry lub kliknij „Wyczyść filtry”.",
        "The chosen filters match no attendance. Change the filters or click “Clear the filters”.",
    ),
    "go_to_import": ("Przejdź do importu danych", "Go to the import"),
    "table_of_chart": ("Tabela z danymi wykresu", "Table with the chart's numbers"),
    "download_csv": ("Pobierz tabelę (CSV)", "Download the table (CSV)"),
    "download_xlsx": ("Pobierz tabelę (Excel)", "Download the table (Excel)"),
    "no_numbers": ("Brak danych do pokazania.", "No data to show."),
    "yes": ("tak", "yes"),
    "no": ("nie", "no"),
    # upload page
    "upload_title": ("Import danych", "Import"),
    "upload_intro": (
        "Wgraj listę obecności lub rejestr projektów (.xlsx, .xls, .ods, .csv). Każdy plik zostanie najpierw sprawdzony; zapisujesz go dopiero przyciskiem „Zapisz jako nową wersję”. Nic nie jest usuwane: każdą wersję można przywrócić na stronie „Historia”.",
        "Upload an attendance list or a projects register (.xlsx, .xls, .ods, .csv). Each file is checked first; it is stored only when you click “Store as a new version”. Nothing is deleted: every version can be restored on the “History” page.",
    ),
    "upload_label": ("Pliki do wczytania (.xlsx, .xls, .ods, .csv)", "Files to read (.xlsx, .xls, .ods, .csv)"),
    "upload_how": (
        "Przeciągnij pliki na pole poniżej albo kliknij „Wybierz pliki”. Można wgrać kilka plików naraz, do {limit} MB każdy.",
        "Drag the files onto the box below or click “Choose files”. Several files can be uploaded at once, up to {limit} MB each.",
    ),
    "templates_heading": ("Puste szablony do wypełnienia", "Blank templates to fill in"),
    "templates_intro": (
        "Szablony mają nagłówki, które panel rozpoznaje. Można też wgrywać własne arkusze – panel odczyta typowe nagłówki.",
        "The templates carry headers the dashboard recognises. Your own sheets work too – the dashboard reads the usual headers.",
    ),
    "template_download": ("Pobierz: {file}", "Download: {file}"),
    "checking_file": ("Sprawdzam plik {file}…", "Checking file {file}…"),
    "checked_file": ("Sprawdzono plik {file}", "Checked file {file}"),
    "refused_file": ("Nie udało się wczytać pliku {file}", "File {file} could not be read"),
    "file_heading": ("Plik: {file}", "File: {file}"),
    "kind_choice": ("Rodzaj danych", "Kind of data"),
    "kind_auto": ("rozpoznaj automatycznie", "detect automatically"),
    "kind_detected": ("Rozpoznano: {kind}", "Detected: {kind}"),
    "file_details": (
        "Format: {format} · arkusz: {sheet} · nagłówki w wierszu {row}",
        "Format: {format} · sheet: {sheet} · headers in row {row}",
    ),
    # What a row of the file is, by its shape: a person (sign-in matrix), an attendance (a list with
    # a meeting on every row), either (sheets of both shapes), a project.
    "metric_rows_read_wide": ("Wiersze listy (osoby)", "List rows (people)"),
    "metric_rows_accepted_wide": ("Przyjęte osoby (wiersze)", "People accepted (rows)"),
    "metric_rows_rejected_wide": ("Odrzucone osoby (wiersze)", "People rejected (rows)"),
    "metric_rows_read_long": ("Wiersze listy (obecności)", "List rows (attendances)"),
    "metric_rows_accepted_long": ("Przyjęte obecności (wiersze)", "Attendances accepted (rows)"),
    "metric_rows_rejected_long": ("Odrzucone wiersze", "Rows rejected"),
    "metric_rows_read_mixed": ("Wiersze z danymi", "Data rows"),
    "metric_rows_accepted_mixed": ("Przyjęte wiersze", "Rows accepted"),
    "metric_rows_rejected_mixed": ("Odrzucone wiersze", "Rows rejected"),
    "metric_rows_read_projects": ("Wiersze z projektami", "Project rows"),
    "metric_rows_accepted_projects": ("Przyjęte projekty", "Projects accepted"),
    "metric_rows_rejected_projects": ("Odrzucone wiersze", "Rows rejected"),
    "metric_rows_help_wide": (
        "Lista do podpisu w układzie tabeli: jeden wiersz to jedna osoba, a jej obecności to zaznaczenia w kolumnach spotkań (przyjęte obecności: {attendances}).",
        "A sign-in matrix: one row is one person, and their attendances are the marks in the meeting columns (attendances accepted: {attendances}).",
    ),
    "metric_rows_help_long": (
        "Lista w układzie wierszy: jeden wiersz to obecność jednej osoby na jednym spotkaniu (przyjęte osoby: {participants}).",
        "A list of rows: one row is one person's attendance at one meeting (people accepted: {participants}).",
    ),
    "metric_rows_help_mixed": (
        "Arkusze mają różny układ: wiersz listy do podpisu to osoba, wiersz listy spotkań to jedna obecność (przyjęte obecności: {attendances}, osoby: {participants}).",
        "The sheets differ in shape: a sign-in matrix row is a person, a list row is one attendance (attendances accepted: {attendances}, people: {participants}).",
    ),
    "metric_warnings": ("Poprawki i ostrzeżenia", "Corrections and warnings"),
    "file_summary_attendance": (
        "W pliku: spotkania {meetings}, uczestnicy (osoby) {participants}, obecności {attendances}.",
        "In the file: meetings {meetings}, participants (people) {participants}, attendances {attendances}.",
    ),
    "file_summary_projects": ("W pliku: projekty {projects}.", "In the file: projects {projects}."),
    "file_meetings": (
        "Spotkania w pliku: {file_meetings}. Spotkania w obecnych danych: {active_meetings}.",
        "Meetings in the file: {file_meetings}. Meetings in the current data: {active_meetings}.",
    ),
    "none_short": ("brak", "none"),
    "preview_heading": ("Podgląd przyjętych wierszy (pierwsze {limit})", "Preview of the accepted rows (first {limit})"),
    "rejected_heading": ("Odrzucone wiersze ({count})", "Rejected rows ({count})"),
    "rejected_intro": (
        "Te wiersze nie zostaną zapisane. Pobierz je, popraw w arkuszu i wgraj ponownie (numer wiersza to numer w Twoim arkuszu).",
        "These rows will not be stored. Download them, fix them in the spreadsheet and upload again (the row number is the one in your spreadsheet).",
    ),
    "rejected_download": ("Pobierz odrzucone wiersze (.xlsx)", "Download the rejected rows (.xlsx)"),
    "rejected_sheet_title": ("Odrzucone", "Rejected"),
    "warnings_heading": ("Poprawki i ostrzeżenia ({count})", "Corrections and warnings ({count})"),
    "mode_choice": ("Jak zapisać ten plik?", "How should this file be stored?"),
    # the mode as History and the audit trail name it (the import page says it in full)
    "mode_replace": ("zastąp wszystko", "replace everything"),
    "mode_append": ("dodaj lub zastąp", "add or replace"),
    "mode_merge": ("połącz listy", "merge lists"),
    "mode_replace_long": (
        "Zastąp wszystko – plik zawiera cały zbiór (wszystkie spotkania)",
        "Replace everything – the file holds the whole dataset (every meeting)",
    ),
    "mode_append_long": (
        "Dodaj lub zastąp całe spotkania – spotkanie z pliku zastępuje całą listę tego spotkania, pozostałe spotkania zostają",
        "Add or replace whole meetings – a meeting in the file replaces that meeting's whole list, the other meetings stay",
    ),
    "mode_merge_long": (
        "Połącz listy tych samych spotkań – osoby z pliku dochodzą do osób już zapisanych na tych spotkaniach (np. kilka list podpisów z jednego spotkania; kto jest na obu listach, liczy się raz)",
        "Merge lists of the same meetings – the file's people join those already recorded at these meetings (e.g. several sign-in sheets of one meeting; whoever is on both lists counts once)",
    ),
    "mode_replace_long_projects": (
        "Zastąp wszystko – plik zawiera cały rejestr projektów",
        "Replace everything – the file holds the whole projects register",
    ),
    "mode_append_long_projects": (
        "Dodaj lub zaktualizuj projekty – projekt o tym samym tytule zostanie zastąpiony wierszem z pliku, pozostałe zostają",
        "Add or update projects – a project with the same title is replaced by the file's row, the others stay",
    ),
    "confirm_import": ("Zapisz jako nową wersję", "Store as a new version"),
    "confirm_disabled_mode": ("Wybierz najpierw sposób zapisu.", "Choose how to store it first."),
    "confirm_disabled_empty": ("Plik nie ma żadnych przyjętych wierszy – nie ma czego zapisać.", "The file has no accepted rows – there is nothing to store."),
    "import_stored": (
        "Zapisano plik {file} jako wersję {version} ({kind}). {effect} Wszystkie strony pokazują już nowe dane.",
        "File {file} was stored as version {version} ({kind}). {effect} Every page now shows the new data.",
    ),
    "import_duplicate": (
        "Plik {file} jest identyczny z aktywną wersją {version} – niczego nie zapisano.",
        "File {file} is identical to the active version {version} – nothing was stored.",
    ),
    "import_failed": (
        "Nie udało się zapisać pliku {file} – baza danych nie odpowiedziała. Nic nie zostało zmienione; spróbuj ponownie za chwilę lub zgłoś to administratorowi.",
        "File {file} could not be stored – the database did not respond. Nothing was changed; try again in a moment or report it to the administrator.",
    ),
    "file_stored_now": ("Zapisano jako wersję {version}. {effect}", "Stored as version {version}. {effect}"),
    "file_is_duplicate": (
        "Ten plik jest identyczny z aktywną wersją {version} – nie zapisano go ponownie.",
        "This file is identical to the active version {version} – it was not stored again.",
    ),
    "default_user": ("pracownik", "staff member"),
    # what an import changes, before saving (future) and after (past); analytics/combining.py
    "effect_chosen": ("Po zapisie: {sentence}", "After saving: {sentence}"),
    "effect_counts": ("{before} → {after} {noun}", "{before} → {after} {noun}"),
    "noun_attendances": ("obecność|obecności|obecności", "attendance|attendances|attendances"),
    "noun_people": ("osoba|osoby|osób", "person|people|people"),
    "noun_people_acc": ("osobę|osoby|osób", "person|people|people"),
    "noun_meetings_acc": ("spotkanie|spotkania|spotkania", "meeting|meetings|meetings"),
    "noun_projects": ("projekt|projekty|projektów", "project|projects|projects"),
    "noun_projects_acc": ("projekt|projekty|projektów", "project|projects|projects"),
    "effect_new_future": ("Utworzy zbiór z pliku (spotkania: {meetings})", "Creates the dataset from the file (meetings: {meetings})"),
    "effect_new_past": ("Utworzono zbiór z pliku (spotkania: {meetings})", "Created the dataset from the file (meetings: {meetings})"),
    "effect_demo_future": (
        "Zastąpi dane demonstracyjne listą z pliku (spotkania: {meetings})",
        "Replaces the demo data with the file's list (meetings: {meetings})",
    ),
    "effect_demo_past": (
        "Zastąpiono dane demonstracyjne listą z pliku (spotkania: {meetings})",
        "Replaced the demo data with the file's list (meetings: {meetings})",
    ),
    "effect_replace_all_future": (
        "Zastąpi wszystkie dane plikiem (spotkania: {meetings})",
        "Replaces all the data with the file (meetings: {meetings})",
    ),
    "effect_replace_all_past": (
        "Zastąpiono wszystkie dane plikiem (spotkania: {meetings})",
        "Replaced all the data with the file (meetings: {meetings})",
    ),
    "effect_replace_meetings_future": ("Zastąpi {noun} {meetings}", "Replaces {noun} {meetings}"),
    "effect_replace_meetings_past": ("Zastąpiono {noun} {meetings}", "Replaced {noun} {meetings}"),
    "effect_add_future": ("Doda", "Adds"),
    "effect_add_past": ("Dodano", "Added"),
    "effect_and_add_future": ("i doda", "and adds"),
    "effect_and_add_past": ("i dodano", "and added"),
    "effect_merge_one_future": ("Doda {count} {people} do spotkania {meeting}", "Adds {count} {people} to meeting {meeting}"),
    "effect_merge_one_past": ("Dodano {count} {people} do spotkania {meeting}", "Added {count} {people} to meeting {meeting}"),
    "effect_merge_many_future": ("Doda osoby do spotkań {meetings} ({each})", "Adds people to meetings {meetings} ({each})"),
    "effect_merge_many_past": ("Dodano osoby do spotkań {meetings} ({each})", "Added people to meetings {meetings} ({each})"),
    "effect_merge_nothing_future": (
        "Nie doda nikogo – wszystkie osoby z pliku już są na swoich spotkaniach (ich dane zostaną wzięte z pliku)",
        "Adds nobody – everyone in the file is already at their meetings (their details are taken from the file)",
    ),
    "effect_merge_nothing_past": (
        "Nie dodano nikogo – wszystkie osoby z pliku już były na swoich spotkaniach (ich dane wzięto z pliku)",
        "Added nobody – everyone in the file was already at their meetings (their details were taken from the file)",
    ),
    "effect_projects_new_future": ("Utworzy rejestr projektów z pliku", "Creates the projects register from the file"),
    "effect_projects_new_past": ("Utworzono rejestr projektów z pliku", "Created the projects register from the file"),
    "effect_projects_demo_future": ("Zastąpi demonstracyjny rejestr projektów plikiem", "Replaces the demo projects register with the file"),
    "effect_projects_demo_past": ("Zastąpiono demonstracyjny rejestr projektów plikiem", "Replaced the demo projects register with the file"),
    "effect_projects_replace_future": ("Zastąpi cały rejestr projektów plikiem", "Replaces the whole projects register with the file"),
    "effect_projects_replace_past": ("Zastąpiono cały rejestr projektów plikiem", "Replaced the whole projects register with the file"),
    "effect_projects_update_future": ("Zaktualizuje {count} {noun}", "Updates {count} {noun}"),
    "effect_projects_update_past": ("Zaktualizowano {count} {noun}", "Updated {count} {noun}"),
    "effect_nothing_future": ("Nic nie zmieni", "Changes nothing"),
    "effect_nothing_past": ("Nic się nie zmieniło", "Nothing changed"),
    # the file uploader's own texts, put in the UI language by a script (pages/upload.py)
    "uploader_button": ("Wybierz pliki", "Choose files"),
    "uploader_input": ("Wybierz pliki do wczytania", "Choose files to read"),
    "uploader_add": ("Dodaj pliki", "Add files"),
    "uploader_remove": ("Usuń plik {file}", "Remove file {file}"),
    "uploader_drop": ("Upuść pliki tutaj", "Drop the files here"),
    "uploader_too_large": ("Plik jest za duży: limit to {limit} MB.", "The file is too large: the limit is {limit} MB."),
    # history page
    "history_title": ("Historia wersji", "History of versions"),
    "history_intro": (
        "Każde wgranie pliku tworzy nową wersję danych. Nic nie jest usuwane: wcześniejszą wersję można przywrócić.",
        "Every upload creates a new version of the data. Nothing is deleted: an earlier version can be restored.",
    ),
    "history_empty": ("Nie ma jeszcze żadnej wersji tych danych.", "There is no version of this data yet."),
    "versions_heading": ("Wersje", "Versions"),
    "compare_heading": ("Porównanie z aktywną wersją", "Comparison with the active version"),
    "compare_choice": ("Wersja do porównania", "Version to compare"),
    "compare_only_one": ("Jest tylko jedna wersja – nie ma czego porównać.", "There is only one version – nothing to compare."),
    "original_download": ("Pobierz oryginalny plik wersji {version}", "Download the original file of version {version}"),
    "rollback_heading": ("Przywróć wcześniejszą wersję", "Restore an earlier version"),
    "rollback_choice": ("Wersja do przywrócenia", "Version to restore"),
    "rollback_confirm_check": (
        "Rozumiem, że wszystkie strony zaczną pokazywać dane z wersji {version}. Obecna wersja pozostaje w historii.",
        "I understand that every page will show the data of version {version}. The current version stays in the history.",
    ),
    "rollback_button": ("Przywróć wersję {version}", "Restore version {version}"),
    "rollback_done": (
        "Przywrócono wersję {version} ({kind}). Wszystkie strony pokazują już te dane.",
        "Version {version} ({kind}) was restored. Every page now shows this data.",
    ),
    "rollback_nothing": ("Nie ma innej wersji do przywrócenia.", "There is no other version to restore."),
    "audit_heading": ("Dziennik zdarzeń", "Audit trail"),
    "audit_intro": ("Ostatnie {limit} zdarzeń, od najnowszego.", "The latest {limit} events, newest first."),
    "audit_rows": ("przyjęte {accepted}, odrzucone {rejected}", "accepted {accepted}, rejected {rejected}"),
    "audit_rollback": ("z wersji {previous} na {to}", "from version {previous} to {to}"),
    "action_import": ("import", "import"),
    "action_import_duplicate": ("import – plik identyczny z aktywną wersją", "import – same file as the active version"),
    "action_import_refused": ("import odrzucony", "import refused"),
    "action_demo_load": ("dane demonstracyjne", "demo data"),
    "action_rollback": ("przywrócenie wersji", "rollback"),
    "action_login": ("logowanie", "login"),
    "version_option": ("wersja {version} – {when} – {file} ({user})", "version {version} – {when} – {file} ({user})"),
    "demo_short": ("demonstracyjna", "demo"),
    "active_short": ("aktywna", "active"),
    "col_version": ("Wersja", "Version"),
    "col_kind": ("Dane", "Data"),
    "col_when": ("Kiedy", "When"),
    "col_user": ("Kto", "Who"),
    "col_file": ("Plik", "File"),
    "col_mode": ("Tryb", "Mode"),
    "col_accepted": ("Przyjęte wiersze", "Rows accepted"),
    "col_rejected": ("Odrzucone wiersze", "Rows rejected"),
    "col_dataset_rows": ("Wiersze w zbiorze", "Rows in the dataset"),
    "col_before_after": ("Zbiór przed → po", "Dataset before → after"),
    "audit_before_after": ("wiersze zbioru: {before} → {after}", "dataset rows: {before} → {after}"),
    "col_demo": ("Demonstracyjna", "Demo"),
    "col_active": ("Aktywna", "Active"),
    "col_action": ("Zdarzenie", "Event"),
    "col_details": ("Szczegóły", "Details"),
    "col_row": ("Wiersz", "Row"),
    "col_column": ("Kolumna", "Column"),
    "col_value": ("Wartość", "Value"),
    "col_reason": ("Powód", "Reason"),
    "col_message": ("Opis", "Message"),
    "cmp_measure": ("Miara", "Measure"),
    "cmp_chosen": ("Wybrana wersja", "Chosen version"),
    "cmp_active": ("Aktywna wersja", "Active version"),
    "cmp_difference": ("Różnica (aktywna − wybrana)", "Difference (active − chosen)"),
    "cmp_participants": ("Uczestnicy (osoby)", "Participants (people)"),
    "cmp_attendances": ("Obecności", "Attendances"),
    "cmp_meetings": ("Spotkania", "Meetings"),
    "cmp_attendances_meeting": ("Obecności na spotkaniu {meeting}", "Attendances at meeting {meeting}"),
    "cmp_sector": ("Uczestnicy – sektor: {sector}", "Participants – sector: {sector}"),
    "cmp_group": ("Uczestnicy – grupa: {group}", "Participants – group: {group}"),
    "cmp_projects": ("Projekty", "Projects"),
    "cmp_status": ("Projekty – status: {status}", "Projects – status: {status}"),
    "field_row": ("Wiersz", "Row"),
    "field_person_name": ("Imię i nazwisko", "Name"),
    "field_institution": ("Instytucja", "Institution"),
    "field_gmina": ("Gmina", "Gmina"),
    "field_sector": ("Sektor", "Sector"),
    "field_group": ("Grupa", "Group"),
    "field_meeting": ("Spotkanie", "Meeting"),
    "field_meeting_date": ("Data spotkania", "Meeting date"),
    "field_title": ("Tytuł projektu", "Project title"),
    "field_leader": ("Lider", "Leader"),
    "field_status": ("Status", "Status"),
    "field_start_date": ("Początek", "Start"),
    "field_end_date": ("Koniec", "End"),
    "field_budget": ("Budżet (zł)", "Budget (PLN)"),
    "field_participants_planned": ("Uczestnicy – plan", "Participants – planned"),
    "field_participants_reached": ("Uczestnicy – osiągnięte", "Participants – reached"),
    "field_jobs_planned": ("Miejsca pracy – plan", "Jobs – planned"),
    "field_jobs_created": ("Miejsca pracy – utworzone", "Jobs – created"),
    # overview page
    "overview_title": ("Przegląd", "Overview"),
    "overview_attendance_heading": ("Uczestnictwo w spotkaniach", "Attendance at the meetings"),
    "overview_delta_note": (
        "Strzałki: zmiana, jaką przyniosło ostatnie spotkanie ({meeting}), wobec stanu po spotkaniu {previous}.",
        "Arrows: the change the last meeting ({meeting}) brought, against the state after meeting {previous}.",
    ),
    "overview_projects_heading": ("Projekty", "Projects"),
    "overview_projects_not_filtered": (
        "Filtr gmin dotyczy też projektów (projekt obejmujący którąkolwiek z wybranych gmin); filtry spotkań, sektorów i grup – nie.",
        "The gmina filter applies to the projects too (a project covering any chosen gmina); the meeting, sector and group filters do not.",
    ),
    "kpi_of": ("{value} z {total}", "{value} of {total}"),
    "kpi_meetings": ("Spotkania", "Meetings"),
    "kpi_meetings_help": ("Liczba spotkań w wybranym zakresie.", "Meetings within the chosen range."),
    "kpi_participants": ("Uczestnicy (osoby)", "Participants (people)"),
    "kpi_participants_help": (
        "Różne osoby obecne na co najmniej jednym spotkaniu. Zmiana: osoby, które przyszły pierwszy raz na ostatnie spotkanie.",
        "Distinct people at one meeting or more. Change: people who came for the first time to the last meeting.",
    ),
    "kpi_attendances": ("Obecności", "Attendances"),
    "kpi_attendances_help": (
        "Suma obecności na wszystkich spotkaniach (osoba na trzech spotkaniach to trzy obecności).",
        "All attendances added up (a person at three meetings counts three times).",
    ),
    "kpi_last_meeting": ("Obecni na ostatnim spotkaniu", "Present at the last meeting"),
    "kpi_last_meeting_help": (
        "Liczba osób na ostatnim spotkaniu; zmiana wobec spotkania poprzedniego.",
        "People at the last meeting; change against the meeting before it.",
    ),
    "kpi_vs_previous": ("wobec spotkania {previous}", "vs meeting {previous}"),
    "kpi_vs_previous_state": ("od spotkania {previous}", "since meeting {previous}"),
    "kpi_average": ("Średnio na spotkaniu", "Average per meeting"),
    "kpi_average_help": ("Obecności podzielone przez liczbę spotkań.", "Attendances divided by the number of meetings."),
    "kpi_retention": ("Stali uczestnicy", "Regular participants"),
    "kpi_retention_help": (
        "Odsetek osób obecnych na co najmniej połowie spotkań ({threshold} z {meetings}): {retained} z {participants}. "
        "Zmiana nie jest pokazywana, gdy porównanie obejmuje mniej niż {minimum} osób (jedna osoba zmieniałaby "
        "odsetek o 20 punktów lub więcej).",
        "Share of people at half of the meetings or more ({threshold} of {meetings}): {retained} of {participants}. "
        "The change is not shown when the comparison covers fewer than {minimum} people (one person would move "
        "the share by 20 points or more).",
    ),
    "kpi_gminy": ("Gminy z uczestnikami", "Gminy with participants"),
    "kpi_gminy_help": (
        "Gminy powiatu płockiego i Płock (razem 16), z których ktoś przyszedł.",
        "Gminy of powiat płocki and Płock (16 in all) someone came from.",
    ),
    "kpi_projects": ("Projekty", "Projects"),
    "kpi_projects_help": ("Projekty w rejestrze.", "Projects in the register."),
    "kpi_projects_running": ("Projekty w realizacji", "Projects under way"),
    "kpi_projects_running_help": ("Projekty ze statusem „w realizacji”.", "Projects with the status “w realizacji” (under way)."),
    "kpi_project_participants": ("Osoby objęte projektami", "People reached by the projects"),
    "kpi_project_participants_help": (
        "Uczestnicy projektów: osiągnięci z planowanych (suma wszystkich projektów).",
        "Project participants: reached of planned (all projects added up).",
    ),
    "kpi_jobs": ("Miejsca pracy", "Jobs"),
    "kpi_jobs_help": (
        "Utworzone z planowanych (suma wszystkich projektów). Utworzone przedsiębiorstwa: {enterprises}.",
        "Created of planned (all projects added up). Enterprises created: {enterprises}.",
    ),
    # participation page
    "participation_title": ("Uczestnictwo", "Participation"),
    "participation_who_heading": ("Kto brał udział", "Who took part"),
    "participation_where_heading": ("Skąd są uczestnicy", "Where the participants come from"),
    "participation_when_heading": ("Frekwencja na kolejnych spotkaniach", "Attendance over the meetings"),
    "participation_retention_heading": ("Kto wracał na kolejne spotkania", "Who came back"),
    "stack_choice": ("Podział słupków", "Split the bars"),
    "stack_none": ("bez podziału", "no split"),
    "stack_sector": ("według sektora", "by sector"),
    "stack_group": ("według grupy", "by group"),
    "returns_need_two_meetings": (
        "Mapa powrotów (kto był na którym spotkaniu) pojawi się, gdy dane obejmą co najmniej dwa spotkania.",
        "The map of returns (who came to which meeting) appears once the data covers two meetings or more.",
    ),
    "participants_list_heading": ("Lista uczestników", "List of participants"),
    "participants_list_note": (
        "Dane osobowe (RODO): widoczne tylko dla pracowników urzędu. Nie przekazuj listy poza urząd.",
        "Personal data (GDPR): visible to office staff only. Do not pass the list outside the office.",
    ),
    "participants_list_open": ("Pokaż listę uczestników i ich obecności", "Show the participants and their attendance"),
    # projects page
    "projects_title": ("Projekty", "Projects"),
    "projects_none": ("Rejestr projektów jest pusty.", "The projects register is empty."),
    "projects_list_heading": ("Wszystkie projekty", "All projects"),
    "status_history_heading": ("Historia statusów", "Status history"),
    "status_history_note": (
        "Kiedy projekt zmienił status – według kolejnych wgranych wersji rejestru (od najnowszej zmiany).",
        "When each project changed status – across the uploaded versions of the register (newest change first).",
    ),
    # -- charts and metrics (labels, titles, hovers) ------------------------------------------------
    "chart_no_data": ("Brak danych do pokazania przy wybranych filtrach.", "No data to show for the chosen filters."),
    "chart_person_rule": (
        "Każda osoba liczona raz – według sektora, grupy i gminy z jej ostatniej obecności.",
        "Each person counted once – by the sector, group and gmina of their latest attendance.",
    ),
    "chart_title_by_sector": ("Uczestnicy według sektora (razem: {total})", "Participants by sector (total: {total})"),
    "chart_title_by_group": (
        "Uczestnicy według grupy interesariuszy (razem: {total})",
        "Participants by stakeholder group (total: {total})",
    ),
    "chart_title_by_gmina": ("Uczestnicy według gminy (razem: {total})", "Participants by gmina (total: {total})"),
    "chart_title_map": (
        "Uczestnicy z gmin powiatu płockiego i Płocka (osiągnięte gminy: {reached} z {total})",
        "Participants from the gminy of powiat płocki and Płock (gminy reached: {reached} of {total})",
    ),
    "chart_map_outside": (
        "Poza mapą: spoza powiatu – {outside}, bez podanej gminy – {missing}.",
        "Not on the map: outside the county – {outside}, no gmina given – {missing}.",
    ),
    "chart_map_tiles_note": (
        "Jeden kwadrat na gminę, ułożone jak gminy na mapie; niebieska linia to Wisła.",
        "One square per gmina, laid out as the gminy lie on the map; the blue line is the Vistula.",
    ),
    "chart_river": ("Wisła", "Vistula"),
    "chart_title_attendance": ("Obecności na kolejnych spotkaniach", "Attendance at each meeting"),
    "chart_title_attendance_sector": (
        "Obecności na kolejnych spotkaniach według sektora",
        "Attendance at each meeting by sector",
    ),
    "chart_title_attendance_group": (
        "Obecności na kolejnych spotkaniach według grupy interesariuszy",
        "Attendance at each meeting by stakeholder group",
    ),
    "chart_title_new_returning": (
        "Nowi i powracający uczestnicy na kolejnych spotkaniach",
        "New and returning participants at each meeting",
    ),
    "chart_title_retention": (
        "Na ile spotkań przychodzili uczestnicy",
        "How many meetings the participants came to",
    ),
    "chart_retained": ("co najmniej połowa spotkań", "at least half of the meetings"),
    "chart_not_retained": ("mniej niż połowa spotkań", "fewer than half of the meetings"),
    "chart_title_return": (
        "Kto wracał: jaka część uczestników spotkania (wiersz) była też na spotkaniu (kolumna)",
        "Who came back: the share of a meeting's participants (row) also at another meeting (column)",
    ),
    "chart_title_sector_gmina": ("Uczestnicy według gminy i sektora", "Participants by gmina and sector"),
    "chart_title_projects_status": ("Projekty według statusu (razem: {total})", "Projects by status (total: {total})"),
    "chart_title_planned_reached": (
        "Projekty: plan i wykonanie – uczestnicy i miejsca pracy",
        "Projects: planned and reached – participants and jobs",
    ),
    "chart_subplot_participants": ("Uczestnicy projektu", "Project participants"),
    "chart_subplot_jobs": ("Miejsca pracy", "Jobs"),
    "chart_planned": ("Plan", "Planned"),
    "chart_reached": ("Wykonanie", "Reached"),
    "chart_title_projects_timeline": ("Harmonogram projektów", "Project timeline"),
    "chart_today": ("dziś, {date}", "today, {date}"),
    "chart_no_dates": ("brak dat", "no dates"),
    "chart_today_later": ("{today} →", "{today} →"),
    "chart_today_earlier": ("← {today}", "← {today}"),
    "chart_no_project_figures": (
        "Rejestr nie podaje ani liczby uczestników, ani miejsc pracy w projektach.",
        "The register gives neither the participants nor the jobs of the projects.",
    ),
    "chart_no_plan_measures": (
        "Bez planu w rejestrze: {measures} (pokazano samo wykonanie).",
        "No plan in the register: {measures} (only what was reached is shown).",
    ),
    # a chart or table that failed to draw: logged on the server, the rest of the page still drawn
    "chart_failed": (
        "Tego wykresu nie udało się narysować – błąd zapisano w dzienniku serwera, a reszta strony jest "
        "aktualna.",
        "This chart could not be drawn – the error was written to the server's log, and the rest of the page "
        "is up to date.",
    ),
    "table_failed": (
        "Tej tabeli nie udało się pokazać – błąd zapisano w dzienniku serwera, a reszta strony jest aktualna.",
        "This table could not be shown – the error was written to the server's log, and the rest of the page "
        "is up to date.",
    ),
    # the projects' figures where the register gives no plan (or nothing): never "z 0"
    "figure_no_plan": ("bez planu w rejestrze", "no plan in the register"),
    "figure_no_reached": ("bez wykonania w rejestrze", "nothing reached in the register"),
    "figure_not_in_register": ("brak w rejestrze", "not in the register"),
    "figure_plan_only": ("plan: {planned}", "planned: {planned}"),
    "figure_with_note": ("{value} ({note})", "{value} ({note})"),
    # counted nouns: "1 | 2–4, 22–24… | 0, 5–21, 25…" (English: singular | plural | plural)
    "unit_people": ("osoba|osoby|osób", "person|people|people"),
    "unit_jobs": ("miejsce pracy|miejsca pracy|miejsc pracy", "job|jobs|jobs"),
    "chart_title_programme": (
        "Cykl spotkań od {first} do {last} (liczba spotkań: {count})",
        "The meeting cycle from {first} to {last} (meetings: {count})",
    ),
    "chart_title_programme_empty": ("Cykl spotkań", "The meeting cycle"),
    "chart_illustrative": ("data przykładowa", "illustrative date"),

    "chart_undated_meetings": ("Spotkania bez daty: {meetings}.", "Meetings without a date: {meetings}."),
    "chart_meeting": ("Spotkanie {roman}", "Meeting {roman}"),
    "chart_meeting_tick": ("{roman}<br>{date}", "{roman}<br>{date}"),
    "chart_meeting_label": ("Spotkanie {roman} – {date}", "Meeting {roman} – {date}"),
    "chart_axis_participants": ("Liczba uczestników (osoby)", "Participants (people)"),
    "chart_axis_attendances": ("Liczba obecności", "Attendances"),
    "chart_axis_people": ("Liczba osób", "People"),
    "chart_axis_present": ("Obecni (osoby)", "Present (people)"),
    "chart_axis_meetings_attended": ("Na ilu spotkaniach osoba była", "Meetings a person came to"),
    "chart_axis_projects": ("Liczba projektów", "Projects"),
    "chart_new": ("nowi uczestnicy", "new participants"),
    "chart_returning": ("powracający", "returning"),
    "chart_hover_share": (
        "<b>{name}</b><br>Uczestnicy: {count}<br>Udział: {share}",
        "<b>{name}</b><br>Participants: {count}<br>Share: {share}",
    ),
    "chart_hover_map": (
        "<b>{name}</b><br>Uczestnicy: {count}<br>Udział w powiecie: {share}",
        "<b>{name}</b><br>Participants: {count}<br>Share of the county: {share}",
    ),
    "chart_hover_meeting": (
        "<b>{meeting}</b><br>{series}: {count}",
        "<b>{meeting}</b><br>{series}: {count}",
    ),
    "chart_hover_retention": (
        "<b>{attended} {of_meetings}</b><br>Osoby: {people} ({share})",
        "<b>{attended} {of_meetings}</b><br>People: {people} ({share})",
    ),
    "chart_hover_return": (
        "{share} uczestników spotkania {row}<br>było też na spotkaniu {column}",
        "{share} of the participants of meeting {row}<br>also came to meeting {column}",
    ),
    "chart_hover_sector_gmina": (
        "<b>{gmina}</b> · {sector}<br>Uczestnicy: {count}",
        "<b>{gmina}</b> · {sector}<br>Participants: {count}",
    ),
    "chart_hover_status": ("<b>{status}</b><br>Projekty: {count}<br>{titles}", "<b>{status}</b><br>Projects: {count}<br>{titles}"),
    "chart_hover_planned_reached": (
        "<b>{title}</b><br>{measure}<br>Plan: {planned}<br>Wykonanie: {reached} ({ratio} planu)",
        "<b>{title}</b><br>{measure}<br>Planned: {planned}<br>Reached: {reached} ({ratio} of plan)",
    ),
    "chart_hover_project": (
        "<b>{title}</b><br>Status: {status}<br>Lider: {leader}<br>{start} – {end}<br>Budżet: {budget}",
        "<b>{title}</b><br>Status: {status}<br>Leader: {leader}<br>{start} – {end}<br>Budget: {budget}",
    ),
    "chart_hover_programme": (
        "<b>{meeting}</b><br>{date}<br>Obecności: {count}<br>Nowi uczestnicy: {new}",
        "<b>{meeting}</b><br>{date}<br>Attendances: {count}<br>New participants: {new}",
    ),
    "chart_col_sector": ("Sektor", "Sector"),
    "chart_col_group": ("Grupa interesariuszy", "Stakeholder group"),
    "chart_col_gmina": ("Gmina", "Gmina"),
    "chart_col_teryt": ("Kod TERYT", "TERYT code"),
    "chart_col_participants": ("Uczestnicy (osoby)", "Participants (people)"),
    "chart_col_share": ("Udział (%)", "Share (%)"),
    "chart_col_meeting": ("Spotkanie", "Meeting"),
    "chart_col_date": ("Data", "Date"),
    "chart_col_attendances": ("Obecności", "Attendances"),
    "chart_col_total": ("Razem", "Total"),
    "chart_col_new": ("Nowi uczestnicy", "New participants"),
    "chart_col_returning": ("Powracający", "Returning"),
    "chart_col_note": ("Uwagi", "Notes"),
    "chart_col_meetings_attended": ("Liczba spotkań, na których osoba była", "Meetings a person came to"),
    "chart_col_people": ("Osoby", "People"),
    "chart_col_retained": ("Co najmniej połowa spotkań", "At least half of the meetings"),
    "chart_col_at_meeting": ("Uczestnicy spotkania", "Participants of meeting"),
    "chart_col_also_at": ("Też na spotkaniu {roman} (%)", "Also at meeting {roman} (%)"),
    "chart_col_status": ("Status", "Status"),
    "chart_col_projects": ("Liczba projektów", "Projects"),
    "chart_col_titles": ("Projekty", "Projects"),
    "chart_col_title": ("Projekt", "Project"),
    "chart_col_leader": ("Lider", "Leader"),
    "chart_col_start": ("Początek", "Start"),
    "chart_col_end": ("Koniec", "End"),
    "chart_col_budget": ("Budżet (zł)", "Budget (PLN)"),
    "chart_col_participants_planned": ("Uczestnicy – plan", "Participants – planned"),
    "chart_col_participants_reached": ("Uczestnicy – wykonanie", "Participants – reached"),
    "chart_col_participants_ratio": ("Uczestnicy – wykonanie planu (%)", "Participants – share of plan (%)"),
    "chart_col_jobs_planned": ("Miejsca pracy – plan", "Jobs – planned"),
    "chart_col_jobs_created": ("Miejsca pracy – utworzone", "Jobs – created"),
    "chart_col_jobs_ratio": ("Miejsca pracy – wykonanie planu (%)", "Jobs – share of plan (%)"),
    "chart_col_enterprises": ("Utworzone przedsiębiorstwa", "Enterprises created"),
    "chart_col_gminy": ("Gminy", "Gminy"),
    "chart_col_last_update": ("Ostatnia aktualizacja", "Last update"),
    "chart_col_version": ("Wersja danych", "Data version"),
    "chart_col_changed_at": ("Wgrano", "Uploaded"),
    "chart_col_previous_status": ("Poprzedni status", "Previous status"),
    "chart_col_name": ("Imię i nazwisko", "Name"),
    "chart_col_institution": ("Instytucja", "Institution"),
    "chart_col_meetings": ("Spotkania", "Meetings"),
    "chart_col_count": ("Liczba obecności", "Attendances"),
    "chart_first_appearance": ("(pierwszy wpis)", "(first entry)"),
    "chart_value_gospodarka": ("gospodarka", "economy"),
    "chart_value_rynek_pracy": ("rynek pracy", "labour market"),
    "chart_value_kultura": ("kultura", "culture"),
    "chart_value_edukacja": ("edukacja", "education"),
    "chart_value_opieka_spoleczna": ("opieka społeczna", "social care"),
    "chart_value_samorzad_lokalny": ("samorząd lokalny", "local government"),
    "chart_value_przedsiebiorcy": ("przedsiębiorcy", "entrepreneurs"),
    "chart_value_organizacje_pozarzadowe": ("organizacje pozarządowe", "NGOs"),
    "chart_value_mieszkancy": ("mieszkańcy", "residents"),
    "chart_value_uczniowie": ("uczniowie", "school students"),
    "chart_value_pomysl": ("pomysł", "idea"),
    "chart_value_w_przygotowaniu": ("w przygotowaniu", "in preparation"),
    "chart_value_w_realizacji": ("w realizacji", "under way"),
    "chart_value_zrealizowany": ("zrealizowany", "completed"),
    "chart_value_wstrzymany": ("wstrzymany", "on hold"),
    "chart_value_inne": ("inne", "other"),
    "chart_value_spoza_powiatu": ("spoza powiatu", "outside the county"),
    "chart_value_brak_danych": ("brak danych", "no data"),
    # -- report downloads on the pages
    "downloads_heading": ("Raporty do pobrania", "Reports to download"),
    "downloads_note": (
        "Raporty zawierają tylko liczby zbiorcze (bez nazwisk uczestników) i uwzględniają filtry z panelu bocznego.",
        "The reports hold aggregate figures only (no participant names) and follow the sidebar filters.",
    ),
    "download_excel_report": ("Raport Excel (.xlsx)", "Excel report (.xlsx)"),
    "download_summary_pdf": ("Podsumowanie do druku (PDF)", "Printable summary (PDF)"),
    "certificates_heading": ("Certyfikaty uczestników", "Participants' certificates"),
    "certificates_min_meetings": ("Co najmniej tyle spotkań", "At least this many meetings"),
    "download_certificates": ("Pobierz certyfikaty (PDF)", "Download the certificates (PDF)"),
    # -- reports and certificates ---------------------------------------------------------------------
    # The cycle's title is a proper name, exactly as published: the same in both languages.
    "programme_cycle_title": (
        "Budowanie Partnerstwa Lokalnego na rzecz ożywienia społeczno-gospodarczego i aktywizacji rynku pracy w powiecie płockim",
        "Budowanie Partnerstwa Lokalnego na rzecz ożywienia społeczno-gospodarczego i aktywizacji rynku pracy w powiecie płockim",
    ),
    "rpt_office": ("Powiatowy Urząd Pracy w Płocku", "County Labour Office in Płock (Powiatowy Urząd Pracy w Płocku)"),
    "rpt_creator": ("PUP Płock – panel Partnerstwo Lokalne", "PUP Płock – Local Partnership dashboard"),
    "rpt_excel_title": ("raport", "report"),
    "rpt_pdf_title": ("Podsumowanie: uczestnictwo i projekty", "Summary: participation and projects"),
    "rpt_cycle": ("Cykl warsztatów „{title}”", "Workshop cycle „{title}”"),
    "rpt_organiser": (
        "Organizator: Powiatowy Urząd Pracy w Płocku wraz ze Starostwem Powiatowym w Płocku",
        "Organised by the County Labour Office in Płock with the County Office (Starostwo Powiatowe w Płocku)",
    ),
    "rpt_period": ("Okres", "Period"),
    "rpt_no_dates": ("brak dat spotkań", "no meeting dates"),
    "rpt_generated": ("Data raportu", "Report date"),
    "rpt_data": ("Dane: {kind}", "Data: {kind}"),
    "rpt_version": (
        "wersja {version} – wgrana {when}, użytkownik: {user}, plik: {file}",
        "version {version} – uploaded {when} by {user}, file: {file}",
    ),
    "rpt_version_demo": (" (dane demonstracyjne)", " (demo data)"),
    "rpt_version_none": ("brak danych", "no data"),
    "rpt_filters": ("Filtry", "Filters"),
    "rpt_filter": ("Filtr: {what}", "Filter: {what}"),
    "rpt_filter_meetings": ("Spotkania", "Meetings"),
    "rpt_filter_dates": ("Daty spotkań", "Meeting dates"),
    "rpt_all": ("wszystkie", "all"),
    "rpt_none_held": ("brak spotkań w wybranym zakresie", "no meetings in the chosen range"),
    "rpt_figures_heading": ("Najważniejsze liczby", "Headline figures"),
    "rpt_col_measure": ("Wskaźnik", "Measure"),
    "rpt_col_value": ("Wartość", "Value"),
    "rpt_col_number": ("Nr", "No."),
    "rpt_participants_note": ("różne osoby obecne na co najmniej jednym spotkaniu", "distinct people at one meeting or more"),
    "rpt_attendances_note": ("osoba na trzech spotkaniach to trzy obecności", "a person at three meetings is three attendances"),
    "rpt_new_participants": ("Nowe osoby na ostatnim spotkaniu", "New people at the last meeting"),
    "rpt_last_meeting": ("Ostatnie spotkanie", "Last meeting"),
    "rpt_gminy_note": ("z {total} gmin, które obsługuje PUP w Płocku", "of the {total} gminy PUP Płock serves"),
    "rpt_projects_with_status": ("Projekty – status: {status}", "Projects – status: {status}"),
    "rpt_projects_people": ("osoby objęte projektami", "people reached by the projects"),
    "rpt_share_of_plan": ("{share} planu", "{share} of plan"),
    "rpt_reached_of_planned": ("wykonanie z planu", "reached of planned"),
    "rpt_enterprises": ("utworzone przedsiębiorstwa: {count}", "enterprises created: {count}"),
    "rpt_new_people": ("nowe osoby: {value}", "new people: {value}"),
    "rpt_vs_previous": ("{value} wobec spotkania {previous}", "{value} vs meeting {previous}"),
    "rpt_since_previous": ("{value} od spotkania {previous}", "{value} since meeting {previous}"),
    "rpt_changes_note": (
        "Zmiany pod liczbami: co przyniosło ostatnie spotkanie wobec stanu po spotkaniu poprzednim.",
        "Changes under the figures: what the last meeting brought against the state after the meeting before.",
    ),
    "rpt_note_aggregates": (
        "Raport zawiera wyłącznie dane zbiorcze, bez imion i nazwisk uczestników (RODO). Liderzy projektów są podani jako osoby pełniące publiczne role w programie.",
        "The report holds aggregates only, no participant's name (GDPR). Project leaders are named as holders of public roles in the programme.",
    ),
    "rpt_note_illustrative": (
        "Dane demonstracyjne: daty spotkań {meetings} są przykładowe.",
        "Demo data: the dates of meetings {meetings} are illustrative.",
    ),
    "rpt_projects_title": ("Projekty: status, terminy, budżet, plan i wykonanie (razem: {total})", "Projects: status, dates, budget, planned and reached (total: {total})"),
    "rpt_projects_note": (
        "Filtr gmin dotyczy też projektów (projekt obejmujący którąkolwiek z wybranych gmin); filtry spotkań, sektorów i grup – nie. Wykonanie planu: wykonanie podzielone przez plan.",
        "The gmina filter applies to the projects too (a project covering any chosen gmina); the meeting, sector and group filters do not. Share of plan: reached divided by planned.",
    ),
    "rpt_chart_participants_plan": ("Uczestnicy projektów: plan i wykonanie", "Project participants: planned and reached"),
    "rpt_no_project_figures": (
        "Bez wykresu – rejestr nie podaje ani planu, ani wykonania: {measures}.",
        "No chart – the register gives neither plan nor reached: {measures}.",
    ),
    "rpt_chart_jobs_plan": ("Miejsca pracy: plan i utworzone", "Jobs: planned and created"),
    "rpt_sheet_summary": ("Podsumowanie", "Summary"),
    "rpt_sheet_sector": ("Sektory", "Sectors"),
    "rpt_sheet_group": ("Grupy", "Groups"),
    "rpt_sheet_gmina": ("Gminy", "Gminy"),
    "rpt_sheet_meetings": ("Spotkania", "Meetings"),
    "rpt_sheet_retention": ("Stali uczestnicy", "Retention"),
    "rpt_sheet_projects": ("Projekty", "Projects"),
    "rpt_sheet_status": ("Statusy projektów", "Project status"),
    "rpt_yes": ("tak", "yes"),
    "rpt_no": ("nie", "no"),
    "rpt_page": ("Strona {page} z {pages}", "Page {page} of {pages}"),
    "rpt_pdf_footer": ("{programme} · stan na {when}", "{programme} · as of {when}"),
    "cert_document_title": ("Certyfikaty uczestników – Partnerstwo Lokalne", "Participants' certificates – Local Partnership"),
    "cert_with": ("we współpracy ze Starostwem Powiatowym w Płocku", "with the County Office in Płock (Starostwo Powiatowe w Płocku)"),
    "cert_heading": ("CERTYFIKAT", "CERTIFICATE"),
    "cert_subheading": ("UCZESTNICTWA", "OF PARTICIPATION"),
    "cert_in_cycle": ("w cyklu warsztatów", "in the workshop cycle"),
    "cert_organised_by": ("zorganizowanym przez Powiatowy Urząd Pracy w Płocku", "organised by the County Labour Office in Płock"),
    "cert_period": ("Okres", "Period"),
    "cert_place": ("Miejsce", "Place"),
    "cert_place_value": ("powiat płocki; spotkanie końcowe – Hotel TiM, Cekanów", "powiat płocki; final meeting – Hotel TiM, Cekanów"),
    "cert_attended": ("Udział w spotkaniach", "Meetings attended"),
    "cert_attended_value": ("{attended} z {held}", "{attended} of {held}"),
    "cert_place_date": ("miejscowość, data", "place, date"),
    "cert_signature": ("Dyrektor Powiatowego Urzędu Pracy w Płocku", "Director of the County Labour Office in Płock"),
    "cert_nobody": (
        "Nikt nie był na wymaganej liczbie spotkań (próg: {count}): brak certyfikatów.",
        "Nobody came to the required number of meetings (threshold: {count}): no certificates.",
    ),
    "action_export_certificates": ("pobranie certyfikatów", "certificates downloaded"),
    "cli_bad_date": (
        "Nieprawidłowa data w {option}: „{value}”. Podaj datę jako 2017-12-07 albo 07.12.2017.",
        "Invalid date in {option}: “{value}”. Give the date as 2017-12-07 or 07.12.2017.",
    ),
    "cli_dates_reversed": (
        "Data --from ({start}) jest późniejsza niż data --to ({end}). Zamień je miejscami.",
        "The --from date ({start}) is later than the --to date ({end}). Swap them.",
    ),
    "cli_bad_min_meetings": (
        "--min-meetings: podaj liczbę całkowitą nie mniejszą niż 1 (podano: „{value}”).",
        "--min-meetings: give a whole number of 1 or more (given: “{value}”).",
    ),
    "cli_bad_suffix": (
        "Plik wyjściowy „{path}” musi mieć rozszerzenie {suffix}.",
        "The output file “{path}” must end in {suffix}.",
    ),
    "cli_out_is_dir": ("„{path}” to katalog: podaj nazwę pliku.", "“{path}” is a folder: give a file name."),
    "cli_cannot_write": ("Nie można zapisać pliku {path}: {reason}.", "Cannot write {path}: {reason}."),
    "cli_no_store": ("Nie można otworzyć bazy danych (PUP_DATABASE_URL): {reason}", "Cannot open the database (PUP_DATABASE_URL): {reason}"),
    "cli_no_data": (
        "Brak danych: najpierw wczytaj listę obecności lub rejestr projektów (python -m analytics import PLIK).",
        "No data: import an attendance list or a projects register first (python -m analytics import FILE).",
    ),
    "cli_no_attendance": (
        "Brak listy obecności: najpierw ją wczytaj (python -m analytics import PLIK).",
        "No attendance list: import one first (python -m analytics import FILE).",
    ),
    "cli_no_meetings_in_range": (
        "Uwaga: w wybranym zakresie dat nie było spotkań – raport będzie pusty.",
        "Note: no meetings fall within the chosen dates – the report will be empty.",
    ),
    "cli_nobody_qualifies": (
        "Nikt nie był na wymaganej liczbie spotkań (próg: {count}): nie zapisano pliku.",
        "Nobody came to the required number of meetings (threshold: {count}): no file written.",
    ),
    # -- accounts and login ----------------------------------------------------------------------
    # one sentence for every failed login (unknown login, wrong password, locked or disabled account),
    # so that it never tells whether a login exists; {lockout}: tn("login_lockout", …)
    "login_failed": (
        "Nieprawidłowy login lub hasło albo konto jest zablokowane. {lockout} Wcześniej odblokuje je "
        "administrator (Konta › Odblokuj konto).",
        "Wrong login or password, or the account is locked. {lockout} An administrator can unlock it "
        "sooner (Accounts › Enable the account).",
    ),
    "role_viewer": ("podgląd (dyrekcja)", "viewer (director)"),
    "role_staff": ("pracownik", "staff"),
    "role_admin": ("administrator", "administrator"),
    "password_too_short": (
        "Hasło musi mieć co najmniej {minimum} znaków.",
        "The password must be at least {minimum} characters long.",
    ),
    "password_too_long": (
        "Hasło może mieć najwyżej {maximum} znaków.",
        "The password may be at most {maximum} characters long.",
    ),
    "password_equals_login": (
        "Hasło nie może być takie samo jak login.",
        "The password must not be the same as the login.",
    ),
    "account_bad_login": (
        "Login może zawierać tylko litery, cyfry i znaki . _ - @ (od 1 do {maximum} znaków, bez spacji).",
        "A login may contain only letters, digits and the characters . _ - @ (1 to {maximum} characters, no spaces).",
    ),
    "account_bad_name": (
        "Nazwa wyświetlana może mieć najwyżej {maximum} znaków.",
        "The display name may be at most {maximum} characters long.",
    ),
    "account_bad_role": (
        "Nieznana rola „{role}”. Dostępne role: {roles}.",
        "Unknown role “{role}”. The roles are: {roles}.",
    ),
    "account_login_taken": (
        "Konto o loginie „{login}” już istnieje (wielkość liter w loginie nie ma znaczenia).",
        "An account with the login “{login}” already exists (logins ignore upper and lower case).",
    ),
    "account_unknown": ("Nie ma konta o loginie „{login}”.", "There is no account with the login “{login}”."),
    "account_first_admin_exists": (
        "Pierwsze konto zostało już utworzone. Kolejne konta zakłada administrator.",
        "The first account has already been created. Further accounts are added by an administrator.",
    ),
    "account_last_admin": (
        "„{login}” to ostatnie aktywne konto administratora: najpierw nadaj rolę administratora innemu aktywnemu kontu.",
        "“{login}” is the last active administrator account: first give the administrator role to another active account.",
    ),
    "action_login_failed": ("nieudane logowanie", "failed login"),
    "action_logout": ("wylogowanie", "logout"),
    "action_first_admin_created": ("utworzenie pierwszego administratora", "first administrator created"),
    "action_account_created": ("utworzenie konta", "account created"),
    "action_account_disabled": ("zablokowanie konta", "account disabled"),
    "action_account_enabled": ("odblokowanie konta", "account enabled"),
    "action_password_changed": ("zmiana hasła", "password changed"),
    "action_role_changed": ("zmiana roli", "role changed"),
    "action_account_locked": ("blokada konta po nieudanych logowaniach", "account locked after failed logins"),
    "cli_password_prompt": ("Hasło dla „{login}”: ", "Password for “{login}”: "),
    "cli_password_repeat": ("Powtórz hasło: ", "Repeat the password: "),
    "cli_passwords_differ": (
        "Podane hasła się różnią. Nic nie zmieniono – spróbuj ponownie.",
        "The two passwords differ. Nothing was changed – try again.",
    ),
    "cli_password_two_lines": (
        "Podaj hasło dwa razy: w dwóch wierszach na standardowym wejściu.",
        "Give the password twice: on two lines of standard input.",
    ),
    "cli_user_added": ("Utworzono konto „{login}” (rola: {role}).", "Account “{login}” created (role: {role})."),
    "cli_user_disabled": ("Zablokowano konto „{login}”.", "Account “{login}” disabled."),
    "cli_user_enabled": ("Odblokowano konto „{login}”.", "Account “{login}” enabled."),
    "cli_password_set": ("Zmieniono hasło konta „{login}”.", "The password of “{login}” was changed."),
    "cli_role_set": ("Konto „{login}” ma teraz rolę: {role}.", "Account “{login}” now has the role: {role}."),
    "cli_no_users": (
        "Brak kont. Pierwsze konto: python -m analytics users add LOGIN --role admin",
        "No accounts. The first one: python -m analytics users add LOGIN --role admin",
    ),
    "account_active": ("aktywne", "active"),
    "account_inactive": ("zablokowane przez administratora", "disabled by an administrator"),
    "account_locked_until": ("zablokowane do {until} (nieudane logowania)", "locked until {until} (failed logins)"),
    # -- the login page, the session, the accounts page ------------------------------------------------
    "nav_accounts": ("Konta", "Accounts"),
    "login_title": ("Logowanie", "Sign in"),
    "login_label": ("Login", "Login"),
    "password_label": ("Hasło", "Password"),
    "password_repeat_label": ("Powtórz hasło", "Repeat the password"),
    "login_button": ("Zaloguj", "Sign in"),
    "logout_button": ("Wyloguj", "Sign out"),
    "signed_in_as": ("Zalogowano: {name} ({role})", "Signed in: {name} ({role})"),
    "page_refused": (
        "Ta strona nie jest dostępna dla Twojej roli. Jeśli potrzebujesz do niej dostępu, poproś administratora.",
        "This page is not available to your role. If you need it, ask an administrator.",
    ),
    "session_expired": (
        "Sesja wygasła po okresie bezczynności. Zaloguj się ponownie.",
        "The session ended after a period of inactivity. Please sign in again.",
    ),
    "session_account_disabled": (
        "Twoje konto zostało zablokowane lub usunięte. Zwróć się do administratora.",
        "Your account has been disabled or removed. Please contact an administrator.",
    ),
    "logged_out": ("Wylogowano.", "Signed out."),
    "first_admin_heading": ("Pierwsze uruchomienie: konto administratora", "First start: the administrator's account"),
    "first_admin_intro": (
        "W dashboardzie nie ma jeszcze żadnego konta. Utwórz konto administratora – to on zakłada konta "
        "pracownikom i dyrekcji. Hasło: co najmniej {minimum} znaków. Ten formularz pojawia się tylko raz.",
        "The dashboard has no account yet. Create the administrator's account – the administrator then "
        "adds the accounts of staff and the director. Password: at least {minimum} characters. This form "
        "is shown only once.",
    ),
    "first_admin_button": ("Utwórz konto administratora", "Create the administrator's account"),
    "account_name_label": ("Imię i nazwisko lub nazwa (opcjonalnie)", "Full name or display name (optional)"),
    "passwords_differ": (
        "Podane hasła się różnią. Wpisz to samo hasło w obu polach.",
        "The two passwords differ. Type the same password in both fields.",
    ),
    "sso_button": ("Zaloguj przez konto urzędu", "Sign in with the office account"),
    "sso_or_password": ("albo zaloguj się loginem i hasłem dashboardu:", "or sign in with a dashboard login and password:"),
    "sso_no_role": (
        "Konto „{identity}” nie ma przypisanej roli w dashboardzie. Poproś administratora o dostęp.",
        "The account “{identity}” has no role in the dashboard. Ask an administrator for access.",
    ),
    "accounts_title": ("Konta użytkowników", "User accounts"),
    "accounts_intro": (
        "Role: podgląd (dyrekcja) – wszystkie zestawienia zbiorcze, bez nazwisk uczestników; pracownik – także "
        "import, historia, lista uczestników i certyfikaty; administrator – także konta i przywracanie wersji. "
        "Każda zmiana trafia do historii zdarzeń.",
        "Roles: viewer (director) – every aggregate view, no participant names; staff – also import, history, "
        "the participant list and certificates; administrator – also accounts and rollback. Every change goes "
        "to the audit trail.",
    ),
    "col_login": ("Login", "Login"),
    "col_account_name": ("Nazwa", "Name"),
    "col_role": ("Rola", "Role"),
    "col_account_state": ("Stan konta", "Account state"),
    "col_last_login": ("Ostatnie logowanie", "Last sign-in"),
    "account_add_heading": ("Nowe konto", "New account"),
    "account_add_button": ("Utwórz konto", "Create the account"),
    "account_added": ("Utworzono konto „{login}” (rola: {role}).", "Account “{login}” created (role: {role})."),
    "account_change_heading": ("Zmiana konta", "Change an account"),
    "account_choose": ("Konto", "Account"),
    "account_new_role": ("Rola", "Role"),
    "account_role_button": ("Zmień rolę", "Change the role"),
    "account_role_set": ("Konto „{login}” ma teraz rolę: {role}.", "Account “{login}” now has the role: {role}."),
    "account_disable_button": ("Zablokuj konto", "Disable the account"),
    "account_enable_button": ("Odblokuj konto", "Enable the account"),
    "account_disabled_done": ("Zablokowano konto „{login}”.", "Account “{login}” disabled."),
    "account_enabled_done": ("Odblokowano konto „{login}”.", "Account “{login}” enabled."),
    "account_password_heading": ("Nowe hasło dla „{login}”", "A new password for “{login}”"),
    "account_password_button": ("Ustaw nowe hasło", "Set the new password"),
    "rollback_admin_only": (
        "Przywrócić wcześniejszą wersję może tylko administrator.",
        "Only an administrator can restore an earlier version.",
    ),
    "action_personal_data_export": ("pobranie danych osobowych", "personal data downloaded"),
    "audit_export_rows": ("wierszy: {rows}", "rows: {rows}"),
    "action_reason_wrong_password": ("złe hasło", "wrong password"),
    "action_reason_unknown_login": ("nieznany login", "unknown login"),
    "action_reason_disabled": ("konto zablokowane", "account disabled"),
    "action_reason_locked": ("konto czasowo zablokowane", "account locked for a while"),
    "action_reason_sso_no_role": ("logowanie przez dostawcę: brak roli", "single sign-on: no role"),
    "account_password_set": ("Zmieniono hasło konta „{login}”.", "The password of “{login}” was changed."),
    # -- issue 4 polish --
    # the file uploader's size note (shown through CSS, see pages/upload.py)
    "uploader_limit": ("Do {limit} MB na plik • {types}", "Up to {limit} MB per file • {types}"),
    # the overview's cards: labels that fit a quarter of the page from 1280 px (their help says it in full)
    "kpi_card_last_meeting": ("Na ostatnim spotkaniu", "At the last meeting"),
    "kpi_card_project_participants": ("Osoby w projektach", "People reached"),
    "kpi_card_gminy": ("Gminy z uczestnikami", "Gminy reached"),
    # the gmina filter on the projects (a project covers several gminy)
    "projects_gmina_note": (
        "Projekty wypracowane w warsztatach i ich stan według ostatniego rejestru. Filtr gmin z panelu "
        "bocznego dotyczy też projektów: projekt jest pokazany, gdy obejmuje którąkolwiek z wybranych gmin. "
        "Pozostałe filtry nie dotyczą projektów.",
        "The projects worked out in the workshops and their state per the latest register. The sidebar's "
        "gmina filter applies to the projects too: a project is shown when it covers any of the chosen "
        "gminy. The other filters do not apply to the projects.",
    ),
    "projects_gmina_filtered": (
        "Wybrane gminy: {gminy}. Projekty, które obejmują co najmniej jedną z nich: {shown} z {total}.",
        "Chosen gminy: {gminy}. Projects covering at least one of them: {shown} of {total}.",
    ),
    "projects_none_in_gminy": (
        "Żaden projekt w rejestrze nie obejmuje wybranych gmin.",
        "No project in the register covers the chosen gminy.",
    ),
    # wide tables
    "table_scrolls_sideways": (
        "Tabela ma więcej kolumn, niż mieści ekran: przewiń ją w bok (Shift + kółko myszy albo pasek pod "
        "tabelą). Wszystkie kolumny są też w pliku CSV.",
        "The table has more columns than the screen holds: scroll it sideways (Shift + mouse wheel or the "
        "bar under the table). Every column is also in the CSV file.",
    ),
    "overview_projects_gmina_note": (
        "Filtr gmin dotyczy też projektów (pokazane są projekty obejmujące którąkolwiek z wybranych gmin); "
        "filtry spotkań, sektorów i grup ich nie dotyczą.",
        "The gmina filter applies to the projects too (those covering any of the chosen gminy are shown); "
        "the meeting, sector and group filters do not.",
    ),
}

# A count and the words that agree with it: key -> ((Polish one, few, many), (English one, other)).
# Polish: one for 1; few for 2–4, 22–24, 32–34… (not 12–14); many for 0, 5–21, 25–31…; English:
# one for 1, other for the rest. The same three Polish forms as gettext's msgstr[0..2] under
# Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);
# so that each entry becomes one msgid/msgid_plural pair when the strings move to .po files.
# {count} is the number (grouped as "1 234" unless given); other placeholders as in STRINGS.
PLURALS: dict[str, tuple[tuple[str, str, str], tuple[str, str]]] = {
    # phrases that go inside other sentences
    "at_least_meetings": (
        ("co najmniej {count} spotkanie", "co najmniej {count} spotkania", "co najmniej {count} spotkań"),
        ("at least {count} meeting", "at least {count} meetings"),
    ),
    "of_meetings": (      # genitive after "z": "3 z 1 spotkania", "3 z 6 spotkań"
        ("z {count} spotkania", "z {count} spotkań", "z {count} spotkań"),
        ("of {count} meeting", "of {count} meetings"),
    ),
    "of_people": (        # genitive after "z": "2 z 1 osoby", "2 z 5 osób"
        ("z {count} osoby", "z {count} osób", "z {count} osób"),
        ("of {count} person", "of {count} people"),
    ),
    # the participation page: who gets a certificate
    "certificates_count": (
        ("Certyfikat otrzyma {count} osoba ({at_least}). Pobranie jest zapisywane w dzienniku zdarzeń.",
         "Certyfikaty otrzymają {count} osoby ({at_least}). Pobranie jest zapisywane w dzienniku zdarzeń.",
         "Certyfikaty otrzyma {count} osób ({at_least}). Pobranie jest zapisywane w dzienniku zdarzeń."),
        ("{count} person gets a certificate ({at_least}). The download is recorded in the audit trail.",
         "{count} people get a certificate ({at_least}). The download is recorded in the audit trail."),
    ),
    "cli_certificates_written": (
        ("Certyfikaty: {count} (próg obecności: {at_least}). Pobranie zapisano w historii zdarzeń.",) * 3,
        ("Certificates: {count} (attendance threshold: {at_least}). The download is recorded in the audit "
         "trail.",) * 2,
    ),
    # the overview's change under "Participants": "+2 nowe osoby"
    "kpi_new_since": (("nowa osoba", "nowe osoby", "nowych osób"), ("new person", "new people")),
    # retention, counted on the people who came to at least half of the meetings
    "chart_retention_note": (
        ("Na co najmniej połowie spotkań ({threshold} z {meetings}) była {count} {of_people} ({share}).",
         "Na co najmniej połowie spotkań ({threshold} z {meetings}) były {count} {of_people} ({share}).",
         "Na co najmniej połowie spotkań ({threshold} z {meetings}) było {count} {of_people} ({share})."),
        ("{count} {of_people} ({share}) came to at least half of the meetings "
         "({threshold} of {meetings}).",) * 2,
    ),
    "rpt_retained_note": (
        ("{count} {of_people} była na co najmniej {threshold} {of_meetings}",
         "{count} {of_people} były na co najmniej {threshold} {of_meetings}",
         "{count} {of_people} było na co najmniej {threshold} {of_meetings}"),
        ("{count} {of_people} came to at least {threshold} {of_meetings}",) * 2,
    ),
    "rpt_retained_short": (
        ("{count} osoba na ≥ {threshold} {of_meetings}", "{count} osoby na ≥ {threshold} {of_meetings}",
         "{count} osób na ≥ {threshold} {of_meetings}"),
        ("{count} person at ≥ {threshold} {of_meetings}", "{count} people at ≥ {threshold} {of_meetings}"),
    ),
    # the login form: how the lock after failed logins works (PUP_MAX_FAILED_LOGINS, PUP_LOCKOUT_MINUTES)
    "login_lockout": (
        ("Po {count} nieudanej próbie z rzędu konto jest blokowane {for_minutes}.",
         "Po {count} nieudanych próbach z rzędu konto jest blokowane {for_minutes}.",
         "Po {count} nieudanych próbach z rzędu konto jest blokowane {for_minutes}."),
        ("After {count} failed attempt in a row an account is locked {for_minutes}.",
         "After {count} failed attempts in a row an account is locked {for_minutes}."),
    ),
    "for_minutes": (
        ("na {count} minutę", "na {count} minuty", "na {count} minut"),
        ("for {count} minute", "for {count} minutes"),
    ),
    # reading a file
    "warn_more_name_variants": (
        ("Jeszcze {count} osobę zapisano na różne sposoby (wielkość liter, kolejność imienia i nazwiska, "
         "polskie znaki) – liczono ją jako jedną osobę.",
         "Jeszcze {count} osoby zapisano na różne sposoby (wielkość liter, kolejność imienia i nazwiska, "
         "polskie znaki) – każdą liczono jako jedną osobę.",
         "Jeszcze {count} osób zapisano na różne sposoby (wielkość liter, kolejność imienia i nazwiska, "
         "polskie znaki) – każdą liczono jako jedną osobę."),
        ("{count} more person was written in different ways (case, name order, Polish letters) – counted "
         "as one person.",
         "{count} more people were written in different ways (case, name order, Polish letters) – each was "
         "counted as one person."),
    ),
    "count_rows": (        # the rows a correction was made in: "wiersz 7", "wiersze: 7, 9, 12 … (+3)"
        ("wiersz {rows}", "wiersze: {rows}", "wiersze: {rows}"),
        ("row {rows}", "rows: {rows}"),
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


def plural_form(n: int, lang: str | None = None) -> int:
    """Which of a PLURALS entry's forms goes with the count `n`: Polish 0 one, 1 few, 2 many;
    English 0 one, 1 other (gettext's rules for the two languages)."""
    n = abs(int(n))
    if (lang or _language.get()) == "en":
        return 0 if n == 1 else 1
    if n == 1:
        return 0
    return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2


def tn(key: str, n: int, lang: str | None = None, **params: object) -> str:
    """The PLURALS entry `key` in the form that agrees with the count `n` ("1 osoba", "2 osoby",
    "5 osób"), `{count}` filled with `n` written as "1 234" unless given, and `params` filled in."""
    # formatting looks its strings up here, so it is imported late
    from analytics.formatting import format_int

    polish, english = PLURALS[key]
    chosen = lang or _language.get()
    text = (english if chosen == "en" else polish)[plural_form(n, chosen)]
    return text.format(**{"count": format_int(n), **params})


def is_plural(key: str) -> bool:
    """Whether `key` is a PLURALS entry (looked up with tn and a count) rather than a STRINGS one."""
    return key in PLURALS
