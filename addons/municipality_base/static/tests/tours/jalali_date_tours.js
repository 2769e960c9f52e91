import { registry } from "@web/core/registry";

/**
 * A Jalali user types a Jalali date in Persian digits in an employee's
 * birthday (a plain date field of hr, a dependency) and saves; the test
 * checks the server stored 2025-03-21.
 */
registry.category("web_tour.tours").add("municipality_base_jalali_type_date", {
    steps: () => [
        {
            content: "Open the Personal tab",
            trigger: ".o_notebook_headers a:contains(Personal)",
            run: "click",
        },
        {
            content: "Open the birthday input",
            trigger: ".o_field_widget[name=birthday] :is(input, button)",
            run: "click",
        },
        {
            content: "Type 1 Farvardin 1404 in Persian digits",
            trigger: ".o_field_widget[name=birthday] input",
            run: "edit ۱۴۰۴/۰۱/۰۱ && press Enter",
        },
        {
            content: "The field shows the Jalali date",
            trigger: ".o_field_widget[name=birthday] button:contains(1404/01/01)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved .o_field_widget[name=birthday] button:contains(1404/01/01)",
        },
    ],
});

/** The same user picks 30 Esfand 1403 (a leap year) in the picker. */
registry.category("web_tour.tours").add("municipality_base_jalali_pick_date", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a:contains(Personal)",
            run: "click",
        },
        {
            content: "The stored 2025-03-21 reads 1404/01/01",
            trigger: ".o_field_widget[name=birthday] button:contains(1404/01/01)",
            run: "click",
        },
        {
            content: "The picker opens on Farvardin 1404",
            trigger: ".o_datetime_picker .o_header_part:contains(Farvardin 1404)",
        },
        {
            trigger: ".o_datetime_picker .o_previous",
            run: "click",
        },
        {
            content: "Esfand 1403 has 30 days",
            trigger: ".o_datetime_picker .o_header_part:contains(Esfand 1403)",
        },
        {
            trigger: ".o_datetime_picker .o_date_item_cell:not(.o_out_of_range):contains(30)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=birthday] button:contains(1403/12/30)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved .o_field_widget[name=birthday] button:contains(1403/12/30)",
        },
    ],
});

/** A Gregorian user sees and types stock Odoo dates. */
registry.category("web_tour.tours").add("municipality_base_gregorian_date", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a:contains(Personal)",
            run: "click",
        },
        {
            content: "Stock display of 2025-03-20",
            trigger: ".o_field_widget[name=birthday] button:contains(Mar 20, 2025)",
            run: "click",
        },
        {
            content: "Stock Gregorian picker",
            trigger: ".o_datetime_picker .o_header_part:contains(March 2025)",
        },
        {
            trigger: ".o_field_widget[name=birthday] input",
            run: "edit 03/21/2025 && press Enter",
        },
        {
            trigger: ".o_field_widget[name=birthday] button:contains(Mar 21, 2025)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved .o_field_widget[name=birthday] button:contains(Mar 21, 2025)",
        },
    ],
});

/**
 * A Persian Jalali user's employee list, grouped by birthday's Jalali month
 * from a search view filter: 2025-03-20 and 2025-03-21 fall in different
 * buckets (30 Esfand 1403 and 1 Farvardin 1404).
 */
registry.category("web_tour.tours").add("municipality_base_jalali_group_by_month", {
    steps: () => [
        {
            content: "Esfand 1403 holds the employee born on 2025-03-20",
            trigger: ".o_group_name:contains(اسفند ۱۴۰۳)",
            run: "click",
        },
        {
            trigger: ".o_data_row .o_data_cell:contains(Bucket Esfand)",
        },
        {
            content: "and only that one",
            trigger: ".o_list_table:not(:has(.o_data_row:contains(Bucket Farvardin)))",
        },
        {
            trigger: ".o_group_name:contains(اسفند ۱۴۰۳)",
            run: "click",
        },
        {
            content: "Farvardin 1404 holds the employee born on 2025-03-21",
            trigger: ".o_group_name:contains(فروردین ۱۴۰۴)",
            run: "click",
        },
        {
            trigger: ".o_data_row .o_data_cell:contains(Bucket Farvardin)",
        },
        {
            trigger: ".o_list_table:not(:has(.o_data_row:contains(Bucket Esfand)))",
        },
    ],
});
