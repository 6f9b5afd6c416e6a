"""Regenerates the demo spreadsheets (data/demo/) and the blank templates (data/templates/)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from analytics.config import DEMO_DIR, TEMPLATES_DIR  # noqa: E402
from scripts import demo_data, demo_data_2018  # noqa: E402


def write_demo_files(directory: Path | str | None = None) -> list[Path]:
    """Write the demo files (2017 and 2018) and the two templates; `directory` replaces data/ (for tests)."""
    demo_dir = DEMO_DIR if directory is None else Path(directory) / DEMO_DIR.name
    templates_dir = TEMPLATES_DIR if directory is None else Path(directory) / TEMPLATES_DIR.name
    files = [
        (demo_dir / demo_data.DEMO_ATTENDANCE_FILE, demo_data.demo_attendance_xlsx),
        (demo_dir / demo_data.DEMO_PROJECTS_FILE, demo_data.demo_projects_xlsx),
        (demo_dir / demo_data_2018.ATTENDANCE_FILE, demo_data_2018.attendance_xlsx),
        (demo_dir / demo_data_2018.PROJECTS_FILE, demo_data_2018.projects_xlsx),
        (templates_dir / demo_data.ATTENDANCE_TEMPLATE_FILE, demo_data.attendance_template_xlsx),
        (templates_dir / demo_data.PROJECTS_TEMPLATE_FILE, demo_data.projects_template_xlsx),
    ]
    written = []
    for path, build in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build())
        written.append(path)
    return written


def main() -> int:
    for path in write_demo_files():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        print(f"{path.relative_to(REPO_ROOT)}  {path.stat().st_size:>7} B  sha256 {digest}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
