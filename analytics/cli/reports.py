"""The reports' command-line verbs: `report` (Excel), `summary-pdf` and `certificates`.

`analytics/cli/main.py` adds them with `register(subparsers)` and runs `args.func(args)`. Each reads the
ACTIVE data from the store named by PUP_DATABASE_URL (loading the demo into an empty store, as the
dashboard does, unless PUP_NO_DEMO is set), writes one file and prints its path. Staff read Polish:
a bad argument ends with a Polish sentence on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics import importing
from analytics.catalogue import LANGUAGES, t, tn
from analytics.cli.programmes import chosen_programme, programme_argument
from analytics.config import demo_wanted
from analytics.metrics import Filters, meeting_schedule
from analytics.results import KINDS
from analytics.store import (
    ProgrammeRefusal,
    Store,
    VersionInfo,
    active_frame,
    active_version,
    default_user,
    open_store,
)

EXIT_OK = 0
EXIT_NO_DATA = 1
EXIT_BAD_ARGUMENTS = 2
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class BadArgument(Exception):
    """A user's mistake on the command line, with the Polish sentence that explains it."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the report verbs to the main parser's subcommands."""
    p = subparsers.add_parser("report", help=t("cli_help_report"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help=t("cli_help_out_xlsx"))
    _date_arguments(p)
    _lang_argument(p)
    p.set_defaults(func=cmd_report)

    p = subparsers.add_parser("summary-pdf", help=t("cli_help_summary_pdf"))
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=t("cli_help_out_pdf"))
    _date_arguments(p)
    _lang_argument(p)
    p.set_defaults(func=cmd_summary_pdf)

    p = subparsers.add_parser("certificates", help=t("cli_help_certificates"))
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=t("cli_help_out_pdf"))
    p.add_argument("--min-meetings", default="1", metavar="N", help=t("cli_help_min_meetings"))
    p.add_argument("--user", default=None, help=t("cli_help_downloaded_by"))
    _lang_argument(p)
    p.set_defaults(func=cmd_certificates)


def _date_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", default=None, metavar=t("cli_metavar_date"),
                        help=t("cli_help_from"))
    parser.add_argument("--to", dest="date_to", default=None, metavar=t("cli_metavar_date"),
                        help=t("cli_help_to"))


def _lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default="pl", help=t("cli_help_lang"))
    # Every report is of one programme: the one named, or the most recent.
    programme_argument(parser, "cli_help_programme_report")


# -- arguments -------------------------------------------------------------------------------------


def parse_date(text: str | None, option: str) -> dt.date | None:
    """`2017-12-07` or `07.12.2017` (also `7.12.2017`); None when not given."""
    if text is None:
        return None
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise BadArgument(t("cli_bad_date", option=option, value=text))


def date_filters(args: argparse.Namespace) -> Filters:
    start = parse_date(args.date_from, "--from")
    end = parse_date(args.date_to, "--to")
    if start and end and start > end:
        raise BadArgument(t("cli_dates_reversed", start=args.date_from, end=args.date_to))
    return Filters(date_from=start, date_to=end)


def min_meetings(text: str) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        value = 0
    if value < 1:
        raise BadArgument(t("cli_bad_min_meetings", value=text))
    return value


def out_path(text: str, suffix: str) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() != suffix:
        raise BadArgument(t("cli_bad_suffix", path=text, suffix=suffix))
    if path.is_dir():
        raise BadArgument(t("cli_out_is_dir", path=text))
    return path


# -- data ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActiveData:
    attendance: pd.DataFrame
    projects: pd.DataFrame
    versions: list[VersionInfo]

    def version(self, kind: str) -> VersionInfo | None:
        return next((info for info in self.versions if info.kind == kind), None)


def read_active(store: Store, programme: str | None = None) -> ActiveData:
    """The active datasets of a programme (the most recent when None) and their versions; on first use
    the demo is loaded, as the dashboard does."""
    if demo_wanted():
        importing.ensure_demo(store)
    chosen = chosen_programme(store, programme)
    if isinstance(chosen, ProgrammeRefusal):
        raise BadArgument(chosen.error)
    programme_id = chosen[0]
    if programme_id is None:
        return ActiveData(active_frame(store, "attendance"), active_frame(store, "projects"), [])
    versions = [info for info in (active_version(store, kind, programme_id) for kind in KINDS)
                if info is not None]
    return ActiveData(active_frame(store, "attendance", programme_id),
                      active_frame(store, "projects", programme_id), versions)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise BadArgument(t("cli_cannot_write", path=str(path), reason=reason)) from error


def _run(args: argparse.Namespace, body: Callable[[argparse.Namespace, Store], int]) -> int:
    """Open the store, run the verb, turn a BadArgument into its Polish message and exit code 2."""
    try:
        store = open_store()
    except Exception as error:  # noqa: BLE001 - a wrong database URL is the user's to fix
        print(t("cli_no_store", reason=str(error)), file=sys.stderr)
        return EXIT_BAD_ARGUMENTS
    with store:
        try:
            return body(args, store)
        except BadArgument as problem:
            print(str(problem), file=sys.stderr)
            return EXIT_BAD_ARGUMENTS


def _warn_if_no_meetings(data: ActiveData, filters: Filters) -> None:
    if filters != Filters() and meeting_schedule(data.attendance, filters).empty:
        print(t("cli_no_meetings_in_range"), file=sys.stderr)


# -- the verbs -------------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    from analytics.reports.excel import excel_report

    return _run(args, lambda args, store: _aggregate_report(args, store, ".xlsx", excel_report))


def cmd_summary_pdf(args: argparse.Namespace) -> int:
    from analytics.reports.pdf import summary_pdf

    return _run(args, lambda args, store: _aggregate_report(args, store, ".pdf", summary_pdf))


def _aggregate_report(args: argparse.Namespace, store: Store, suffix: str,
                      build: Callable[..., bytes]) -> int:
    """The Excel report or the PDF summary of the active data, between --from and --to."""
    path, filters = out_path(args.out, suffix), date_filters(args)
    data = read_active(store, args.programme)
    if not data.versions:
        print(t("cli_no_data"), file=sys.stderr)
        return EXIT_NO_DATA
    _warn_if_no_meetings(data, filters)
    _write(path, build(data.attendance, data.projects, filters, data.versions, lang=args.lang))
    print(path)
    return EXIT_OK


def cmd_certificates(args: argparse.Namespace) -> int:
    return _run(args, _certificates)


def _certificates(args: argparse.Namespace, store: Store) -> int:
    from analytics.reports.certificates import certificate_recipients, certificates_pdf, record_download

    path, threshold = out_path(args.out, ".pdf"), min_meetings(args.min_meetings)
    data = read_active(store, args.programme)
    attendance = data.version("attendance")
    if attendance is None or data.attendance.empty:
        print(t("cli_no_attendance"), file=sys.stderr)
        return EXIT_NO_DATA
    count = len(certificate_recipients(data.attendance, threshold))
    if count == 0:
        print(t("cli_nobody_qualifies", count=threshold), file=sys.stderr)
        return EXIT_NO_DATA
    _write(path, certificates_pdf(data.attendance, threshold, lang=args.lang))
    record_download(store, args.user or default_user(), attendance.id, path.name, threshold, count, "cli")
    print(tn("cli_certificates_written", count, at_least=tn("at_least_meetings", threshold)), file=sys.stderr)
    print(path)
    return EXIT_OK
