"""The QR plate of a memorial place: a landscape sheet to print, laminate and fix by the place.
A visitor scans it to read the place's page and to report damage.

Both the page made for printing and the PDF show the same `Plate`: the name in Russian (and in
Kyrgyz when it has one), the kind of memorial, the year it was erected, the invitation to scan
in Russian and Kyrgyz, and the QR code of the place's absolute address. The QR code, the
typography and the PDF's fonts are the Immortal Regiment placard's (memory/placard.py).
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext
from django_ratelimit.core import is_ratelimited

from sovet.memory.placard import Sheet, _new_pdf, qr_code, qr_svg, typeset

from . import queries
from .models import MemorialPlace

# Landscape: the QR code beside the text, on a sheet that fits a post or a fence.
SHEETS = {
    "a5": Sheet("a5", "A5", 595.28, 419.53, 210, 148),
    "a4": Sheet("a4", "A4", 841.89, 595.28, 297, 210),
}
# The languages of the plate, whatever the page's: the country's two.
LANGUAGES = ("ru", "ky")
# A PDF costs some CPU: enough for a caretaker printing a few, not for a crawler.
PDF_RATE = "30/m"


def sheet_for(request) -> Sheet:
    """The paper asked for with ?size=; anything unknown is A5."""
    return SHEETS.get(request.GET.get("size", "").strip().lower(), SHEETS["a5"])


# --- What the plate says -----------------------------------------------------------------


@dataclass
class Lines:
    """The plate's texts in one language; empty where they would repeat the Russian."""

    language: str
    name: str
    about: str  # the kind of memorial and the year it was erected
    call: str  # the invitation to scan


@dataclass
class Plate:
    place: MemorialPlace
    lines: list[Lines]
    url: str  # the place page's absolute address, for the QR code


def build(page, place: MemorialPlace) -> Plate:
    lines = []
    for language in LANGUAGES:
        with translation.override(language):
            about = str(place.get_kind_display())
            if place.year_erected:
                about += " · " + gettext("Year erected: %(year)s") % {"year": place.year_erected}
            call = gettext("Scan to learn more and report damage")
        name = place.name_ru if language == "ru" else place.name_ky
        lines.append(Lines(language, typeset(name), typeset(about), typeset(call)))
    russian = lines[0]
    for other in lines[1:]:
        # A text not translated yet is the Russian one again: said once is enough.
        other.name = "" if other.name == russian.name else other.name
        other.about = "" if other.about == russian.about else other.about
        other.call = "" if other.call == russian.call else other.call
    return Plate(place=place, lines=lines, url=place_url(page, place))


def place_url(page, place: MemorialPlace) -> str:
    path = page.place_path(place)
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


# --- Views -------------------------------------------------------------------------------


def _published_place(pk) -> MemorialPlace:
    place = queries.public_places().filter(pk=pk).first()
    if place is None:
        raise Http404
    return place


def plate_view(page, request, pk):
    place = _published_place(pk)
    sheet = sheet_for(request)
    plate = build(page, place)
    qr_title = gettext("QR code: the address of this memorial place's page")
    context = {
        "place": place,
        "plate": plate,
        "sheet": sheet,
        "sheets": SHEETS.values(),
        "qr_svg": qr_svg(qr_code(plate.url), qr_title),
        "plate_path": page.place_path(place, "plate"),
        "pdf_path": page.place_path(place, "plate_pdf"),
        "place_path": page.place_path(place),
        # Characters of the longest name: long names get a smaller type to stay on the sheet.
        "name_chars": max(len(plate.lines[0].name), 12),
    }
    return page.render(request, context_overrides=context, template="places/plate.html")


def plate_pdf_view(page, request, pk):
    place = _published_place(pk)
    if is_ratelimited(request, group="places-plate-pdf", key="ip", rate=PDF_RATE, increment=True):
        return HttpResponse(
            gettext("Too many plates from your address. Please wait a minute and try again."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    sheet = sheet_for(request)
    response = HttpResponse(as_pdf(build(page, place), sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plate-{place.pk}-{sheet.code}.pdf"'
    return response


# --- PDF ---------------------------------------------------------------------------------

# Sizes on A5 in points (A4 is A5 scaled), before shrinking to fit: (size, bold).
STYLES = {
    "name_ru": (34, True),
    "name_ky": (24, False),
    "about": (15, False),
    "call": (14, True),
}
LEADING = 1.2


@dataclass
class Block:
    text: str
    bold: bool
    size: float
    lines: list[str]

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


def as_pdf(plate: Plate, sheet: Sheet) -> bytes:
    pdf = _new_pdf(sheet)
    pdf.set_title(plate.place.name_ru)
    pdf.set_lang("ru")
    pdf.set_creator(settings.SITE_URL)
    k = sheet.width / SHEETS["a5"].width
    margin, gap = 28 * k, 24 * k
    # As large as leaves the text its room; the address goes under it.
    qr_side = min(sheet.height - 2 * margin - 40 * k, 0.4 * sheet.width)
    text_width = sheet.width - 2 * margin - qr_side - gap
    top_blocks, bottom_blocks = _fit(pdf, plate, text_width, sheet.height - 2 * margin, k)

    y = margin
    for block in top_blocks:
        y = _draw(pdf, block, margin, y, text_width) + 8 * k
    y = sheet.height - margin - sum(block.height + 6 * k for block in bottom_blocks)
    for block in bottom_blocks:
        y = _draw(pdf, block, margin, y, text_width) + 6 * k

    left = sheet.width - margin - qr_side
    svg = io.BytesIO()
    qr_code(plate.url).save(svg, kind="svg", border=0, omitsize=True, xmldecl=False)
    svg.seek(0)
    pdf.image(svg, x=left, y=margin, w=qr_side, h=qr_side)
    pdf.set_font("DejaVu", "", 8 * k)
    pdf.set_xy(left, margin + qr_side + 6 * k)
    pdf.multi_cell(qr_side, 10 * k, plate.url, align="C")
    return bytes(pdf.output())


def _fit(pdf, plate: Plate, width: float, height: float, k: float):
    """The names and what the place is at the top, the invitation at the bottom: the largest
    type that fits the column (long names wrap, then everything shrinks together)."""
    from fpdf.enums import MethodReturnValue

    texts = [("name_ru", plate.lines[0].name)]
    texts += [("name_ky", lines.name) for lines in plate.lines[1:]]
    texts += [("about", lines.about) for lines in plate.lines]
    calls = [("call", lines.call) for lines in plate.lines]

    def set_all(items, scale):
        blocks = []
        for role, text in items:
            if not text:
                continue
            size, bold = STYLES[role]
            size *= k * scale
            pdf.set_font("DejaVu", "B" if bold else "", size)
            # Lines break between words, never inside one: the longest word must fit.
            longest = max(pdf.get_string_width(word) for word in text.split(" "))
            room = width - 2 * pdf.c_margin
            if longest > room:
                size *= room / longest * 0.98
                pdf.set_font_size(size)
            lines = pdf.multi_cell(
                width, size * LEADING, text, dry_run=True, output=MethodReturnValue.LINES
            )
            blocks.append(Block(text, bold, size, lines))
        return blocks

    scale = 1.0
    while True:
        top, bottom = set_all(texts, scale), set_all(calls, scale)
        used = sum(b.height + 8 * k for b in top) + sum(b.height + 6 * k for b in bottom)
        if used + 12 * k <= height or scale < 0.3:
            return top, bottom
        scale *= 0.92


def _draw(pdf, block: Block, x: float, y: float, width: float) -> float:
    pdf.set_font("DejaVu", "B" if block.bold else "", block.size)
    for line in block.lines:
        pdf.set_xy(x, y)
        pdf.cell(width, block.size * LEADING, line)
        y += block.size * LEADING
    return y
