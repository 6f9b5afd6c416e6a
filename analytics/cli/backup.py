"""The backup verbs: `backup --out FILE` or `backup --auto`, `restore FILE [--force]`, `verify`.

A thin layer over analytics/store/backup.py. The store is the one named by PUP_DATABASE_URL;
`backup --auto` writes into PUP_BACKUP_DIR and keeps the newest PUP_BACKUP_KEEP backups (what the
systemd timer and the Windows scheduled task run once a day).
"""

from __future__ import annotations

import argparse
import sys

from analytics import config
from analytics.catalogue import t, tn
from analytics.cli.check import EXIT_OK, EXIT_REFUSED, print_json
from analytics.formatting import format_int
from analytics.store import StoreRefusal, open_store
from analytics.store.backup import BackupInfo, backup, backup_to_folder, restore, verify

EXIT_PROBLEMS = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add backup, restore and verify to the main parser's subcommands."""
    p = subparsers.add_parser("backup", help=t("cli_help_backup"))
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="FILE", help=t("cli_help_backup_out"))
    where.add_argument("--auto", action="store_true", help=t("cli_help_backup_auto"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser("restore", help=t("cli_help_restore"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help=t("cli_help_restore_force"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_restore)

    p = subparsers.add_parser("verify", help=t("cli_help_verify"))
    p.add_argument("--json", action="store_true", help=t("cli_help_json"))
    p.set_defaults(func=cmd_verify)


def cmd_backup(args: argparse.Namespace) -> int:
    try:
        with open_store() as store:
            if args.auto:
                info = backup_to_folder(store, config.backup_dir(), config.backup_keep())
            else:
                info = backup(store, args.out)
    except OSError as error:
        target = str(config.backup_dir()) if args.auto else args.out
        return _refused(t("backup_cannot_write", path=target, detail=error.strerror or str(error)), args.json)
    if args.json:
        print_json(info.to_json())
    else:
        print(_described("cli_backup_done", info))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    with open_store() as store:
        outcome = restore(store, args.file, force=args.force)
    if isinstance(outcome, StoreRefusal):
        return _refused(outcome.error, args.json)
    if args.json:
        print_json(outcome.to_json())
    else:
        print(_described("cli_restore_done", outcome))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    with open_store() as store:
        problems = verify(store)
    if args.json:
        print_json({"ok": not problems, "problems": problems})
    elif problems:
        print(tn("cli_verify_problems", len(problems)), file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
    else:
        print(t("cli_verify_ok"))
    return EXIT_PROBLEMS if problems else EXIT_OK


def _described(key: str, info: BackupInfo) -> str:
    return t(key, path=info.path, size=format_int(info.bytes), versions=info.versions, users=info.users)


def _refused(message: str, as_json: bool) -> int:
    if as_json:
        print_json({"error": message})
    else:
        print(message, file=sys.stderr)
    return EXIT_REFUSED
