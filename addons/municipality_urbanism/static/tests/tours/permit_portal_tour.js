import { registry } from "@web/core/registry";

import { putPdf } from "@municipality_urbanism/../tests/tours/utils/file_upload";

registry.category("web_tour.tours").add("urbanism_permit_portal_apply_tour", {
    steps: () => [
        {
            content: "The owner opens the application form from their files",
            trigger: "a.o_permit_apply",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Their property is offered",
            trigger: "select[name='property_id']:contains('88-21-7')",
        },
        {
            content: "Ground floor: 150 m², one unit",
            trigger: "input[name='area_0']",
            run: "edit 150",
        },
        {
            trigger: "input[name='units_0']",
            run: "edit 1",
        },
        {
            content: "First floor: 150 m², one unit",
            trigger: "input[name='area_1']",
            run: "edit 150",
        },
        {
            trigger: "input[name='units_1']",
            run: "edit 1",
        },
        {
            content: "The third line is not needed: remove it",
            trigger: "tr.o_permit_floor_row:has(input[name='area_2']) .o_permit_floor_remove",
            run: "click",
        },
        {
            trigger: ".o_permit_floor_rows:not(:has(input[name='area_2']))",
        },
        {
            content: "Add a floor: a new line, numbered after the last one",
            trigger: "button.o_permit_floor_add",
            run: "click",
        },
        {
            content: "Second floor: 60 m², one unit (within the zone's density, 360 m²)",
            trigger: "tr.o_permit_floor_row:has(input[name='floor_3']:value(2)) input[name='area_3']",
            run: "edit 60",
        },
        {
            trigger: "input[name='units_3']",
            run: "edit 1",
        },
        {
            content: "See the fee estimate",
            trigger: "button.o_permit_estimate_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The estimate is shown before anything is submitted",
            trigger: ".o_permit_estimate_total:contains('۷۲,۰۰۰,۰۰۰')",
        },
        {
            content: "Attach the deed",
            trigger: "input[type='file']:eq(0)",
            run: putPdf("deed.pdf"),
        },
        {
            content: "Attach the ID cards",
            trigger: "input[type='file']:eq(1)",
            run: putPdf("ids.pdf"),
        },
        {
            content: "Submit the application",
            trigger: "button.o_permit_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The file is registered, at its first stage",
            trigger: ".o_permit_created",
        },
        {
            trigger: ".o_permit_stage_current",
        },
    ],
});

registry.category("web_tour.tours").add("urbanism_permit_portal_extension_tour", {
    steps: () => [
        {
            content: "The issued permit's page offers a request for more time",
            trigger: "form.o_permit_extension_form select[name='kind']",
            run: "select extension",
        },
        {
            content: "The reason",
            trigger: "form.o_permit_extension_form textarea[name='reason']",
            run: "edit تأخیر در تأمین مصالح به‌دلیل کمبود سیمان",
        },
        {
            content: "Send it",
            trigger: "form.o_permit_extension_form button.o_permit_extension_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request waits for the head's decision, and no second form is offered",
            trigger: "body:not(:has(form.o_permit_extension_form)) .o_permit_extension_requested",
        },
    ],
});
