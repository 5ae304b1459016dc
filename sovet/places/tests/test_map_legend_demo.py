"""The places map's legend: the conditions the markers' colours mean (map.js's colours), the
numbered clusters and the kinds of places, each a link that shows them."""

import re
from pathlib import Path

import pytest

from sovet.core.testing import page_text

TILE = "/static/places/blank-tile.png"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, words",
    [
        ("ru", ("Условные обозначения", "Цвет метки — состояние места", "Хорошее", "Виды мест")),
        ("ky", ("Картанын шарттуу белгилери", "Белгинин түсү — жайдын абалы", "Жайлардын түрлөрү")),
        ("en", ("Map legend", "A marker's colour: the condition of the place", "Kinds of places")),
    ],
)
def test_the_legend_names_conditions_clusters_and_kinds(demo, client, settings, language, words):
    settings.MAP_TILE_URL = TILE
    text = page_text(
        client.get(f"/{language}/memory/places/"), 'aria-labelledby="map-legend-title"', *words
    )
    legend = text[
        text.index('class="map-legend"') : text.index(
            "</section>", text.index('class="map-legend"')
        )
    ]
    # Every condition, in the colour map.js draws it, with its count and its link.
    script = Path("sovet/places/static/places/js/map.js").read_text()
    css = Path("sovet/core/static/core/css/sovet.css").read_text()
    for condition in ("good", "needs_repair", "critical", "unknown"):
        assert f"map-legend__dot--{condition}" in legend
        colour = re.search(rf'{condition}: "(#[0-9a-f]{{6}})"', script).group(1)
        assert f".map-legend__dot--{condition} {{ background: {colour}; }}" in css
        assert f"?condition={condition}" in legend
    assert 'class="map-legend__cluster" aria-hidden="true"' in legend
    assert "?kind=war_memorial" in legend and "?kind=stele" in legend
    assert "?kind=museum" not in legend  # a kind without places is left out


@pytest.mark.django_db
def test_the_legend_keeps_the_other_filters_and_counts_with_them(demo, client, settings):
    settings.MAP_TILE_URL = TILE
    text = page_text(client.get("/ru/memory/places/", {"region": "chui"}), "Условные обозначения")
    assert "?region=chui&amp;condition=good" in text
    assert (
        "?region=chui&amp;kind=obelisk" in text and "?region=chui&amp;kind=war_memorial" not in text
    )


@pytest.mark.django_db
def test_no_legend_without_a_map(demo, client, settings):
    settings.MAP_TILE_URL = ""
    text = page_text(client.get("/ru/memory/places/"), "Места памяти")
    assert "map-legend" not in text
