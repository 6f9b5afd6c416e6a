"""Partner institutions: one key however staff typed the name, proposals, staff decisions, sole traders."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.partners import (
    Proposal,
    apply_decisions,
    names_a_person,
    near_duplicates,
    open_proposals,
    partner_display_name,
    partner_display_names,
    partner_key,
    partner_keys,
)
from analytics.vocabulary import fold, load_vocabulary, vocabulary

# The 16 gminy as staff write them in an institution's name: nominative, locative.
PLACES = [
    ("Bielsk", "w Bielsku"), ("Bodzanów", "w Bodzanowie"), ("Brudzeń Duży", "w Brudzeniu Dużym"),
    ("Bulkowo", "w Bulkowie"), ("Drobin", "w Drobinie"), ("Gąbin", "w Gąbinie"), ("Łąck", "w Łącku"),
    ("Mała Wieś", "w Małej Wsi"), ("Nowy Duninów", "w Nowym Duninowie"), ("Radzanowo", "w Radzanowie"),
    ("Słubice", "w Słubicach"), ("Słupno", "w Słupnie"), ("Stara Biała", "w Starej Białej"),
    ("Staroźreby", "w Staroźrebach"), ("Wyszogród", "w Wyszogrodzie"), ("Płock", "w Płocku"),
]

# One institution per line, spelled the ways staff spell it: each line must give one key.
ONE_INSTITUTION_MANY_SPELLINGS = [
    ["Urząd Gminy w Bielsku", "UG Bielsk", "ug bielsk", "„UG Bielsk”", "URZĄD GMINY BIELSK",
     "Urzad Gminy w Bielsku", "  Urząd  Gminy   w Bielsku ", '"Urząd Gminy w Bielsku"', "UG w Bielsku"],
    ["Urząd Miasta Płocka", "UM Płock", "Urząd Miasta w Płocku", "Urząd Miejski w Płocku", "UM Plock"],
    ["Urząd Miasta i Gminy Drobin", "UMiG Drobin", "UMIG w Drobinie", "urzad miasta i gminy w drobinie"],
    ["Gminny Ośrodek Pomocy Społecznej w Słupnie", "GOPS Słupno", "GOPS w Słupnie", "Gminny OPS Słupno",
     "G.O.P.S. Slupno", "gminny osrodek pomocy spolecznej slupno"],
    ["Miejsko-Gminny Ośrodek Pomocy Społecznej w Gąbinie",
     "Miejsko Gminny Ośrodek Pomocy Społecznej w Gąbinie",
     "Miejsko–Gminny Ośrodek Pomocy Społecznej w Gąbinie", "Miejsko—Gminny OPS Gąbin", "MGOPS Gąbin",
     "M-GOPS w Gabinie", "MGOPS w Gąbinie", "M-Gminny OPS w Gąbinie"],
    ["Ośrodek Pomocy Społecznej w Łącku", "OPS Łąck", "O.P.S. w Lacku"],
    ["Gminny Ośrodek Kultury w Bodzanowie", "GOK Bodzanów", "GOK w Bodzanowie", "gok bodzanow"],
    ["Miejsko-Gminny Ośrodek Kultury w Wyszogrodzie", "MGOK Wyszogród", "M-GOK w Wyszogrodzie"],
    ["Szkoła Podstawowa nr 1 w Gąbinie", "SP 1 Gąbin", "SP nr 1 Gąbin", "SP1 Gąbin", "SP nr. 1 w Gąbinie",
     "Szkoła Podstawowa Nr 1 Gąbin", "szkola podstawowa numer 1 w gabinie", "„SP nr 1” Gąbin"],
    ["Zespół Szkół w Radzanowie", "ZS Radzanowo", "ZS w Radzanowie", "Zespol Szkol Radzanowo"],
    ["Lokalna Grupa Działania „Razem ku Lepszej Przyszłości”", "LGD Razem ku Lepszej Przyszłości",
     "LGD „Razem Ku Lepszej Przyszłości”", "lokalna grupa dzialania razem ku lepszej przyszlosci"],
    ["Ochotnicza Straż Pożarna w Małej Wsi", "OSP Mała Wieś", "OSP w Małej Wsi", "OSP Mala Wies"],
    ["Powiatowy Urząd Pracy w Płocku", "PUP Płock", "PUP w Płocku", "Powiatowy Urzad Pracy Plock"],
    ["Centrum Kształcenia Zawodowego i Ustawicznego w Brudzeniu Dużym", "CKZiU Brudzeń Duży",
     "CKZIU w Brudzeniu Duzym"],
    ["Agro-Trans Sp. z o.o.", "Agro-Trans sp.z o.o.", "Agro-Trans Sp. z o. o.", "Agro-Trans spółka z o.o.",
     "„Agro-Trans” Spółka z ograniczoną odpowiedzialnością", "AGRO TRANS SP. Z O.O.", "Agro–Trans spzoo"],
    ["Piekarnia Mazur s.c.", "Piekarnia Mazur S.C.", "Piekarnia Mazur spółka cywilna", "piekarnia mazur sc"],
    ["Stowarzyszenie Przyjaciół Ziemi Gąbińskiej", "Stow. Przyjaciol Ziemi Gabinskiej",
     "«Stowarzyszenie Przyjaciół Ziemi Gąbińskiej»", "'Stowarzyszenie Przyjaciół Ziemi Gąbińskiej'"],
]

# One line per place: the commune office, its welfare centre and its cultural centre, in both cases.
OFFICES = {"Płock": ("UM", "Urząd Miasta"), "Bodzanów": ("UMiG", "Urząd Miasta i Gminy"),
           "Drobin": ("UMiG", "Urząd Miasta i Gminy"), "Gąbin": ("UMiG", "Urząd Miasta i Gminy"),
           "Staroźreby": ("UMiG", "Urząd Miasta i Gminy"), "Wyszogród": ("UMiG", "Urząd Miasta i Gminy")}

NO_PARTNER = ["", "   ", "-", "—", "–", "brak", "BRAK", "Brak.", "osoba prywatna", "Osoba Prywatna",
              "mieszkaniec", "Mieszkanka", "mieszkańcy", "nie dotyczy", "Nie dotyczy", "n/d",
              "Mieszkanka gminy Słupno", "mieszkaniec Gąbina", None, float("nan")]


@pytest.mark.parametrize("spellings", ONE_INSTITUTION_MANY_SPELLINGS, ids=lambda s: s[0])
def test_every_spelling_of_one_institution_gives_one_key(spellings: list[str]) -> None:
    keys = {partner_key(spelling) for spelling in spellings}
    assert len(keys) == 1 and None not in keys, keys


@pytest.mark.parametrize(("place", "locative"), PLACES, ids=[p for p, _ in PLACES])
def test_a_place_in_the_locative_is_the_place(place: str, locative: str) -> None:
    short, full = OFFICES.get(place, ("UG", "Urząd Gminy"))
    assert partner_key(f"{full} {locative}") == partner_key(f"{short} {place}")
    assert partner_key(f"Gminny Ośrodek Pomocy Społecznej {locative}") == partner_key(f"GOPS {place}")
    assert partner_key(f"Stowarzyszenie Rozwoju {locative.upper()}") == partner_key(f"Stow. Rozwoju {place}")


def test_different_institutions_keep_their_own_keys() -> None:
    different = [
        "UG Bielsk", "UG Bodzanów", "UG Bulkowo", "SP 1 Gąbin", "SP 2 Gąbin", "SP 12 Gąbin", "GOPS Słupno",
        "GOK Słupno", "OPS Słupno", "MGOPS Gąbin", "GOPS Gąbin", "UM Płock", "UG Płock", "ZS Płock",
        "CKZiU Płock", "PUP Płock", "Agro-Trans Sp. z o.o.", "Agro-Trans s.c.", "Agro Bud Sp. z o.o.",
        "OSP Mała Wieś", "OSP Stara Biała", "Stowarzyszenie Przyjaciół Ziemi Gąbińskiej",
        "Fundacja Przyjaciół Ziemi Gąbińskiej",
    ]
    keys = [partner_key(name) for name in different]
    assert len(set(keys)) == len(different), keys


@pytest.mark.parametrize("cell", NO_PARTNER, ids=repr)
def test_a_cell_naming_no_institution_is_no_partner(cell: object) -> None:
    assert partner_key(cell) is None


def test_an_institution_with_a_no_partner_word_inside_is_a_partner() -> None:
    assert partner_key("Stowarzyszenie Mieszkańców Gminy Łąck") == "stowarzyszenie mieszkancow gminy lack"
    assert partner_key("Brak Barier Fundacja") == "brak barier fundacja"


def test_the_places_of_the_rules_are_the_gminy_of_the_vocabulary() -> None:
    vocab = vocabulary()
    assert set(vocab.partners["places"]) == {gmina.name for gmina in vocab.gminy}
    assert {fold(form) for forms in vocab.partners["places"].values() for form in forms} >= {
        fold(locative) for _, locative in PLACES}


def test_partner_keys_keys_a_column_and_leaves_no_partner_missing() -> None:
    cells = pd.Series(["UG Bielsk", None, "brak", "Urząd Gminy w Bielsku", float("nan"), "GOK Bielsk"])
    assert partner_keys(cells).tolist() == ["ug bielsk", None, None, "ug bielsk", None, "gok bielsk"]


def test_an_office_extends_the_abbreviations_in_its_local_vocabulary(tmp_path) -> None:
    local = tmp_path / "vocabularies.local.toml"
    local.write_text('[partners.kinds]\n"ZSP" = ["Zespół Szkolno-Przedszkolny"]\n', encoding="utf-8")
    office, shipped = load_vocabulary(local_path=local), load_vocabulary(local_path=tmp_path / "none.toml")
    assert partner_key("Zespół Szkolno-Przedszkolny w Łącku", office) == partner_key("ZSP Łąck", office)
    assert partner_key("Zespół Szkolno-Przedszkolny w Łącku", shipped) != partner_key("ZSP Łąck", shipped)


# -- display names ----------------------------------------------------------------------------


def test_display_name_is_the_spelling_written_most_often_as_written() -> None:
    spellings = ["UG Bielsk", "Urząd Gminy w Bielsku", "Urząd  Gminy w Bielsku ", "ug bielsk"]
    assert partner_display_name(spellings) == "Urząd Gminy w Bielsku"


def test_display_name_tie_goes_to_the_spelling_written_last() -> None:
    assert partner_display_name(["UG Bielsk", "Urząd Gminy w Bielsku"]) == "Urząd Gminy w Bielsku"
    assert partner_display_name(["Urząd Gminy w Bielsku", "UG Bielsk", "UG Bielsk",
                                 "Urząd Gminy w Bielsku"]) == "Urząd Gminy w Bielsku"
    assert partner_display_name(["Urząd Gminy w Bielsku", "UG Bielsk", "Urząd Gminy w Bielsku",
                                 "UG Bielsk"]) == "UG Bielsk"


def test_display_name_of_no_spelling_is_an_error() -> None:
    with pytest.raises(ValueError):
        partner_display_name(["", "  ", None])


def test_display_names_of_a_column_agree_with_one_by_one() -> None:
    cells = pd.Series([spelling for spellings in ONE_INSTITUTION_MANY_SPELLINGS for spelling in spellings]
                      + ["UG Bielsk", "GOPS Słupno", "GOPS Słupno", "brak", None, "SP 1 Gąbin"])
    keys = partner_keys(cells)
    names = partner_display_names(keys, cells)
    assert set(names) == set(keys.dropna())
    for key, name in names.items():
        assert name == partner_display_name(cells[keys == key])
    assert names[partner_key("GOPS Słupno")] == "GOPS Słupno"


# -- near-duplicates ------------------------------------------------------------------------------

# The institution column of a real-looking list, as staff typed it over a cycle.
STAFF_LIST = [
    "Urząd Gminy w Bielsku", "UG Bodzanów", "UMiG Gąbin", "Urząd Gminy Gąbin", "GOPS Słupno",
    "GOPS w Słupnie", "GOK Słupno", "MGOPS Gąbin", "GOPS Gąbin", "SP 1 Gąbin", "SP nr 2 w Gąbinie",
    "Szkoła Podstawowa nr 1 im. Jana Pawła II w Gąbinie", "Stowarzyszenie Przyjaciół Ziemi Gąbińskiej",
    "Stowarzyszenie Przyjaciol Ziemi Gabinkiej", "Firma Kowalski", "Kowalski Firma Usługowa",
    "Fundacja Nowak Lux", "Fundacja Nowak Vis", "Usługi Transportowe Jan Dąbrowski",
    "Usługi Transportowe Jan Grabowski", "Stowarzyszenie Rozwoju Gminy Bielsk",
    "Stowarzyszenie Rozwoju Gminy Bodzanów", "Gminny Osodek Kultury w Radzanowie", "GOK Radzanowo",
    "UG", "GOPS", "Koło Gospodyń Wiejskich w Łącku", "KGW Łąck", "Med-Pol Sp. z o.o.", "Med-Rol Sp. z o.o.",
]


def proposed_pairs(names: list[str], threshold: float | None = None) -> set[frozenset[str]]:
    keys = partner_keys(pd.Series(names))
    shown = partner_display_names(keys, pd.Series(names))
    proposals = near_duplicates(shown) if threshold is None else near_duplicates(shown, threshold)
    return {frozenset((p.name_a, p.name_b)) for p in proposals}


def test_near_duplicates_propose_what_rules_cannot_decide_and_nothing_else() -> None:
    assert proposed_pairs(STAFF_LIST) == {
        frozenset(("Stowarzyszenie Przyjaciół Ziemi Gąbińskiej",
                   "Stowarzyszenie Przyjaciol Ziemi Gabinkiej")),
        frozenset(("Firma Kowalski", "Kowalski Firma Usługowa")),
        frozenset(("UMiG Gąbin", "Urząd Gminy Gąbin")),
        frozenset(("MGOPS Gąbin", "GOPS Gąbin")),
        frozenset(("SP 1 Gąbin", "Szkoła Podstawowa nr 1 im. Jana Pawła II w Gąbinie")),
        frozenset(("Gminny Osodek Kultury w Radzanowie", "GOK Radzanowo")),
    }


@pytest.mark.parametrize(("a", "b"), [
    ("UG Bielsk", "UG Bodzanów"),                      # same kind, different places
    ("Urząd Gminy w Bielsku", "Urząd Gminy Bulkowo"),
    ("Stowarzyszenie Rozwoju Gąbin", "Stowarzyszenie Rozwoju Gąbin i Słubice"),  # even as extra words
    ("SP 1 Gąbin", "SP 2 Gąbin"),                      # different numbers
    ("Szkoła Podstawowa nr 1 w Gąbinie", "Szkoła Podstawowa nr 11 w Gąbinie"),
    ("Uczniowski Klub Sportowy 2012 Gąbin", "Uczniowski Klub Sportowy 2013 Gąbin"),  # not a typo either
    ("GOPS Słupno", "GOK Słupno"),                     # different kinds of one place
    ("SP 1 Gąbin", "ZS 1 Gąbin"),
    ("Stowarzyszenie Rozwoju Gminy Bielsk", "Stowarzyszenie Rozwoju Gminy Bodzanów"),
    ("UG", "UG Bielsk"),                               # "UG" alone names no one office
    ("SP 1", "SP 1 Gąbin"),
    ("Fundacja Nowak Lux", "Fundacja Nowak Vis"),      # a word replaced, not mistyped
    ("Sklep Spożywczy Paweł Grabowski", "Sklep Spożywczy Paweł Zając"),
])
def test_near_duplicates_never_propose_institutions_told_apart(a: str, b: str) -> None:
    assert proposed_pairs([a, b], threshold=0) == set()


def test_spellings_of_one_key_are_never_proposed_to_each_other() -> None:
    one_institution = ["GOPS Słupno", "GOPS w Słupnie", "Gminny Ośrodek Pomocy Społecznej w Słupnie"]
    assert proposed_pairs(one_institution, threshold=0) == set()


def test_a_higher_threshold_proposes_fewer_pairs() -> None:
    assert proposed_pairs(STAFF_LIST, 100) < proposed_pairs(STAFF_LIST, 80) <= proposed_pairs(STAFF_LIST, 50)
    assert frozenset(("Firma Kowalski", "Kowalski Firma Usługowa")) in proposed_pairs(STAFF_LIST, 100)


def test_proposals_come_best_first_with_their_keys_and_names() -> None:
    keys = partner_keys(pd.Series(STAFF_LIST))
    proposals = near_duplicates(partner_display_names(keys, pd.Series(STAFF_LIST)))
    assert [p.score for p in proposals] == sorted((p.score for p in proposals), reverse=True)
    for proposal in proposals:
        assert proposal.key_a < proposal.key_b
        assert partner_key(proposal.name_a) == proposal.key_a
        assert partner_key(proposal.name_b) == proposal.key_b


# -- staff decisions ------------------------------------------------------------------------------


def test_merges_apply_transitively_and_leave_the_rest_alone() -> None:
    keys = pd.Series(["stow przyjaciol", "stowarzyszenie przyjaciol", "spzg", None, "ug bielsk"])
    merges = {"stow przyjaciol": "stowarzyszenie przyjaciol", "stowarzyszenie przyjaciol": "spzg"}
    assert apply_decisions(keys, merges).tolist() == ["spzg", "spzg", "spzg", None, "ug bielsk"]


def test_a_cycle_of_merges_makes_one_partner_under_its_first_key() -> None:
    keys = pd.Series(["b", "a", "c", "d"])
    assert apply_decisions(keys, {"a": "b", "b": "a", "c": "b"}).tolist() == ["a", "a", "a", "d"]
    assert apply_decisions(keys, {"a": "a"}).tolist() == ["b", "a", "c", "d"]


def test_decided_proposals_disappear() -> None:
    merged = Proposal("firma kowalski", "kowalski firma uslugowa",
                      "Firma Kowalski", "Kowalski Firma Usługowa", 100)
    apart = Proposal("gops gabin", "mgops gabin", "GOPS Gąbin", "MGOPS Gąbin", 94.7)
    undecided = Proposal("gok radzanowo", "gminny osodek kultury radzanowo", "GOK Radzanowo",
                         "Gminny Osodek Kultury w Radzanowie", 81.8)
    merges = {"kowalski firma uslugowa": "firma kowalski"}
    assert open_proposals([merged, apart, undecided], merges, [("mgops gabin", "gops gabin")]) == [undecided]


def test_a_pair_kept_apart_stays_apart_after_one_of_them_is_merged() -> None:
    proposal = Proposal("gops gabin", "mgops w gabinie", "GOPS Gąbin", "MGOPS w Gąbinie", 90)
    merges = {"mgops w gabinie": "mgops gabin"}
    assert open_proposals([proposal], merges, [("gops gabin", "mgops gabin")]) == []
    assert open_proposals([proposal], merges, []) == [proposal]


# -- sole traders ---------------------------------------------------------------------------------

PEOPLE = frozenset(fold(name) for name in ["Jan Kowalski", "KOWALSKA Anna", "Łukasz Woźniak",
                                           "Anna Nowak-Kowalska", "Dąbrowski"])


@pytest.mark.parametrize("institution", [
    "Jan Kowalski Usługi", "Usługi Transportowe KOWALSKI JAN", "„Kowalski Jan” Usługi Remontowe",
    "Zakład Stolarski Lukasz Wozniak", "Anna Kowalska – Biuro Rachunkowe",
    "Catering Anna Nowak-Kowalska",
])
def test_an_institution_holding_a_participants_name_names_a_person(institution: str) -> None:
    assert names_a_person(institution, PEOPLE)


@pytest.mark.parametrize("institution", [
    "Firma Kowalski", "Jan Nowak Usługi", "Catering Anna Nowak", "Usługi Dąbrowski",
    "Urząd Gminy w Bielsku", "",
])
def test_an_institution_without_a_participants_full_name_names_no_one(institution: str) -> None:
    assert not names_a_person(institution, PEOPLE)


# -- properties ------------------------------------------------------------------------------------

POLISH = "aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ0123456789 .-"
QUOTES = [("„", "”"), ('"', '"'), ("'", "'"), ("«", "»"), ("", "")]


def strip_polish_letters(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


names = st.one_of(
    st.text(alphabet=POLISH, max_size=40),
    st.lists(st.sampled_from([w for s in ONE_INSTITUTION_MANY_SPELLINGS for w in s[0].split()]
                             + [p for place in PLACES for p in place]), max_size=6).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(names, st.sampled_from(QUOTES), st.sampled_from([str, str.upper, str.lower, strip_polish_letters]),
       st.sampled_from(["", " ", "  ", "\t"]))
def test_case_quotes_spaces_and_polish_letters_never_change_the_key(
        name: str, quotes: tuple[str, str], case: object, padding: str) -> None:
    variant = padding + quotes[0] + case(name).replace(" ", " " + padding) + quotes[1] + padding
    assert partner_key(variant) == partner_key(name)


@settings(max_examples=300, deadline=None)
@given(names)
def test_a_key_is_its_own_key(name: str) -> None:
    key = partner_key(name)
    assert key is None or partner_key(key) == key
