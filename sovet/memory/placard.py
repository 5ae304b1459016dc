"""The placard for the Immortal Regiment march: a page made for printing, and a PDF (fpdf2).

Both show the same `Placard`: the name (surname on its own line), the years of life as far as
they are known, rank, awards, the first public photo and a QR code leading to the card.
The sheet's texts are the card's own (Russian); only the years follow the page's language.
"""

import io
import logging
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

import segno
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext, pgettext
from django_ratelimit.core import is_ratelimited
from PIL import Image

from sovet.conferences.period import FONT_DIR
from sovet.core.partial_dates import PartialDate

from .models import MAY_BE_ALIVE, CardStatus, Photo, WarParticipant

logger = logging.getLogger(__name__)

# A PDF costs some CPU: enough for a family printing a few, not for a crawler.
PDF_RATE = "30/m"
# A chain of merges longer than this is a data error, not a reason to loop.
MAX_MERGE_HOPS = 5


@dataclass(frozen=True)
class Sheet:
    code: str  # as in ?size=
    label: str
    width: float  # points
    height: float
    width_mm: int
    height_mm: int


SHEETS = {
    "a4": Sheet("a4", "A4", 595.28, 841.89, 210, 297),
    "a3": Sheet("a3", "A3", 841.89, 1190.55, 297, 420),
}


def sheet_for(request) -> Sheet:
    """The paper asked for with ?size=; anything unknown is A4."""
    return SHEETS.get(request.GET.get("size", "").strip().lower(), SHEETS["a4"])


# --- What the placard says ---------------------------------------------------------------


@dataclass
class Placard:
    card: WarParticipant
    surname: str
    given_names: str
    years: str
    rank: str
    awards: list[str]
    photo: Photo | None
    url: str  # the card's absolute address, for the QR code


def build(page, card: WarParticipant) -> Placard:
    """The placard of a published card (one query, for the photo)."""
    return Placard(
        card=card,
        surname=typeset(card.surname),
        given_names=typeset(" ".join(p for p in (card.given_name, card.patronymic) if p)),
        years=years_of_life(card),
        rank=typeset(card.rank.strip()),
        awards=[typeset(line.strip()) for line in card.awards.splitlines() if line.strip()],
        photo=card.photos.filter(is_public=True).first(),
        url=card_url(page, card),
    )


def card_url(page, card: WarParticipant) -> str:
    path = page.person_path(card)
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def years_of_life(card: WarParticipant) -> str:
    """«1921–1943», «около 1921 – 1943», «1921–?»: no more precise than the dates are.

    Someone who may still be alive and has no date of death gets the year of birth alone.
    """
    # The fields may still hold what was typed ("1921"): read them as the field does.
    field = WarParticipant._meta.get_field("birth_date")
    birth, death = field.to_python(card.birth_date), field.to_python(card.death_date)
    if death is None and card.category in MAY_BE_ALIVE:
        return _year(birth) if birth else ""
    if birth is None and death is None:
        return ""
    start = _year(birth) if birth else "?"
    end = _year(death) if death else "?"
    if re.search(r"\s", start + end):
        # Words on a side ("около 1921"): a spaced dash, kept on the line of its left side.
        return f"{start}\u00a0– {end}"
    return f"{start}–{end}"


def _year(date: PartialDate) -> str:
    """The year of a partial date; a range of years stays a range («1920/1922»)."""
    text = str(date.year)
    if date.end is not None and date.end.year != date.year:
        text = f"{date.year}/{date.end.year}"
    if date.approximate or (date.end is not None and date.end.approximate):
        # The msgid of core.partial_dates, already translated: «около 1921».
        text = pgettext("partial date", "about %(date)s") % {"date": text}
        text = text.replace(" ", "\u00a0")
    return text


# Units and abbreviations that stay on the line of their number: «1943 г.», «2 ст.», «№ 5».
_UNITS = r"(?:гг?\.|ст\.|степени|км|кг|м|мм|см|лет|года?|дн\.|дней|раз)"
_TYPOGRAPHY = [
    # Straight quotes become «ёлочки»: an opening quote follows a space, a bracket or the start.
    (re.compile(r'(^|[\s(\[—–-])"'), "\\1«"),
    (re.compile(r'"'), "»"),
    (re.compile(r"“|„"), "«"),
    (re.compile(r"”"), "»"),
    # An en dash between years, without spaces: 1941–1945.
    (re.compile(r"\b(\d{4})\s*[-–—]\s*(\d{4})\b"), "\\1–\\2"),
    # A dash between words: an em dash tied to the word before it.
    (re.compile(r" [-–—] "), "\u00a0— "),
    # Initials: «И.\u00a0П.\u00a0Иванов», «Иванов И.\u00a0П.».
    (re.compile(r"\b([А-ЯЁA-Z])\.\s+(?=[А-ЯЁA-Z])"), "\\1.\u00a0"),
    (re.compile(r"(?<=[а-яёa-z]) (?=[А-ЯЁA-Z]\.(?:\s|$))"), "\u00a0"),
    (re.compile(rf"(\d)\s+(?={_UNITS}(?!\w))"), "\\1\u00a0"),
    (re.compile(r"№\s*(?=\d)"), "№\u00a0"),
    # Short words stay with the next one: «За\u00a0отвагу», «II\u00a0степени».
    (re.compile(r"(?<![\w\u00a0])([а-яёА-ЯЁ]{1,2}|[IVX]{1,4}) "), "\\1\u00a0"),
]


def typeset(text: str) -> str:
    """Russian typography for print: «ёлочки», en dashes in year ranges, non-breaking spaces."""
    text = " ".join(text.split())
    for pattern, replacement in _TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return text


# --- QR code -----------------------------------------------------------------------------


def qr_code(url: str) -> segno.QRCode:
    """A QR code of the card's absolute address; medium error correction survives a crease."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"A placard's QR code needs an absolute address, not {url!r}.")
    return segno.make_qr(url, error="m")


def qr_svg(qr: segno.QRCode, title: str) -> str:
    """Inline SVG, scaled by CSS (no width or height); segno escapes the title."""
    return qr.svg_inline(
        title=title, svgclass="placard__qr-code", lineclass=None, omitsize=True, border=2
    )


# --- Views -------------------------------------------------------------------------------


def _published_card(page, request, pk, route: str) -> WarParticipant | HttpResponseRedirect:
    """The published card, or a redirect from a merged card to the kept card's placard."""
    card = WarParticipant.objects.filter(pk=pk).first()
    hops = 0
    while card is not None and card.status == CardStatus.MERGED and hops < MAX_MERGE_HOPS:
        card, hops = card.merged_into, hops + 1
    if card is None or card.status != CardStatus.PUBLISHED:
        raise Http404
    if hops:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return HttpResponseRedirect(page.person_path(card, route) + query)
    return card


def placard_view(page, request, pk):
    card = _published_card(page, request, pk, "placard")
    if isinstance(card, HttpResponseRedirect):
        return card
    sheet = sheet_for(request)
    placard = build(page, card)
    qr_title = gettext("QR code: the address of this person's card in the memory archive")
    context = {
        "card": card,
        "placard": placard,
        "sheet": sheet,
        "sheets": SHEETS.values(),
        "qr_svg": qr_svg(qr_code(placard.url), qr_title),
        "placard_path": page.person_path(card, "placard"),
        "pdf_path": page.person_path(card, "placard_pdf"),
        "person_path": page.person_path(card),
        # Characters per line: long names get a smaller type so they stay on the sheet.
        "surname_chars": max(len(placard.surname), 8),
        "given_chars": max(len(placard.given_names), 14),
    }
    return page.render(request, context_overrides=context, template="memory/placard.html")


def placard_pdf_view(page, request, pk):
    card = _published_card(page, request, pk, "placard_pdf")
    if isinstance(card, HttpResponseRedirect):
        return card
    if is_ratelimited(request, group="memory-placard-pdf", key="ip", rate=PDF_RATE, increment=True):
        return HttpResponse(
            gettext("Too many placards from your address. Please wait a minute and try again."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    sheet = sheet_for(request)
    response = HttpResponse(as_pdf(build(page, card), sheet), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="placard-{card.pk}-{sheet.code}.pdf"'
    return response


# --- PDF ---------------------------------------------------------------------------------

Role = Literal["surname", "given_names", "years", "rank", "award"]


@dataclass
class Block:
    """One text of the sheet as it will be set: its size in points and its lines."""

    role: Role
    text: str
    bold: bool
    size: float
    lines: list[str]
    leading: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * self.leading


@dataclass
class Layout:
    blocks: list[Block]
    photo_box: tuple[float, float, float, float] | None  # x, y, width, height
    text_top: float
    text_bottom: float


class Style(NamedTuple):
    with_photo: float  # the largest size on A4, in points
    without_photo: float
    one_line: bool  # shrinks to fit the width rather than wraps
    bold: bool
    leading: float


STYLES: dict[Role, Style] = {
    "surname": Style(60, 96, one_line=True, bold=True, leading=1.1),
    "given_names": Style(32, 50, one_line=True, bold=False, leading=1.2),
    "years": Style(28, 44, one_line=True, bold=False, leading=1.3),
    "rank": Style(22, 38, one_line=False, bold=False, leading=1.25),
    "award": Style(14, 24, one_line=False, bold=False, leading=1.25),
}
# Below this a name is wrapped rather than made any smaller (A4 points).
MIN_NAME_SIZE = 20
# Type may grow up to this much over the sizes above when the sheet has room for it.
MAX_SCALE = 1.3
_GAP = 10  # between blocks, A4 points


def _new_pdf(sheet: Sheet):
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(sheet.width, sheet.height))
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_page()
    return pdf


def _photo_image(photo: Photo | None) -> tuple[bytes, int, int] | None:
    """The photo's bytes and size, or None when its file cannot be read."""
    if photo is None:
        return None
    try:
        with photo.image.open("rb") as stored:
            data = stored.read()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (OSError, ValueError):
        logger.warning("Placard: the photo %s cannot be read, left out.", photo.pk)
        return None
    return data, width, height


def layout(pdf, placard: Placard, sheet: Sheet, photo_size: tuple[int, int] | None) -> Layout:
    """Where everything goes: the largest type that fits, names on one line when they can."""
    from fpdf.enums import MethodReturnValue

    k = sheet.width / SHEETS["a4"].width  # A3 is A4 scaled
    margin = 36 * k
    content_width = sheet.width - 2 * margin
    qr_zone = _qr_side(k) + 36 * k
    top, bottom = margin, sheet.height - margin - qr_zone

    photo_box = None
    if photo_size:
        box_width, box_height = content_width * 0.8, (bottom - top) * 0.45
        width, height = photo_size
        scale = min(box_width / width, box_height / height)
        width, height = width * scale, height * scale
        photo_box = ((sheet.width - width) / 2, top, width, height)
        top += height + 18 * k

    texts = [
        ("surname", placard.surname),
        ("given_names", placard.given_names),
        ("years", placard.years),
        ("rank", placard.rank),
        *[("award", award) for award in placard.awards],
    ]
    texts = [(role, text) for role, text in texts if text]

    def set_all(scale: float, awards_scale: float) -> list[Block]:
        blocks, ceiling = [], float("inf")
        for role, text in texts:
            style = STYLES[role]
            size = (style.with_photo if photo_size else style.without_photo) * k * scale
            if role == "award":
                size *= awards_scale
            pdf.set_font("DejaVu", "B" if style.bold else "", 10)
            if style.one_line:
                # As large as fits the width, but wrapped rather than made unreadably small.
                fits = content_width / (pdf.get_string_width(text) / 10) * 0.98
                size = min(size, max(fits, min(MIN_NAME_SIZE * k, size)))
            # Never larger than the line above: a long surname does not leave the rest shouting.
            size = ceiling = min(size, ceiling)
            pdf.set_font_size(size)
            lines = pdf.multi_cell(
                content_width, size * style.leading, text, align="C", dry_run=True,
                output=MethodReturnValue.LINES,
            )  # fmt: skip
            blocks.append(Block(role, text, style.bold, size, lines, style.leading))
        return blocks

    # The largest type that fits the room left under the photo (or the whole sheet);
    # a long list of awards gives way first, then everything shrinks together.
    room, scale, awards_scale = bottom - top, MAX_SCALE, 1.0
    blocks = set_all(scale, awards_scale)
    while _height(blocks, k) > room and scale > 0.05:
        if awards_scale > 0.75:
            awards_scale *= 0.9
        else:
            scale *= 0.95
        blocks = set_all(scale, awards_scale)
    return Layout(blocks, photo_box, top, bottom)


def _height(blocks: list[Block], k: float) -> float:
    return sum(block.height for block in blocks) + _GAP * k * max(len(blocks) - 1, 0)


def _qr_side(k: float) -> float:
    return 80 * k


def as_pdf(placard: Placard, sheet: Sheet) -> bytes:
    pdf = _new_pdf(sheet)
    pdf.set_title(placard.card.full_name)
    pdf.set_lang("ru")
    pdf.set_creator(settings.SITE_URL)
    photo = _photo_image(placard.photo)
    plan = layout(pdf, placard, sheet, photo[1:] if photo else None)
    k = sheet.width / SHEETS["a4"].width

    if photo and plan.photo_box:
        x, y, width, height = plan.photo_box
        pdf.image(io.BytesIO(photo[0]), x=x, y=y, w=width, h=height)

    # The text block in the middle of its room: without a photo it fills the sheet.
    gap = _GAP * k
    y = plan.text_top + max(0, (plan.text_bottom - plan.text_top - _height(plan.blocks, k)) / 2)
    for block in plan.blocks:
        pdf.set_font("DejaVu", "B" if block.bold else "", block.size)
        for line in block.lines:
            pdf.set_xy(0, y)
            pdf.cell(sheet.width, block.size * block.leading, line, align="C")
            y += block.size * block.leading
        y += gap

    _draw_qr(pdf, placard.url, sheet, k)
    return bytes(pdf.output())


def _draw_qr(pdf, url: str, sheet: Sheet, k: float) -> None:
    """The QR code as filled squares (a row's dark run is one rectangle), and its address."""
    side = _qr_side(k)
    rows = list(qr_code(url).matrix)
    module = side / len(rows)
    left = (sheet.width - side) / 2
    top = sheet.height - 36 * k - 16 * k - side
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(rows):
        start = None
        for column, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                pdf.rect(
                    left + start * module, top + row_index * module,
                    (column - start) * module, module, style="F",
                )  # fmt: skip
                start = None
    pdf.set_font("DejaVu", "", 8 * k)
    pdf.set_xy(0, top + side + 4 * k)
    pdf.cell(sheet.width, 10 * k, url, align="C")
