"""What every page shares: the store opened once, cached reads keyed by data version, the filters,
the role, and the block that draws a chart with its table of numbers beneath it.

Not a page itself (st.navigation lists only the page files named in dashboard.py).
"""

from __future__ import annotations

import functools
import inspect
import logging
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from analytics import (
    accounts,
    config,
    formatting,
    importing,
    metrics,
    project_filter,
    project_metrics,
    safe_export,
)
from analytics import comparison as analytics_comparison
from analytics import store as store_api
from analytics.catalogue import current_language, t, tn
from analytics.display import comparison as comparison_charts
from analytics.display import geo
from analytics.display import participation as participation_charts
from analytics.display import tables as display_tables
from analytics.display.figure import Chart, failed_chart
from analytics.results import ATTENDANCE_COLUMNS, KINDS, PROJECT_COLUMNS
from analytics.vocabulary import MISSING, OUTSIDE_COUNTY
from pages import _auth as auth

PERSONAL_EXPORT_ACTION = "personal_data_export"   # the audit trail's name for such a download
FLASH_KEY = "_flash"            # messages that must survive the st.rerun() after a write
LOG = logging.getLogger("pup.pages")
Metric = Callable[..., Any]     # a metrics function: the rows (or the register) in, a table out
ChartMaker = Callable[..., Chart]   # a charts function: a metric's table in, a Chart out


def function_name(function: Callable[..., Any]) -> str:
    """`analytics.metrics.participants_by`: how the caches below key a metric or chart function
    handed to them (Streamlit cannot hash a function itself; its module and name say which it is)."""
    return f"{function.__module__}.{function.__qualname__}"


BY_NAME = {types.FunctionType: function_name}


@dataclass(frozen=True)
class DataKey:
    """Which data the pages show: the store, the programme (cycle) chosen in the sidebar and its
    active version of each dataset.

    Every cached read and metric is keyed by it, so a filter change never re-reads the store and
    a new import or a rollback (new ids) is seen at once by every page.
    """

    url: str
    attendance: int | None
    projects: int | None
    programme: int | None = None

    @property
    def empty(self) -> bool:
        return self.attendance is None and self.projects is None


# -- the store -------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> store_api.Store:
    return store_api.open_store(url)


@st.cache_resource(show_spinner=False)
def _load_demo_once(url: str) -> None:
    """The demo data as the first versions of an empty store (ensure_demo adds nothing otherwise)."""
    importing.ensure_demo(_open_store(url))


def store() -> store_api.Store:
    """The store named by PUP_DATABASE_URL, opened once per process; the demo loaded on first start
    unless PUP_NO_DEMO is set."""
    url = config.database_url()
    if config.demo_wanted():
        _load_demo_once(url)
    return _open_store(url)


# -- the programme (cycle) the pages show -----------------------------------------------------------

PROGRAMME_KEY = "programme"            # the sidebar's choice: the programme's name
NEXT_PROGRAMME_KEY = "_programme_next"  # a choice to make before the sidebar is drawn (after an import)


def programmes() -> list[store_api.Programme]:
    """Every programme, the earliest first (one small query)."""
    return store_api.list_programmes(store())


def selected_programme(found: list[store_api.Programme] | None = None) -> store_api.Programme | None:
    """The programme chosen in the sidebar; the most recent when none is chosen, or when the one
    chosen is gone (renamed by an administrator). None: the store holds no programme."""
    found = programmes() if found is None else found
    if not found:
        return None
    pending = st.session_state.get(NEXT_PROGRAMME_KEY)
    chosen = pending if pending is not None else st.session_state.get(PROGRAMME_KEY)
    if chosen is not None:
        key = store_api.programme_name_key(str(chosen))
        match = next((p for p in found if store_api.programme_name_key(p.name) == key), None)
        if match is not None:
            return match
    return found[-1]


def choose_programme_next(name: str) -> None:
    """Show this programme from the next run on (the sidebar's widget cannot change once drawn)."""
    st.session_state[NEXT_PROGRAMME_KEY] = name


def key_for(programme: store_api.Programme | None) -> DataKey:
    """The data key of a programme's active versions (one small query)."""
    programme_id = None if programme is None else programme.id
    ids = store_api.active_version_ids(store(), programme_id) if programme_id is not None else {}
    return DataKey(config.database_url(), ids.get("attendance"), ids.get("projects"), programme_id)


def current_key() -> DataKey:
    """The chosen programme's active versions right now."""
    return key_for(selected_programme())


def data_key() -> DataKey:
    """The key the frame computed for this run (pages call this)."""
    key = st.session_state.get("data_key")
    return key if isinstance(key, DataKey) else current_key()


def role() -> str | None:
    """The signed-in user's role (None: nobody is signed in; the frame then shows only the login)."""
    return auth.role()


def user_name() -> str:
    """The signed-in user's login, as the store and the audit trail record who did what."""
    session = auth.signed_in()
    return session.login if session is not None else "-"


# -- cached reads ------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def version_frame(url: str, version_id: int | None, kind: str) -> pd.DataFrame:
    """A version's whole dataset; a version never changes, so this is cached for good. A resource,
    not cache_data: one shared frame (metrics never modify their input) instead of unpickling a
    copy of 100,000 rows on every call."""
    if version_id is None:
        frame = store_api.conform(pd.DataFrame(), kind)
    else:
        frame = store_api.version_frame(_open_store(url), version_id)
        frame = store_api.conform(pd.DataFrame(), kind) if frame is None else frame
    # The metrics' helper columns, computed once per version rather than once per chart.
    return metrics.prepare_attendance(frame) if kind == "attendance" else frame


def attendance(key: DataKey | None = None) -> pd.DataFrame:
    key = key or data_key()
    return version_frame(key.url, key.attendance, "attendance")


def projects(key: DataKey | None = None) -> pd.DataFrame:
    key = key or data_key()
    return version_frame(key.url, key.projects, "projects")


@st.cache_data(show_spinner=False, max_entries=32)
def active_infos(key: DataKey) -> list[Any]:
    """The VersionInfo of each active version (for "data as of" and the demo banner)."""
    wanted = {key.attendance, key.projects} - {None}
    if not wanted:
        return []
    infos = store_api.list_versions(_open_store(key.url))
    return [info for info in infos if info.id in wanted]


@st.cache_data(show_spinner=False, max_entries=64)
def dataset_summary(url: str, version_id: int, kind: str) -> dict[str, Any]:
    """The summary of a version's whole dataset (after an append it covers more than the file)."""
    from analytics import summary

    frame = version_frame(url, version_id, kind)
    if kind == "attendance":
        return summary.attendance_summary(frame)
    return summary.projects_summary(frame)


def forget_cached_data() -> None:
    """After a write: drop what the caches hold about the active data, so every page reads anew.
    (New version ids would miss the caches anyway; this also frees the memory of the old ones.)"""
    for cached in (active_infos, filter_options, filtered_attendance, attendance_rows, all_meetings, schedule,
                   attendance_metric, participant_table, project_metric, headline, status_history, _chart,
                   _comparison):
        cached.clear()


# -- cached metrics, keyed by (data version, filters) ------------------------------------------


@st.cache_data(show_spinner=False, max_entries=16)
def filter_options(key: DataKey) -> metrics.FilterOptions:
    return metrics.filter_options(attendance(key))


@st.cache_resource(show_spinner=False, max_entries=32)
def filtered_attendance(key: DataKey, filters: metrics.Filters) -> pd.DataFrame:
    """Shared, not copied per call (cache_resource): every chart of a page reads the same rows."""
    return metrics.apply_filters(attendance(key), filters, schedule(key, filters))


@st.cache_data(show_spinner=False, max_entries=256)
def attendance_rows(key: DataKey, filters: metrics.Filters) -> int:
    """How many attendance rows the filters select (a page asks this without copying the rows)."""
    return len(filtered_attendance(key, filters))


@st.cache_data(show_spinner=False, max_entries=16)
def all_meetings(key: DataKey) -> pd.DataFrame:
    """Every meeting held, with its date (read from the rows once per version)."""
    return metrics.meeting_schedule(attendance(key))


@st.cache_data(show_spinner=False, max_entries=64)
def schedule(key: DataKey, filters: metrics.Filters) -> pd.DataFrame:
    """The meetings held within the meeting filter (a meeting nobody of a chosen sector came to
    still counts as held)."""
    return metrics.meetings_within(all_meetings(key), filters)


@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=BY_NAME)
def attendance_metric(metric: Metric, key: DataKey, filters: metrics.Filters, **options: Any) -> Any:
    """metric(filtered attendance, **options), with the schedule when the function takes one."""
    if "schedule" in inspect.signature(metric).parameters:
        options["schedule"] = schedule(key, filters)
    return metric(filtered_attendance(key, filters), **options)


@st.cache_data(show_spinner=False, max_entries=16)
def participant_table(key: DataKey, filters: metrics.Filters, lang: str) -> pd.DataFrame:
    """The participants with their attendance, headed in `lang` (personal data: staff only)."""
    return display_tables.participant_list_table(attendance_metric(metrics.participant_list, key, filters))


@st.cache_data(show_spinner=False, max_entries=128, hash_funcs=BY_NAME)
def project_metric(metric: Metric, key: DataKey, leaders: bool = False, gminy: tuple[str, ...] = ()) -> Any:
    """metric(the active projects covering any of `gminy`, all of them when none is given;
    analytics/project_filter.py says which). Project leaders are people: unless `leaders` is asked
    (staff's projects page) their names are blanked before anything is computed or drawn."""
    register = project_filter.filter_projects(projects(key), metrics.Filters(gminy=tuple(gminy)))
    if not leaders and "leader" in register.columns:
        register = register.assign(leader=pd.NA)
    return metric(register)


@st.cache_data(show_spinner=False, max_entries=64)
def headline(key: DataKey, filters: metrics.Filters) -> metrics.Headline:
    return metrics.headline(filtered_attendance(key, filters), projects(key), schedule(key, filters))


@st.cache_data(show_spinner=False, max_entries=16)
def status_history(url: str, version_ids: tuple[int, ...]) -> pd.DataFrame:
    """When each project changed status, over the given project versions (oldest first)."""
    the_store = _open_store(url)
    infos = {info.id: info for info in store_api.list_versions(the_store, "projects")}
    snapshots = [(vid, infos[vid].created_at, version_frame(url, vid, "projects"))
                 for vid in version_ids if vid in infos]
    return project_metrics.status_history(snapshots)


def project_lineage(key: DataKey) -> tuple[int, ...]:
    """The project versions whose statuses make the active register's history: those of its programme
    made up to the active one, of the same kind (demo or real), oldest first."""
    if key.projects is None:
        return ()
    infos = store_api.list_versions(store(), "projects", key.programme)
    active = next((info for info in infos if info.id == key.projects), None)
    if active is None:
        return ()
    return tuple(info.id for info in infos
                 if info.demo == active.demo and info.created_at <= active.created_at)


# -- programmes side by side ------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonView:
    """What the comparison page shows: the figures side by side and the charts, each with its table."""

    table: pd.DataFrame
    charts: list[Chart]


def comparison(chosen: list[store_api.Programme]) -> ComparisonView:
    """The comparison of the programmes chosen (the earliest first), cached per their active versions
    and the language."""
    versions = tuple((p.name, p.attendance_version, p.projects_version) for p in chosen)
    decided = store_api.current_partner_decisions(store())
    return _comparison(config.database_url(), versions, current_language(), decided)


@st.cache_resource(show_spinner=False, max_entries=16)
def _comparison(url: str, versions: tuple[tuple[str, int | None, int | None], ...],
                lang: str, decided: store_api.PartnerDecisions) -> ComparisonView:
    # keyed by the decisions' stamp too: a merge on the Partners page changes the partner counts here
    data = [analytics_comparison.ProgrammeData(name, version_frame(url, attendance_id, "attendance"),
                                               version_frame(url, projects_id, "projects"), decided.merges)
            for name, attendance_id, projects_id in versions]
    names = [name for name, _, _ in versions]
    table = comparison_charts.figures_table(analytics_comparison.compared_figures(data), names)
    charts = [
        comparison_charts.meetings_lines(analytics_comparison.attendance_by_meeting(data)),
        comparison_charts.participants_panels(analytics_comparison.participants_by(data, "sector"), "sector"),
        comparison_charts.participants_panels(analytics_comparison.participants_by(data, "group"), "group"),
        comparison_charts.participants_panels(analytics_comparison.participants_by(data, "gmina"), "gmina"),
        comparison_charts.status_panels(analytics_comparison.projects_by_status(data)),
    ]
    return ComparisonView(table, charts)


# -- flash messages ----------------------------------------------------------------------------


def flash(kind: str, message: str) -> None:
    """A message to show after the rerun that follows a write."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, message))


def show_flashes() -> None:
    for kind, message in st.session_state.pop(FLASH_KEY, []):
        {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[kind](message)


# -- drawing ---------------------------------------------------------------------------------------


def safe(value: Any) -> str:
    """User text (file names, user names, spreadsheet cells) for markdown: shown as written."""
    return formatting.escape_markdown(value)


def table_download(table: pd.DataFrame, name: str, key: str, personal: bool = False) -> None:
    """A CSV download of a table, written only when clicked (not on every rerun of the page). A table
    of personal data (`personal`) is recorded in the audit trail when downloaded: who, when, which."""
    file_name = safe_export.download_name(name, "csv")
    audit = {} if not personal else {
        "on_click": record_personal_export,
        "args": (file_name, len(table)),
    }
    st.download_button(
        t("download_csv"), functools.partial(safe_export.csv_bytes, table),
        file_name=file_name, mime="text/csv", key=f"csv_{key}", icon=":material/download:", **audit,
    )


def record_personal_export(file_name: str, rows: int, version_id: int | None = None) -> None:
    """Who downloaded personal data (the participant list, an uploaded original), when, and what."""
    key = data_key()
    store_api.record_audit(store(), PERSONAL_EXPORT_ACTION, user_name(), kind="attendance",
                           version_id=version_id if version_id is not None else key.attendance,
                           details={"file": file_name, "rows": int(rows)})


def numbers_table(table: pd.DataFrame, name: str, key: str) -> None:
    """The text alternative of a chart: the same numbers as a table, and as CSV to download. The
    table is sent to the browser only once its expander is opened (opening it reruns the page):
    nine closed tables would otherwise cost a page rerun more than its charts do."""
    with st.expander(t("table_of_chart"), icon=":material/table:", key=f"numbers_{key}",
                     on_change="rerun") as box:
        if not box.open:
            return
        if table is None or table.empty:
            st.caption(t("no_numbers"))
            return
        st.dataframe(table, hide_index=True, width="stretch")
        table_download(table, name, key)


EMPTY_MESSAGE_KEYS = {"store": "empty_store", "attendance": "empty_attendance", "projects": "empty_projects"}


def empty_message(what: str = "store") -> None:
    """The friendly message of a page with nothing to show, with a link to the import page."""
    st.info(t(EMPTY_MESSAGE_KEYS[what]), icon=":material/info:")
    if accounts.can_import(role()):
        st.page_link("pages/upload.py", label=t("go_to_import"), icon=":material/upload_file:")


def kinds() -> tuple[str, ...]:
    return KINDS


@st.cache_resource(show_spinner=False, ttl=600)
def gmina_boundaries() -> dict[str, Any] | None:
    """The gmina boundary file an administrator placed under data/geo/ (None: draw the tile grid)."""
    return geo.load_boundaries()


@contextmanager
def guarded(failure_key: str, what: str) -> Iterator[None]:
    """Draw a part of a page inside: should it fail, the error and its traceback go to the server's log
    and the page shows the one sentence `failure_key` in its place, then goes on with the rest. Nobody
    sees a traceback or a server path (config.toml also sets client.showErrorDetails = "none" for
    whatever fails outside a guard). Streamlit's own st.rerun()/st.stop() pass through: they are not
    Exceptions."""
    try:
        yield
    except Exception:
        LOG.exception("Drawing %s failed", what)
        st.warning(t(failure_key), icon=":material/error:")


def _built(chart: ChartMaker, *args: Any) -> Chart:
    """_chart(chart, *args), or a chart marked failed (its error logged) when building it raised: the
    page then shows the failure sentence in its place (see chart) and draws on."""
    try:
        return _chart(chart, *args)
    except Exception:
        LOG.exception("Building the chart %s failed", function_name(chart))
        return failed_chart(chart.__name__)


@st.cache_resource(show_spinner=False, max_entries=512, hash_funcs=BY_NAME)
def _chart(chart: ChartMaker, metric: Metric, key: DataKey, filters: metrics.Filters | None, lang: str,
           metric_options: tuple[tuple[str, Any], ...],
           chart_options: tuple[tuple[str, Any], ...]) -> Chart:
    """A chart built once per (chart, metric, data version, filters, language, options) and shared,
    not copied: building a plotly figure costs far more than a cache lookup."""
    if filters is None:
        data = project_metric(metric, key, **dict(metric_options))
    else:
        data = attendance_metric(metric, key, filters, **dict(metric_options))
    options = dict(chart_options)
    if options.pop("with_boundaries", False):
        options["boundaries"] = gmina_boundaries()
    return chart(data, **options)


def attendance_chart(chart: ChartMaker, metric: Metric, key: DataKey, filters: metrics.Filters,
                     metric_options: dict[str, Any] | None = None, **chart_options: Any) -> Chart:
    """chart(metric(filtered attendance, **metric_options), **chart_options), cached."""
    return _built(chart, metric, key, filters, current_language(),
                  tuple(sorted((metric_options or {}).items())), tuple(sorted(chart_options.items())))


def projects_chart(chart: ChartMaker, metric: Metric, key: DataKey, leaders: bool = False,
                   gminy: tuple[str, ...] = (), **chart_options: Any) -> Chart:
    """chart(metric(the active projects covering any of `gminy`), **chart_options), cached; leaders'
    names left out when not `leaders`."""
    return _built(chart, metric, key, None, current_language(),
                  (("gminy", tuple(gminy)), ("leaders", leaders)), tuple(sorted(chart_options.items())))


def gmina_map(key: DataKey, filters: metrics.Filters, compact: bool = False) -> Chart:
    """The true map when an administrator placed a boundary file in data/geo/, else the tile grid;
    people outside the county or with no gmina are named under its title. `compact`: the overview's
    small map."""
    by_gmina = attendance_metric(metrics.participants_by, key, filters, dimension="gmina")
    counts = dict(zip(by_gmina["key"], by_gmina["participants"], strict=True))
    outside, missing = int(counts.get(OUTSIDE_COUNTY, 0)), int(counts.get(MISSING, 0))
    if gmina_boundaries() is not None:
        return attendance_chart(participation_charts.gmina_choropleth, metrics.participants_by_gmina_map,
                                key, filters, with_boundaries=True, outside_county=outside, missing=missing,
                                compact=compact)
    return attendance_chart(participation_charts.gmina_tile_map, metrics.participants_by_gmina_map, key,
                            filters, outside_county=outside, missing=missing, compact=compact)


def chart(drawn: Chart, key: str) -> None:
    """A chart, and under it the same numbers as a table with a CSV download (its text alternative).
    A chart that failed to build or to draw leaves one sentence in its place (see guarded)."""
    if drawn.failed:
        st.warning(t("chart_failed"), icon=":material/error:")
        return
    with guarded("chart_failed", f"the chart {drawn.slug}"):
        st.plotly_chart(drawn.figure, config=drawn.config, key=f"chart_{key}", width="stretch", theme=None,
                        alt=drawn.title or None)
        numbers_table(drawn.table, drawn.slug, key)


# -- reports to download ---------------------------------------------------------------------------


def _report_inputs(key: DataKey) -> tuple[pd.DataFrame, pd.DataFrame, list[Any]]:
    rows = attendance(key) if key.attendance is not None else pd.DataFrame(columns=ATTENDANCE_COLUMNS)
    register = projects(key) if key.projects is not None else pd.DataFrame(columns=PROJECT_COLUMNS)
    return rows, register, active_infos(key)


def report_downloads(key: DataKey, filters: metrics.Filters) -> None:
    """The Excel report and the printable PDF of what the page shows, made only when clicked (their
    modules too are imported only then: matplotlib and fpdf2 cost a second in a fresh server)."""

    def excel_report(*args: Any, **kwargs: Any) -> bytes:
        from analytics.reports.excel import excel_report as write

        return write(*args, **kwargs)

    def summary_pdf(*args: Any, **kwargs: Any) -> bytes:
        from analytics.reports.pdf import summary_pdf as write

        return write(*args, **kwargs)

    st.header(t("downloads_heading"))
    st.caption(t("downloads_note"))
    lang = current_language()
    left, right = st.columns(2)
    left.download_button(
        t("download_excel_report"), lambda: excel_report(*_report_inputs(key)[:2], filters,
                                                          active_infos(key), lang=lang),
        file_name=safe_export.download_name("raport_partnerstwo_lokalne", "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download_excel_report", icon=":material/table_view:", on_click="ignore")
    right.download_button(
        t("download_summary_pdf"), lambda: summary_pdf(*_report_inputs(key)[:2], filters,
                                                        active_infos(key), lang=lang),
        file_name=safe_export.download_name("podsumowanie_partnerstwo_lokalne", "pdf"),
        mime="application/pdf", key="download_summary_pdf", icon=":material/print:", on_click="ignore")


@st.cache_data(show_spinner=False, max_entries=32)
def _certificate_count(url: str, version_id: int, minimum: int) -> int:
    from analytics.reports.certificates import certificate_recipients

    return len(certificate_recipients(version_frame(url, version_id, "attendance"), minimum))


def certificates_download(key: DataKey) -> None:
    """Staff only: one certificate per participant who came to at least N meetings; the download is
    written to the audit trail (who, when, how many)."""
    from analytics.reports.certificates import certificates_pdf, record_download

    st.header(t("certificates_heading"))
    rows = attendance(key)
    # No max_value: above it Streamlit would refuse the number with an English tooltip; a threshold
    # above the meetings held is answered by the caption instead ("0 osób") and a disabled button.
    minimum = int(st.number_input(t("certificates_min_meetings"), min_value=1, value=1, step=1,
                                  key="certificates_min"))
    count = _certificate_count(key.url, key.attendance, minimum)
    st.caption(tn("certificates_count", count, at_least=tn("at_least_meetings", minimum)))
    name = safe_export.download_name("certyfikaty", "pdf")
    lang = current_language()
    st.download_button(
        t("download_certificates"), lambda: certificates_pdf(rows, minimum, lang=lang), file_name=name,
        mime="application/pdf", key="download_certificates", icon=":material/workspace_premium:",
        disabled=count == 0, on_click=record_download,
        args=(store(), user_name(), key.attendance, name, minimum, count, "dashboard"))
