"""Printed documents (core.printing): the QR code, the page numbers, the fonts, the estimates
that fit a sheet's texts, and a PDF that never reads from the network."""

import io
import socket

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from sovet.core import printing
from sovet.core.printing import LocalFiles, RefusedAddress
from sovet.core.templatetags.printing import css_string, page_numbers

from .pdf_layout import laid_out, placed

BASE = "http://testserver/"


class Stored:
    """What LocalFiles needs of a model's file field: its name, its address, to be opened."""

    def __init__(self, name):
        self.name, self.url = name, default_storage.url(name)

    def open(self, mode):
        return default_storage.open(self.name, mode)


def test_the_qr_code_needs_the_absolute_address():
    url = "https://sovet.example/ru/memory/12/"
    qr = printing.qr_code(url)
    # Version 3 holds up to 61 bytes at level M: 29×29 modules without the quiet zone.
    assert qr.error == "M" and qr.symbol_size(border=0) == (29, 29)
    assert len(list(qr.matrix)) == 29
    longer = printing.qr_code(url + "x" * 80)
    assert longer.symbol_size(border=0)[0] > 29
    with pytest.raises(ValueError):
        printing.qr_code("/ru/memory/12/")
    svg = printing.qr_svg(qr, "A <title>", css_class="sheet__qr")
    assert svg.startswith("<svg") and 'class="sheet__qr"' in svg and "A &lt;title&gt;" in svg
    assert "width=" not in svg.split(">")[0]  # scaled by CSS


@pytest.mark.parametrize(
    ("language", "css"),
    [
        ("ru", '"стр. " counter(page) " из " counter(pages)'),
        ("en", '"page " counter(page) " of " counter(pages)'),
    ],
)
def test_page_numbers_are_translated_css(language, css):
    with translation.override(language):
        assert page_numbers() == css
    assert css_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\a d"'


def test_line_counts_wrap_between_words_and_break_long_ones():
    # 10 letters of 0.62 em at size 1 are 6.2 wide.
    assert printing.line_count("а" * 10, size=1, width=6.2) == 1
    assert printing.line_count("а" * 10 + " " + "б" * 10, size=1, width=12) == 2
    assert printing.line_count("а" * 30, size=1, width=6.2) == 3  # broken inside the word
    # A non-breaking space joins: «За отвагу» does not wrap before «отвагу».
    assert printing.line_count("За\u00a0отвагу", size=1, width=4) == 2
    assert printing.one_line("а" * 10, width=6.2) == pytest.approx(1)
    assert printing.one_line("а" * 10, width=7.4, bold=True) == pytest.approx(1)


def test_printing_leaves_pillow_refusing_truncated_images():
    """WeasyPrint switches Pillow to accept cut images for the whole process, uploads included."""
    from PIL import ImageFile

    assert printing.HTML and ImageFile.LOAD_TRUNCATED_IMAGES is False


# --- The fonts ----------------------------------------------------------------------------


def test_the_print_font_is_dejavu_cut_to_the_printed_letters():
    font = printing.print_font("DejaVuSans.ttf")
    assert font[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert len(font) < (printing.FONT_DIR / "DejaVuSans.ttf").stat().st_size / 3


def test_a_pdf_embeds_the_print_font_whatever_the_server_has():
    pdf = printing.pdf_bytes(
        '<html lang="ru"><body style="font-family: \'Sovet Print\'"><p>Кеңеш <b>Өмүр</b></p>',
        base_url=BASE,
    )
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {font["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert {name.split("+")[-1] for name in fonts} == {"Sovet-Print", "Sovet-Print-Bold"}
    assert "Кеңеш Өмүр" in reader.pages[0].extract_text()


# --- Nothing from the network ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/tracker.png",
        "https://cdn.example.net/static/core/css/print.css",  # another host, a familiar path
        "http://testserver/media/private/report.pdf",  # a stored file nobody handed over
        "http://testserver/admin/",
        "file:///etc/passwd",
        "http://testserver/static/../../sovet/settings/base.py",
        "sovet-print-font:../../../../etc/passwd",
        "ftp://example.org/x",
    ],
)
def test_the_fetcher_refuses_every_other_address(url):
    with pytest.raises(RefusedAddress):
        LocalFiles(BASE).fetch(url)


def test_the_fetcher_reads_static_files_fonts_and_the_files_given():
    fetcher = LocalFiles(BASE)
    css = fetcher.fetch(BASE + "static/core/css/print.css")
    assert css.content_type == "text/css" and b"Sovet Print" in css.read()
    font = fetcher.fetch("sovet-print-font:DejaVuSans-Bold.ttf")
    assert font.read() == printing.print_font("DejaVuSans-Bold.ttf")
    name = default_storage.save("print-test/photo.txt", ContentFile(b"stored"))
    try:
        given = Stored(name)
        stored = LocalFiles(BASE, files=[given]).fetch(BASE.rstrip("/") + given.url)
        assert stored.read() == b"stored"
    finally:
        default_storage.delete(name)


def test_a_pdf_is_made_without_any_network_access(monkeypatch):
    """A page naming remote resources becomes a PDF, and nothing tries to connect anywhere."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    html = """<html lang="ru"><head>
      <link rel="stylesheet" href="https://cdn.example.net/bootstrap.css">
      <style>@import url("http://example.org/more.css");
             @font-face { font-family: Remote; src: url("https://fonts.example.com/x.woff2"); }
             body { font-family: Remote, "Sovet Print"; background: url(http://example.org/bg.png); }
      </style></head>
      <body><p>Документ</p><img src="http://example.org/tracker.png" alt="">
      <img src="//example.org/pixel.gif" alt=""></body></html>"""
    pdf = printing.pdf_bytes(html, base_url=BASE)
    assert attempts == []
    assert "Документ" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


# --- Documents ------------------------------------------------------------------------------


def test_documents_are_hyphenated_in_their_language_and_set_left_aligned(rf):
    request = rf.get("/")
    long_word = "высокопревосходительство"
    with translation.override("ru"):
        html = render_to_string("core/print/document.html", request=request)
    text = f'<p style="width: 30mm">{long_word} {long_word}</p>'
    html = html.replace('<main class="document__body">', f'<main class="document__body">{text}')
    assert '<html lang="ru">' in html
    (paragraph,) = [p for p in placed(laid_out(html), "p") if long_word[:6] in p.lines[0]]
    # Split inside the word, with the hyphen WeasyPrint sets at a line's end (U+2010).
    assert len(paragraph.lines) > 2 and paragraph.lines[0].endswith("\u2010")
    css = (settings.BASE_DIR / "sovet/core/static/core/css/print.css").read_text()
    assert ".document__body { text-align: left; hyphens: auto;" in css
