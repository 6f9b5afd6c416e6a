"""Regenerates the demo spreadsheets (data/demo/) and the blank templates (data/templates/)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from scripts.demo_data import write_demo_files  # noqa: E402


def main() -> int:
    for path in write_demo_files():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        print(f"{path.relative_to(REPO_ROOT)}  {path.stat().st_size:>7} B  sha256 {digest}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
