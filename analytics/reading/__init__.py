"""How a file is read: bytes in, a checked table out (format, header, normalising, validation).

workbook (bytes → sheets), tables (the header row and column names), normalise (gminy, sectors,
names, dates), collect (problems and notices), attendance and projects (the two kinds of sheet),
validation (the schema), pipeline (check_bytes, check_file: the whole route).
"""
