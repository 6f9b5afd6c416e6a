"""Numbers, money, shares and dates written the Polish way (`1 234`, `12,5%`, `7 grudnia 2017`).

The words and signs come from Babel's locale data (CLDR): month names, the decimal comma, the group
separator, the currency symbol. The rounding is ours: half away from zero, as people round."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

import pandas as pd
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal, format_percent, parse_pattern

from analytics.catalogue import LANGUAGES, current_language, t, tn
from analytics.vocabulary import MISSING, fold

# The one thousands separator used everywhere (also in plotly's layout.separators): a no-break space,
# so "1 234" never breaks over two lines. It is Polish's own (CLDR), and the English UI writes its
# numbers the same way, so a figure reads the same in a chart, a table and a report.
NBSP = "\u00a0"
NUMBER_LOCALE = "pl"
_NUMBERS = Locale.parse(NUMBER_LOCALE)      # parsed once: a locale given by name is parsed at every call
# What an absent value is written as.
EMPTY = "–"
LOCAL_ZONE = "Europe/Warsaw"
# Babel (CLDR) date patterns: "7 grudnia 2017" (the genitive follows a day), "7 grudnia", "mar 2018";
# a no-break space keeps the day with its month.
_DATE = f"d{NBSP}MMMM y"
_DAY_MONTH = f"d{NBSP}MMMM"
_MONTH_SHORT = "MMM y"
_ROMAN = [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def is_missing(value: Any) -> bool:
    """None, NaN, NaT and pandas' NA all count as no value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _rounded(value: Any, decimals: int) -> Decimal:
    """`value` rounded half away from zero (Python's round() would make 12.5 into 12); never "-0"."""
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)


@lru_cache(maxsize=8)
def _pattern(decimals: int, suffix: str = "") -> Any:
    """Babel's number pattern with `decimals` fixed decimals: "#,##0", "#,##0.0", "#,##0%", …"""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else "") + suffix)


def format_number(value: Any, decimals: int = 0) -> str:
    """`1234.5` -> "1 234,5" (decimals fixed); "–" for no value."""
    if is_missing(value):
        return EMPTY
    return format_decimal(_rounded(value, decimals), format=_pattern(decimals), locale=_NUMBERS)


def format_int(value: Any) -> str:
    """`1234` -> "1 234" (no-break space between thousands); "–" for no value."""
    return format_number(value, 0)


def format_signed_int(value: Any) -> str:
    """A change: "+3", "-2", "0" (a plain hyphen, so st.metric reads the sign); "–" for no value."""
    if is_missing(value):
        return EMPTY
    return ("+" if value > 0 else "") + format_int(value)


def format_pct(share: Any, decimals: int = 0) -> str:
    """A share 0..1 as a percentage: `0.125` -> "13%", with decimals=1 "12,5%"; "–" for no value."""
    if is_missing(share) or (isinstance(share, float) and math.isinf(share)):
        return EMPTY
    points = _rounded(float(share) * 100, decimals)
    return format_percent(points.scaleb(-2), format=_pattern(decimals, "%"), locale=_NUMBERS)


def format_signed_pct_points(change: Any) -> str:
    """A change of a share in percentage points: `0.05` -> "+5 pp"; "–" for no value."""
    if is_missing(change):
        return EMPTY
    points = int(Decimal(repr(float(change) * 100)).quantize(Decimal(1), ROUND_HALF_UP))
    return ("+" if points > 0 else "") + format_int(points) + NBSP + "pp"


def format_money(value: Any) -> str:
    """`12500` -> "12 500 zł"; grosze shown only when there are any ("12 500,50 zł")."""
    if is_missing(value):
        return EMPTY
    amount = float(value)
    decimals = 0 if abs(amount - round(amount)) < 0.005 else 2
    return format_currency(_rounded(amount, decimals), "PLN", format=_pattern(decimals, NBSP + "¤"),
                           locale=_NUMBERS, currency_digits=False)


def _as_date(value: Any) -> dt.date | None:
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


@lru_cache(maxsize=4096)
def _babel_date(day: dt.date, pattern: str, lang: str) -> str:
    # A dashboard writes the same few dates over and over: Babel's pattern work is done once each.
    return babel_format_date(day, format=pattern, locale=lang)


def format_date(value: Any, lang: str | None = None) -> str:
    """`2017-12-07` -> "7 grudnia 2017" (Polish) or "7 December 2017" (English); "–" for no date."""
    day = _as_date(value)
    return EMPTY if day is None else _babel_date(day, _DATE, _lang(lang))


def format_day_month(value: Any, lang: str | None = None) -> str:
    """`2017-12-07` -> "7 grudnia" / "7 December" (for labels where the year is obvious)."""
    day = _as_date(value)
    return EMPTY if day is None else _babel_date(day, _DAY_MONTH, _lang(lang))


def format_month_short(value: Any, lang: str | None = None) -> str:
    """`2018-03-01` -> "mar 2018" / "Mar 2018" (date axis ticks: plotly itself only speaks English)."""
    day = _as_date(value)
    return EMPTY if day is None else _babel_date(day, _MONTH_SHORT, _lang(lang))


def format_datetime(value: Any, lang: str | None = None) -> str:
    """`2019-06-28 12:05 UTC` -> "28 czerwca 2019, 14:05" in Polish time (a time without a zone is
    taken as UTC, as the store keeps it)."""
    if is_missing(value):
        return EMPTY
    stamp = pd.Timestamp(value)
    stamp = (stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp).tz_convert(LOCAL_ZONE)
    return f"{format_date(stamp, lang)}, {stamp:%H:%M}"


def roman(number: Any) -> str:
    """Meeting numbers as the office writes them: 6 -> "VI"; "–" for no number."""
    if is_missing(number) or int(number) < 1:
        return EMPTY
    rest, text = int(number), ""
    for value, letters in _ROMAN:
        count, rest = divmod(rest, value)
        text += letters * count
    return text


def _lang(lang: str | None) -> str:
    chosen = lang or current_language()
    return chosen if chosen in LANGUAGES else "pl"


def meeting_label(number: Any, date: Any = None) -> str:
    """"Spotkanie VI – 7 grudnia 2017" ("Spotkanie VI" when the date is not known)."""
    if is_missing(date):
        return t("chart_meeting", roman=roman(number))
    return t("chart_meeting_label", roman=roman(number), date=format_date(date))


@dataclass(frozen=True)
class FigureText:
    """A project figure as shown: the value ("180 z 300", "213 osób") and what to say beside it when
    the register lacks the plan or the figure ("bez planu w rejestrze"), never a plan of 0. `short`:
    the value without its noun ("213"), for a card whose label already names what is counted."""

    value: str
    note: str | None = None
    short: str | None = None

    @property
    def card(self) -> str:
        return self.short or self.value

    @property
    def text(self) -> str:
        """Value and note on one line: "213 osób (bez planu w rejestrze)"."""
        return self.value if not self.note else t("figure_with_note", value=self.value, note=self.note)


def reached_of_plan(reached: int | None, planned: int | None, unit_key: str) -> FigureText:
    """A reached-of-planned figure of the projects register (None: the register has no such figure);
    `unit_key`: the plural entry of the count and its noun ("213 osób")."""
    if reached is not None and planned is not None:
        return FigureText(t("kpi_of", value=format_int(reached), total=format_int(planned)))
    if reached is not None:
        return FigureText(tn(unit_key, reached), t("figure_no_plan"), format_int(reached))
    if planned is not None:
        return FigureText(t("figure_plan_only", planned=tn(unit_key, planned)),
                          t("figure_no_reached"), t("figure_plan_only", planned=format_int(planned)))
    return FigureText(EMPTY, t("figure_not_in_register"))


# -- labels and text as the pages write them: meetings, vocabulary values, moments, Markdown --------------

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all also
# defuses Streamlit's own :color[...] and :material/...: directives.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^%@/;,?])")


def roman_and_date(number: Any, day: Any = None) -> str:
    """`VI – 7 grudnia 2017`, or `VI` when the date is not known: a meeting where the word "Spotkanie"
    would be too long (the ends of the sidebar's meeting range); meeting_label says it in full."""
    if is_missing(day):
        return roman(number)
    return f"{roman(number)} – {format_date(day)}"


def format_moment(moment: Any) -> str:
    """A moment from the store (UTC) as `26 listopada 2026, 14:03`, Polish time; "" for none."""
    if moment is None:
        return ""
    return format_datetime(moment)


def escape_markdown(value: Any) -> str:
    """Text from a spreadsheet or a user, safe to put into st.markdown / st.caption: shown as written
    (every punctuation character escaped, line breaks as spaces, None as "")."""
    text = "" if value is None else str(value)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", " ").replace("\r", " ")


# The vocabulary values the catalogue translates (folded: lower case, no Polish letters, "_" for spaces)
VALUE_LABEL_KEYS = {
    "gospodarka": "chart_value_gospodarka", "rynek_pracy": "chart_value_rynek_pracy",
    "kultura": "chart_value_kultura", "edukacja": "chart_value_edukacja",
    "opieka_spoleczna": "chart_value_opieka_spoleczna", "samorzad_lokalny": "chart_value_samorzad_lokalny",
    "przedsiebiorcy": "chart_value_przedsiebiorcy",
    "organizacje_pozarzadowe": "chart_value_organizacje_pozarzadowe", "mieszkancy": "chart_value_mieszkancy",
    "uczniowie": "chart_value_uczniowie", "pomysl": "chart_value_pomysl",
    "w_przygotowaniu": "chart_value_w_przygotowaniu", "w_realizacji": "chart_value_w_realizacji",
    "zrealizowany": "chart_value_zrealizowany", "wstrzymany": "chart_value_wstrzymany",
    "inne": "chart_value_inne", "spoza_powiatu": "chart_value_spoza_powiatu",
    "brak_danych": "chart_value_brak_danych",
}


def value_label(key: Any) -> str:
    """A vocabulary value as shown: translated when the UI is English (gminy keep their names)."""
    if is_missing(key):
        return value_label(MISSING)
    catalogue_key = VALUE_LABEL_KEYS.get(fold(str(key)).replace(" ", "_"))
    return t(catalogue_key) if catalogue_key else str(key)
