/** @odoo-module ignore **/
/**
 * The 137 portal's new-request form: a Leaflet map (when the administrator set a tile URL) and a
 * "use my location" button; both write the chosen point into the latitude and longitude fields, which
 * stay the form's only location inputs (typed by hand when there is no map or no location).
 * A plain script (no Odoo module): the page is served without the web client.
 */
(function () {
    "use strict";

    function start() {
        const latitude = document.getElementById("citizen_latitude");
        const longitude = document.getElementById("citizen_longitude");
        if (!latitude || !longitude) {
            return;
        }
        const mapElement = document.querySelector(".o_citizen_map");
        let map = null;
        let marker = null;

        function place(lat, lng, zoomIn) {
            latitude.value = lat.toFixed(6);
            longitude.value = lng.toFixed(6);
            if (!map) {
                return;
            }
            if (marker) {
                marker.setLatLng([lat, lng]);
            } else {
                marker = window.L.marker([lat, lng]).addTo(map);
            }
            if (zoomIn) {
                map.setView([lat, lng], Math.max(map.getZoom(), 16));
            }
        }

        if (mapElement && window.L) {
            const L = window.L;
            L.Icon.Default.imagePath = "/municipality_citizen_desk/static/lib/leaflet/images/";
            map = L.map(mapElement).setView(
                [parseFloat(mapElement.dataset.lat), parseFloat(mapElement.dataset.lng)],
                parseInt(mapElement.dataset.zoom, 10) || 12
            );
            L.tileLayer(mapElement.dataset.tileUrl, {
                attribution: mapElement.dataset.attribution || "",
                maxZoom: 19,
            }).addTo(map);
            map.on("click", (event) => place(event.latlng.lat, event.latlng.lng, false));
            mapElement.classList.add("o_citizen_map_ready");
            const lat = parseFloat(latitude.value);
            const lng = parseFloat(longitude.value);
            if (!isNaN(lat) && !isNaN(lng)) {
                place(lat, lng, true);
            }
        }

        const locate = document.querySelector(".o_citizen_locate");
        const locateError = document.querySelector(".o_citizen_locate_error");
        if (locate) {
            if (!navigator.geolocation) {
                locate.classList.add("d-none");
            } else {
                locate.addEventListener("click", () => {
                    locateError?.classList.add("d-none");
                    navigator.geolocation.getCurrentPosition(
                        (position) => place(position.coords.latitude, position.coords.longitude, true),
                        () => locateError?.classList.remove("d-none"),
                        { enableHighAccuracy: true, timeout: 15000 }
                    );
                });
            }
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
