"""The catalogue's plural forms: a count and the words that agree with it, in Polish (one, few, many)
and English (one, other), and the shape every entry keeps so that it maps onto gettext's .po files."""

from __future__ import annotations

import string

import pytest

from analytics.catalogue import PLURALS, STRINGS, language, plural_form, tn


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(("n", "expected"), [
    (1, "1 nowa osoba"), (2, "2 nowe osoby"), (5, "5 nowych osób"), (12, "12 nowych osób"),
    (22, "22 nowe osoby"), (25, "25 nowych osób"),
])
def test_polish_counts_take_the_one_few_or_many_form(n: int, expected: str) -> None:
    with language("pl"):
        assert f"{n} {tn('kpi_new_since', n)}" == expected


@pytest.mark.parametrize(("n", "expected"), [
    (1, "Certyfikat otrzyma 1 osoba (co najmniej 1 spotkanie)."),
    (2, "Certyfikaty otrzymają 2 osoby (co najmniej 2 spotkania)."),
    (5, "Certyfikaty otrzyma 5 osób (co najmniej 5 spotkań)."),
    (12, "Certyfikaty otrzyma 12 osób (co najmniej 12 spotkań)."),
    (22, "Certyfikaty otrzymają 22 osoby (co najmniej 22 spotkania)."),
    (25, "Certyfikaty otrzyma 25 osób (co najmniej 25 spotkań)."),
])
def test_the_certificates_sentence_agrees_with_its_counts_in_polish(n: int, expected: str) -> None:
    sentence = tn("certificates_count", n, "pl", at_least=tn("at_least_meetings", n, "pl"))
    assert sentence.startswith(expected)


@pytest.mark.parametrize(("n", "expected"), [
    (1, "1 person gets a certificate (at least 1 meeting)."),
    (2, "2 people get a certificate (at least 2 meetings)."),
])
def test_english_counts_take_the_one_or_other_form(n: int, expected: str) -> None:
    with language("en"):
        assert tn("certificates_count", n, at_least=tn("at_least_meetings", n)).startswith(expected)


def test_polish_plural_rule_is_gettexts_for_every_count_to_a_thousand() -> None:
    for n in range(1001):
        gettext = 0 if n == 1 else 1 if n % 10 >= 2 and n % 10 <= 4 and (n % 100 < 10 or n % 100 >= 20) else 2
        assert plural_form(n, "pl") == gettext, n
    assert [plural_form(n, "en") for n in (0, 1, 2, 11)] == [1, 0, 1, 1]


def test_the_count_is_written_with_the_thousands_separator() -> None:
    assert tn("of_people", 1234, "pl") == "z 1\u00a0234 osób"
    assert tn("rpt_retained_short", 3, "pl", threshold=3, of_meetings=tn("of_meetings", 6, "pl")) == (
        "3 osoby na ≥ 3 z 6 spotkań")


def test_every_plural_entry_has_three_polish_and_two_english_forms_with_the_same_placeholders() -> None:
    assert not set(PLURALS) & set(STRINGS)
    for key, (polish, english) in PLURALS.items():
        assert len(polish) == 3 and len(english) == 2, key
        fields = {frozenset(placeholders(form)) for form in (*polish, *english)}
        assert len(fields) == 1, (key, fields)
