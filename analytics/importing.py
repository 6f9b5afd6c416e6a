"""The one route from a file to the store: check it (analytics/reading), then store it as a new version
(analytics/store). The command line and the import page both go this way.

The CLI hands a file and gets the outcome (import_file). The import page checks first, shows what it
read with the effect of each way of saving (mode_effects), then stores the checked result
(import_result). A refused file stores nothing but is written to the audit trail
(record_refusal). The demo data goes the same way (ensure_demo, load_demo).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics import config
from analytics.catalogue import t
from analytics.results import KINDS, CheckResult, Refusal
from analytics.store import (
    ImportOutcome,
    Store,
    VersionInfo,
    default_user,
    programmes,
    read_transaction,
    record_audit,
    write_audit,
    write_transaction,
)
from analytics.store.combining import MODES, MODES_OFFERED, ImportEffect, import_effect
from analytics.store.programmes import programme_for_import
from analytics.store.versions import active_info, duplicate_outcome, file_sha256, version_count, write_version

DEMO_FILES = {
    "attendance": config.DEMO_DIR / "lista_obecnosci_2017.xlsx",
    "projects": config.DEMO_DIR / "projekty_2017.xlsx",
}
DEMO_USER = "system"


@dataclass(frozen=True)
class DemoProgramme:
    """A demo cycle: its programme's name and its files (by dataset)."""

    name: str
    files: dict[str, Path]
    # Meetings whose dates are illustrative (the 2017 report gives only I and VI); the whole 2018
    # cycle is fictitious, as the demo banner says, and marks none.
    illustrative_meetings: tuple[int, ...] = ()


DEMO_PROGRAMMES = (
    DemoProgramme("Partnerstwo Lokalne 2017", DEMO_FILES, config.DEMO_ILLUSTRATIVE_MEETINGS),
    DemoProgramme("Partnerstwo Lokalne 2018", {
        "attendance": config.DEMO_DIR / "lista_obecnosci_2018.xlsx",
        "projects": config.DEMO_DIR / "projekty_2018.xlsx",
    }),
)


def illustrative_meetings(version: VersionInfo | None) -> tuple[int, ...]:
    """The meetings with illustrative dates in a demo attendance version (none in real data): those
    of its demo cycle, the 2017 report's II–V for a demo file of no known cycle."""
    if version is None or not version.demo:
        return ()
    for demo in DEMO_PROGRAMMES:
        if demo.files["attendance"].name == version.file_name:
            return demo.illustrative_meetings
    return config.DEMO_ILLUSTRATIVE_MEETINGS


def import_file(
    store: Store,
    source: str | Path | bytes,
    kind: str | None = None,
    mode: str = "replace",
    user: str | None = None,
    file_name: str | None = None,
    programme: str | None = None,
) -> ImportOutcome | Refusal:
    """Check a file with the reading pipeline and store it as a new version of its dataset in the
    programme named (created on first use; the most recent when None, see programme_for_import).

    `source` is a path, or the bytes of an upload (then give `file_name`). A refused file stores
    nothing but is written to the audit trail.
    """
    _require_mode(mode)
    user = user or default_user()
    if isinstance(source, bytes):
        data, name = source, file_name or "plik"
    else:
        path = Path(source)
        name = file_name or path.name
        try:
            data = path.read_bytes()
        except OSError:
            return record_refusal(store, name, None, kind, user, t("error_file_missing", path=str(path)))
    duplicate = _duplicate_of_active(store, file_sha256(data), kind, programme)
    if duplicate is not None:
        return _record_duplicate(store, duplicate, name, user)

    from analytics.reading import pipeline  # the pipeline imports much; only imports need it

    result = pipeline.check_bytes(data, name, kind)
    if isinstance(result, Refusal):
        return record_refusal(store, name, data, kind, user, result.error)
    return import_result(store, result, data, name, mode, user, programme=programme)


def import_result(
    store: Store,
    result: CheckResult,
    file_bytes: bytes,
    file_name: str | None = None,
    mode: str = "replace",
    user: str | None = None,
    demo: bool = False,
    programme: str | None = None,
) -> ImportOutcome:
    """Store a checked file as a new active version in the programme named (created on first use;
    None: the most recent, or one named after the file's meetings in a store with none), unless it is
    the active version's file there."""
    _require_mode(mode)
    user = user or default_user()
    name = file_name or result.file
    sha = file_sha256(file_bytes)         # of the file as sent: an upload of it again is a duplicate
    stored = stored_copy(result, file_bytes)
    dates = result.accepted["meeting_date"] if "meeting_date" in result.accepted else None
    with write_transaction(store) as conn:
        programme_id = programme_for_import(conn, programme, user, dates)
        active = active_info(conn, result.kind, programme_id)
        if active is not None and active.sha256 == sha:
            write_audit(conn, "import_duplicate", user, result.kind, active.id, {"file": name, "sha256": sha})
            return duplicate_outcome(conn, active, name)
        return write_version(conn, result, stored, name, sha, mode, user, demo, active, programme_id)


def stored_copy(result: CheckResult, file_bytes: bytes) -> bytes:
    """What the store keeps of a checked file: a copy without the columns the reader did not use."""
    from analytics.reading.minimise import minimised_original

    return minimised_original(file_bytes, result.sheet_columns)


def record_refusal(store: Store, file_name: str, file_bytes: bytes | None, kind: str | None, user: str,
                   error: str) -> Refusal:
    """A file that could not be read (or found): nothing stored, the refusal in the audit trail."""
    sha = None if file_bytes is None else file_sha256(file_bytes)
    record_audit(store, "import_refused", user, kind=kind,
                 details={"file": file_name, "sha256": sha, "error": error})
    return Refusal(file=file_name, error=error)


def mode_effects(kind: str, active: pd.DataFrame, accepted: pd.DataFrame,
                 active_is_demo: bool = False) -> dict[str, ImportEffect]:
    """What each way of saving the import page offers for `kind` would change in the `active` dataset."""
    return {mode: import_effect(kind, mode, active, accepted, active_is_demo) for mode in MODES_OFFERED[kind]}


def _duplicate_of_active(store: Store, sha: str, kind: str | None,
                         programme: str | None) -> VersionInfo | None:
    if programme is not None and programme.strip():
        found = programmes.find_programme(store, programme)
        if found is None:
            return None             # a new programme holds nothing yet
        programme_id: int | None = found.id
    else:
        found = programmes.most_recent(store)
        programme_id = None if found is None else found.id
    with read_transaction(store) as conn:
        for candidate in (kind,) if kind else KINDS:
            active = active_info(conn, candidate, programme_id)
            if active is not None and active.sha256 == sha:
                return active
    return None


def _record_duplicate(store: Store, active: VersionInfo, name: str, user: str) -> ImportOutcome:
    with write_transaction(store) as conn:
        details = {"file": name, "sha256": active.sha256}
        write_audit(conn, "import_duplicate", user, active.kind, active.id, details)
        return duplicate_outcome(conn, active, name)


def _require_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")


# ---------------------------------------------------------------------------------------------
# Demo data


def ensure_demo(store: Store) -> list[ImportOutcome]:
    """On first start, load the demo cycles (DEMO_PROGRAMMES), each as its own programme, as the first
    versions of each dataset. A store that already holds one dataset gets only the first cycle's file of
    the other, in the programme of the data it holds (as before programmes): a demo programme would
    otherwise stand beside the office's own as a programme of demo data alone."""
    outcomes = []
    empty = not any(_has_versions(store, kind) for kind in KINDS)
    for kind in KINDS:
        if _has_versions(store, kind):
            continue
        for demo in DEMO_PROGRAMMES if empty else DEMO_PROGRAMMES[:1]:
            path = demo.files.get(kind)
            if path is None or not path.exists():
                continue
            result, data = _check_demo(path, kind)
            with write_transaction(store) as conn:
                programme_id = programme_for_import(conn, demo.name if empty else None, DEMO_USER)
                # Another session may have loaded it while this one was reading the file.
                if version_count(conn, kind, programme_id):
                    continue
                stored = stored_copy(result, data)
                outcomes.append(write_version(conn, result, stored, path.name, file_sha256(data), "replace",
                                              DEMO_USER, True, None, programme_id))
    return outcomes


def load_demo(store: Store, user: str | None = None) -> list[ImportOutcome]:
    """Load the demo files again, each as a new active version of its demo programme (created when
    missing) (`python -m analytics demo`)."""
    user = user or default_user()
    outcomes = []
    for demo in DEMO_PROGRAMMES:
        for kind, path in demo.files.items():
            if not path.exists():
                continue
            result, data = _check_demo(path, kind)
            with write_transaction(store) as conn:
                programme_id = programme_for_import(conn, demo.name, user)
                active = active_info(conn, kind, programme_id)
                stored = stored_copy(result, data)
                outcomes.append(write_version(conn, result, stored, path.name, file_sha256(data), "replace",
                                              user, True, active, programme_id))
    return outcomes


def _has_versions(store: Store, kind: str) -> bool:
    with read_transaction(store) as conn:
        return version_count(conn, kind) > 0


def _check_demo(path: Path, kind: str) -> tuple[CheckResult, bytes]:
    from analytics.reading import pipeline

    data = path.read_bytes()
    result = pipeline.check_bytes(data, path.name, kind)
    if isinstance(result, Refusal):
        raise RuntimeError(f"demo file {path} is unreadable: {result.error}")
    return result, data
