// "Use my location" on the report form: fills the latitude and longitude from the phone.
// Without JavaScript (or without geolocation) the button stays hidden and the fields are typed.
(function () {
  "use strict";
  var button = document.getElementById("report-locate");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  var status = document.getElementById("report-locate-status");
  if (!button || !latitude || !longitude || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = button.dataset.done.replace("%s", Math.round(position.coords.accuracy));
        button.disabled = false;
      },
      function () {
        status.textContent = button.dataset.failed;
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  });
})();
