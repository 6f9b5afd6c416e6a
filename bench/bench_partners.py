"""Times partner keys, display names, near-duplicate proposals and the sole-trader check, and rates them.

    .venv/bin/python bench/bench_partners.py [--cells 100000] [--institutions 400] [--threshold 80]

Generates institutions of the county (offices, welfare and cultural centres, schools, fire
brigades, NGOs, firms) and spells each the ways staff do (abbreviated or not, locative or not,
no Polish letters, quotes, capitals, a typo, "Stow." …), then an institution column of --cells
cells drawn from them. Prints the best of three timings, whether a key ever holds two institutions,
and how many proposed pairs are really one institution (the generator knows). Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import partners  # noqa: E402
from analytics.vocabulary import fold  # noqa: E402

T = TypeVar("T")
SEED = 2017
# nominative, locative, kind of gmina (1 urban, 2 rural, 3 urban-rural)
PLACES = [
    ("Bielsk", "Bielsku", 2), ("Bodzanów", "Bodzanowie", 3), ("Brudzeń Duży", "Brudzeniu Dużym", 2),
    ("Bulkowo", "Bulkowie", 2), ("Drobin", "Drobinie", 3), ("Gąbin", "Gąbinie", 3), ("Łąck", "Łącku", 2),
    ("Mała Wieś", "Małej Wsi", 2), ("Nowy Duninów", "Nowym Duninowie", 2), ("Radzanowo", "Radzanowie", 2),
    ("Słubice", "Słubicach", 2), ("Słupno", "Słupnie", 2), ("Stara Biała", "Starej Białej", 2),
    ("Staroźreby", "Staroźrebach", 3), ("Wyszogród", "Wyszogrodzie", 3), ("Płock", "Płocku", 1),
]
# (abbreviation, full name) per kind of gmina: the office, welfare and cultural centres
OFFICE = {1: ("UM", "Urząd Miasta"), 2: ("UG", "Urząd Gminy"), 3: ("UMiG", "Urząd Miasta i Gminy")}
WELFARE = {1: ("MOPR", "Miejski Ośrodek Pomocy Rodzinie"), 2: ("GOPS", "Gminny Ośrodek Pomocy Społecznej"),
           3: ("MGOPS", "Miejsko-Gminny Ośrodek Pomocy Społecznej")}
CULTURE = {1: None, 2: ("GOK", "Gminny Ośrodek Kultury"), 3: ("MGOK", "Miejsko-Gminny Ośrodek Kultury")}
SURNAMES = ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
            "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk",
            "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Nowicki", "Adamczyk", "Dudek",
            "Zając", "Wieczorek", "Jabłoński", "Król", "Majewski", "Olszewski", "Jaworski", "Wróbel",
            "Malinowski"]
FIRST_NAMES = ["Jan", "Anna", "Piotr", "Maria", "Krzysztof", "Katarzyna", "Andrzej", "Małgorzata", "Tomasz",
               "Agnieszka", "Paweł", "Barbara", "Marek", "Ewa", "Michał", "Elżbieta"]
TRADES = ["Usługi Transportowe", "Usługi Budowlane", "Zakład Stolarski", "Gospodarstwo Agroturystyczne",
          "Piekarnia", "Sklep Spożywczy", "Usługi Księgowe", "Warsztat Samochodowy", "Pasieka", "Tartak"]
BRANDS = ["Agro", "Eko", "Trans", "Bud", "Mar", "Pol", "Vis", "Tech", "Med", "Lux", "Max", "Rol", "Inter"]
NGO_AIMS = ["Rozwoju Gminy", "Przyjaciół Ziemi", "na rzecz Rozwoju Wsi", "Kobiet Aktywnych",
            "Seniorów", "Miłośników Historii", "Rodziców Dzieci Niepełnosprawnych", "Sportowe"]


NO_PARTNER = ["", "-", "brak", "osoba prywatna", "mieszkanka"]


def _strip_accents(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 7]
    if not long_words:
        return text
    i = rng.choice(long_words)
    k = rng.randrange(1, len(words[i]) - 1)
    words[i] = words[i][:k] + words[i][k + 1:]
    return " ".join(words)


def institutions(rng: random.Random, count: int) -> list[list[str]]:
    """`count` different institutions, each as the list of its spellings (by rule: every one names it)."""
    result: list[list[str]] = []
    for place, locative, kind in PLACES:
        for pair in (OFFICE[kind], WELFARE[kind], CULTURE[kind]):
            if pair:
                short, full = pair
                result.append([f"{short} {place}", f"{full} w {locative}", f"{full} {place}",
                               f"{short} w {locative}"])
        for number in (1, 2):
            result.append([f"SP {number} {place}", f"SP nr {number} w {locative}",
                           f"Szkoła Podstawowa nr {number} w {locative}", f"SP{number} {place}"])
        result.append([f"Zespół Szkół w {locative}", f"ZS {place}"])
        result.append([f"Ochotnicza Straż Pożarna w {locative}", f"OSP {place}"])
        result.append([f"Koło Gospodyń Wiejskich w {locative}", f"KGW {place}"])
        result.append([f"Stowarzyszenie Rozwoju Gminy {place}", f"„Stowarzyszenie Rozwoju Gminy {place}”"])
    seen = {" ".join(sorted(fold(spellings[0]).split())) for spellings in result}
    while len(result) < count:
        surname, first = rng.choice(SURNAMES), rng.choice(FIRST_NAMES)
        shape = rng.randrange(4)
        if shape == 0:
            name = f"{rng.choice(TRADES)} {first} {surname}"
            spellings = [name, name.upper()]
        elif shape == 1:
            name = "-".join(rng.sample(BRANDS, 2))
            spellings = [f"{name} Sp. z o.o.", f"„{name}” sp.z o.o.", f"{name} spółka z o.o."]
        elif shape == 2:
            name = f"Stowarzyszenie {rng.choice(NGO_AIMS)} {rng.choice(PLACES)[0]}"
            spellings = [name, f'"{name}"']
        else:
            name = f"Fundacja {surname} {rng.choice(BRANDS)}"
            spellings = [name, name.lower()]
        if " ".join(sorted(fold(name).split())) not in seen:  # not "Med-Pol" beside "Pol-Med"
            seen.add(" ".join(sorted(fold(name).split())))
            result.append(spellings)
    return result[:count]


def messy(rng: random.Random, spelling: str) -> str:
    """A spelling as a hurried member of staff types it (the fuzzy part: abbreviation, typo)."""
    if rng.random() < 0.3:
        spelling = _strip_accents(spelling)
    if rng.random() < 0.1:
        spelling = spelling.upper()
    if rng.random() < 0.1:
        spelling = spelling.replace("Stowarzyszenie", "Stow.")
    if rng.random() < 0.1:
        spelling = _typo(rng, spelling)
    return spelling


def best_of(work: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """The fastest of `repeat` runs (the machine is shared: the slower ones measure the neighbours)."""
    timings = []
    for _ in range(repeat):
        fold.cache_clear()  # every run folds its names afresh
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=100_000)
    parser.add_argument("--institutions", type=int, default=400)
    parser.add_argument("--threshold", type=float, default=partners.DEFAULT_THRESHOLD)
    args = parser.parse_args()
    rng = random.Random(SEED)
    spellings_of = institutions(rng, args.institutions)
    # each institution's spellings, a few of them typed messily: about 1,000 distinct in all
    spellings_of = [list(dict.fromkeys(s + [messy(rng, rng.choice(s)) for _ in range(2)]))
                    for s in spellings_of]
    column, owners = [], []
    for _ in range(args.cells):
        number = rng.randrange(len(spellings_of))
        column.append(rng.choice(spellings_of[number]) if rng.random() > 0.03 else rng.choice(NO_PARTNER))
        owners.append(number)
    cells = pd.Series(column)
    print(f"{len(cells):,} institution cells, {cells.nunique():,} distinct spellings, "
          f"{len(spellings_of)} institutions")

    partners.partner_key("rozgrzewka")  # loads and compiles the vocabulary, as a running app already has
    seconds, keys = best_of(lambda: partners.partner_keys(cells))
    print(f"partner_keys: {seconds:.3f} s -> {keys.nunique():,} keys")
    seconds, names = best_of(lambda: partners.partner_display_names(keys, cells))
    print(f"partner_display_names: {seconds:.3f} s")

    institutions_of_key = defaultdict(set)
    for key, number in zip(keys, owners, strict=True):
        if isinstance(key, str):
            institutions_of_key[key].add(number)
    wrongly_joined = sum(len(numbers) > 1 for numbers in institutions_of_key.values())
    print(f"keys holding two institutions (rules wrong): {wrongly_joined}")

    elapsed, proposals = best_of(lambda: partners.near_duplicates(names, args.threshold))
    right = sum(institutions_of_key[p.key_a] == institutions_of_key[p.key_b] for p in proposals)
    keys_of_institution = defaultdict(set)
    for key, numbers in institutions_of_key.items():
        for number in numbers:
            keys_of_institution[number].add(key)
    split = sum(len(k) - 1 for k in keys_of_institution.values())
    print(f"near_duplicates over {len(names):,} keys at {args.threshold:g}: {elapsed:.3f} s -> "
          f"{len(proposals)} proposals, {right} really one institution; "
          f"{split} extra keys in all (rules could not join)")

    # every first name with every surname, and made-up others to reach a large cycle's 20,000 people
    people = [fold(f"{first} {surname}") for first in FIRST_NAMES for surname in SURNAMES]
    people += [f"imie{n} nazwisko{n}" for n in range(20_000 - len(people))]

    def flag_sole_traders() -> int:
        everyone = frozenset(people)  # a new set each run, so that its index is built again (and timed)
        return sum(partners.names_a_person(name, everyone) for name in names.values())

    seconds, flagged = best_of(flag_sole_traders)
    print(f"names_a_person over {len(names):,} partners, {len(people)} people: {seconds:.3f} s "
          f"-> {flagged} sole traders")


if __name__ == "__main__":
    main()
