"""The participants' certificates: one A4 page per person who came to at least N meetings, with their
name, the workshop cycle's title, period and place, and a line for the PUP director's signature.

Personal data by design (names): for staff only, and every download goes to the audit trail (the
CLI and the participation page record it). The fonts are embedded, so Polish letters print anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from fpdf import FPDF

from analytics import metrics
from analytics.catalogue import language, t
from analytics.formatting import format_int
from analytics.reading.normalise import name_for_print
from analytics.reports.figures import period_text
from analytics.reports.pdf_style import ACCENT, INK, MUTED, PAGE_H, PAGE_W, SANS, SERIF, add_fonts
from analytics.vocabulary import fold

TEXT_W = 150.0                     # the width every centred line keeps to
NAME_MAX_PT, NAME_MIN_PT = 30.0, 20.0


def _caps_level(name: str) -> int:
    """0: written normally; 1: a word in capitals ("KOWALSKI Jan"); 2: all in capitals."""
    words = [w for w in name.split() if any(ch.isalpha() for ch in w)]
    shouting = [w for w in words if len(w) > 1 and w.isupper()]
    if words and len(shouting) == len(words):
        return 2
    return 1 if shouting else 0


def _surname_key(name: str) -> tuple[str, str]:
    """Sort by surname, roughly: the word in capitals if one is ("KOWALSKI Jan"), else the last word."""
    words = name.split()
    shouting = [w for w in words if len(w) > 1 and w.isupper()]
    surname = shouting[0] if shouting and len(shouting) < len(words) else (words[-1] if words else "")
    return fold(surname), fold(name)


def certificate_recipients(attendance: pd.DataFrame, min_meetings: int = 1) -> pd.DataFrame:
    """[person_key, name, meetings_attended]: everyone at `min_meetings` or more of the meetings held,
    sorted by surname. The name is the person's most frequent spelling, one not in capitals preferred,
    as a certificate prints it (name_for_print: "KOWALSKI Jan" -> "Jan Kowalski"; the reader has already
    put first names first where the sheet said surname first); a person with no name at all (only an
    ID) cannot be given a certificate and is left out."""
    rows = metrics.prepare_attendance(attendance)
    rows = rows[rows[metrics.MEETING] > 0]
    visits = rows[["person_key", metrics.MEETING]].drop_duplicates()
    attended = visits.groupby("person_key", sort=False).size()
    named = rows.loc[rows["person_name"].notna(), ["person_key", "person_name"]]
    # Spaces tidied once per distinct spelling, not once per row.
    spelt = {name: " ".join(str(name).split()) for name in named["person_name"].unique()}
    named = named.assign(person_name=named["person_name"].map(spelt))
    named = named[named["person_name"] != ""]
    spellings = named.groupby(["person_key", "person_name"], sort=False).size().rename("uses").reset_index()
    spellings["caps"] = [_caps_level(name) for name in spellings["person_name"].tolist()]
    best = (spellings.sort_values(["caps", "uses"], ascending=[True, False], kind="stable")
            .drop_duplicates("person_key"))
    frame = pd.DataFrame({
        "person_key": best["person_key"].to_numpy(dtype=object),
        "name": best["person_name"].to_numpy(dtype=object),
        "meetings_attended": attended.reindex(best["person_key"]).fillna(0).astype("int64").to_numpy(),
    })
    frame = frame[frame["meetings_attended"] >= max(1, int(min_meetings))]
    names = frame["name"].tolist()
    order = sorted(range(len(names)), key=lambda i: _surname_key(names[i]))
    frame = frame.iloc[order].reset_index(drop=True)
    return frame.assign(name=[name_for_print(name) for name in frame["name"].tolist()])


class _CertificatePDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        add_fonts(self)


@dataclass(frozen=True)
class _Text:
    """One line of text placed on the page: baseline y, in its font, centred."""

    y: float
    text: str
    family: str
    style: str
    size: float
    colour: tuple[int, int, int] = INK
    spacing: float = 0.0
    x: float | None = None          # left edge; None: centred when drawn


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy word wrap at the current font, for the lines of a centred paragraph."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and pdf.get_string_width(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _centred(pdf: FPDF, item: _Text) -> _Text:
    """The item with its left edge worked out, so that drawing it again costs no measuring."""
    pdf.set_font(item.family, item.style, item.size)
    pdf.set_char_spacing(item.spacing)
    x = (PAGE_W - pdf.get_string_width(item.text)) / 2
    pdf.set_char_spacing(0)
    return replace(item, x=x)


def _draw(pdf: FPDF, item: _Text) -> None:
    if item.x is None:
        item = _centred(pdf, item)
    pdf.set_font(item.family, item.style, item.size)
    pdf.set_text_color(*item.colour)
    if item.spacing:
        pdf.set_char_spacing(item.spacing)
    pdf.text(item.x, item.y, item.text)
    if item.spacing:
        pdf.set_char_spacing(0)


def _static_lines(pdf: FPDF, period: str) -> list[_Text]:
    """Everything on a certificate that is the same for every participant, laid out once: with
    thousands of pages, measuring and wrapping the same lines again on each would take minutes."""
    lines = [
        _Text(42, t("rpt_office").upper(), SANS, "B", 9.5, ACCENT, 1.5),
        _Text(47.5, t("cert_with"), SANS, "", 8, MUTED, 0.6),
        _Text(76, t("cert_heading"), SERIF, "B", 40, ACCENT, 3),
        _Text(89, t("cert_subheading"), SERIF, "", 15, INK, 4),
        _Text(142, t("cert_in_cycle"), SERIF, "I", 13, INK),
    ]
    pdf.set_font(SERIF, "B", 14.5)
    y = 153.0
    for line in _wrap(pdf, f"„{t('programme_cycle_title')}”", TEXT_W):
        lines.append(_Text(y, line, SERIF, "B", 14.5))
        y += 7.2
    lines.append(_Text(y + 3, t("cert_organised_by"), SERIF, "", 12))
    lines.append(_Text(198, f"{t('cert_period')}: {period}", SANS, "", 10))
    lines.append(_Text(204.5, f"{t('cert_place')}: {t('cert_place_value')}", SANS, "", 10))
    return [*(_centred(pdf, line) for line in lines), *_signature_captions(pdf)]


def _frame(pdf: FPDF) -> None:
    """A double border: a strong outer line and a hairline inside it, with small corner squares."""
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.4)
    pdf.rect(10, 10, PAGE_W - 20, PAGE_H - 20)
    pdf.set_line_width(0.3)
    pdf.rect(14, 14, PAGE_W - 28, PAGE_H - 28)
    pdf.set_fill_color(*ACCENT)
    for x, y in ((12.5, 12.5), (PAGE_W - 15.5, 12.5), (12.5, PAGE_H - 15.5), (PAGE_W - 15.5, PAGE_H - 15.5)):
        pdf.rect(x, y, 3, 3, style="F")
    for y, width in ((98, 40), (127, 90)):
        pdf.set_line_width(0.5)
        pdf.line((PAGE_W - width) / 2, y, (PAGE_W + width) / 2, y)


def _name_lines(pdf: FPDF, name: str) -> tuple[float, list[str]]:
    """The name's size and lines: one line, as large as fits up to 30 pt; a name too long even at
    20 pt is broken at its spaces and hyphens onto more lines (and shrunk further if one part is
    still too wide)."""
    size = NAME_MAX_PT
    while size >= NAME_MIN_PT:
        pdf.set_font(SERIF, "B", size)
        if pdf.get_string_width(name) <= TEXT_W:
            return size, [name]
        size -= 1
    parts = re.findall(r"[^\s-]+-?", name)
    size = NAME_MIN_PT
    while True:
        pdf.set_font(SERIF, "B", size)
        lines: list[str] = []
        for part in parts:
            joined = (lines[-1] + ("" if lines[-1].endswith("-") else " ") + part) if lines else part
            if lines and pdf.get_string_width(joined) <= TEXT_W:
                lines[-1] = joined
            else:
                lines.append(part)
        if all(pdf.get_string_width(line) <= TEXT_W for line in lines) or size <= 8:
            return size, lines
        size -= 1


SIGNATURE_Y = 252.0
SIGNATURE_LINES = ((28.0, 62.0), (PAGE_W - 28 - 82, 82.0))    # (left edge, width): place and date, director


def _signature_captions(pdf: FPDF) -> list[_Text]:
    pdf.set_font(SANS, "", 8)
    captions = (t("cert_place_date"), t("cert_signature"))
    return [_Text(SIGNATURE_Y + 4.5, caption, SANS, "", 8, MUTED,
                  x=x + (width - pdf.get_string_width(caption)) / 2)
            for (x, width), caption in zip(SIGNATURE_LINES, captions, strict=True)]


def _signatures(pdf: FPDF) -> None:
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.25)
    pdf.set_dash_pattern(dash=0.6, gap=0.8)
    for x, width in SIGNATURE_LINES:
        pdf.line(x, SIGNATURE_Y, x + width, SIGNATURE_Y)
    pdf.set_dash_pattern()


def _page(pdf: FPDF, static: list[_Text], name: str, attended: str) -> None:
    pdf.add_page()
    _frame(pdf)
    for item in static:
        _draw(pdf, item)
    size, lines = _name_lines(pdf, name)
    step = size * 0.3528 * 1.2
    first = 118 if len(lines) == 1 else 120 - step * (len(lines) - 1)   # the block stays between the rules
    for index, line in enumerate(lines):
        _draw(pdf, _Text(first + index * step, line, SERIF, "B", size))
    _draw(pdf, _Text(211, attended, SANS, "", 10))
    _signatures(pdf)


def _nobody_page(pdf: FPDF, min_meetings: int) -> None:
    pdf.add_page()
    _frame(pdf)
    _draw(pdf, _Text(140, t("cert_nobody", count=min_meetings), SANS, "", 11))


def certificates_pdf(attendance: pd.DataFrame, min_meetings: int = 1, lang: str = "pl") -> bytes:
    """A4 certificates, one page per person at `min_meetings` or more meetings (certificate_recipients),
    sorted by surname. With nobody qualifying, a single page says so."""
    with language(lang):
        recipients = certificate_recipients(attendance, min_meetings)
        schedule = metrics.meeting_schedule(attendance)
        held = format_int(len(schedule))
        pdf = _CertificatePDF()
        pdf.set_title(t("cert_document_title"))
        pdf.set_author(t("rpt_office"))
        pdf.set_creator(t("rpt_creator"))
        pdf.set_lang("pl" if lang != "en" else "en")
        static = _static_lines(pdf, period_text(schedule["meeting_date"]))
        label = t("cert_attended")
        for name, attended in zip(recipients["name"], recipients["meetings_attended"], strict=True):
            count = t("cert_attended_value", attended=format_int(attended), held=held)
            _page(pdf, static, str(name), f"{label}: {count}")
        if recipients.empty:
            _nobody_page(pdf, max(1, int(min_meetings)))
        return bytes(pdf.output())


AUDIT_ACTION = "export_certificates"


def record_download(store: Any, user: str, attendance_version: int | None, file_name: str,
                    min_meetings: int, certificates: int, via: str) -> int:
    """Write a certificates download to the store's audit trail (who, which attendance version, how
    many certificates at which threshold); `via` is "cli" or "dashboard". Returns the entry's id."""
    from analytics import store as store_api

    return store_api.record_audit(store, AUDIT_ACTION, user, kind="attendance", version_id=attendance_version,
                                  details={"file": file_name, "min_meetings": int(min_meetings),
                                           "certificates": int(certificates), "via": via})
