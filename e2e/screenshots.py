"""Screenshots of the site in Kyrgyz and English for the README (docs/screenshots/).

With the demo running (`make run`, or `manage.py load_demo` and `runserver`):

    .venv/bin/python e2e/screenshots.py http://127.0.0.1:8000

Home, a conference and an event, each in ky and en, on a 390 px phone and a 1280 px desktop:
docs/screenshots/<language>-<page>-<width>.png, kept small (at most 3000 px tall, 256 colours).
"""

import io
import re
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTHS = {390: 844, 1280: 900}  # width: window height
MAX_HEIGHT = {390: 3000, 1280: 1800}


def event_path(page, base: str) -> str:
    """The calendar's first event translated into Kyrgyz, else its first event (ids change
    when the demo is loaded again)."""
    page.goto(f"{base}/ky/events/")
    hrefs = page.locator('main a[href*="/events/"]').evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    paths = [h[len("/ky/") :] for h in hrefs if re.fullmatch(r"/ky/events/\d+/", h)]
    assert paths, "no event in the calendar"
    for path in paths:
        page.goto(f"{base}/ky/{path}")
        if page.locator("main h1").get_attribute("lang") in (None, "ky"):
            return path
    return paths[0]


def save(png: bytes, path: Path, max_height: int) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, max_height)))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for width, height in WIDTHS.items():
            phone = width < 600
            context = browser.new_context(
                viewport={"width": width, "height": height},
                is_mobile=phone,
                has_touch=phone,
                timezone_id="Asia/Bishkek",
            )
            page = context.new_page()
            pages = {"home": "", "conference": "conferences/xii/", "event": event_path(page, base)}
            for language in ("ky", "en"):
                for name, path in pages.items():
                    page.goto(f"{base}/{language}/{path}")
                    path_out = OUT / f"{language}-{name}-{width}.png"
                    save(page.screenshot(full_page=True), path_out, MAX_HEIGHT[width])
                    print(path_out.relative_to(OUT.parent.parent))
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
