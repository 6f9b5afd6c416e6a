"""How a file is read: bytes in, a checked table out (format, header, normalising, validation).

workbook (bytes → sheets), sheet_body (a sheet's cells as Arrow columns, read once), tables (the header
row and column names), normalise (gminy, sectors, names, dates), collect (problems and notices),
attendance and projects (the two kinds of sheet), validation (the rules, on whole columns), pipeline
(check_bytes, check_file: the whole route).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:      # for editors and type checkers; at run time see __getattr__
    from analytics.reading.pipeline import check_bytes, check_file

__all__ = ["check_bytes", "check_file"]


def __getattr__(name: str) -> Any:
    # The pipeline imports pyarrow and fastexcel: it is imported when a file is first checked, not
    # by everyone who needs a reading helper (the certificates use normalise.name_for_print).
    if name in __all__:
        from analytics.reading import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
