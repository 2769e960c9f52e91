import { registry } from "@web/core/registry";

/**
 * The urban planning map as an urban-planning expert: the parcel outlines, the permit files coloured by stage
 * and the violations are drawn (SVG paths of Leaflet), without any tile server; a marker opens its record.
 */
registry.category("web_tour.tours").add("urbanism_map_tour", {
    steps: () => [
        { content: "The map is shown", trigger: ".o_urb_map .o_urb_map_canvas.leaflet-container" },
        { content: "A parcel outline is drawn", trigger: ".o_urb_map svg path.o_urb_map_parcel" },
        { content: "A property without outline is a point", trigger: ".o_urb_map svg path.o_urb_map_property" },
        { content: "A permit file is drawn", trigger: ".o_urb_map svg path.o_urb_map_permit" },
        { content: "A violation is drawn", trigger: ".o_urb_map svg path.o_urb_map_violation" },
        {
            content: "A permit file of a property with an outline is drawn on the outline (a closed path)",
            trigger: ".o_urb_map svg path.o_urb_map_permit[d$='z']",
        },
        {
            content: "A violation is drawn on the outline too",
            trigger: ".o_urb_map svg path.o_urb_map_violation[d$='z'][stroke-dasharray]",
        },
        {
            content: "The counts",
            trigger: ".o_urb_map_count_permit:contains(2), .o_urb_map_count_permit:contains(۲)",
        },
        { content: "No tiles are fetched", trigger: ".o_urb_map:not(:has(.leaflet-tile))" },
        { content: "Open the permit's popup", trigger: ".o_urb_map svg path.o_urb_map_permit", run: "click" },
        { content: "The popup names the stage", trigger: ".leaflet-popup .o_urb_map_popup:contains(PF/)" },
        { content: "Open the file", trigger: ".leaflet-popup .o_urb_map_open", run: "click" },
        { content: "The permit file opens", trigger: ".o_form_view .o_field_widget[name=property_id]" },
    ],
});

registry.category("web_tour.tours").add("urbanism_parcel_map_tour", {
    steps: () => [
        { content: "Open the outline page", trigger: ".o_notebook a[name=outline]", run: "click" },
        { content: "The outline is drawn on the form", trigger: ".o_urb_parcel_map svg path.o_urb_map_parcel" },
    ],
});
