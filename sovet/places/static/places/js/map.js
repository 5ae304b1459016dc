// The map of memorial places: clustered markers coloured by condition, from the lean GeoJSON
// feed of the places the list's filters keep, and "places near me" when the browser shares its
// position. The list below works without it.
(function () {
  "use strict";
  var element = document.getElementById("places-map");
  if (!element || !window.L) return;
  // Colour and a word for each condition (the word is in the popup: colour is never alone).
  var CONDITIONS = {
    good: ["#1e7b34", element.dataset.good],
    needs_repair: ["#b25e00", element.dataset.needsRepair],
    critical: ["#a3231b", element.dataset.critical],
    unknown: ["#5f6b7a", element.dataset.unknown],
  };
  var map = L.map(element, { scrollWheelZoom: false, preferCanvas: true }).setView([41.5, 74.5], 6);
  L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution }).addTo(map);
  var cluster = L.markerClusterGroup({ chunkedLoading: true });
  var markers = [];
  fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      data.features.forEach(function (feature) {
        var c = feature.geometry.coordinates;  // [longitude, latitude]
        var condition = CONDITIONS[feature.properties.condition] || CONDITIONS.unknown;
        var marker = L.circleMarker([c[1], c[0]], {
          radius: 8, weight: 2, color: "#fff", fillColor: condition[0], fillOpacity: 0.95,
        });
        var popup = document.createElement("div");
        var link = document.createElement("a");
        link.href = feature.properties.url;
        link.textContent = feature.properties.name;
        popup.appendChild(link);
        popup.appendChild(document.createElement("br"));
        popup.appendChild(document.createTextNode(condition[1]));
        marker.bindPopup(popup);
        markers.push(marker);
      });
      cluster.addLayers(markers);
      map.addLayer(cluster);
      if (markers.length) map.fitBounds(cluster.getBounds(), { maxZoom: 12, padding: [20, 20] });
    });
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
