// Events maps: a campaign's events from its GeoJSON feed (clustered when markercluster is loaded),
// or one event's place. Without JavaScript, or without a tile server, the lists are the content.
(function () {
  "use strict";
  if (!window.L) return;

  function tiles(map, element) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution }).addTo(map);
  }

  function popup(properties) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    box.appendChild(link);
    [properties.when, properties.city, properties.venue].forEach(function (text) {
      if (!text) return;
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(text));
    });
    return box;
  }

  var campaign = document.getElementById("events-map");
  if (campaign) {
    var map = L.map(campaign, { scrollWheelZoom: false }).setView([41.5, 74.5], 6);
    tiles(map, campaign);
    fetch(campaign.dataset.geojson, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
        L.geoJSON(data, {
          onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature.properties)); },
        }).eachLayer(function (layer) { group.addLayer(layer); });
        map.addLayer(group);
        if (data.features.length) map.fitBounds(group.getBounds(), { maxZoom: 12, padding: [20, 20] });
      });
  }

  var place = document.getElementById("event-map");
  if (place) {
    var point = [parseFloat(place.dataset.lat), parseFloat(place.dataset.lon)];
    var small = L.map(place, { scrollWheelZoom: false }).setView(point, 15);
    tiles(small, place);
    L.marker(point).addTo(small);
  }
})();
