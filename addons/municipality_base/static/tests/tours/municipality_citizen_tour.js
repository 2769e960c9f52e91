import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * A clerk registers a citizen from the Municipality app, typing the national
 * ID and mobile in Persian digits, then tries to register an existing citizen
 * again and is told who already has that national ID.
 */
registry.category("web_tour.tours").add("municipality_base_citizen_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Municipality app",
            trigger: '.o_app[data-menu-xmlid="municipality_base.menu_municipality_root"]',
            run: "click",
        },
        {
            content: "The citizens list opens; create a citizen",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit نرگس تورانی",
        },
        {
            trigger: ".o_field_widget[name=national_id] input",
            run: "edit ۵۸۹۷۸۵۹۲۹۹",
        },
        {
            trigger: ".o_field_widget[name=mobile] input",
            run: "edit +98 912 000 1122",
        },
        {
            content: "Save the new citizen",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, with the national ID in Latin digits and the mobile normalised",
            trigger: ".o_form_saved .o_field_widget[name=national_id] input:value(5897859299)",
        },
        {
            trigger: ".o_field_widget[name=mobile] input:value(09120001122)",
        },
        {
            content: "Register another citizen",
            trigger: ".o_form_button_create",
            run: "click",
        },
        {
            content: "A new, empty form",
            trigger: ".o_breadcrumb .active:contains(New)",
        },
        {
            trigger: ".o_form_editable .o_field_widget[name=name] input",
            run: "edit م. حسینی",
        },
        {
            content: "Type the national ID of a citizen who is already registered",
            trigger: ".o_field_widget[name=national_id] input",
            run: "edit 3182405977",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The error names the contact who already has this national ID",
            trigger: ".o_error_dialog:contains(3182405977):contains(محمد حسینی)",
        },
        {
            trigger: ".o_error_dialog .btn-primary",
            run: "click",
        },
        {
            content: "Discard the duplicate",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_form_saved, .o_form_readonly, .o_list_view",
        },
    ],
});
