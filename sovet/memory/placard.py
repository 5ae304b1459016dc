"""The placard for the Immortal Regiment march: a page made for printing, and its PDF.

Both are one template (memory/placard.html), made into a PDF by core.printing: the name
(surname on its own line), the years of life as far as they are known, rank, awards, the first
public photo and a QR code leading to the card. The sheet's texts are the card's own (Russian);
only the years follow the page's language. The type sizes are computed here (`type_sizes`), so
that a long name or a long list of awards stays on the sheet, on screen and on paper alike.
"""

import logging
import re
from dataclasses import dataclass

from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext, gettext_lazy, pgettext
from PIL import Image

from sovet.core import printing
from sovet.core.lookups import absolute_url
from sovet.core.partial_dates import PartialDate
from sovet.core.printing import Sheet, line_count, one_line, qr_code, qr_svg
from sovet.core.public import RateLimit
from sovet.core.text import typeset

from .models import MAY_BE_ALIVE, CardStatus, Photo, WarParticipant

logger = logging.getLogger(__name__)

# A PDF costs some CPU: enough for a family printing a few, not for a crawler.
PDF_LIMIT = RateLimit(
    "memory-placard-pdf",
    "30/m",
    gettext_lazy("Too many placards from your address. Please wait a minute and try again."),
)
# A chain of merges longer than this is a data error, not a reason to loop.
MAX_MERGE_HOPS = 5

SHEETS = {
    "a4": Sheet("a4", "A4", 210, 297),
    "a3": Sheet("a3", "A3", 297, 420),
}
MARGIN_MM = 10  # the printed sheet's margin (@page): the placard fills the rest


def sheet_for(request) -> Sheet:
    """The paper asked for with ?size=; anything unknown is A4."""
    return printing.sheet_for(request, SHEETS, "a4")


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
        photo=_readable(card.photos.filter(is_public=True).first()),
        url=absolute_url(page.person_path(card)),
    )


def _readable(photo: Photo | None) -> Photo | None:
    """The photo, or None when its file cannot be read: the placard is set without it."""
    if photo is None:
        return None
    try:
        with photo.image.open("rb") as stored, Image.open(stored) as image:
            image.size  # noqa: B018 - the header is read, the pixels are not
    except (OSError, ValueError):
        logger.warning("Placard: the photo %s cannot be read, left out.", photo.pk)
        return None
    return photo


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


def _context(page, request, card: WarParticipant) -> dict:
    sheet = sheet_for(request)
    placard = build(page, card)
    qr_title = gettext("QR code: the address of this person's card in the memory archive")
    return {
        "card": card,
        "placard": placard,
        "sheet": sheet,
        "sheets": SHEETS.values(),
        "sizes": type_sizes(placard, sheet),
        "qr_svg": qr_svg(qr_code(placard.url), qr_title, css_class="placard__qr-code"),
        "placard_path": page.person_path(card, "placard"),
        "pdf_path": page.person_path(card, "placard_pdf"),
        "person_path": page.person_path(card),
    }


def placard_view(page, request, pk):
    card = _published_card(page, request, pk, "placard")
    if isinstance(card, HttpResponseRedirect):
        return card
    context = _context(page, request, card)
    return page.render(request, context_overrides=context, template="memory/placard.html")


def placard_pdf_view(page, request, pk):
    """The placard's page as printed, in a PDF of the sheet's size."""
    card = _published_card(page, request, pk, "placard_pdf")
    if isinstance(card, HttpResponseRedirect):
        return card
    if PDF_LIMIT.exceeded(request):
        return PDF_LIMIT.refusal()
    context = _context(page, request, card)
    page_html = page.render(request, context_overrides=context, template="memory/placard.html")
    photo = context["placard"].photo
    return printing.pdf_response(
        request,
        page_html.rendered_content,
        filename=f"placard-{card.pk}-{context['sheet'].code}.pdf",
        files=[photo.image] if photo else [],
        title=card.full_name,
    )


# --- Type sizes --------------------------------------------------------------------------

# Sizes are in hundredths of the placard's width ("u"); CSS sets them (memory/placard.html), so
# the page on screen, the browser's print and the PDF are the same sheet. The largest each text
# gets, with a photo and without:
LARGEST = {"surname": (10, 15), "given": (5.5, 8), "years": (5, 7.5), "rank": (3.75, 6),
           "award": (2.5, 4)}  # fmt: skip
# Nothing is set larger than the surname times this: the rest does not shout over the name.
UNDER_NAME = {"given": 1, "years": 0.9, "rank": 0.8, "award": 0.7}
# A surname that would be smaller than this wraps instead (about 20 pt on A4).
SMALLEST_NAME = 3.4
TEXT_WIDTH = 88  # the placard less its side padding (6u each, in the template)
# The height the texts may fill: the sheet's, less the padding (5u + 4u), the QR code with its
# address (about 19u) and the gaps between photo, texts and code (2u each).
FIXED_HEIGHT = 5 + 4 + 19 + 2 * 2
PHOTO_SHARE = 0.4  # of the sheet's height, at the least, when there is a photo
GAP = 1.5  # between the texts
LEADING = 1.15


def type_sizes(placard: Placard, sheet: Sheet) -> dict[str, float]:
    """The size of each text: the largest that fits the sheet's width (names on one line when
    they can) and, all together, its height; a long list of awards gives way first. And the
    height left for the photo ("photo"), at least PHOTO_SHARE of the sheet's."""
    column = 1 if placard.photo is None else 0
    sheet_height = 100 * (sheet.height_mm - 2 * MARGIN_MM) / (sheet.width_mm - 2 * MARGIN_MM)
    room = sheet_height * (1 - (PHOTO_SHARE if placard.photo else 0)) - FIXED_HEIGHT
    largest = {role: sizes[column] for role, sizes in LARGEST.items()}
    name = min(largest["surname"], one_line(placard.surname, width=TEXT_WIDTH, bold=True))
    name = max(name, SMALLEST_NAME)
    sizes = {
        "surname": name,
        "given": min(largest["given"], name, one_line(placard.given_names, width=TEXT_WIDTH)),
        **{
            role: min(largest[role], name * UNDER_NAME[role]) for role in ("years", "rank", "award")
        },
    }
    texts = [("surname", placard.surname), ("given", placard.given_names),
             ("years", placard.years), ("rank", placard.rank),
             *[("award", award) for award in placard.awards]]  # fmt: skip
    texts = [(role, text) for role, text in texts if text]

    def height(sizes: dict[str, float]) -> float:
        lines = (
            line_count(text, size=sizes[role], width=TEXT_WIDTH, bold=role == "surname")
            * sizes[role]
            for role, text in texts
        )
        return sum(lines) * LEADING + GAP * (len(texts) - 1)

    awards_floor = sizes["award"] * 0.75
    while height(sizes) > room and sizes["surname"] > 1:
        if sizes["award"] > awards_floor:
            sizes["award"] *= 0.9
        else:
            sizes = {role: size * 0.95 for role, size in sizes.items()}
    # The photo takes what the texts leave (WeasyPrint cannot size it by flex alone).
    sizes["photo"] = sheet_height - FIXED_HEIGHT - height(sizes) if placard.photo else 0
    return {role: round(size, 2) for role, size in sizes.items()}
