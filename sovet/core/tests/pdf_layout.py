"""Reading a printed page's layout in tests: where WeasyPrint put each element, in points."""

from dataclasses import dataclass

from sovet.core import printing

PX_TO_PT = 0.75  # CSS pixels (1/96 in) to PDF points (1/72 in)


@dataclass
class Placed:
    """An element's border box on its page, in points from the page's top left."""

    page: int
    left: float
    top: float
    width: float
    height: float
    font_size: float  # points
    lines: list[str]  # its text, line by line as set
    line_widths: list[float]  # how wide each line's text is, in points

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


def laid_out(html: str, **options):
    """The document WeasyPrint lays out from a page's HTML (see core.printing)."""
    return printing.render_document(html, base_url="http://testserver/", **options)


def page_size(document, number: int = 0) -> tuple[float, float]:
    """A page's width and height in points."""
    page = document.pages[number]
    return page.width * PX_TO_PT, page.height * PX_TO_PT


def placed(document, css_class: str) -> list[Placed]:
    """Every element with `css_class` (or of that tag, e.g. "img"), in document order."""
    found = []
    for number, page in enumerate(document.pages):
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) is None:
                continue
            classes = (element.get("class") or "").split()
            if css_class not in classes and box.element_tag != css_class:
                continue
            if any(element is seen for seen in _elements(found)):
                continue  # a box split in parts (lines of a paragraph): the first one stands
            found.append(_place(number, box))
    return found


def _elements(found):
    return [item._element for item in found]


def _place(number, box) -> Placed:
    line_boxes = [line for line in _descendants(box) if type(line).__name__ == "LineBox"]
    item = Placed(
        page=number,
        left=box.border_box_x() * PX_TO_PT,
        top=box.border_box_y() * PX_TO_PT,
        width=box.border_width() * PX_TO_PT,
        height=box.border_height() * PX_TO_PT,
        font_size=box.style["font_size"] * PX_TO_PT,
        lines=["".join(_texts(line)) for line in line_boxes],
        line_widths=[_text_width(line) * PX_TO_PT for line in line_boxes],
    )
    item._element = box.element
    return item


def _text_width(line) -> float:
    words = [box for box in _descendants(line) if hasattr(box, "text")]
    if not words:
        return 0.0
    return max(w.position_x + w.width for w in words) - min(w.position_x for w in words)


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _texts(box):
    if hasattr(box, "text"):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)
