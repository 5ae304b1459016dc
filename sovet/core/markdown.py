"""Markdown shown as a page (a library document written in Markdown): CommonMark and tables,
through markdown-it-py. Raw HTML in the text is dropped (a <script> never reaches a browser),
links go through markdown-it's check (no javascript:, vbscript:, file: or data: addresses), and
everything else is escaped by the renderer: the result is safe to show as it is."""

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

# The text read from a file for showing: beyond this the page offers the download alone.
MAX_CHARS = 500_000


def _nothing(self, tokens, idx, options, env) -> str:
    return ""


def _alt_text(self, tokens, idx, options, env) -> str:
    # A document's pictures are not uploaded with it, and a picture from elsewhere would tell
    # another server who reads: its description stands in.
    return escapeHtml(tokens[idx].content)


def _headings_one_level_down(state) -> None:
    # The page's own <h1> is the document's title: "# Charter" becomes an <h2>.
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table")
    # Raw HTML is parsed (so a <script> block is recognized as one) and then left out.
    md.add_render_rule("html_block", _nothing)
    md.add_render_rule("html_inline", _nothing)
    md.add_render_rule("image", _alt_text)
    md.core.ruler.push("headings_one_level_down", _headings_one_level_down)
    return md


_MARKDOWN = _renderer()


def render_markdown(text: str) -> SafeString:
    return mark_safe(_MARKDOWN.render(text))  # noqa: S308 — escaped and stripped above


def decode_text(data: bytes) -> str:
    """A text file's characters: UTF-8 (with or without its mark), else Windows-1251, which
    older Russian documents use."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")
