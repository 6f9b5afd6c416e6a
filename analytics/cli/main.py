"""The command line: `python -m analytics VERB …`, a thin layer over the same functions the pages call.

Every verb module is imported here plainly: a missing dependency stops the command line with its
error instead of quietly leaving commands out.
"""

from __future__ import annotations

import argparse

import sqlalchemy as sa

from analytics.catalogue import t
from analytics.cli import accounts, backup, check, programmes, reports, rodo, store
from analytics.cli.check import EXIT_OK, refuse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics",
                                     description=t("cli_description"))
    commands = parser.add_subparsers(dest="command", required=True)
    for verbs in (check, store, reports, accounts, programmes, backup, rodo):
        verbs.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:          # the reader (e.g. `| head`) went away: nothing left to say
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - a bug must still end in a readable message, not a traceback
        return refuse(getattr(args, "file", "") or "", _error_message(error), getattr(args, "json", False))


def _error_message(error: Exception) -> str:
    # SQLite gives up waiting for another writer (an import longer than the busy timeout): not a bug.
    if isinstance(error, sa.exc.OperationalError) and "database is locked" in str(error.orig):
        return t("error_store_busy")
    return t("error_internal", detail=type(error).__name__)
