import { registry } from "@web/core/registry";

/**
 * A 137 supervisor opens a request that came without a place: each date is
 * shown once (the Jalali date field, no second server-formatted text beside
 * it), the unknown coordinates are empty (not «0.0000000») and the category
 * reads by its Persian name, without its Latin code.
 */
registry.category("web_tour.tours").add("municipality_citizen_desk_request_form_tour", {
    steps: () => [
        {
            content: "The request's form is open",
            trigger: ".o_form_view .o_field_widget[name=received_date]",
        },
        {
            content: "Each date shows once",
            trigger: ".o_form_view .o_field_widget[name=deadline]",
            run() {
                // The two date fields, and nothing else with a figure in the group (no second, server-written date).
                const group = document.querySelector(".o_field_widget[name=received_date]").closest(".o_inner_group");
                const rest = group.cloneNode(true);
                rest.querySelectorAll(".o_field_widget[name=received_date], .o_field_widget[name=deadline]")
                    .forEach((widget) => widget.remove());
                if (/[0-9۰-۹]/.test(rest.textContent)) {
                    throw new Error(`a date is shown twice: «${group.innerText}»`);
                }
                if (!/[0-9۰-۹]/.test(group.querySelector(".o_field_widget[name=received_date]").textContent)) {
                    throw new Error("the date received is not shown");
                }
            },
        },
        {
            content: "Unknown coordinates are empty",
            trigger: ".o_form_view .o_field_widget[name=latitude]",
            run() {
                for (const name of ["latitude", "longitude"]) {
                    const widget = document.querySelector(`.o_field_widget[name=${name}]`);
                    const input = widget.querySelector("input");
                    const text = input ? input.value : widget.textContent;
                    if (text.trim()) {
                        throw new Error(`the ${name} of a request without a place reads «${text}»`);
                    }
                }
            },
        },
        {
            content: "The category reads by its Persian name, without its code",
            trigger: ".o_form_view .o_field_widget[name=category_id]",
            run() {
                const widget = document.querySelector(".o_field_widget[name=category_id]");
                const text = widget.querySelector("input")?.value || widget.textContent;
                if (text.trim() !== "پسماند آزمایشی") {
                    throw new Error(`the category reads «${text}»`);
                }
            },
        },
    ],
});
