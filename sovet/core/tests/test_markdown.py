"""Markdown shown as a page: rendered, with raw HTML, scripts and dangerous links left out."""

from sovet.core.markdown import decode_text, render_markdown


def test_markdown_renders_headings_lists_and_tables_one_level_down():
    html = render_markdown("# Устав\n\n## Глава 1\n\n- один\n- два\n\n|а|б|\n|-|-|\n|1|2|\n")
    assert "<h2>Устав</h2>" in html and "<h3>Глава 1</h3>" in html
    assert "<li>один</li>" in html and "<td>1</td>" in html


def test_raw_html_scripts_and_dangerous_links_are_stripped():
    html = render_markdown(
        "Текст\n\n<script>alert('x')</script>\n\n"
        'Жирный <b onclick="steal()">текст</b> и <img src=x onerror=alert(1)>\n\n'
        "[ссылка](javascript:alert(1)) [хорошая](https://sovet.kg/) ![фото](https://evil.example/t.png)"
    )
    assert "<p>Текст</p>" in html and '<a href="https://sovet.kg/">хорошая</a>' in html
    for bad in (
        "<script",
        "alert('x')",
        "onclick",
        "onerror",
        "<img",
        "evil.example",
    ):
        assert bad not in html, bad
    assert 'href="javascript' not in html  # left as plain text, not a link
    assert "фото" in html  # a picture's description stands in for it


def test_text_files_in_utf8_or_windows_1251():
    assert decode_text("\ufeffПривет".encode()) == "Привет"
    assert decode_text("Привет".encode("cp1251")) == "Привет"
