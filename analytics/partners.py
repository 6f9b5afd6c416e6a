"""Partner institutions: one key per institution however staff typed its name, and what rules cannot decide.

Staff type an institution differently on every list ("Urząd Gminy w Bielsku", "UG Bielsk",
„ug bielsk”). `partner_key` turns every spelling of one institution into one key by rules: case,
quotes, punctuation and Polish letters folded; the usual abbreviations (UG, GOPS, SP, `Sp. z o.o.` …)
written one way; a gmina written in the locative put in the nominative; „nr” before a number
dropped. The rules' data is the [partners] section of data/vocabularies.toml.

What the rules cannot decide is proposed to staff, never merged: `near_duplicates` scores the keys
(rapidfuzz) and never proposes two names of different places or numbers, or where a word of one is
replaced by an unrelated word in the other ("GOPS Słupno" / "GOK Słupno").
Staff decisions (merge A into B, keep apart) are applied by `apply_decisions` and
`open_proposals`. `names_a_person` flags a sole trader whose firm carries a participant's name.
Pure functions over strings and pandas Series: no Streamlit, no store.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from analytics.vocabulary import Vocabulary, fold, vocabulary

DEFAULT_THRESHOLD = 80  # token_set_ratio (0-100) of two keys from which they are proposed as one

_DOTTED_INITIALS = re.compile(r"\b(?:[^\W\d_]\.\s*){2,}")  # "G.O.P.S." is "GOPS", "s.c." is "sc"
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")  # "SP1" is "SP 1"
_NUMBER_WORD = re.compile(r"\b(?:nr|numer)\s+(?=\d)")           # "SP nr 1" is "SP 1"
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Proposal:
    """Two partners that may be one institution: for staff to merge or keep apart."""

    key_a: str
    key_b: str
    name_a: str
    name_b: str
    score: float


@dataclass(frozen=True)
class _Rules:
    """The [partners] vocabulary compiled for matching."""

    none: frozenset[str]
    none_prefixes: tuple[str, ...]
    replacement: dict[str, str]  # folded spelling -> what a key says instead
    rewrite: re.Pattern[str]
    kinds: dict[str, str]  # kind token ("gops") -> its first long spelling, folded
    legal_forms: frozenset[str]
    place_pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Profile:
    """What in a key tells institutions apart: its places and numbers, and whether it singles one out."""

    places: frozenset[str]
    numbers: frozenset[str]
    specific: bool


def _joined_initials(match: re.Match[str]) -> str:
    return re.sub(r"[.\s]", "", match.group(0)) + " "


def _normal(text: str) -> str:
    """Folded (vocabulary.fold), dotted initials joined: names and the rules' spellings are compared so."""
    return fold(_DOTTED_INITIALS.sub(_joined_initials, text))


def _token(abbreviation: str) -> str:
    return fold(abbreviation).replace(" ", "")  # "Sp. z o.o." -> "spzoo", never the school's "sp"


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    # Longest first: "urzad miasta i gminy" is tried before "urzad miasta".
    longest_first = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in longest_first) + r")\b")


@lru_cache(maxsize=4)
def _rules(vocab: Vocabulary) -> _Rules:
    section = vocab.partners
    replacement: dict[str, str] = {}
    for abbreviation, spellings in section["kinds"].items():
        replacement.update({_normal(s): _token(abbreviation) for s in (abbreviation, *spellings)})
    for abbreviation, spellings in section["legal_forms"].items():
        replacement.update({_normal(s): _token(abbreviation) for s in (abbreviation, *spellings)})
    for word, abbreviations in section["words"].items():
        replacement.update({_normal(a): fold(word) for a in abbreviations})
    for place, forms in section["places"].items():
        replacement.update({_normal(form): fold(place) for form in forms})
    return _Rules(
        none=frozenset(_normal(w) for w in section["none"]),
        none_prefixes=tuple(_normal(w) + " " for w in section["none_prefixes"]),
        replacement=replacement,
        rewrite=_alternation(replacement),
        kinds={_token(a): fold(spellings[0]) for a, spellings in section["kinds"].items()},
        legal_forms=frozenset(_token(a) for a in section["legal_forms"]),
        place_pattern=_alternation(fold(place) for place in section["places"]),
    )


def partner_key(name: object, vocab: Vocabulary | None = None) -> str | None:
    """One key per institution however its name is typed; None for a cell that names no institution."""
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    rules = _rules(vocab or vocabulary())
    folded = _normal(str(name))
    if not folded or folded in rules.none or folded.startswith(rules.none_prefixes):
        return None
    text = _LETTER_DIGIT.sub(" ", folded)
    for _ in range(4):  # until nothing changes ("M-Gminny OPS" -> "m gops" -> "mgops"), bounded if data loops
        rewritten = rules.rewrite.sub(lambda match: rules.replacement[match.group(0)], text)
        if rewritten == text:
            break
        text = rewritten
    return " ".join(_NUMBER_WORD.sub("", text).split())


def partner_keys(names: pd.Series, vocab: Vocabulary | None = None) -> pd.Series:
    """`partner_key` of every cell (each distinct spelling worked out once); missing where no partner."""
    keys = {name: partner_key(name, vocab) for name in names.dropna().unique()}
    return _missing_as_none(names.map(keys))


def _missing_as_none(values: pd.Series) -> pd.Series:
    values = values.astype(object)
    return values.where(values.notna(), None)


def partner_display_name(spellings: Iterable[str]) -> str:
    """The spelling staff wrote most often, as written (spaces tidied); a tie goes to the one written last.

    Pass the spellings in the order they were written (meeting by meeting), so "last" is the latest.
    """
    tidy = [" ".join(s.split()) for s in spellings if isinstance(s, str) and s.strip()]
    if not tidy:
        raise ValueError("no spelling to show")
    counts = Counter(tidy)
    most = max(counts.values())
    return next(s for s in reversed(tidy) if counts[s] == most)


def partner_display_names(keys: pd.Series, spellings: pd.Series) -> dict[str, str]:
    """`partner_display_name` for every key at once: key -> name to show (rows in the order written)."""
    frame = pd.DataFrame({"key": keys.to_numpy(), "name": spellings.to_numpy(), "row": np.arange(len(keys))})
    frame = frame.dropna()
    frame["name"] = frame["name"].map({s: " ".join(str(s).split()) for s in frame["name"].unique()})
    stats = frame.groupby(["key", "name"], sort=False)["row"].agg(["size", "max"]).reset_index()
    best = stats.sort_values(["size", "max"], ascending=False).drop_duplicates("key")
    return dict(zip(best["key"], best["name"], strict=True))


def _profile(key: str, rules: _Rules) -> _Profile:
    places = frozenset(rules.place_pattern.findall(key))
    words = rules.place_pattern.sub(" ", key).split()
    has_kind = any(w in rules.kinds for w in words)
    own_words = [w for w in words if len(w) > 2 and not w.isdigit()
                 and w not in rules.kinds and w not in rules.legal_forms]
    # "UG Bielsk" and "Firma Kowalski" single out an institution; "UG", "SP 1" or "Gąbin" alone do not.
    specific = bool(own_words) or bool(places and has_kind)
    return _Profile(places, frozenset(_DIGITS.findall(key)), specific)


def _may_be_one(a: _Profile, b: _Profile) -> bool:
    """False when rules already tell the two apart: different places or different numbers."""
    if a.places and b.places and a.places != b.places:
        return False
    return not (a.numbers and b.numbers and a.numbers != b.numbers)


def _in_full(key: str, rules: _Rules) -> str:
    """The key with its kinds written out: a mistyped long form still resembles it, and a kind whose name
    holds another's ("urzad miasta i gminy", "urzad gminy") differs from it only by extra words."""
    return " ".join(rules.kinds.get(word, word) for word in key.split())


def _same_word(a: str, b: str) -> bool:
    """The same word mistyped: one letter missing, extra, wrong, or two swapped ("Pol" and "Rol" are two)."""
    return max(len(a), len(b)) >= 4 and OSA.distance(a, b, score_cutoff=1) <= 1


def _differing_words_match(a: str, b: str) -> bool:
    """False when a word of one is replaced by another, not a typo of it ("Fundacja Nowak Lux" / "… Vis").

    Extra words are allowed ("Firma Kowalski" / "Kowalski Firma Usługowa").
    """
    words_a, words_b = set(a.split()), set(b.split())
    fewer, more = sorted((words_a - words_b, words_b - words_a), key=len)
    return all(any(_same_word(word, other) for other in more) for word in fewer)


def _similar_pairs(texts: list[str], threshold: float, block: int = 256) -> Iterator[tuple[int, int, float]]:
    """(i, j, token_set_ratio) for i < j scoring at least threshold: each block of rows is scored only
    against the texts from its own first row on, so about half the matrix is computed."""
    for start in range(0, len(texts), block):
        scores = process.cdist(texts[start:start + block], texts[start:], scorer=fuzz.token_set_ratio,
                               score_cutoff=threshold, dtype=np.float32, workers=-1)
        for row, column in zip(*np.nonzero(scores), strict=True):
            if column > row:
                yield start + row, start + column, float(scores[row, column])


def near_duplicates(keys_with_names: Mapping[str, str], threshold: float = DEFAULT_THRESHOLD,
                    vocab: Vocabulary | None = None) -> list[Proposal]:
    """Pairs of partners (key -> name shown) that may be one institution, for staff to decide; best first.

    Scored by rapidfuzz's token_set_ratio on the keys with their kinds written out (word order and
    extra words forgiven: "Firma Kowalski" / "Kowalski Firma Usługowa"). Never proposed: a name that
    does not single out one institution ("UG", "SP 1"), two different places or numbers, and a word
    replaced by another that is not a typo of it ("Fundacja Nowak Lux" / "… Vis", "GOPS" / "GOK").
    """
    rules = _rules(vocab or vocabulary())
    profiles = {key: _profile(key, rules) for key in keys_with_names}
    keys = sorted(key for key, profile in profiles.items() if profile.specific)
    in_full = [_in_full(key, rules) for key in keys]
    proposals = []
    for i, j, score in _similar_pairs(in_full, threshold):
        a, b = keys[i], keys[j]
        if _may_be_one(profiles[a], profiles[b]) and _differing_words_match(in_full[i], in_full[j]):
            proposals.append(Proposal(a, b, keys_with_names[a], keys_with_names[b], round(score, 1)))
    return sorted(proposals, key=lambda p: (-p.score, p.name_a, p.name_b))


def _merged_into(key: str, merges: Mapping[str, str]) -> str:
    """Where a chain of merges (A into B, B into C) ends; a cycle ends on its alphabetically first key."""
    path: list[str] = []
    while key in merges and key not in path:
        path.append(key)
        key = merges[key]
    return min(path[path.index(key):]) if key in path else key


def apply_decisions(keys: pd.Series, merges: Mapping[str, str]) -> pd.Series:
    """Partner keys with staff merges applied (key merged into key, transitively); missing stays missing."""
    final = {key: _merged_into(key, merges) for key in keys.dropna().unique()}
    return _missing_as_none(keys.map(final))


def open_proposals(proposals: Iterable[Proposal], merges: Mapping[str, str],
                   kept_apart: Iterable[tuple[str, str]]) -> list[Proposal]:
    """The proposals staff have not decided yet: not already one partner, not a pair kept apart."""
    apart = {frozenset((_merged_into(a, merges), _merged_into(b, merges))) for a, b in kept_apart}
    undecided = []
    for proposal in proposals:
        pair = frozenset((_merged_into(proposal.key_a, merges), _merged_into(proposal.key_b, merges)))
        if len(pair) == 2 and pair not in apart:
            undecided.append(proposal)
    return undecided


@lru_cache(maxsize=4)
def _people_index(person_names_folded: frozenset[str]) -> dict[int, frozenset[tuple[str, ...]]]:
    """People's names as sorted word tuples, by number of words (first name and surname: two or more)."""
    names = [tuple(sorted(fold(name).split())) for name in person_names_folded]
    sizes = {len(words) for words in names if len(words) >= 2}
    return {size: frozenset(words for words in names if len(words) == size) for size in sizes}


def names_a_person(institution: str, person_names_folded: frozenset[str]) -> bool:
    """True when the institution's name holds a participant's first name and surname ("Jan Kowalski Usługi").

    Such a partner is a sole trader: the director sees it masked ("działalność gospodarcza").
    Case, Polish letters and word order do not matter. Pass the same frozenset of everyone's folded
    names for every institution: it is indexed once.
    """
    if not isinstance(institution, str):
        return False
    words = sorted(set(fold(institution).split()))
    for size, people in _people_index(person_names_folded).items():
        if any(combination in people for combination in itertools.combinations(words, size)):
            return True
    return False
