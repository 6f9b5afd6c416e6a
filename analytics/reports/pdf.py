"""The printable A4 summary of the overview: programme, period, data versions, headline figures and
the main charts, as a PDF for printing or attaching to an e-mail.

Charts are drawn with matplotlib (Agg, in memory, no pyplot state) in the dashboard's Okabe–Ito
colours, not exported from plotly: plotly's static export needs a browser engine (kaleido driving
Chromium), a heavy, slow and fragile thing to start inside a web server or on an office PC with no
network; matplotlib is a plain wheel and needs no browser. The PDF is written with fpdf2 and embeds
DejaVu Sans from data/fonts/ (reports/pdf_style.py, shared with the certificates).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from analytics import metrics
from analytics.catalogue import language, t, tn
from analytics.display.palette import EXTRA_COLOURS, OKABE_ITO, SINGLE_COLOUR, colour_for
from analytics.formatting import (
    format_date,
    format_day_month,
    format_int,
    format_number,
    format_pct,
    format_signed_int,
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
from analytics.reports.pdf_style import ACCENT, INK, MUTED, PAGE_H, PAGE_W, SANS, SERIF, add_fonts

SUMMARY_FACES = ((SANS, ""), (SANS, "B"), (SERIF, "I"))
MARGIN = 15.0
CONTENT_W = PAGE_W - 2 * MARGIN
BOX_FILL = (242, 247, 252)
CHART_DPI = 200


# -- charts (matplotlib, in memory) --------------------------------------------------------------------


def _figure(width_mm: float, height_mm: float) -> Any:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=CHART_DPI)
    return figure


def _style_axes(axes: Any, value_axis: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color("#B0B0B0")
    axes.tick_params(colors="#333333", labelsize=7.5)
    locator = MaxNLocator(integer=True, nbins=6)
    formatter = FuncFormatter(lambda value, _: format_int(value))
    target = axes.xaxis if value_axis == "x" else axes.yaxis
    target.set_major_locator(locator)
    target.set_major_formatter(formatter)
    axes.grid(axis=value_axis, color="#E6E6E6", linewidth=0.6)
    axes.set_axisbelow(True)


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI, facecolor="white")
    return buffer.getvalue()


def participants_png(by: pd.DataFrame, dimension: metrics.Dimension, width_mm: float) -> tuple[bytes, float]:
    """Horizontal bars "26 (37%)" per sector/group/gmina, in the dashboard's colours. (PNG, height mm)."""
    frame = metrics.gmina_order(by) if dimension == "gmina" else by.reset_index(drop=True)
    height_mm = 14 + 6.2 * len(frame)
    colours = [EXTRA_COLOURS.get(k, SINGLE_COLOUR) if dimension == "gmina" else colour_for(dimension, k)
               for k in frame["key"]]
    figure = _figure(width_mm, height_mm)
    axes = figure.add_subplot()
    positions = range(len(frame))
    axes.barh(list(positions), frame["participants"], color=colours, height=0.7)
    axes.set_yticks(list(positions), [value_label(k) for k in frame["key"]])
    axes.invert_yaxis()
    top = max(1, int(frame["participants"].max() or 0))
    axes.set_xlim(0, top * 1.22)
    for y, (count, share) in enumerate(zip(frame["participants"], frame["share"], strict=True)):
        axes.text(count + top * 0.01, y, f"{format_int(count)} ({format_pct(share)})", va="center",
                  fontsize=7.5, color="#222222")
    _style_axes(axes, "x")
    axes.set_xlabel(t("chart_axis_participants"), fontsize=7.5)
    figure.tight_layout(pad=0.4)
    return _png(figure), height_mm


def attendance_png(meetings: pd.DataFrame, width_mm: float) -> tuple[bytes, float]:
    """People at each meeting: those back from earlier meetings and newcomers stacked, total above."""
    height_mm = 66.0
    figure = _figure(width_mm, height_mm)
    axes = figure.add_subplot()
    positions = list(range(len(meetings)))
    returning = meetings["returning"].to_numpy()
    new = meetings["new_participants"].to_numpy()
    axes.bar(positions, returning, color=OKABE_ITO["blue"], width=0.6, label=t("chart_returning"))
    axes.bar(positions, new, bottom=returning, color=OKABE_ITO["orange"], width=0.6, label=t("chart_new"))
    totals = meetings["attendances"].to_numpy()
    top = max(1, int(totals.max()) if len(totals) else 1)
    crowded = len(meetings) > 12          # the totals stand upright so that neighbours do not overlap
    for x, total in zip(positions, totals, strict=True):
        axes.text(x, total + top * 0.02, format_int(total), ha="center", va="bottom",
                  fontsize=6.5 if crowded else 8, fontweight="bold", rotation=90 if crowded else 0)
    axes.set_ylim(0, top * (1.32 if crowded else 1.18))
    axes.set_xticks(positions, [_meeting_tick(m, d, len(meetings)) for m, d in
                                zip(meetings["meeting"], meetings["meeting_date"], strict=True)])
    _style_axes(axes, "y")
    axes.set_ylabel(t("chart_axis_attendances"), fontsize=7.5)
    axes.legend(loc="upper left", bbox_to_anchor=(0, 1.12), ncols=2, frameon=False, fontsize=7.5)
    figure.tight_layout(pad=0.4)
    return _png(figure), height_mm


def _meeting_tick(number: Any, day: Any, meetings: int) -> str:
    """"VI" over "7 grudnia" while there is room; "VI" over "7.12" for up to 14 meetings; then "VI"."""
    if pd.isna(day) or meetings > 14:
        return roman(number)
    day = pd.Timestamp(day)
    return f"{roman(number)}\n{format_day_month(day) if meetings <= 8 else f'{day.day}.{day.month:02d}'}"


def status_png(by_status: dict[str, int], width_mm: float) -> tuple[bytes, float]:
    """Projects per status as horizontal bars, the statuses from top to bottom in the order a project
    moves through them, each in its colour (the names stay whole however narrow the chart)."""
    statuses = list(by_status)
    counts = [by_status[s] for s in statuses]
    height_mm = 14 + 7.5 * len(statuses)
    figure = _figure(width_mm, height_mm)
    axes = figure.add_subplot()
    positions = list(range(len(statuses)))
    axes.barh(positions, counts, color=[colour_for("status", s) for s in statuses], height=0.65)
    top = max(1, max(counts, default=0))
    for y, count in zip(positions, counts, strict=True):
        axes.text(count + top * 0.02, y, format_int(count), va="center", fontsize=8, fontweight="bold")
    axes.set_xlim(0, top * 1.15 + 0.2)
    axes.set_yticks(positions, [value_label(s) for s in statuses])
    axes.invert_yaxis()
    _style_axes(axes, "x")
    axes.set_xlabel(t("chart_axis_projects"), fontsize=7.5)
    figure.tight_layout(pad=0.4)
    return _png(figure), height_mm


# -- the document --------------------------------------------------------------------------------------


class _SummaryPDF(FPDF):
    """A4 portrait with the programme and page number in the footer of every page."""

    footer_text = ""

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(SANS, "", 7)
        self.set_text_color(*MUTED)
        self.cell(CONTENT_W * 0.8, 5, self.footer_text, align="L")
        self.cell(CONTENT_W * 0.2, 5, t("rpt_page", page=self.page_no(), pages="{nb}"), align="R")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(SANS, "B", 12)
    pdf.set_text_color(*ACCENT)
    pdf.cell(CONTENT_W, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + CONTENT_W, pdf.get_y())
    pdf.ln(2.5)
    pdf.set_text_color(*INK)


def _note(pdf: FPDF, text: str | None) -> None:
    if not text:
        return
    pdf.set_font(SANS, "", 7.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(CONTENT_W, 3.8, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)


def _ensure_space(pdf: FPDF, height: float) -> None:
    if pdf.get_y() + height > PAGE_H - 16:
        pdf.add_page()


def _title_block(pdf: FPDF, figures: ReportFigures, version_info: Any) -> None:
    pdf.set_font(SANS, "B", 8)
    pdf.set_text_color(*MUTED)
    pdf.set_char_spacing(1.2)
    pdf.cell(CONTENT_W, 5, t("rpt_office").upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_char_spacing(0)
    pdf.set_font(SANS, "B", 19)
    pdf.set_text_color(*ACCENT)
    pdf.cell(CONTENT_W, 10, f"{t('app_title')}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(SANS, "", 12)
    pdf.set_text_color(*INK)
    pdf.cell(CONTENT_W, 7, t("rpt_pdf_title"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(SERIF, "I", 9.5)
    pdf.multi_cell(CONTENT_W, 4.6, t("rpt_cycle", title=t("programme_cycle_title")), align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    rows = [(t("rpt_period"), period_text(figures.schedule["meeting_date"])),
            *[(t("rpt_data", kind=kind), text) for kind, text in version_lines(version_info)],
            (t("rpt_filters"), "; ".join(f"{what}: {chosen}" for what, chosen in
                                         filter_lines(figures.filters, figures.schedule))),
            (t("rpt_generated"), now_text())]
    label_w = 42
    for label, text in rows:
        pdf.set_font(SANS, "B", 8)
        pdf.set_text_color(*MUTED)
        y = pdf.get_y()
        pdf.cell(label_w, 4.4, label)
        pdf.set_font(SANS, "", 8)
        pdf.set_text_color(*INK)
        pdf.set_xy(MARGIN + label_w, y)
        pdf.multi_cell(CONTENT_W - label_w, 4.4, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _kpi_row(pdf: FPDF, boxes: Sequence[tuple[str, str, str]]) -> None:
    """Up to four boxes side by side: label, the figure large, a small note (the change)."""
    gap = 3.0
    width = (CONTENT_W - gap * 3) / 4
    height = 21.0
    _ensure_space(pdf, height + 3)
    top = pdf.get_y()
    for index, (label, value, note) in enumerate(boxes):
        x = MARGIN + index * (width + gap)
        pdf.set_fill_color(*BOX_FILL)
        pdf.set_draw_color(205, 221, 236)
        pdf.set_line_width(0.2)
        pdf.rect(x, top, width, height, style="DF", round_corners=True, corner_radius=1.5)
        pdf.set_xy(x + 2.5, top + 2)
        pdf.set_font(SANS, "", 7)
        pdf.set_text_color(*MUTED)
        pdf.cell(width - 5, 3.6, label)
        pdf.set_xy(x + 2.5, top + 6.5)
        _fit_font(pdf, value, width - 5, 15)
        pdf.set_text_color(*INK)
        pdf.cell(width - 5, 7.5, value)
        if note:
            pdf.set_xy(x + 2.5, top + 15)
            pdf.set_font(SANS, "", 6.5)
            pdf.set_text_color(*MUTED)
            pdf.cell(width - 5, 3.5, _fit(pdf, note, width - 5))
    pdf.set_text_color(*INK)
    pdf.set_xy(MARGIN, top + height + 3)


def _fit_font(pdf: FPDF, text: str, width: float, size: float, smallest: float = 9) -> None:
    """Bold sans at `size`, or smaller down to `smallest`, so that `text` fits `width` ("15 miejsc pracy")."""
    pdf.set_font(SANS, "B", size)
    while size > smallest and pdf.get_string_width(text) > width:
        size -= 0.5
        pdf.set_font(SANS, "B", size)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """Cut a note with "…" so that it stays inside its box."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _attendance_boxes(figures: ReportFigures) -> list[list[tuple[str, str, str]]]:
    head = figures.headline
    held = [int(m) for m in figures.schedule["meeting"]]
    previous = roman(held[-2]) if len(held) >= 2 else ""

    def change(value: str | None, key: str) -> str:
        return t(key, value=value, previous=previous) if value is not None and previous else ""

    return [
        [(t("kpi_meetings"), format_int(head.meetings), period_text(figures.schedule["meeting_date"])),
         (t("kpi_participants"), format_int(head.participants),
          change(format_signed_int(head.new_participants) if head.new_participants is not None else None,
                 "rpt_new_people")),
         (t("kpi_attendances"), format_int(head.attendances), ""),
         (t("kpi_last_meeting"), format_int(head.last_meeting_attendances),
          change(format_signed_int(head.attendances_change) if head.attendances_change is not None else None,
                 "rpt_vs_previous"))],
        [(t("kpi_average"), format_number(head.average_per_meeting, 1), ""),
         (t("kpi_retention"), format_pct(head.retention),
          tn("rpt_retained_short", head.retained, threshold=head.retention_threshold,
             of_meetings=tn("of_meetings", head.meetings))),
         (t("kpi_gminy"), t("kpi_of", value=head.gminy_reached, total=head.gminy_total),
          change(format_signed_int(head.gminy_reached_change) if head.gminy_reached_change is not None
                 else None, "rpt_since_previous")),
         (t("rpt_last_meeting"), roman(head.last_meeting), format_date(head.last_meeting_date))],
    ]


def _project_boxes(figures: ReportFigures) -> list[tuple[str, str, str]]:
    """"180 z 300" with "wykonanie z planu"; where the register has no plan, "213 osób" with "bez planu
    w rejestrze" (never "z 0")."""
    projects = figures.headline.projects
    people = reached_of_plan(projects.participants_reached, projects.participants_planned, "unit_people")
    jobs = reached_of_plan(projects.jobs_created, projects.jobs_planned, "unit_jobs")
    enterprises = ("" if projects.enterprises_created is None
                   else t("rpt_enterprises", count=format_int(projects.enterprises_created)))
    return [
        (t("kpi_projects"), format_int(projects.projects), ""),
        (t("kpi_projects_running"), format_int(projects.by_status.get("w realizacji", 0)), ""),
        (t("kpi_project_participants"), people.value, people.note or t("rpt_reached_of_planned")),
        (t("kpi_jobs"), jobs.value, jobs.note or enterprises),
    ]


def _chart(pdf: FPDF, title: str, png_and_height: tuple[bytes, float], note: str | None = None) -> None:
    png, height = png_and_height
    _ensure_space(pdf, height + 12)
    pdf.set_font(SANS, "B", 9.5)
    pdf.set_text_color(*INK)
    pdf.cell(CONTENT_W, 6, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.image(io.BytesIO(png), x=MARGIN, y=pdf.get_y(), w=CONTENT_W, h=height, alt_text=title)
    pdf.set_y(pdf.get_y() + height + 1)
    _note(pdf, note)
    pdf.ln(3)


def summary_pdf(attendance: pd.DataFrame, projects: pd.DataFrame, filters: metrics.Filters | None = None,
                version_info: Any = None, lang: str = "pl") -> bytes:
    """The overview for `filters` as a printable A4 PDF: title, period, data versions, filters, headline
    figures, attendance per meeting, participants by sector and by gmina, projects by status."""
    with language(lang):
        figures = report_figures(attendance, projects, filters)
        pdf = _SummaryPDF(orientation="P", unit="mm", format="A4")
        pdf.footer_text = t("rpt_pdf_footer", programme=t("app_title"), when=now_text())
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=16)
        add_fonts(pdf, SUMMARY_FACES)
        pdf.set_title(f"{t('app_title')} – {t('rpt_pdf_title')}")
        pdf.set_author(t("rpt_office"))
        pdf.set_creator(t("rpt_creator"))
        pdf.set_lang("pl" if lang != "en" else "en")
        pdf.add_page()
        _title_block(pdf, figures, version_info)
        _attendance_section(pdf, figures, version_info)
        _projects_section(pdf, figures)
        return bytes(pdf.output())


def _attendance_section(pdf: FPDF, figures: ReportFigures, version_info: Any) -> None:
    _heading(pdf, t("overview_attendance_heading"))
    if figures.headline.participants == 0:
        _note(pdf, t("chart_no_data"))
        return
    for row in _attendance_boxes(figures):
        _kpi_row(pdf, row)
    _note(pdf, t("rpt_changes_note") if len(figures.schedule) >= 2 else None)
    pdf.ln(2)
    _chart(pdf, t("chart_title_new_returning"), attendance_png(figures.meetings, CONTENT_W),
           illustrative_note(figures, version_info))
    total = format_int(int(figures.by_sector["participants"].sum()))
    for dimension, by, title_key in (("sector", figures.by_sector, "chart_title_by_sector"),
                                     ("gmina", figures.by_gmina, "chart_title_by_gmina")):
        _chart(pdf, t(title_key, total=total), participants_png(by, dimension, CONTENT_W),
               t("chart_person_rule"))


def _projects_section(pdf: FPDF, figures: ReportFigures) -> None:
    _ensure_space(pdf, 100)
    _heading(pdf, t("overview_projects_heading"))
    if figures.headline.projects.projects == 0:
        _note(pdf, t("chart_no_data"))
        return
    _kpi_row(pdf, _project_boxes(figures))
    _note(pdf, t("overview_projects_not_filtered"))
    pdf.ln(2)
    by_status = figures.headline.projects.by_status
    title = t("chart_title_projects_status", total=format_int(figures.headline.projects.projects))
    chart_w = CONTENT_W * 0.5
    list_x, list_w = MARGIN + chart_w + 4, CONTENT_W - chart_w - 4
    png, height = status_png(by_status, chart_w)
    if pdf.get_y() + 6 + max(height, _status_titles_height(pdf, figures.projects, list_w)) > PAGE_H - 16:
        # The list beside the chart would run off the page: the chart across, the list under it.
        _chart(pdf, title, status_png(by_status, CONTENT_W))
        _status_titles(pdf, figures.projects, MARGIN, CONTENT_W)
        return
    # The titles beside the chart, not under it: the projects then end the summary's second page
    # instead of spilling a few lines onto a third.
    pdf.set_font(SANS, "B", 9.5)
    pdf.set_text_color(*INK)
    pdf.cell(CONTENT_W, 6, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    top = pdf.get_y()
    pdf.image(io.BytesIO(png), x=MARGIN, y=top, w=chart_w, h=height, alt_text=title)
    pdf.set_xy(list_x, top)
    _status_titles(pdf, figures.projects, list_x, list_w)
    pdf.set_y(max(top + height, pdf.get_y()) + 3)


TITLE_LINE_MM, STATUS_LINE_MM = 4.2, 4.5


def _status_groups(projects: pd.DataFrame) -> list[tuple[str, list[str]]]:
    return [(f"{value_label(status)} ({format_int(len(part))})", [f"• {title}" for title in part["title"]])
            for status, part in projects.groupby("status", sort=False)]


def _status_titles_height(pdf: FPDF, projects: pd.DataFrame, width: float) -> float:
    """How tall _status_titles writes the list in a column `width` mm wide."""
    pdf.set_font(SANS, "", 8)
    height = 0.0
    for _, titles in _status_groups(projects):
        height += STATUS_LINE_MM + 1
        for title in titles:
            lines = pdf.multi_cell(width - 4, TITLE_LINE_MM, title, dry_run=True, output="LINES")
            height += TITLE_LINE_MM * len(lines)
    return height


def _status_titles(pdf: FPDF, projects: pd.DataFrame, left: float, width: float) -> None:
    """The projects under their status, as a short list (titles are public: presented in 2017), in a
    column from `left`, `width` mm wide."""
    for heading, titles in _status_groups(projects):
        _ensure_space(pdf, 10)
        pdf.set_x(left)
        pdf.set_font(SANS, "B", 8)
        pdf.set_text_color(*INK)
        pdf.cell(width, STATUS_LINE_MM, heading, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(SANS, "", 8)
        for title in titles:
            pdf.set_x(left + 4)
            pdf.multi_cell(width - 4, TITLE_LINE_MM, title, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.ln(1)
