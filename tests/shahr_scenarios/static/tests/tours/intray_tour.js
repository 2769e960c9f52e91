import { registry } from "@web/core/registry";

/**
 * A finance director who also signs letters opens their in-tray: a letter waits for their signature and a
 * commitment for their approval. They open each from the in-tray, act on it, and the in-tray empties.
 */
registry.category("web_tour.tours").add("shahr_intray_tour", {
    steps: () => [
        {
            content: "The letter waiting for the signature is in the in-tray",
            trigger: ".o_list_view .o_data_row:contains(Intray letter to sign)",
        },
        {
            content: "and the commitment waiting for the approval",
            trigger: ".o_list_view .o_data_row:contains(INTRAY-COMMIT-1)",
        },
        {
            content: "Open the letter from the in-tray",
            trigger: ".o_list_view .o_data_row:contains(Intray letter to sign) td[name=res_name]",
            run: "click",
        },
        {
            content: "Sign it",
            trigger: ".o_form_view .o_form_statusbar button[name=action_sign]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_sign]))",
        },
        {
            content: "Back to the in-tray",
            trigger: ".o_breadcrumb .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "The signed letter has left the in-tray; the commitment still waits",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Intray letter to sign))) .o_data_row:contains(INTRAY-COMMIT-1) td[name=res_name]",
            run: "click",
        },
        {
            content: "Approve the commitment",
            trigger: ".o_form_view .o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_approve]))",
        },
        {
            content: "Back to the in-tray",
            trigger: ".o_breadcrumb .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "Nothing waits any more",
            trigger: ".o_view_nocontent",
        },
    ],
});
