"""What can be typed: `python -m analytics …`, a thin layer over the same functions the pages call."""

from analytics.cli.main import main

__all__ = ["main"]
