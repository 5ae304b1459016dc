"""Printed documents: the print page's own HTML and CSS, made into a PDF by WeasyPrint.

One path for everything the site prints (the period report, the Immortal Regiment placard,
the QR plate of a memorial place): a view renders the template it shows on screen, and
`pdf_response` (or `pdf_bytes`) lays the same HTML out with its print rules (``@media print``,
``@page``). So the page printed from a browser and the PDF are one design, in one template.

Nothing is fetched from the network, ever: `LocalFiles` reads this site's static files and
the stored files a view hands over (a placard's photo), and refuses every other address. The
fonts are DejaVu from npm (node_modules), given to WeasyPrint only, so the PDF never depends
on the fonts of the machine.

Long documents (`core/print/document.html`) have a letterhead with the Council's name on every
page, the page numbers ("стр. 1 из 3", the `page_numbers` tag) and the date printed; text is
set left-aligned with hyphenation in the document's language (``lang`` and ``hyphens: auto``),
with Russian typography (core.text.typeset). Sheets (the placard, the plate) size their type
with `one_line` and `line_count`, as CSS cannot shrink text to fit a page.
"""

import functools
import io
import logging
import math
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from fontTools import subset
from fontTools.ttLib import TTFont
from PIL import ImageFile
from weasyprint import CSS, HTML, Document
from weasyprint import images as _weasyprint_images  # noqa: F401 - imported here, see below
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint's images module tells Pillow, for the whole process, to accept truncated images:
# uploads would then take a cut JPEG for a whole one (core.uploads refuses it). Pillow's own
# default comes back; a printed page shows only stored images, which were checked whole.
ImageFile.LOAD_TRUNCATED_IMAGES = False

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "dejavu-fonts-ttf" / "ttf"
# The print rules (core/css/print.css) name the family "Sovet Print" first: only a PDF has it,
# so it is always these files, whatever fonts the server has; a browser prints with the next.
FONTS = {400: "DejaVuSans.ttf", 700: "DejaVuSans-Bold.ttf"}  # weight: file
# What printed pages are written in: Latin, Cyrillic with Kyrgyz and Kazakh letters, accents,
# punctuation and dashes, currency, №, arrows, mathematical signs, geometric shapes.
PRINTED_CHARACTERS = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x400, 0x52F),
                      (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x22FF),
                      (0x25A0, 0x25FF)]  # fmt: skip


@functools.cache
def print_font(name: str) -> bytes:
    """One of FONTS cut to PRINTED_CHARACTERS, without the layout tables (ligatures, marks,
    mathematics) Russian and Kyrgyz text does not use: WeasyPrint then cuts each PDF's own
    subset of it in a third of the time. Made once per process (about a second)."""
    options = subset.Options(layout_features=[], legacy_kern=True, hinting=False)
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "MATH"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for a, b in PRINTED_CHARACTERS for c in range(a, b + 1)])
    font = TTFont(FONT_DIR / name)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


FONT_SCHEME = "sovet-print-font:"  # the fonts' addresses: only LocalFiles knows them


def _font_faces() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "Sovet Print"; font-weight: {weight}; '
        f'src: url("{FONT_SCHEME}{name}"); }}'
        for weight, name in FONTS.items()
    )


class _QuietCss(logging.Filter):
    """The print pages' CSS is also a browser's: WeasyPrint skipping what it does not know
    (container units, aspect-ratio…) is expected, not worth a log line per PDF."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Ignored ")


logging.getLogger("weasyprint").addFilter(_QuietCss())


@dataclass(frozen=True)
class Sheet:
    """A paper size a print page and its PDF are made for."""

    code: str  # as in ?size=
    label: str  # as CSS's @page size and people name it: "A4"
    width_mm: int
    height_mm: int


def sheet_for(request, sheets: dict[str, Sheet], default: str) -> Sheet:
    """The paper asked for with ?size=; anything unknown is the default."""
    return sheets.get(request.GET.get("size", "").strip().lower(), sheets[default])


# -- QR codes ---------------------------------------------------------------------------------


def qr_code(url: str) -> segno.QRCode:
    """A QR code of an absolute address (a phone cannot open a relative one); medium error
    correction survives a crease."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"A printed QR code needs an absolute address, not {url!r}.")
    return segno.make_qr(url, error="m")


def qr_svg(qr: segno.QRCode, title: str, *, css_class: str = "qr-code") -> str:
    """Inline SVG, scaled by CSS (no width or height); segno escapes the title."""
    return qr.svg_inline(title=title, svgclass=css_class, lineclass=None, omitsize=True, border=2)


# -- Fitting text to a sheet ----------------------------------------------------------------
# A sheet (a placard, a plate) is one page, and WeasyPrint, like CSS, cannot shrink text until
# it fits: its texts are sized in Python, estimated with these, and CSS sets the sizes.

# A letter's average width in em (DejaVu Sans), regular and bold; a little generous, so that
# what is estimated to fit does.
LETTER_WIDTH = {False: 0.62, True: 0.74}


def one_line(text: str, *, width: float, bold: bool = False) -> float:
    """The largest size at which `text` fits one line `width` wide (in the same unit)."""
    return width / (max(len(text), 1) * LETTER_WIDTH[bold])


def line_count(text: str, *, size: float, width: float, bold: bool = False) -> int:
    """The lines `text` takes at `size` in a column `width` wide: wrapped between words as a
    browser wraps it (a non-breaking space joins), a word longer than the line broken."""
    letter = LETTER_WIDTH[bold] * size
    lines, used = 1, 0.0
    for word in text.split(" "):
        needed = len(word) * letter
        if used and used + letter / 2 + needed <= width:
            used += letter / 2 + needed
            continue
        if used:
            lines += 1
        broken = max(math.ceil(needed / width - 1e-9) - 1, 0)  # overflow-wrap: break-word
        lines, used = lines + broken, needed - broken * width
    return lines


# -- Files a PDF may read --------------------------------------------------------------------


class RefusedAddress(ValueError):
    """An address a PDF may not read: WeasyPrint leaves the resource out and goes on."""


class LocalFiles(URLFetcher):
    """This site's static files, the print fonts and the stored files given; nothing else.

    Static files are found as `collectstatic` finds them (or in STATIC_ROOT, for the hashed
    names of production). Any other address — another host, a media file not handed over
    (which may be private), any ``file://`` — raises RefusedAddress.
    """

    def __init__(self, base_url: str, files: Iterable[FieldFile] = ()):
        super().__init__(allowed_protocols=("data",))  # what `fetch` hands to urllib
        self.static_url = urljoin(base_url, settings.STATIC_URL)
        self.files = {urljoin(base_url, file.url): file for file in files}

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)  # inline, in the page itself
        if url in self.files:
            return self._stored(url, self.files[url])
        if url.startswith(self.static_url):
            return self._local(url, _static_path(url.removeprefix(self.static_url)))
        if url.startswith(FONT_SCHEME) and url.removeprefix(FONT_SCHEME) in FONTS.values():
            font = print_font(url.removeprefix(FONT_SCHEME))
            return URLFetcherResponse(url, font, headers={"Content-Type": "font/ttf"})
        raise RefusedAddress(f"A printed page reads only this site's files, not {url}")

    @staticmethod
    def _local(url: str, path: Path | None) -> URLFetcherResponse:
        if path is None or not path.is_file():
            raise RefusedAddress(f"No such static file: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": content_type}, status=200
        )

    @staticmethod
    def _stored(url: str, file: FieldFile) -> URLFetcherResponse:
        with file.open("rb") as stored:  # a missing file raises: the image is left out
            data = stored.read()
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, headers={"Content-Type": content_type}, status=200)


def _static_path(name: str) -> Path | None:
    name = unquote(name.split("?", 1)[0].split("#", 1)[0])
    try:
        found = finders.find(name)
        if not found and staticfiles_storage.exists(name):
            found = staticfiles_storage.path(name)
    except Exception:  # noqa: BLE001 - a "../" name is suspicious to both: not found, then
        return None
    return Path(found) if found else None


# -- Making the PDF --------------------------------------------------------------------------


def render_document(
    html: str, *, base_url: str, files: Iterable[FieldFile] = (), title: str = ""
) -> Document:
    """The rendered page laid out on paper (WeasyPrint's Document: pages and boxes, to write or
    to inspect). Relative addresses resolve against `base_url`, the site's root as the request
    saw it; `files` are the stored files the page may show; `title` replaces the <title>."""
    fetcher = LocalFiles(base_url, files)
    fonts = FontConfiguration()
    stylesheets = [CSS(string=_font_faces(), font_config=fonts, url_fetcher=fetcher)]
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts
    )
    if title:
        document.metadata.title = title
    return document


def pdf_bytes(
    html: str, *, base_url: str, files: Iterable[FieldFile] = (), title: str = ""
) -> bytes:
    """The PDF of a rendered page (see `render_document`)."""
    return render_document(html, base_url=base_url, files=files, title=title).write_pdf()


def pdf_response(
    request,
    html: str,
    *,
    filename: str,
    files: Iterable[FieldFile] = (),
    title: str = "",
) -> HttpResponse:
    """The rendered page as a PDF response, shown in the browser (a sheet to print)."""
    pdf = pdf_bytes(html, base_url=request.build_absolute_uri("/"), files=files, title=title)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
