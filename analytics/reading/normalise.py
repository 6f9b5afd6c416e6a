"""Value-level readers: cell text, dates (real, Excel serial, Polish text), meeting labels, numbers, names."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from analytics.vocabulary import fold

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel serials we accept as dates: 1950-01-01 .. 2099-12-31; other numbers are not dates.
SERIAL_MIN, SERIAL_MAX = 18264, 73050

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_ROMAN_RE = re.compile(r"^(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})$")

POLISH_MONTHS = {
    "stycznia": 1, "styczen": 1, "lutego": 2, "luty": 2, "marca": 3, "marzec": 3, "kwietnia": 4,
    "kwiecien": 4, "maja": 5, "maj": 5, "czerwca": 6, "czerwiec": 6, "lipca": 7, "lipiec": 7,
    "sierpnia": 8, "sierpien": 8, "wrzesnia": 9, "wrzesien": 9, "pazdziernika": 10, "pazdziernik": 10,
    "listopada": 11, "listopad": 11, "grudnia": 12, "grudzien": 12,
}
_DMY = re.compile(r"(?<!\d)(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4}|\d{2})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d)")
_D_MONTH_Y = re.compile(r"(?<!\d)(\d{1,2})\s+([a-z]+)\s+(\d{4})(?!\d)")
_MEETING_WORDS = re.compile(r"\b(spotkanie|spotkania|spotk|nr|numer|warsztat|warsztaty|sesja|no)\b")


def cell_text(value: Any) -> str | None:
    """A cell as trimmed text, or None when empty. Whole floats lose their '.0'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y") if value.time() == dt.time() else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.timedelta):
        return str(value)
    text = " ".join(str(value).split())
    return text or None




NOT_A_DATE = "unrecognised"
IMPOSSIBLE_DATE = "impossible"


def parse_date(value: Any) -> tuple[dt.date | None, str | None]:
    """(date, None), (None, None) for an empty cell, or (None, NOT_A_DATE | IMPOSSIBLE_DATE)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None, None
        if SERIAL_MIN <= value <= SERIAL_MAX:
            return EXCEL_EPOCH + dt.timedelta(days=int(value)), None
        return None, NOT_A_DATE
    text = " ".join(str(value).split())
    if not text:
        return None, None
    return _parse_date_text(text)


def _parse_date_text(text: str) -> tuple[dt.date | None, str | None]:
    cleaned = re.sub(r"\s*(r\.?|roku)\s*$", "", text.lower()).strip()
    if re.fullmatch(r"\d+(?:[.,]0+)?", cleaned):
        number = int(re.split(r"[.,]", cleaned)[0])
        if SERIAL_MIN <= number <= SERIAL_MAX:
            return EXCEL_EPOCH + dt.timedelta(days=number), None
        return None, NOT_A_DATE
    match = _YMD.search(cleaned)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    match = _DMY.search(cleaned)
    if match:
        year = int(match[3])
        year = year + 2000 if year < 100 else year
        return _make_date(year, int(match[2]), int(match[1]))
    match = _D_MONTH_Y.search(fold(cleaned))
    if match and match[2] in POLISH_MONTHS:
        return _make_date(int(match[3]), POLISH_MONTHS[match[2]], int(match[1]))
    return None, NOT_A_DATE


def _make_date(year: int, month: int, day: int) -> tuple[dt.date | None, str | None]:
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, IMPOSSIBLE_DATE


def roman_to_int(token: str) -> int | None:
    token = token.lower()
    if not token or not _ROMAN_RE.match(token):
        return None
    total = 0
    for i, ch in enumerate(token):
        value = ROMAN[ch]
        total += -value if i + 1 < len(token) and ROMAN[token[i + 1]] > value else value
    return total


def parse_meeting_label(value: Any) -> tuple[int | None, dt.date | None]:
    """Meeting number and/or date from a cell or a header: 6, '6', 'VI', 'spotkanie 6', 'VI\\n07.12.2017'."""
    if value is None or value == "":
        return None, None
    if isinstance(value, (dt.date, dt.datetime)):
        return None, parse_date(value)[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return None, None
        number = int(value)
        if 1 <= number <= 99:
            return number, None
        if SERIAL_MIN <= number <= SERIAL_MAX:
            return None, parse_date(number)[0]
        return None, None
    text = str(value)
    date = None
    for pattern in (_YMD, _DMY):
        match = pattern.search(text)
        if match:
            date, _ = _parse_date_text(match[0])
            text = text.replace(match[0], " ")
            break
    folded = _MEETING_WORDS.sub(" ", fold(text))
    tokens = folded.split()
    number = None
    if len(tokens) == 1:
        token = tokens[0]
        if token.isdigit() and 1 <= int(token) <= 99:
            number = int(token)
        else:
            number = roman_to_int(token)
    elif not tokens and date is None:
        return None, None
    elif tokens and date is None:
        return None, None
    return number, date


def meeting_in_text(text: str) -> tuple[int | None, dt.date | None]:
    """A meeting named inside prose, as in a title 'Lista obecności – VI spotkanie, 07.12.2017'."""
    folded = fold(text)
    date = None
    match = _DMY.search(text) or _YMD.search(text)
    if match:
        date, _ = _parse_date_text(match[0])
    found = re.search(r"\b([ivxl]+|\d{1,2})\s+(?:spotkanie|spotkania|warsztat)", folded) or re.search(
        r"\b(?:spotkanie|spotkania|warsztat|warsztaty)\s+(?:nr\s+)?([ivxl]+|\d{1,2})\b", folded
    )
    number = None
    if found:
        token = found.group(1)
        number = int(token) if token.isdigit() else roman_to_int(token)
    return number, date


_NUMBER_RE = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def parse_number(value: Any) -> tuple[float | None, bool]:
    """(number, ok): Polish amounts '12 500,50 zł', '12.500,50', '1,5' and real numbers."""
    if value is None or value == "":
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float)):
        return (None, True) if isinstance(value, float) and math.isnan(value) else (float(value), True)
    text = str(value).strip().lower()
    text = re.sub(r"(zł|zl|pln|osób|osoby|osob|os\.|szt\.?|etaty?|etatów)\s*$", "", text).strip()
    text = text.replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if text in {"", "-", "–"}:
        return None, True
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    if not _NUMBER_RE.match(text):
        return None, False
    return float(text), True


def _in_capitals(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _capitals_last(words: list[str]) -> list[str] | None:
    """The words with those in capitals moved to the end, when some but not all are in capitals (the
    way lists mark the surname: "KOWALSKI Jan"); None otherwise."""
    capitals = [word for word in words if _in_capitals(word)]
    if not capitals or len(capitals) == len(words):
        return None
    return [word for word in words if not _in_capitals(word)] + capitals


def surname_last(name: str) -> str:
    """A name written surname first, turned first name first: "Krawczyk Agnieszka" -> "Agnieszka
    Krawczyk", "KOWALSKI Jan" -> "Jan KOWALSKI" (the words in capitals are the surname when some are,
    else the first word is), "Kowalska-Nowak Anna Maria" -> "Anna Maria Kowalska-Nowak"."""
    words = name.split()
    return " ".join(_capitals_last(words) or words[1:] + words[:1])


def name_for_print(name: str) -> str:
    """A name as a certificate prints it: a surname marked in capitals put last and, like any word in
    capitals, written in title case: "KOWALSKI Jan" -> "Jan Kowalski", "ŻANETA WOŹNIAK" -> "Żaneta
    Woźniak", "Anna KOWALSKA-NOWAK" -> "Anna Kowalska-Nowak"; any other name as it is stored."""
    words = name.split()
    words = _capitals_last(words) or words
    return " ".join(word.title() if _in_capitals(word) else word for word in words)


def person_key(name: str) -> str | None:
    """Identity of a name: case-, order-, whitespace- and diacritic-insensitive; None when the
    'name' has no letters or digits at all ('+', '-')."""
    return person_key_of_folded(fold(name))


def person_key_of_folded(folded: str) -> str | None:
    """person_key of a name already folded."""
    return " ".join(sorted(folded.split())) or None
