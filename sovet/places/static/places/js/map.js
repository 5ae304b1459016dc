// The map of memorial places: markers coloured by condition, grouped into numbered clusters
// where they crowd, from the lean feed of the places the list's filters keep (columns: see
// views.map_view), and "places near me" when the browser shares its position. The list below
// works without it.
//
// Fast with 10,000 places on a slow phone: clusters are computed for the zoom shown only (one
// pass over the places, kept per zoom), only what is in view is drawn, a place's marker is made
// when it is first drawn or asked for, and its name is fetched when its popup opens.
// The page carries the first view (overview.py), so on a slow line the map is usable before the
// feed arrives. When the map is drawn and usable the element gets data-ready="true"; when every
// place is loaded, data-complete="true". Tests read element.placesMap = { map,
// markerFor(placeId) } (marker.options.fillColor is the colour; marker.openPopup() brings the
// place into view first).
(function () {
  "use strict";
  var element = document.getElementById("places-map");
  if (!element || !window.L) return;
  var data = element.dataset;
  // Colour and word of each condition: the word is in the popup, so colour is never alone.
  var COLOURS = { good: "#1e7b34", needs_repair: "#b25e00", critical: "#a3231b", unknown: "#5f6b7a" };
  var WORDS = { good: data.good, needs_repair: data.needsRepair, critical: data.critical, unknown: data.unknown };
  var RADIUS = 60;  // px: places closer than this on screen make a cluster
  var ALONE_ZOOM = 17;  // from this zoom on every place is drawn on its own
  // Clusters are neutral (the colours mean conditions): a dark disc with the number of places.
  var CLUSTER_STYLE = 'style="display:flex;align-items:center;justify-content:center;width:100%;height:100%;' +
    'border-radius:50%;background:rgba(31,58,95,.9);color:#fff;font:600 14px/1 sans-serif;' +
    'box-shadow:0 0 0 4px rgba(31,58,95,.3)"';

  // The first view, sent in the page (overview.py): the places' bounds and, for the zooms a
  // screen opens the map at, the clusters and lone places clustersAt will find once the feed
  // is in. The map is drawn and usable from it while the feed comes.
  var firstView = JSON.parse(document.getElementById("places-first-view").textContent);
  var map = L.map(element, { scrollWheelZoom: false, minZoom: 5, maxZoom: 18, zoomControl: false });
  if (firstView.bounds) {
    var b = firstView.bounds;  // west, south, east, north
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { maxZoom: 12, padding: [20, 20], animate: false });
  } else {
    map.setView([41.5, 74.5], 6);
  }
  L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
  L.tileLayer(data.tiles, { attribution: data.attribution }).addTo(map);
  var shown = L.layerGroup().addTo(map);

  // Every place, once the feed is in, as columns: id, condition and position projected to
  // [0, 1] (Web Mercator).
  var loaded = false, ids = [], conditions = [], xs = [], ys = [];
  var indexOf = new Map(), markers = new Map(), clustersByZoom = {};

  function projectY(lat) {
    var sin = Math.sin(lat * Math.PI / 180);
    return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  }

  function unproject(x, y) {
    var lat = Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180 / Math.PI;
    return L.latLng(lat, (x - 0.5) * 360);
  }

  // The first view's clusters and places, shaped as clustersAt's.
  var firstZooms = {}, firstClusters = new Map();
  Object.keys(firstView.zooms || {}).forEach(function (zoom) {
    firstZooms[zoom] = firstView.zooms[zoom].map(function (entry) {
      var x = entry.at[0] / 360 + 0.5, y = projectY(entry.at[1]);
      if (!entry.count) return { count: 1, id: entry.id, condition: entry.condition, x: x, y: y };
      var cluster = {
        count: entry.count, x: x, y: y,
        minX: entry.bounds[0] / 360 + 0.5, maxX: entry.bounds[2] / 360 + 0.5,
        minY: projectY(entry.bounds[3]), maxY: projectY(entry.bounds[1]),
      };
      firstClusters.set(zoom + " " + entry.first + " " + entry.count, cluster);
      return cluster;
    });
  });

  // The first view's clusters for a zoom: its own, or the closest zoom's below (above if none).
  function firstViewAt(zoom) {
    var zooms = Object.keys(firstZooms).map(Number).sort(function (a, b) { return a - b; });
    var best = zooms[0];
    zooms.forEach(function (z) { if (z <= zoom) best = z; });
    return best === undefined ? [] : firstZooms[best];
  }

  // Greedy clustering at one zoom: a place joins the first cluster whose first place is within
  // RADIUS pixels (a grid of RADIUS-sized cells finds the candidates), or starts its own.
  // overview.py does the same on the server: keep them alike.
  function clustersAt(zoom) {
    if (clustersByZoom[zoom]) return clustersByZoom[zoom];
    var scale = 256 * Math.pow(2, zoom) / RADIUS, cells = new Map(), clusters = [];
    clusters.of = new Int32Array(ids.length);  // place → its cluster
    for (var i = 0; i < ids.length; i++) {
      var px = xs[i] * scale, py = ys[i] * scale, cx = Math.floor(px), cy = Math.floor(py), found = null;
      for (var dx = -1; dx <= 1 && !found; dx++) {
        for (var dy = -1; dy <= 1 && !found; dy++) {
          var near = cells.get((cx + dx) * 4194304 + cy + dy);
          for (var k = 0; near && k < near.length; k++) {
            var c = near[k], ex = c.px - px, ey = c.py - py;
            if (ex * ex + ey * ey <= 1) { found = c; break; }
          }
        }
      }
      if (found) {
        clusters.of[i] = found.index;
        found.count++;
        found.sumX += xs[i]; found.sumY += ys[i];
        if (xs[i] < found.minX) found.minX = xs[i];
        if (xs[i] > found.maxX) found.maxX = xs[i];
        if (ys[i] < found.minY) found.minY = ys[i];
        if (ys[i] > found.maxY) found.maxY = ys[i];
      } else {
        var cluster = { index: clusters.length, first: i, count: 1, px: px, py: py, sumX: xs[i], sumY: ys[i], minX: xs[i], maxX: xs[i], minY: ys[i], maxY: ys[i] };
        var key = cx * 4194304 + cy;
        if (cells.has(key)) cells.get(key).push(cluster); else cells.set(key, [cluster]);
        clusters.of[i] = cluster.index;
        clusters.push(cluster);
      }
    }
    clusters.forEach(function (cluster) {
      cluster.x = cluster.sumX / cluster.count;
      cluster.y = cluster.sumY / cluster.count;
      cluster.id = ids[cluster.first];
      cluster.condition = conditions[cluster.first];
      // The first view's marker of the same cluster stays: the keyboard's focus stays on it.
      var same = firstClusters.get(zoom + " " + cluster.id + " " + cluster.count);
      if (same) cluster.marker = same.marker;
    });
    return (clustersByZoom[zoom] = clusters);
  }

  function clusterMarker(cluster) {
    var size = cluster.count < 100 ? 36 : cluster.count < 1000 ? 44 : 52;
    var marker = L.marker(unproject(cluster.x, cluster.y), {
      icon: L.divIcon({ className: "places-cluster", html: "<span " + CLUSTER_STYLE + ">" + cluster.count + "</span>", iconSize: [size, size] }),
      title: data.cluster.replace("%(count)s", cluster.count),
    });
    function zoomIn() {
      map.fitBounds([unproject(cluster.minX, cluster.maxY), unproject(cluster.maxX, cluster.minY)], { padding: [24, 24] });
    }
    marker.on("click", zoomIn);
    marker.on("add", function () {
      var icon = marker.getElement();
      icon.setAttribute("aria-label", marker.options.title);
      onKeyboardPress(icon, function () {
        map.once("moveend", function () { element.focus(); });  // the cluster is gone: stay on the map
        zoomIn();
      });
    });
    return marker;
  }

  function popupContent(marker) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = data.pages + marker.placeId + "/";
    link.textContent = data.open;
    box.appendChild(link);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(WORDS[marker.condition] || WORDS.unknown));
    // The name, in the reader's language or in Russian, is asked for only now.
    fetch(data.feed.split("?")[0] + "?place=" + marker.placeId)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (place) {
        if (!place) return;
        link.textContent = place.name;
        link.lang = place.lang;
      })
      .catch(function () {});
    return box;
  }

  // Escape closes a popup opened from the keyboard and takes the focus back to its marker.
  var openedByKeyboard = null;
  element.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !openedByKeyboard || !openedByKeyboard.isPopupOpen()) return;
    openedByKeyboard.closePopup();
    if (openedByKeyboard.getElement()) openedByKeyboard.getElement().focus();
    openedByKeyboard = null;
  });

  // Enter or Space on a marker the keyboard has reached, as on a button.
  function onKeyboardPress(target, action) {
    target.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      action();
    });
  }

  // A place's marker, made the first time it is drawn or asked for.
  var PlaceMarker = L.CircleMarker.extend({
    openPopup: function (latlng) {
      if (!this._map && loaded) reveal(this);
      return L.CircleMarker.prototype.openPopup.call(this, latlng);
    },
  });

  function placeMarker(id, condition, x, y) {
    if (markers.has(id)) return markers.get(id);
    var marker = new PlaceMarker(unproject(x, y), {
      radius: 8, weight: 2, color: "#fff", fillColor: COLOURS[condition] || COLOURS.unknown, fillOpacity: 0.95,
    });
    marker.placeId = id;
    marker.condition = condition;
    var box = null;
    marker.bindPopup(function () { return box || (box = popupContent(marker)); });
    // Reachable with the keyboard: Tab to it, Enter or Space opens its popup.
    marker.on("add", function () {
      var path = marker.getElement();
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", WORDS[condition] || WORDS.unknown);
      onKeyboardPress(path, function () {
        marker.openPopup();
        openedByKeyboard = marker;
        var link = element.querySelector(".leaflet-popup-content a");
        if (link) link.focus();
      });
    });
    markers.set(id, marker);
    return marker;
  }

  // Draw the clusters and places in view (with a margin), for the zoom shown; the first view's
  // until the feed is in.
  function draw() {
    var zoom = map.getZoom(), bounds = map.getBounds().pad(0.25);
    var north = projectY(bounds.getNorth()), south = projectY(bounds.getSouth());
    var west = bounds.getWest() / 360 + 0.5, east = bounds.getEast() / 360 + 0.5;
    var layers = [];
    if (loaded && zoom >= ALONE_ZOOM) {
      for (var i = 0; i < ids.length; i++) {
        if (xs[i] >= west && xs[i] <= east && ys[i] >= north && ys[i] <= south) {
          layers.push(placeMarker(ids[i], conditions[i], xs[i], ys[i]));
        }
      }
    } else {
      var clusters = loaded ? clustersAt(zoom) : firstViewAt(zoom);
      for (var c = 0; c < clusters.length; c++) {
        var cluster = clusters[c];
        if (cluster.x < west || cluster.x > east || cluster.y < north || cluster.y > south) continue;
        if (cluster.count === 1) layers.push(placeMarker(cluster.id, cluster.condition, cluster.x, cluster.y));
        else layers.push(cluster.marker || (cluster.marker = clusterMarker(cluster)));
      }
    }
    // Markers that stay are left alone: an open popup or the keyboard's focus stays with them.
    var next = new Set(layers);
    shown.eachLayer(function (layer) { if (!next.has(layer)) shown.removeLayer(layer); });
    layers.forEach(function (layer) { if (!shown.hasLayer(layer)) shown.addLayer(layer); });
  }

  // Zoom in until the place is drawn on its own, centred.
  function reveal(marker) {
    var i = indexOf.get(marker.placeId), zoom = map.getZoom();
    while (zoom < ALONE_ZOOM && clustersAt(zoom)[clustersAt(zoom).of[i]].count > 1) zoom++;
    map.setView(marker.getLatLng(), zoom, { animate: false });
  }

  // Once the markers are on screen: a performance mark and a data attribute (for the benchmark
  // and the browser tests).
  function announce(name, attribute) {
    requestAnimationFrame(function () {
      performance.mark(name);
      element.dataset[attribute] = "true";
    });
  }

  // Every place, from the feed: drawn in a task of its own after the columns are made, so
  // neither keeps a phone busy long.
  function load(feed) {
    var n = feed.id.length, id = 0;
    ids = new Array(n); conditions = new Array(n); xs = new Float64Array(n); ys = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      id += feed.id[i];  // each id is the difference from the one before
      ids[i] = id;
      indexOf.set(id, i);
      conditions[i] = feed.conditions[feed.condition[i]];
      xs[i] = feed.longitude[i] / 360 + 0.5;
      ys[i] = projectY(feed.latitude[i]);
    }
    setTimeout(function () {
      loaded = true;
      draw();
      announce("places-map-complete", "complete");
    });
  }

  function fetchFeed() {
    return fetch(data.feed).then(function (response) { return response.json(); }).then(load);
  }

  map.on("moveend", draw);
  if (!firstView.bounds || firstZooms[map.getZoom()]) {
    // Usable now; the feed is asked for only then, not to share the line with Leaflet.
    draw();
    announce("places-map-ready", "ready");
    requestAnimationFrame(function () { setTimeout(fetchFeed); });
  } else {
    // A screen the first view did not foresee: the map waits for the feed.
    fetchFeed().then(function () { announce("places-map-ready", "ready"); });
  }

  element.placesMap = {
    map: map,
    // A place's marker (loaded: any place; before, those of the first view only).
    markerFor: function (placeId) {
      var i = indexOf.get(Number(placeId));
      if (i === undefined) return markers.get(Number(placeId)) || null;
      return placeMarker(ids[i], conditions[i], xs[i], ys[i]);
    },
  };

  var near = document.getElementById("places-near-me");
  if (near && navigator.geolocation) {
    near.hidden = false;
    near.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        map.setView([position.coords.latitude, position.coords.longitude], 13);
      });
    });
  }
})();
