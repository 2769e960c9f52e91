import { registry } from "@web/core/registry";

/**
 * A finance clerk assesses a citizen's renovation toll from the Municipal
 * Finance app: chooses the citizen and the toll type, types the property's
 * value in the input the type asks for, and confirms; the assessment gets
 * its invoice. Its amounts read as whole rials.
 */
registry.category("web_tour.tours").add("municipality_finance_toll_assessment_tour", {
    steps: () => [
        {
            content: "The assessments list: create one",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the citizen",
            trigger: ".o_form_editable .o_field_widget[name=partner_id] input",
            run: "edit تورآزما",
        },
        {
            trigger: ".o_field_widget[name=partner_id] .o-autocomplete--dropdown-item:contains(کیوان تورآزما)",
            run: "click",
        },
        {
            content: "Choose the renovation toll",
            trigger: ".o_field_widget[name=toll_type_id] input",
            run: "edit نوسازی",
        },
        {
            trigger: ".o_field_widget[name=toll_type_id] .o-autocomplete--dropdown-item:contains(عوارض نوسازی)",
            run: "click",
        },
        {
            content: "The type's input appears: the property's value",
            trigger: ".o_field_widget[name=input_ids] .o_data_row:first .o_data_cell[name=value_number]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=input_ids] .o_data_row .o_field_widget[name=value_number] input",
            run: "edit 1000000000",
        },
        {
            content: "Leave the input row so the amount is computed",
            trigger: ".o_form_sheet .oe_title",
            run: "click",
        },
        {
            content: "Confirm the assessment",
            trigger: ".o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Confirmed, with its invoice",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=confirmed]",
        },
        {
            trigger: "button[name=action_open_invoice]:contains(REV/)",
        },
        {
            content: "Rials read whole: the toll and the property's value without decimals",
            trigger: ".o_form_view .o_field_widget[name=amount_total]",
            run() {
                const read = (selector) => document.querySelector(selector).textContent.trim();
                const total = read(".o_field_widget[name=amount_total]");
                const value = read(".o_field_widget[name=input_ids] .o_data_cell[name=value_number]");
                for (const [what, text, figure] of [["toll", total, "5,000,000"], ["value", value, "1,000,000,000"]]) {
                    const latin = text.replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).replace(/٬/g, ",");
                    if (!latin.includes(figure) || /[.٫]\d/.test(latin)) {
                        throw new Error(`the ${what} reads «${text}», not ${figure} rials without decimals`);
                    }
                }
            },
        },
    ],
});
