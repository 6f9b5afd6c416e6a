"""The Excel report the director hands on: a summary sheet and one sheet per breakdown, each with a
native Excel chart (editable in Excel and LibreOffice). Aggregates only: no participant's name.

The figures are the dashboard's own (reports/figures.py: the same metrics with the same filters); the
PDF summary prints from the same ReportFigures and the same describing lines.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from analytics import metrics
from analytics.catalogue import language, t, tn
from analytics.display.palette import EXTRA_COLOURS, GREY, OKABE_ITO, SINGLE_COLOUR, colour_for
from analytics.formatting import (
    format_int,
    format_pct,
    meeting_label,
    reached_of_plan,
    roman,
    value_label,
)
from analytics.reports.figures import (
    ReportFigures,
    filter_lines,
    illustrative_note,
    now_text,
    period_text,
    report_figures,
    version_lines,
)
from analytics.safe_export import spreadsheet_cell
from analytics.vocabulary import vocabulary

# -- the workbook's look -----------------------------------------------------------------------------

INT = "#,##0"               # Excel shows its own thousands separator: "1 234" in a Polish Excel
DECIMAL = "#,##0.0"
PERCENT = "0.0%"
PERCENT_WHOLE = "0%"
MONEY = '#,##0 "zł"'
DATE = "dd.mm.yyyy"
TABLE_TOP = 4               # the header row of every breakdown table (rows 1–2: title and note)
ACCENT = OKABE_ITO["blue"].lstrip("#")
HEADER_FILL = PatternFill("solid", fgColor="DCE9F5")
THIN = Side(style="thin", color="B7C9DB")
HEADER_BORDER = Border(bottom=Side(style="medium", color=ACCENT))
TITLE_FONT = Font(size=15, bold=True, color=ACCENT)
NOTE_FONT = Font(italic=True, color="555555")
HEADING_FONT = Font(size=12, bold=True)
# Sizes Excel draws a default sheet with, for placing charts among cells.
DEFAULT_COLUMN_WIDTH = 8.43
DEFAULT_COLUMN_PX = 64      # a column whose width was never set ("8,43": 8 digits and padding, to 8 px)
ROW_CM = 0.53


@dataclass(frozen=True)
class Column:
    """One table column: its header, values, and the number format of its cells (or one per cell)."""

    header: str
    values: Sequence[Any]
    number_format: str | None = None
    cell_formats: Sequence[str] = ()

    def format_of(self, index: int) -> str | None:
        return self.cell_formats[index] if self.cell_formats else self.number_format

    @property
    def numeric(self) -> bool:
        return bool(self.number_format or self.cell_formats)


@dataclass(frozen=True)
class Block:
    """Where a table landed: header row, last data row, last column (from column 1)."""

    header_row: int
    last_row: int
    last_column: int

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1


def _shown_length(value: Any, number_format: str | None) -> int:
    """About how many characters a value takes on screen, for the column width."""
    if value is None:
        return 0
    if number_format == DATE:
        return 10
    if number_format in (PERCENT, PERCENT_WHOLE):
        return 6
    if isinstance(value, (int, float)):
        extra = {DECIMAL: 2, MONEY: 3}.get(number_format or "", 0)
        return len(format_int(value)) + extra
    return len(str(value))


def write_table(ws: Worksheet, top: int, columns: Sequence[Column], min_widths: Sequence[int] = ()) -> Block:
    """A header row at `top` and the values under it: number formats, widths, a header band."""
    for index, column in enumerate(columns, start=1):
        header = ws.cell(row=top, column=index, value=column.header)
        header.font = Font(bold=True)
        header.fill = HEADER_FILL
        header.border = HEADER_BORDER
        header.alignment = Alignment(wrap_text=True, vertical="center", indent=1,
                                     horizontal="right" if column.numeric else "left")
        for offset, raw in enumerate(column.values):
            cell = ws.cell(row=top + 1 + offset, column=index, value=spreadsheet_cell(raw))
            cell.border = Border(bottom=THIN)
            if column.format_of(offset):
                cell.number_format = column.format_of(offset)
                cell.alignment = Alignment(horizontal="right", vertical="top", indent=1)
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
        longest_word = max((len(word) for word in column.header.split()), default=0)
        widest = max([_shown_length(spreadsheet_cell(v), column.format_of(i))
                      for i, v in enumerate(column.values)] or [0])
        floor = min_widths[index - 1] if index - 1 < len(min_widths) else 0
        width = max(floor, min(max(widest, longest_word, min(len(column.header), 16)) + 2, 60), 8)
        ws.column_dimensions[get_column_letter(index)].width = width
    rows = max((len(c.values) for c in columns), default=0)
    return Block(top, top + max(rows, 1) - (0 if rows else 1), len(columns))


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines a wrapped cell needs: words laid greedily on lines of about `width` characters
    (a column's width counts digits; ordinary text is a little narrower, hence the 1.1)."""
    room = max(4.0, (width - 2) * 1.1)
    lines, used = 1, 0
    for word in str(text).split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def fit_row_heights(ws: Worksheet, block: Block) -> None:
    """Rows tall enough for their wrapped text: LibreOffice keeps the height it is given, and Excel
    does not grow a row whose cells were written by a program."""
    for row in range(block.header_row, block.last_row + 1):
        lines = 1
        for column in range(1, block.last_column + 1):
            value = ws.cell(row=row, column=column).value
            if isinstance(value, str):
                width = ws.column_dimensions[get_column_letter(column)].width or DEFAULT_COLUMN_WIDTH
                lines = max(lines, _wrapped_lines(value, width))
        header = row == block.header_row
        if lines > 1 or header:
            ws.row_dimensions[row].height = 15 * max(lines, 2 if header else 1) + (4 if header else 0)


def _sheet(workbook: Workbook, name: str, title: str, note: str | None) -> Worksheet:
    ws = workbook.create_sheet(_sheet_name(name))
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    if note:
        ws["A2"] = note
        ws["A2"].font = NOTE_FONT
    ws.sheet_view.showGridLines = False
    return ws


def _sheet_name(name: str) -> str:
    for forbidden in "[]:*?/\\":
        name = name.replace(forbidden, " ")
    return name[:31]


def _page_setup(ws: Worksheet, last_row: int, last_column: int, repeat_rows: str | None) -> None:
    """Print area, A4 landscape one page wide, the header row repeated on every page, page numbers."""
    ws.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
    if repeat_rows:
        ws.print_title_rows = repeat_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.oddFooter.left.text = t("app_title").replace("&", "&&")
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = t("rpt_page", page="&P", pages="&N")
    ws.oddFooter.right.size = 8


# -- charts ------------------------------------------------------------------------------------------


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _bar_chart(title: str, value_axis: str, horizontal: bool, categories: int) -> BarChart:
    """A bar chart with visible axes, whole-number value labels and no legend (one series)."""
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = _chart_title(title)
    chart.style = 2
    chart.legend = None
    chart.gapWidth = 60
    chart.y_axis.title = value_axis
    chart.y_axis.number_format = INT
    chart.y_axis.majorGridlines.spPr = GraphicalProperties(ln=LineProperties(solidFill="D9D9D9"))
    # openpyxl 3.1 marks axes deleted unless told otherwise: Excel would then draw none
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"     # the first category on top, as in the table
        chart.y_axis.crosses = "max"                     # … and the value axis still at the bottom
        chart.width, chart.height = 17.0, min(40.0, max(7.0, 2.4 + 0.75 * categories))
    else:
        chart.width, chart.height = min(30.0, max(15.0, 4 + 1.6 * categories)), 8.5
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False,
                                     showLegendKey=False, numFmt=INT)
    return chart


def _chart_title(text: str, size: int = 11) -> Title:
    """A chart title in bold 11 pt (the default 18 pt wraps a Polish title over three lines)."""
    font = CharacterProperties(sz=size * 100, b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _colour_series(series: Any, colour: str) -> None:
    series.graphicalProperties.solidFill = _hex(colour)
    series.graphicalProperties.line.solidFill = _hex(colour)


def _colour_points(series: Any, colours: Sequence[str]) -> None:
    for index, colour in enumerate(colours):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = _hex(colour)
        point.graphicalProperties.line.solidFill = _hex(colour)
        series.dPt.append(point)


def _add_series(chart: BarChart, ws: Worksheet, block: Block, value_column: int,
                category_column: int) -> None:
    data = Reference(ws, min_col=value_column, min_row=block.header_row, max_row=block.last_row)
    categories = Reference(ws, min_col=category_column, min_row=block.first_data_row, max_row=block.last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)


def _column_cm(ws: Worksheet, column: int) -> float:
    """A column's width on screen and paper. A stored width already holds the cell padding, so it is
    width × 7 px (the widest digit of Calibri 11), by the formula of ECMA-376 §18.3.1.13; adding the
    padding again made a chart seem to end a column early, and the print area cut its right edge."""
    dimension = ws.column_dimensions.get(get_column_letter(column))      # .get: not created by asking
    if dimension is None or not dimension.width:
        return DEFAULT_COLUMN_PX * 2.54 / 96
    pixels = math.floor((256 * dimension.width + math.floor(128 / 7)) / 256 * 7)
    return pixels * 2.54 / 96


def _place(ws: Worksheet, chart: BarChart, row: int, column: int) -> tuple[int, int]:
    """Anchor the chart's top-left corner at (row, column); return the last row and column it covers,
    with one more of each to spare (LibreOffice measures columns a little wider than Excel)."""
    ws.add_chart(chart, f"{get_column_letter(column)}{row}")
    covered, last_column = 0.0, column
    while covered < chart.width:
        covered += _column_cm(ws, last_column)
        last_column += 1
    return row + math.ceil(chart.height / ROW_CM) + 1, last_column


def _chart_beside(ws: Worksheet, chart: BarChart, block: Block) -> None:
    """The chart to the right of its table; print area and frozen header around both."""
    fit_row_heights(ws, block)
    last_row, last_column = _place(ws, chart, block.header_row, block.last_column + 2)
    ws.freeze_panes = f"A{block.first_data_row}"
    _page_setup(ws, max(last_row, block.last_row), last_column, f"{block.header_row}:{block.header_row}")


# -- the sheets --------------------------------------------------------------------------------------


def _summary_sheet(workbook: Workbook, figures: ReportFigures, version_info: Any) -> None:
    ws = workbook.active
    ws.title = _sheet_name(t("rpt_sheet_summary"))
    ws.sheet_view.showGridLines = False
    ws["A1"] = f"{t('app_title')} – {t('rpt_excel_title')}"
    ws["A1"].font = Font(size=16, bold=True, color=ACCENT)
    ws["A2"] = t("rpt_cycle", title=t("programme_cycle_title"))
    ws["A2"].font = Font(italic=True)
    ws["A3"] = t("rpt_organiser")
    row = 5
    about = [(t("rpt_period"), period_text(figures.schedule["meeting_date"])),
             (t("rpt_generated"), now_text()),
             *[(t("rpt_data", kind=kind), text) for kind, text in version_lines(version_info)],
             *[(t("rpt_filter", what=what), chosen) for what, chosen in filter_lines(figures.filters,
                                                                                      figures.schedule)]]
    for label, text in about:
        ws.cell(row=row, column=1, value=label).font = Font(bold=True)
        ws.cell(row=row, column=1).alignment = Alignment(vertical="top")
        _merged_text(ws, row, 2, 3, text, SUMMARY_TEXT_CHARS - 44)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=t("rpt_figures_heading")).font = HEADING_FONT
    block = write_table(ws, row + 1, _headline_columns(figures), min_widths=(44, 14, 60))
    fit_row_heights(ws, block)
    row = block.last_row + 2
    notes = [t("chart_person_rule"), t("overview_projects_not_filtered"), t("rpt_note_aggregates"),
             illustrative_note(figures, version_info)]
    for note in filter(None, notes):
        _merged_text(ws, row, 1, 3, note, SUMMARY_TEXT_CHARS).font = NOTE_FONT
        row += 1
    _page_setup(ws, row, 3, None)
    ws.page_setup.orientation = "portrait"


SUMMARY_TEXT_CHARS = 118     # about how many characters the summary's columns A–C hold on one line


def _merged_text(ws: Worksheet, row: int, first: int, last: int, text: str, chars_per_line: int) -> Any:
    """Text over merged cells, wrapped; the row made tall enough (Excel does not fit merged cells)."""
    cell = ws.cell(row=row, column=first, value=spreadsheet_cell(text))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(str(text)) / chars_per_line))
    return cell


def _headline_columns(figures: ReportFigures) -> list[Column]:
    head = figures.headline
    projects = head.projects
    last = (meeting_label(head.last_meeting, head.last_meeting_date) if head.last_meeting is not None else "")
    rows: list[tuple[str, Any, str, str]] = [
        (t("kpi_meetings"), head.meetings, INT, ""),
        (t("kpi_participants"), head.participants, INT, t("rpt_participants_note")),
        (t("kpi_attendances"), head.attendances, INT, t("rpt_attendances_note")),
        (t("kpi_average"), head.average_per_meeting, DECIMAL, ""),
        (t("kpi_last_meeting"), head.last_meeting_attendances, INT, last),
        (t("rpt_new_participants"), head.new_participants, INT, last),
        (t("kpi_retention"), head.retention, PERCENT_WHOLE,
         tn("rpt_retained_note", head.retained, of_people=tn("of_people", head.participants),
            threshold=head.retention_threshold, of_meetings=tn("of_meetings", head.meetings))),
        (t("kpi_gminy"), head.gminy_reached, INT, tn("rpt_gminy_note", head.gminy_total)),
        (t("kpi_projects"), projects.projects, INT, ""),
        *[(t("rpt_projects_with_status", status=value_label(status)), count, INT, "")
          for status, count in projects.by_status.items()],
        *_plan_rows(projects.participants_planned, projects.participants_reached, "unit_people",
                    "chart_col_participants_planned", "chart_col_participants_reached",
                    t("rpt_projects_people")),
        *_plan_rows(projects.jobs_planned, projects.jobs_created, "unit_jobs",
                    "chart_col_jobs_planned", "chart_col_jobs_created", ""),
        (t("chart_col_enterprises"), projects.enterprises_created, INT,
         "" if projects.enterprises_created is not None else t("figure_not_in_register")),
    ]
    return [
        Column(t("rpt_col_measure"), [r[0] for r in rows]),
        Column(t("rpt_col_value"), [r[1] for r in rows], cell_formats=[r[2] for r in rows]),
        Column(t("chart_col_note"), [r[3] for r in rows]),
    ]


def _plan_rows(planned: int | None, reached: int | None, unit_key: str, planned_key: str, reached_key: str,
               planned_note: str) -> list[tuple[str, Any, str, str]]:
    """The plan and what was reached, each with its note: the share of plan when both are known, else
    what the register lacks ("213 osób (bez planu w rejestrze)"), never a plan of 0."""
    both = planned is not None and reached is not None
    figure = reached_of_plan(reached, planned, unit_key)
    return [
        (t(planned_key), planned, INT, planned_note if planned is not None else t("figure_no_plan")),
        (t(reached_key), reached, INT,
         t("rpt_share_of_plan", share=format_pct(_share(reached, planned))) if both else figure.text),
    ]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _participants_sheet(workbook: Workbook, by: pd.DataFrame, dimension: metrics.Dimension) -> None:
    names = {"sector": ("rpt_sheet_sector", "chart_title_by_sector", "chart_col_sector"),
             "group": ("rpt_sheet_group", "chart_title_by_group", "chart_col_group"),
             "gmina": ("rpt_sheet_gmina", "chart_title_by_gmina", "chart_col_gmina")}
    sheet_key, title_key, column_key = names[dimension]
    frame = metrics.gmina_order(by) if dimension == "gmina" else by
    total = int(frame["participants"].sum())
    title = t(title_key, total=format_int(total))
    ws = _sheet(workbook, t(sheet_key), title, t("chart_person_rule"))
    columns = [Column(t(column_key), [value_label(k) for k in frame["key"]])]
    if dimension == "gmina":
        teryt = {g.name: g.teryt for g in vocabulary().gminy}
        columns.append(Column(t("chart_col_teryt"), [teryt.get(k) for k in frame["key"]]))
    columns += [Column(t("chart_col_participants"), frame["participants"].tolist(), INT),
                Column(t("chart_col_share"), frame["share"].tolist(), PERCENT)]
    block = write_table(ws, TABLE_TOP, columns)
    chart = _bar_chart(title, t("chart_axis_participants"), horizontal=True, categories=len(frame))
    _add_series(chart, ws, block, value_column=len(columns) - 1, category_column=1)
    colours = [EXTRA_COLOURS.get(k, SINGLE_COLOUR) if dimension == "gmina" else colour_for(dimension, k)
               for k in frame["key"]]
    _colour_points(chart.series[0], colours)
    _chart_beside(ws, chart, block)


def _meetings_sheet(workbook: Workbook, figures: ReportFigures, version_info: Any) -> None:
    meetings = figures.meetings
    note = illustrative_note(figures, version_info)
    ws = _sheet(workbook, t("rpt_sheet_meetings"), t("chart_title_new_returning"), note)
    columns = [
        Column(t("chart_col_meeting"), [roman(m) for m in meetings["meeting"]]),
        Column(t("rpt_col_number"), meetings["meeting"].tolist(), "0"),
        Column(t("chart_col_date"), list(meetings["meeting_date"]), DATE),
        Column(t("chart_col_attendances"), meetings["attendances"].tolist(), INT),
        Column(t("chart_col_returning"), meetings["returning"].tolist(), INT),
        Column(t("chart_col_new"), meetings["new_participants"].tolist(), INT),
    ]
    block = write_table(ws, TABLE_TOP, columns)
    chart = _bar_chart(t("chart_title_attendance"), t("chart_axis_attendances"), horizontal=False,
                       categories=len(meetings))
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.legend = _legend()
    for value_column, colour in ((5, OKABE_ITO["blue"]), (6, OKABE_ITO["orange"])):
        _add_series(chart, ws, block, value_column=value_column, category_column=1)
        _colour_series(chart.series[-1], colour)
    chart.x_axis.title = t("chart_col_meeting")
    _chart_beside(ws, chart, block)


def _legend() -> Legend:
    """A legend under the chart, where it takes no width from the bars."""
    return Legend(legendPos="b")


def _retention_sheet(workbook: Workbook, figures: ReportFigures) -> None:
    counts = figures.retention
    head = figures.headline
    threshold = head.retention_threshold
    note = tn("chart_retention_note", head.retained, threshold=threshold, meetings=head.meetings,
              of_people=tn("of_people", head.participants), share=format_pct(head.retention))
    ws = _sheet(workbook, t("rpt_sheet_retention"), t("chart_title_retention"), note)
    people = int(counts["people"].sum())
    retained = counts["meetings_attended"] >= threshold
    columns = [
        Column(t("chart_col_meetings_attended"), counts["meetings_attended"].tolist(), "0"),
        Column(t("chart_col_people"), counts["people"].tolist(), INT),
        Column(t("chart_col_share"), [n / people if people else 0.0 for n in counts["people"]], PERCENT),
        Column(t("chart_col_retained"), [t("rpt_yes") if r else t("rpt_no") for r in retained]),
    ]
    block = write_table(ws, TABLE_TOP, columns)
    chart = _bar_chart(t("chart_title_retention"), t("chart_axis_people"), horizontal=False,
                       categories=len(counts))
    _add_series(chart, ws, block, value_column=2, category_column=1)
    chart.x_axis.title = t("chart_axis_meetings_attended")
    _colour_points(chart.series[0], [OKABE_ITO["blue"] if r else OKABE_ITO["sky_blue"] for r in retained])
    _chart_beside(ws, chart, block)


def _projects_sheet(workbook: Workbook, figures: ReportFigures) -> None:
    """Every project: status, dates, budget, participants and jobs planned against reached; under the
    table, the two plan-against-reached charts, together as wide as the table (it prints one page wide)."""
    projects = figures.projects
    ws = _sheet(workbook, t("rpt_sheet_projects"), t("rpt_projects_title", total=format_int(len(projects))),
                t("rpt_projects_note"))
    columns = [
        Column(t("chart_col_title"), projects["title"].tolist()),
        Column(t("chart_col_status"), [value_label(s) for s in projects["status"]]),
        # No leader: leaders are participants too, and the report may go beyond the office (issue 6).
        Column(t("chart_col_start"), list(projects["start_date"]), DATE),
        Column(t("chart_col_end"), list(projects["end_date"]), DATE),
        Column(t("chart_col_budget"), projects["budget"].tolist(), MONEY),
        Column(t("chart_col_participants_planned"), projects["participants_planned"].tolist(), INT),
        Column(t("chart_col_participants_reached"), projects["participants_reached"].tolist(), INT),
        Column(t("chart_col_participants_ratio"), projects["participants_ratio"].tolist(), PERCENT_WHOLE),
        Column(t("chart_col_jobs_planned"), projects["jobs_planned"].tolist(), INT),
        Column(t("chart_col_jobs_created"), projects["jobs_created"].tolist(), INT),
        Column(t("chart_col_jobs_ratio"), projects["jobs_ratio"].tolist(), PERCENT_WHOLE),
        Column(t("chart_col_enterprises"), projects["enterprises_created"].tolist(), INT),
        Column(t("chart_col_gminy"), projects["gminy"].tolist()),
        Column(t("chart_col_last_update"), list(projects["last_update"]), DATE),
    ]
    block = write_table(ws, TABLE_TOP, columns, min_widths=(30, 14, 18))
    for letter, widest in (("A", 40), ("N", 30)):
        ws.column_dimensions[letter].width = min(ws.column_dimensions[letter].width, widest)
    for index, column in enumerate(columns[3:13], start=4):   # numbers and dates under wrapping headers
        letter = get_column_letter(index)
        longest_word = max(len(word) for word in column.header.split())
        width = ws.column_dimensions[letter].width
        ws.column_dimensions[letter].width = min(width, max(13, longest_word + 3))
    fit_row_heights(ws, block)
    table_cm = sum(_column_cm(ws, c) for c in range(1, block.last_column + 1))
    bottom, right, column = block.last_row, block.last_column, 1
    plans = [(7, 8, "rpt_chart_participants_plan", "chart_subplot_participants", "chart_axis_people",
              (GREY, OKABE_ITO["blue"])),
             (10, 11, "rpt_chart_jobs_plan", "chart_subplot_jobs", "chart_subplot_jobs",
              (GREY, OKABE_ITO["bluish_green"]))]
    missing = []
    for planned, reached, title_key, measure_key, axis_key, colours in plans:
        # Only what the register gives: no empty series, no chart at all for a figure no project has.
        series = [(c, colour) for c, colour in zip((planned, reached), colours, strict=True)
                  if projects[PROJECT_SHEET_COLUMNS[c]].notna().any()]
        if not series:
            missing.append(t(measure_key))
            continue
        title = t(title_key) if len(series) == 2 else t("figure_with_note", value=t(measure_key), note=t(
            "figure_no_plan" if series[0][0] == reached else "figure_no_reached"))
        chart = _bar_chart(title, t(axis_key), horizontal=True, categories=len(series) * len(projects))
        chart.width = max(17.0, table_cm / 2 - 1.0)
        chart.legend = _legend()
        for value_column, colour in series:
            _add_series(chart, ws, block, value_column=value_column, category_column=1)
            _colour_series(chart.series[-1], colour)
        last_row, column_end = _place(ws, chart, block.last_row + 3, column)
        bottom, right = max(bottom, last_row), max(right, column_end)
        column = column_end + 1
    if missing:
        note = ws.cell(row=block.last_row + 2, column=1, value=t("rpt_no_project_figures",
                                                                  measures=", ".join(missing)))
        note.font = NOTE_FONT
    ws.freeze_panes = f"B{block.first_data_row}"
    _page_setup(ws, bottom, right, f"{block.header_row}:{block.header_row}")


# The projects sheet's columns (1 = A) that hold the figures the two charts draw.
PROJECT_SHEET_COLUMNS = {7: "participants_planned", 8: "participants_reached", 10: "jobs_planned",
                         11: "jobs_created"}


def _status_sheet(workbook: Workbook, figures: ReportFigures) -> None:
    """How many projects are at each status (every status listed, zero included), and which."""
    by_status = figures.headline.projects.by_status
    projects = figures.projects
    title = t("chart_title_projects_status", total=format_int(figures.headline.projects.projects))
    ws = _sheet(workbook, t("rpt_sheet_status"), title, t("overview_projects_not_filtered"))
    statuses = list(by_status)
    block = write_table(ws, TABLE_TOP, [
        Column(t("chart_col_status"), [value_label(s) for s in statuses]),
        Column(t("chart_col_projects"), list(by_status.values()), INT),
        Column(t("chart_col_titles"), ["; ".join(map(str, projects.loc[projects["status"] == s, "title"]))
                                       for s in statuses]),
    ], min_widths=(18, 12, 50))
    ws.column_dimensions["C"].width = min(ws.column_dimensions["C"].width, 70)
    chart = _bar_chart(title, t("chart_axis_projects"), horizontal=False, categories=len(statuses))
    _add_series(chart, ws, block, value_column=2, category_column=1)
    _colour_points(chart.series[0], [colour_for("status", s) for s in statuses])
    chart.y_axis.majorUnit = 1
    _chart_beside(ws, chart, block)


# -- the report ----------------------------------------------------------------------------------------


def excel_report(attendance: pd.DataFrame, projects: pd.DataFrame, filters: metrics.Filters | None = None,
                 version_info: Any = None, lang: str = "pl") -> bytes:
    """The .xlsx report of the overview for `filters`: a summary sheet (programme, period, data versions,
    filters, headline figures) and sheets by sector, group, gmina, meeting, retention and projects,
    each with its native chart. `version_info`: the active store.VersionInfo (one or both)."""
    with language(lang):
        figures = report_figures(attendance, projects, filters)
        workbook = Workbook()
        _summary_sheet(workbook, figures, version_info)
        _participants_sheet(workbook, figures.by_sector, "sector")
        _participants_sheet(workbook, figures.by_group, "group")
        _participants_sheet(workbook, figures.by_gmina, "gmina")
        _meetings_sheet(workbook, figures, version_info)
        _retention_sheet(workbook, figures)
        _projects_sheet(workbook, figures)
        _status_sheet(workbook, figures)
        workbook.properties.title = f"{t('app_title')} – {t('rpt_excel_title')}"
        workbook.properties.creator = t("rpt_creator")
        workbook.properties.language = "pl-PL" if lang != "en" else "en-GB"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

