import { registry } from "@web/core/registry";

/**
 * On the 137 portal's new-request form, with a tile URL set: the map is there, and clicking it fills the
 * latitude and longitude fields (the tiles themselves may not load offline: the map works without them).
 */
registry.category("web_tour.tours").add("municipality_citizen_desk_map_tour", {
    url: "/137/new",
    steps: () => [
        {
            content: "The map is shown and ready",
            trigger: ".o_citizen_map.o_citizen_map_ready.leaflet-container",
        },
        {
            content: "The coordinates are empty before a click",
            trigger: "#citizen_latitude:empty",
            run() {
                if (document.getElementById("citizen_latitude").value) {
                    throw new Error("the latitude is already filled");
                }
            },
        },
        {
            content: "Click the map",
            trigger: ".o_citizen_map",
            run: "click",
        },
        {
            content: "A marker is placed",
            trigger: ".o_citizen_map .leaflet-marker-icon",
        },
        {
            content: "Latitude and longitude are filled with decimal degrees",
            trigger: "#citizen_longitude",
            run() {
                const lat = document.getElementById("citizen_latitude").value;
                const lng = document.getElementById("citizen_longitude").value;
                if (!/^-?\d+\.\d{6}$/.test(lat) || !/^-?\d+\.\d{6}$/.test(lng)) {
                    throw new Error(`coordinates not filled: ${lat}, ${lng}`);
                }
                const [la, lo] = [parseFloat(lat), parseFloat(lng)];
                if (Math.abs(la - 35.6892) > 1 || Math.abs(lo - 51.389) > 1) {
                    throw new Error(`the click is far from the map's center: ${lat}, ${lng}`);
                }
            },
        },
    ],
});
