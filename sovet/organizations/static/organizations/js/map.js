// The organizations map: markers from the directory's GeoJSON feed, clustered.
// Without JavaScript, or without a tile server, the list below the filters is the directory.
(function () {
  "use strict";
  var element = document.getElementById("organizations-map");
  if (!element || !window.L) return;
  var map = L.map(element, { scrollWheelZoom: false }).setView([41.5, 74.5], 6);
  L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution }).addTo(map);
  fetch(element.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var cluster = L.markerClusterGroup();
      L.geoJSON(data, {
        onEachFeature: function (feature, layer) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.name;
          var popup = document.createElement("div");
          popup.appendChild(link);
          popup.appendChild(document.createElement("br"));
          popup.appendChild(document.createTextNode(feature.properties.type + " · " + feature.properties.region));
          layer.bindPopup(popup);
        },
      }).eachLayer(function (layer) { cluster.addLayer(layer); });
      map.addLayer(cluster);
      if (data.features.length) map.fitBounds(cluster.getBounds(), { maxZoom: 12, padding: [20, 20] });
    });
})();
