"""The map's first view, computed on the server and sent inside the list page.

On a slow line the map's feed of every place (70 KB for 10,000) arrives half a second after the
page and Leaflet. The page carries what the first view shows instead: the clusters (and lone
places) of the zooms a screen can open the map at, made exactly as map.js makes them (the same
greedy clustering, the same order of places, the same projection), so the map is drawn and usable
from the page alone; map.js then fetches the feed and takes over, the clusters unchanged.
"""

import math

# As in map.js.
RADIUS = 60  # px: places closer than this on screen make a cluster
MIN_ZOOM = 5
FIT_MAX_ZOOM = 12  # the first view fits the places, but zooms in no further than this
FIT_PADDING = 40  # px: 20 on each side
TILE = 256
# The map is 360 px tall on phones and 480 px from 48em on (site.css), as wide as the page's
# column: these are the smallest and largest maps a first view fits the places into.
SMALLEST_MAP = (280, 360)
LARGEST_MAP = (1200, 480)
MOST_ZOOMS = 3  # a larger spread of screens waits for the feed


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Web Mercator in [0, 1], as map.js computes it."""
    sin = math.sin(latitude * math.pi / 180)
    return longitude / 360 + 0.5, 0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)


def unproject_latitude(y: float) -> float:
    return math.atan(math.sinh(math.pi * (1 - 2 * y))) * 180 / math.pi


def fit_zoom(bounds: tuple[float, float, float, float], width: int, height: int) -> int:
    """The zoom Leaflet's fitBounds picks for the places' projected bounds (west, north, east,
    south) on a map of this size (getBoundsZoom, zoomSnap 1)."""
    west, north, east, south = bounds
    span_x, span_y = (east - west) * TILE, (south - north) * TILE
    if span_x <= 0 and span_y <= 0:
        return FIT_MAX_ZOOM
    scale = min(
        (width - FIT_PADDING) / span_x if span_x > 0 else math.inf,
        (height - FIT_PADDING) / span_y if span_y > 0 else math.inf,
    )
    zoom = math.log2(scale)
    zoom = math.floor(round(zoom * 100) / 100)  # Leaflet ignores less than 1% of a level
    return max(MIN_ZOOM, min(FIT_MAX_ZOOM, zoom))


def clusters_at(points: list[tuple[float, float]], zoom: int) -> list[dict]:
    """Greedy clustering at one zoom, as map.js's clustersAt: a place joins the first cluster
    whose first place is within RADIUS pixels (the clusters of the 3 x 3 grid cells around it,
    in order), or starts its own."""
    scale = TILE * 2**zoom / RADIUS
    cells: dict[tuple[int, int], list[dict]] = {}
    clusters = []
    for index, (x, y) in enumerate(points):
        px, py = x * scale, y * scale
        cx, cy = math.floor(px), math.floor(py)
        found = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for cluster in cells.get((cx + dx, cy + dy), ()):
                    ex, ey = cluster["px"] - px, cluster["py"] - py
                    if ex * ex + ey * ey <= 1:
                        found = cluster
                        break
                if found:
                    break
            if found:
                break
        if found:
            found["members"].append(index)
        else:
            cluster = {"px": px, "py": py, "members": [index]}
            cells.setdefault((cx, cy), []).append(cluster)
            clusters.append(cluster)
    return clusters


def first_view(rows: list[tuple[int, float, float, str]]) -> dict:
    """What the map draws before its feed arrives, for places ``(id, longitude, latitude,
    condition)`` in the feed's order (ascending id, coordinates rounded as in the feed):
    ``{"bounds": [west, south, east, north], "zooms": {zoom: [entry, …]}}``. An entry is a lone
    place ``{"id", "at": [lon, lat], "condition"}`` or a cluster ``{"count", "first" (its first
    place's id), "at" (its centre), "bounds"}``. No places: ``{}``."""
    if not rows:
        return {}
    points = [project(longitude, latitude) for _, longitude, latitude, _ in rows]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    projected = (min(xs), min(ys), max(xs), max(ys))
    zooms = range(fit_zoom(projected, *SMALLEST_MAP), fit_zoom(projected, *LARGEST_MAP) + 1)
    longitudes, latitudes = [row[1] for row in rows], [row[2] for row in rows]
    view = {
        "bounds": [min(longitudes), min(latitudes), max(longitudes), max(latitudes)],
        "zooms": {},
    }
    for zoom in list(zooms)[:MOST_ZOOMS]:
        entries = []
        for cluster in clusters_at(points, zoom):
            members = cluster["members"]
            first = rows[members[0]]
            if len(members) == 1:
                entries.append({"id": first[0], "at": [first[1], first[2]], "condition": first[3]})
                continue
            x = sum(xs[i] for i in members) / len(members)
            y = sum(ys[i] for i in members) / len(members)
            entries.append(
                {
                    "count": len(members),
                    "first": first[0],
                    "at": [round((x - 0.5) * 360, 5), round(unproject_latitude(y), 5)],
                    "bounds": [
                        min(longitudes[i] for i in members),
                        min(latitudes[i] for i in members),
                        max(longitudes[i] for i in members),
                        max(latitudes[i] for i in members),
                    ],
                }
            )
        view["zooms"][zoom] = entries
    return view
