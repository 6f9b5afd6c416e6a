"""Settings read from the environment, with the defaults a fresh install runs on."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DEMO_DIR = DATA_DIR / "demo"
TEMPLATES_DIR = DATA_DIR / "templates"
VOCABULARY_FILE = DATA_DIR / "vocabularies.toml"
LOCAL_VOCABULARY_FILE = DATA_DIR / "vocabularies.local.toml"

DEFAULT_MAX_UPLOAD_MB = 50
NO_DEMO_ENV = "PUP_NO_DEMO"
# The demo's meetings II–V have illustrative dates (only I and VI are in the 2017 report, see
# scripts/demo_data.py); the timeline and the reports say so while the demo data is shown.
DEMO_ILLUSTRATIVE_MEETINGS = (2, 3, 4, 5)
# An .xlsx/.ods is a zip: refuse one that declares more than this many times the upload limit unpacked
# (zip bombs; a real .xlsx unpacks to 7-12 times its size, an .ods to ~22), and any member packed more
# tightly than a real spreadsheet ever is. Both judged before anything is unpacked.
UNPACKED_PER_UPLOAD = 20
MAX_COMPRESSION_RATIO = 200


def max_upload_bytes() -> int:
    """Largest file accepted, from PUP_MAX_UPLOAD_MB (default 50 MB)."""
    raw = os.environ.get("PUP_MAX_UPLOAD_MB", "")
    try:
        megabytes = float(raw) if raw.strip() else DEFAULT_MAX_UPLOAD_MB
    except ValueError:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    return int(megabytes * 1024 * 1024)


def max_unpacked_bytes() -> int:
    """Largest unpacked size an .xlsx/.ods may declare: UNPACKED_PER_UPLOAD times the upload limit, so
    what the upload limit accepts the reader accepts (1000 MiB at the default 50 MB)."""
    return UNPACKED_PER_UPLOAD * max_upload_bytes()


def database_url() -> str:
    """The store's SQLAlchemy URL: PUP_DATABASE_URL, else SQLite in data/pup.db."""
    return os.environ.get("PUP_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'pup.db'}"


def demo_wanted() -> bool:
    """False when PUP_NO_DEMO is set (to 1, true, yes): the store then starts empty, without the demo data."""
    return os.environ.get(NO_DEMO_ENV, "").strip().lower() not in ("1", "true", "yes", "tak")


def template_files() -> list[Path]:
    """The blank spreadsheets staff fill in (data/templates/)."""
    if not TEMPLATES_DIR.exists():
        return []
    spreadsheets = (".xlsx", ".xls", ".ods", ".csv")
    return sorted(p for p in TEMPLATES_DIR.iterdir() if p.suffix.lower() in spreadsheets)


# -- sign-ins that outlive a page (issue 10) --------------------------------------------------------
# The idle timeout stays in analytics/accounts.py (PUP_SESSION_TIMEOUT_MINUTES, default 30).
SESSION_LIFETIME_ENV, DEFAULT_SESSION_LIFETIME_HOURS = "PUP_SESSION_LIFETIME_HOURS", 10
COOKIE_SECURE_ENV = "PUP_COOKIE_SECURE"


def session_lifetime_hours() -> float:
    """How long a sign-in lasts at most, however busy (PUP_SESSION_LIFETIME_HOURS, default 10)."""
    raw = os.environ.get(SESSION_LIFETIME_ENV, "").strip().replace(",", ".")
    try:
        hours = float(raw) if raw else DEFAULT_SESSION_LIFETIME_HOURS
    except ValueError:
        return DEFAULT_SESSION_LIFETIME_HOURS
    return hours if hours > 0 else DEFAULT_SESSION_LIFETIME_HOURS


def cookie_secure() -> bool:
    """PUP_COOKIE_SECURE=1: the session cookie is marked Secure (the site is served over HTTPS)."""
    return os.environ.get(COOKIE_SECURE_ENV, "").strip().lower() in ("1", "true", "yes", "tak")


# --- backups (issue 10) --------------------------------------------------------------------------
DEFAULT_BACKUP_KEEP = 14


def backup_dir() -> Path:
    """Where `python -m analytics backup --auto` writes: PUP_BACKUP_DIR, else data/backups."""
    raw = os.environ.get("PUP_BACKUP_DIR", "").strip()
    return Path(raw) if raw else DATA_DIR / "backups"


def backup_keep() -> int:
    """How many automatic backups are kept: PUP_BACKUP_KEEP (default 14, at least 1)."""
    raw = os.environ.get("PUP_BACKUP_KEEP", "").strip()
    try:
        keep = int(raw) if raw else DEFAULT_BACKUP_KEEP
    except ValueError:
        keep = DEFAULT_BACKUP_KEEP
    return max(keep, 1)


# --- issue 11 (RODO): how long participants' names are kept ---------------------------------------
RETENTION_ENV = "PUP_RETENTION_YEARS"
DEFAULT_RETENTION_YEARS = 10


def retention_years() -> int:
    """Years after the programme's last meeting that participants' names are kept, from
    PUP_RETENTION_YEARS (default 10; the office sets it from its own archive rules)."""
    raw = os.environ.get(RETENTION_ENV, "").strip()
    try:
        years = int(raw) if raw else DEFAULT_RETENTION_YEARS
    except ValueError:
        years = DEFAULT_RETENTION_YEARS
    return max(years, 0)
