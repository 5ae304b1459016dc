"""The home page stays light on a phone: HTML, CSS and JS together under 150 KB (no photos)."""

import re

import pytest
from django.contrib.staticfiles import finders

LIMIT_BYTES = 150 * 1024


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_home_page_weighs_under_150_kb(demo, client, language):
    html = client.get(f"/{language}/").content
    assets = re.findall(rb'(?:href|src)="/static/([^"?]+\.(?:css|js))', html)
    assert assets, "the page links its stylesheet"
    total = len(html)
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, asset
        with open(path, "rb") as file:
            total += len(file.read())
    assert total < LIMIT_BYTES, f"{total} bytes"
