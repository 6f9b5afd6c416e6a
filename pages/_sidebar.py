"""The sidebar every page shares: the filters (kept in session_state as a metrics.Filters) and
"data as of". Not a page itself.

A page shows only the filters it applies (dashboard.FILTERS_BY_PAGE); what was chosen in the others
stays chosen for the pages that apply them."""

from __future__ import annotations

import hashlib
from collections.abc import Collection

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import formatting, metrics
from analytics.catalogue import t
from analytics.results import KIND_LABEL_KEYS
from pages import _shared as shared

FILTERS_KEY = "filters"
WIDGET_PREFIX = "f_"
ALL_FILTERS = ("meetings", "sectors", "groups", "gminy")     # metrics.Filters' fields, in sidebar order


def current_filters() -> metrics.Filters:
    """The filters the sidebar holds now (everything when nothing is chosen)."""
    filters = st.session_state.get(FILTERS_KEY)
    return filters if isinstance(filters, metrics.Filters) else metrics.Filters()


def _widget_key(name: str, options: tuple) -> str:
    """A filter widget's key, new whenever the data offers other choices (after an import or a
    rollback), so a choice the data no longer holds is dropped instead of breaking the widget."""
    digest = hashlib.sha1(repr(options).encode()).hexdigest()[:8]
    return f"{WIDGET_PREFIX}{name}_{digest}"


def _clear_filters() -> None:
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]
    st.session_state[FILTERS_KEY] = metrics.Filters()


def filters(key: shared.DataKey, shown: Collection[str] = ALL_FILTERS) -> metrics.Filters:
    """Draw the filters named in `shown` (of ALL_FILTERS; none: nothing is drawn) for the active
    attendance data and store what they select; the others keep their choice, unseen."""
    options = shared.filter_options(key)
    _keep_unseen_choices(options, shown)
    if not shown:
        return current_filters()
    bar = st.sidebar
    bar.header(t("filters_heading"), divider="gray")
    if not options.meetings:
        st.session_state[FILTERS_KEY] = metrics.Filters()
        bar.caption(t("empty_attendance"))
        return st.session_state[FILTERS_KEY]
    bar.caption(t("filters_help" if set(shown) == set(ALL_FILTERS) else "filters_help_gmina_only"))
    previous = current_filters()
    meetings = _meeting_range(bar, options) if "meetings" in shown else previous.meetings
    chosen = {}
    for name, label in (("sectors", "filter_sector"), ("groups", "filter_group"), ("gminy", "filter_gmina")):
        if name not in shown:
            chosen[name] = getattr(previous, name)
            continue
        values = getattr(options, name)
        # No "Select all" (Streamlit's English, no parameter to translate it): an empty filter is
        # already everything, as its placeholder says.
        chosen[name] = tuple(bar.multiselect(
            t(label), values, key=_widget_key(name, values), placeholder=t("filter_all"),
            format_func=formatting.value_label, select_all=False,
        ))
    selected = metrics.Filters(meetings=meetings, **chosen)
    st.session_state[FILTERS_KEY] = selected
    if any(getattr(selected, name) for name in shown):
        bar.button(t("filter_reset"), on_click=_clear_filters, icon=":material/filter_alt_off:",
                   key="reset_filters")
    return selected


def _keep_unseen_choices(options: metrics.FilterOptions, shown: Collection[str]) -> None:
    """Streamlit forgets a widget's value after a run that did not draw it: the filters a page does
    not show are kept by writing their values back (the way Streamlit's documentation gives)."""
    for name in ALL_FILTERS:
        if name in shown:
            continue
        widget = _widget_key(name, options.meetings if name == "meetings" else getattr(options, name))
        if widget in st.session_state:
            st.session_state[widget] = st.session_state[widget]


def _meeting_range(bar: DeltaGenerator, options: metrics.FilterOptions) -> tuple[int, ...] | None:
    """A from–to slider over the meetings; None (all) when the whole range is chosen."""
    numbers = [m.number for m in options.meetings]
    dates = {m.number: m.date for m in options.meetings}
    if len(numbers) < 2:
        bar.caption(t("filter_one_meeting", meeting=formatting.roman_and_date(numbers[0], dates[numbers[0]])))
        return None
    low, high = bar.select_slider(
        t("filter_meetings"), numbers, value=(numbers[0], numbers[-1]),
        key=_widget_key("meetings", options.meetings),
        format_func=lambda n: _short_meeting(n, dates.get(n)),
    )
    bar.caption(f"{formatting.roman_and_date(low, dates.get(low))}  →  "
                f"{formatting.roman_and_date(high, dates.get(high))}")
    if (low, high) == (numbers[0], numbers[-1]):
        return None
    return tuple(n for n in numbers if low <= n <= high)


def _short_meeting(number: int, day: object) -> str:
    """`VI (7.12)`: short enough for the slider's ends."""
    if formatting.is_missing(day):
        return formatting.roman(number)
    return f"{formatting.roman(number)} ({day.day}.{day.month:02d})"


def programme_choice() -> None:
    """The programme (cycle) every page, chart, report and certificate shows: the most recent by default
    (its name kept in session_state[shared.PROGRAMME_KEY]); its meetings' dates beneath."""
    found = shared.programmes()
    if not found:
        return
    chosen = shared.selected_programme(found)
    st.session_state.pop(shared.NEXT_PROGRAMME_KEY, None)
    # Set before the widget is drawn (allowed): a choice made elsewhere (after an import) or a default.
    if st.session_state.get(shared.PROGRAMME_KEY) != chosen.name:
        st.session_state[shared.PROGRAMME_KEY] = chosen.name
    bar = st.sidebar
    bar.selectbox(t("programme_choice"), [p.name for p in reversed(found)], key=shared.PROGRAMME_KEY,
                  help=t("programme_choice_help"), placeholder=t("choose_option"))
    if chosen.start is not None and chosen.end is not None:
        bar.caption(t("programme_span", start=formatting.format_date(chosen.start),
                      end=formatting.format_date(chosen.end)))


def data_as_of(key: shared.DataKey) -> None:
    """Which version of each dataset the pages show: number, upload time, who."""
    bar = st.sidebar
    bar.header(t("data_as_of_heading"), divider="gray")
    infos = {info.kind: info for info in shared.active_infos(key)}
    for kind in shared.kinds():
        info = infos.get(kind)
        name = t(KIND_LABEL_KEYS[kind]).capitalize()
        if info is None:
            bar.caption(t("data_as_of_none", kind=name))
            continue
        text = t("data_as_of", kind=name, version=info.id, when=formatting.format_moment(info.created_at),
                 user=shared.safe(info.user))
        if info.demo:
            text += " · " + t("demo_short")
        bar.caption(text)
