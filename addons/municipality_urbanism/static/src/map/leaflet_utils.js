import { loadCSS, loadJS } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";

const LEAFLET = "/municipality_base/static/lib/leaflet/";
//: Where the map opens when it has nothing to show (Tehran).
export const DEFAULT_CENTER = [35.6892, 51.389];

/**
 * Leaflet (vendored once for the suite in municipality_base, static/lib/leaflet), loaded on the first map only.
 * @returns {Promise<any>} Leaflet's ``L``
 */
export async function loadLeaflet() {
    await Promise.all([loadJS(LEAFLET + "leaflet.js"), loadCSS(LEAFLET + "leaflet.css")]);
    return window.L;
}

/**
 * A Leaflet map in ``el``, with the tile layer of the system parameter when there is one; without it the
 * map has a blank background and fetches nothing.
 */
export function createMap(L, el, settings) {
    const map = L.map(el, { minZoom: 2, maxZoom: 20, zoomControl: true, attributionControl: true });
    map.attributionControl.setPrefix(false);
    if (settings && settings.tile_url) {
        L.tileLayer(settings.tile_url, {
            maxZoom: 20,
            attribution: settings.tile_attribution || "",
        }).addTo(map);
    }
    return map;
}

/** Fit the map to ``layers`` (a Leaflet feature group), or show the default place when it is empty. */
export function fitTo(map, group) {
    const bounds = group.getBounds();
    if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18 });
    } else {
        map.setView(DEFAULT_CENTER, 12);
    }
}

/** An element of the popup: a title and lines of ``label: value``, escaped (textContent). */
export function popupContent(title, lines, onOpen) {
    const root = document.createElement("div");
    root.setAttribute("dir", "rtl");
    root.className = "o_urb_map_popup";
    const head = document.createElement("strong");
    head.textContent = title;
    root.appendChild(head);
    for (const [label, value] of lines) {
        if (!value) {
            continue;
        }
        const line = document.createElement("div");
        line.textContent = `${label}: ${value}`;
        root.appendChild(line);
    }
    if (onOpen) {
        const button = document.createElement("button");
        button.className = "btn btn-sm btn-link p-0 o_urb_map_open";
        button.textContent = _t("Open");
        button.addEventListener("click", onOpen);
        root.appendChild(button);
    }
    return root;
}
