"""The QR plate of a memorial place: a landscape sheet to print, laminate and fix by the place.
A visitor scans it to read the place's page and to report damage.

Both the page made for printing and the PDF show the same `Plate`: the name in Russian (and in
Kyrgyz when it has one), the kind of memorial, the year it was erected, the invitation to scan
in Russian and Kyrgyz, and the QR code of the place's absolute address. The PDF is the page as
printed (core.printing), as the Immortal Regiment placard's (memory/placard.py).
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from sovet.core import printing
from sovet.core.lookups import absolute_url
from sovet.core.printing import Sheet, line_count, one_line, qr_code, qr_svg
from sovet.core.public import RateLimit
from sovet.core.text import typeset

from . import queries
from .models import MemorialPlace

# Landscape: the QR code beside the text, on a sheet that fits a post or a fence.
SHEETS = {
    "a5": Sheet("a5", "A5", 210, 148),
    "a4": Sheet("a4", "A4", 297, 210),
}
# The languages of the plate, whatever the page's: the country's two.
LANGUAGES = ("ru", "ky")
# A PDF costs some CPU: enough for a caretaker printing a few, not for a crawler.
PDF_LIMIT = RateLimit(
    "places-plate-pdf",
    "30/m",
    gettext_lazy("Too many plates from your address. Please wait a minute and try again."),
)


def sheet_for(request) -> Sheet:
    """The paper asked for with ?size=; anything unknown is A5."""
    return printing.sheet_for(request, SHEETS, "a5")


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
    return Plate(place=place, lines=lines, url=absolute_url(page.place_path(place)))


# --- Views -------------------------------------------------------------------------------


def _published_place(pk) -> MemorialPlace:
    place = queries.public_place(pk)
    if place is None:
        raise Http404
    return place


def _context(page, request, place: MemorialPlace) -> dict:
    plate = build(page, place)
    qr_title = gettext("QR code: the address of this memorial place's page")
    return {
        "place": place,
        "plate": plate,
        "sheet": sheet_for(request),
        "sheets": SHEETS.values(),
        # The placard's class: one look for the QR codes the site prints.
        "qr_svg": qr_svg(qr_code(plate.url), qr_title, css_class="placard__qr-code"),
        "plate_path": page.place_path(place, "plate"),
        "pdf_path": page.place_path(place, "plate_pdf"),
        "place_path": page.place_path(place),
        "sizes": type_sizes(plate, sheet_for(request)),
    }


def plate_view(page, request, pk):
    context = _context(page, request, _published_place(pk))
    return page.render(request, context_overrides=context, template="places/plate.html")


def plate_pdf_view(page, request, pk):
    """The plate's page as printed, in a PDF of the sheet's size."""
    place = _published_place(pk)
    if PDF_LIMIT.exceeded(request):
        return PDF_LIMIT.refusal()
    context = _context(page, request, place)
    page_html = page.render(request, context_overrides=context, template="places/plate.html")
    return printing.pdf_response(
        request,
        page_html.rendered_content,
        filename=f"plate-{place.pk}-{context['sheet'].code}.pdf",
        title=place.name_ru,
    )


# --- Type sizes --------------------------------------------------------------------------

# Sizes are in hundredths of the plate's width ("u"); CSS sets them (places/plate.html). The
# largest each text gets; the Kyrgyz name is the Russian one's size times NAME_KY.
LARGEST = {"name": 5.5, "about": 2.8, "call": 2.6}
SMALLEST_NAME = 2.6  # a long name shrinks with its length down to this
NAME_KY = 0.65
MARGIN_MM = 8  # the printed sheet's margin (@page): the plate fills the rest
TEXT_WIDTH = 100 - 2 * 4.5 - 38 - 4  # less the padding, the QR code's column and the gap
PADDING = 2 * 4.5
GAPS = {"top": 1.5, "middle": 3, "bottom": 1}  # between names, above the invitation, in it
LEADING = 1.2


def type_sizes(plate: Plate, sheet: Sheet) -> dict[str, float]:
    """The names and what the place is at the top, the invitation at the bottom: the largest
    type that fits the text's column (long names wrap between words, then everything shrinks
    together)."""
    height = 100 * (sheet.height_mm - 2 * MARGIN_MM) / (sheet.width_mm - 2 * MARGIN_MM) - PADDING
    russian = plate.lines[0]
    longest_word = max(russian.name.split(" "), key=len)
    name = min(
        LARGEST["name"],
        max(SMALLEST_NAME, 200 / max(len(russian.name), 12)),  # shorter for a longer name
        one_line(longest_word, width=TEXT_WIDTH, bold=True),  # a word is never broken
    )
    sizes = {"name": name, "about": min(LARGEST["about"], name * 0.7), "call": LARGEST["call"]}
    top = [("name", russian.name, True)]
    top += [("name_ky", lines.name, False) for lines in plate.lines[1:]]
    top += [("about", lines.about, False) for lines in plate.lines]
    bottom = [("call", lines.call, True) for lines in plate.lines]

    def size(role: str, sizes: dict[str, float]) -> float:
        return sizes["name"] * NAME_KY if role == "name_ky" else sizes[role]

    def used(blocks, sizes: dict[str, float], gap: float) -> float:
        blocks = [(role, text, bold) for role, text, bold in blocks if text]
        lines = sum(
            line_count(text, size=size(role, sizes), width=TEXT_WIDTH, bold=bold)
            * size(role, sizes)
            for role, text, bold in blocks
        )
        return lines * LEADING + gap * (len(blocks) - 1)

    def total(sizes):
        return used(top, sizes, GAPS["top"]) + GAPS["middle"] + used(bottom, sizes, GAPS["bottom"])

    while total(sizes) > height and sizes["name"] > 1:
        sizes = {role: value * 0.95 for role, value in sizes.items()}
    sizes["name_ky"] = sizes["name"] * NAME_KY
    return {role: round(value, 2) for role, value in sizes.items()}
