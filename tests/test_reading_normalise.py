"""Gminy, sectors and groups as staff type them land on canonical values, each correction reported once."""

from __future__ import annotations

import pytest
from builders import FOUR_FORMATS, check_table, data_row, notices_naming

from analytics.reading.normalise import name_for_print, surname_last

ATTENDANCE_SUMMARY_KEYS = {"meetings", "participants", "attendances", "participants_by_sector",
                           "participants_by_group", "participants_by_gmina", "attendances_by_meeting",
                           "partners", "partners_by_sector", "partners_by_gmina"}

GMINA_SPELLINGS = [
    # (as typed, canonical)
    ("gm. Słupno", "Słupno"),
    ("SŁUPNO", "Słupno"),
    ("gm. Słupno", "Słupno"),
    ("Slupno", "Słupno"),
    ("Gmina Słupno", "Słupno"),
    ("m. Płock", "Płock"),
    ("Miasto Płock", "Płock"),
    ("Brudzen Duzy", "Brudzeń Duży"),
    ("Słupno", "Słupno"),
    ("Slupno", "Słupno"),
]


def gmina_table() -> list[list]:
    rows = [["Imię i nazwisko", "Gmina", "Spotkanie"]]
    names = ["Jan Kowalski", "Anna Nowak", "Piotr Zieliński", "Ewa Lewandowska", "Tomasz Wójcik",
             "Katarzyna Kamińska", "Marek Szymański", "Agnieszka Dąbrowska", "Paweł Kozłowski",
             "Maria Wiśniewska"]
    for name, (typed, _canonical) in zip(names, GMINA_SPELLINGS, strict=True):
        rows.append([name, typed, 6])
    return rows


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_gmina_spellings_land_on_the_canonical_name(fmt: str) -> None:
    result = check_table(fmt, gmina_table())

    assert result.rows_rejected == 0, result.rejected
    assert result.accepted["gmina"].tolist() == [canonical for _typed, canonical in GMINA_SPELLINGS]
    assert set(result.accepted.loc[result.accepted["gmina"] == "Słupno", "teryt"]) == {"141912"}
    assert set(result.accepted.loc[result.accepted["gmina"] == "Płock", "teryt"]) == {"146201"}
    assert set(result.accepted.loc[result.accepted["gmina"] == "Brudzeń Duży", "teryt"]) == {"141903"}
    assert result.accepted["in_county"].tolist() == [True] * len(GMINA_SPELLINGS)
    assert result.summary["participants_by_gmina"] == {"Słupno": 7, "Płock": 2, "Brudzeń Duży": 1}


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_each_gmina_correction_is_one_warning_naming_both_spellings_at_its_first_row(fmt: str) -> None:
    result = check_table(fmt, gmina_table())

    first_row: dict[str, int] = {}
    for n, (typed, _canonical) in enumerate(GMINA_SPELLINGS, start=1):
        first_row.setdefault(typed, data_row(n))
    for typed, canonical in dict(GMINA_SPELLINGS).items():
        if typed == canonical:
            continue
        quoted = [w for w in result.warnings if f"„{typed}”" in w.message or f'"{typed}"' in w.message
                  or typed in w.message.replace(canonical, "")]
        assert len(quoted) == 1, (typed, result.warnings)
        assert canonical in quoted[0].message, quoted[0]
        assert quoted[0].row == first_row[typed], (typed, quoted[0])
    exact_row = data_row(9)   # "Słupno" as it should be: nothing to report there
    assert not [w for w in result.warnings if w.row == exact_row], result.warnings


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_place_outside_the_county_is_kept_and_counted_as_outside(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Gmina", "Spotkanie"],
        ["Jan Kowalski", "Słupno", 6],
        ["Anna Nowak", "Gostynin", 6],
        ["Piotr Zieliński", "Sierpc", 6],
        ["Ewa Lewandowska", None, 6],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    outsider = result.accepted.iloc[1]
    assert outsider["gmina"] == "Gostynin"
    assert outsider["teryt"] is None or outsider["teryt"] != outsider["teryt"]   # None or NaN
    assert bool(outsider["in_county"]) is False
    unknown = result.accepted.iloc[3]
    assert unknown["in_county"] is None or unknown["in_county"] != unknown["in_county"]
    assert result.summary["participants_by_gmina"] == {"Słupno": 1, "spoza powiatu": 2, "brak danych": 1}


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_sector_and_group_synonyms_are_canonical_and_reported(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Sektor", "Grupa", "Spotkanie"],
        ["Jan Kowalski", "biznes", "JST", 6],
        ["Anna Nowak", "Oświata", "fundacja", 6],
        ["Piotr Zieliński", "pomoc społeczna", "Stowarzyszenie", 6],
        ["Ewa Lewandowska", "biznes", "przedsiębiorcy", 6],
        ["Tomasz Wójcik", "rynek pracy", "uczniowie", 6],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    assert result.accepted["sector"].tolist() == [
        "gospodarka", "edukacja", "opieka społeczna", "gospodarka", "rynek pracy"]
    assert result.accepted["group"].tolist() == [
        "samorząd lokalny", "organizacje pozarządowe", "organizacje pozarządowe", "przedsiębiorcy",
        "uczniowie"]
    for typed, canonical, row in [("biznes", "gospodarka", 2), ("Oświata", "edukacja", 3),
                                  ("pomoc społeczna", "opieka społeczna", 4), ("JST", "samorząd lokalny", 2),
                                  ("fundacja", "organizacje pozarządowe", 3)]:
        found = notices_naming(result, typed, canonical)
        assert len(found) == 1, (typed, result.warnings)
        assert found[0].row == row, (typed, found[0])


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_unknown_sector_or_group_is_kept_as_other_with_the_original_text_and_a_warning(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Sektor", "Grupa", "Spotkanie"],
        ["Jan Kowalski", "sport", "emeryci", 6],
        ["Anna Nowak", "kultura", "mieszkańcy", 6],
        ["Piotr Zieliński", "sport", "mieszkańcy", 6],
    ]
    result = check_table(fmt, rows)

    assert result.rows_rejected == 0, result.rejected
    first = result.accepted.iloc[0]
    assert (first["sector"], first["sector_other"]) == ("inne", "sport")
    assert (first["group"], first["group_other"]) == ("inne", "emeryci")
    assert len(notices_naming(result, "sport")) == 1, result.warnings
    assert notices_naming(result, "sport")[0].row == data_row(1)
    assert len(notices_naming(result, "emeryci")) == 1, result.warnings
    assert result.summary["participants_by_sector"] == {"inne": 2, "kultura": 1}
    assert result.summary["participants_by_group"] == {"inne": 1, "mieszkańcy": 2}


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_vocabulary_ignores_case(fmt: str) -> None:
    rows = [
        ["Imię i nazwisko", "Sektor", "Grupa", "Spotkanie"],
        ["Jan Kowalski", "KULTURA", "Mieszkańcy", 6],
        ["Anna Nowak", "Rynek Pracy", "UCZNIOWIE", 6],
    ]
    result = check_table(fmt, rows)

    assert result.accepted["sector"].tolist() == ["kultura", "rynek pracy"]
    assert result.accepted["group"].tolist() == ["mieszkańcy", "uczniowie"]


@pytest.mark.parametrize("fmt", FOUR_FORMATS)
def test_participants_are_counted_once_under_their_latest_attendance(fmt: str) -> None:
    # Jan moved from culture in Gąbin to education in Słupno; the later meeting is written first.
    rows = [
        ["Imię i nazwisko", "Gmina", "Sektor", "Grupa", "Spotkanie"],
        ["Jan Kowalski", "Słupno", "edukacja", "mieszkańcy", 6],
        ["Jan Kowalski", "Gąbin", "kultura", "organizacje pozarządowe", 1],
        ["Anna Nowak", "Gąbin", "kultura", "organizacje pozarządowe", 1],
        ["Piotr Zieliński", None, None, None, 3],
    ]
    result = check_table(fmt, rows)

    summary = result.summary
    assert set(summary) == ATTENDANCE_SUMMARY_KEYS
    assert summary["participants"] == 3
    assert summary["attendances"] == 4
    assert summary["meetings"] == 3
    assert summary["participants_by_gmina"] == {"Słupno": 1, "Gąbin": 1, "brak danych": 1}
    assert summary["participants_by_sector"] == {"edukacja": 1, "kultura": 1, "brak danych": 1}
    assert summary["participants_by_group"] == {
        "mieszkańcy": 1, "organizacje pozarządowe": 1, "brak danych": 1}
    assert summary["attendances_by_meeting"] == {"1": 2, "3": 1, "6": 1}


# -- the order of a name: first name first when the header says the sheet writes the surname first -------


@pytest.mark.parametrize(("header", "stored"), [
    ("Nazwisko i imię", "Agnieszka Krawczyk"),
    ("NAZWISKO I IMIĘ", "Agnieszka Krawczyk"),
    ("Nazwisko, imię", "Agnieszka Krawczyk"),
    ("Nazwisko i imię uczestnika", "Agnieszka Krawczyk"),
    ("Nazwisko i imię (drukiem)", "Agnieszka Krawczyk"),
    ("Imię i nazwisko", "Krawczyk Agnieszka"),          # the header says first name first: kept as written
    ("Uczestnik", "Krawczyk Agnieszka"),                # the header does not say: kept as written
])
def test_names_under_a_surname_first_header_are_kept_first_name_first(header: str, stored: str) -> None:
    result = check_table("xlsx", [[header, "Spotkanie"], ["Krawczyk Agnieszka", 1]])

    assert result.accepted["person_name"].tolist() == [stored]


@pytest.mark.parametrize(("written", "first_name_first"), [
    ("Krawczyk Agnieszka", "Agnieszka Krawczyk"),
    ("KOWALSKI Jan", "Jan KOWALSKI"),
    ("Kowalska-Nowak Anna Maria", "Anna Maria Kowalska-Nowak"),
    ("KOWALSKA NOWAK Anna", "Anna KOWALSKA NOWAK"),
    ("  Zając   Piotr ", "Piotr Zając"),
    ("Anna", "Anna"),
])
def test_surname_last_moves_the_surname_to_the_end(written: str, first_name_first: str) -> None:
    assert surname_last(written) == first_name_first


@pytest.mark.parametrize(("stored", "printed"), [
    ("Jan KOWALSKI", "Jan Kowalski"),
    ("KOWALSKI Jan", "Jan Kowalski"),
    ("ŻANETA WOŹNIAK", "Żaneta Woźniak"),
    ("Grażyna KOŚMIDER-ŁĘCKA", "Grażyna Kośmider-Łęcka"),
    ("Agnieszka Krawczyk", "Agnieszka Krawczyk"),
    ("Anna McDonald", "Anna McDonald"),
])
def test_name_for_print_puts_a_capitalised_surname_last_in_title_case(stored: str, printed: str) -> None:
    assert name_for_print(stored) == printed
