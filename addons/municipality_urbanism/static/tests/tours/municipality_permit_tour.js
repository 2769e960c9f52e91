import { registry } from "@web/core/registry";

import { putPdf } from "@municipality_urbanism/../tests/tours/utils/file_upload";

/**
 * A building permit file goes from desk to desk in the browser: each role opens the file, or the letter or
 * invoice it waits for, and does its part: the front desk, the inspector, the expert (zoning, the inquiry,
 * the agency's answer, fees), the secretariat (signing and registering the inquiry letter, registering the
 * agency's reply), the cash desk (the payment on each fee invoice), the three signatories.
 */
const tours = registry.category("web_tour.tours");

const atStage = (stage) => ({
    content: `The file is at “${stage}”`,
    trigger: `.o_statusbar_status button.o_arrow_button_current:contains(${stage})`,
});
const press = (name) => ({
    content: `Press ${name}`,
    trigger: `.o_form_view .o_form_statusbar button[name=${name}]`,
    run: "click",
});

const tab = (name) => ({
    content: `Open the ${name} tab`,
    trigger: `.o_notebook .nav-link[name=${name}]`,
    run: "click",
});
const addLine = (field) => ({
    content: `Add a line to ${field}`,
    trigger: `.o_field_widget[name=${field}] .o_field_x2many_list_row_add a`,
    run: "click",
});
const pick = (field, text, item = text) => [
    { content: `Type ${text} in ${field}`, trigger: `.o_field_widget[name=${field}] input`, run: `edit ${text}` },
    { trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item:contains(${item})`, run: "click" },
];
const choose = (field, label, item = `.o_select_menu_item:contains(${label})`) => [
    { content: `Open ${field}`, trigger: `.o_field_widget[name=${field}] input`, run: "click" },
    { content: `Choose ${label}`, trigger: item, run: "click" },
];
/** A document line of the file: its type, and a PDF in its upload field. */
const attachDocument = (type, name) => [
    addLine("document_ids"),
    ...pick("document_type_id", type),
    {
        content: `Upload ${name}`,
        trigger: ".o_field_widget[name=document_ids] .o_selected_row .o_field_widget[name=file] input.o_input_file:not(:visible)",
        run: putPdf(name),
    },
    {
        content: `${name} is in`,
        trigger: `.o_field_widget[name=document_ids] .o_selected_row .o_field_widget[name=file] input:value(${name})`,
    },
];
const inStatus = (value) => ({
    content: `The record is ${value}`,
    trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${value}]`,
});

tours.add("urbanism_permit_front_desk_tour", {
    steps: () => [atStage("Application"), press("action_next_stage"), atStage("Site Visit")],
});

tours.add("urbanism_permit_visit_tour", {
    steps: () => [
        { content: "A new site visit", trigger: ".o_form_view .o_field_widget[name=findings] textarea" },
        ...pick("permit_id", "PF/", "PF/"),
        ...pick("property_id", "88-21-7"),
        { trigger: ".o_field_widget[name=findings] textarea", run: "edit زمین خالی، مطابق سند" },
        ...choose("outcome", "Compliant"),
        press("action_done"),
        { content: "The visit is recorded", trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)" },
    ],
});

tours.add("urbanism_permit_inspector_tour", {
    steps: () => [atStage("Site Visit"), press("action_next_stage"), atStage("Zoning Check")],
});

tours.add("urbanism_permit_zoning_tour", {
    steps: () => [
        atStage("Zoning Check"),
        press("action_zoning_check"),
        { content: "80 m² of excess density are found", trigger: ".o_field_widget[name=zoning_excess_area]:contains(80)" },
        press("action_next_stage"),
        atStage("Inquiries"),
    ],
});

tours.add("urbanism_permit_inquiry_tour", {
    steps: () => [
        atStage("Inquiries"),
        tab("inquiries"),
        addLine("inquiry_ids"),
        ...pick("agency_id", "میراث", "اداره میراث فرهنگی"),
        { trigger: ".o_field_widget[name=inquiry_ids] .o_field_widget[name=subject] input", run: "edit استعلام حریم میراث فرهنگی" },
        { content: "Save the file", trigger: ".o_form_button_save", run: "click" },
        { content: "Write the inquiry letter", trigger: ".o_data_row button[name=action_prepare_letter]", run: "click" },
        {
            content: "The letter is written, to be signed and registered",
            trigger: ".o_data_row td[name=letter_id]:contains(Draft letter)",
        },
        {
            content: "The file cannot move on while the inquiry is unanswered",
            trigger: ".o_form_statusbar button[name=action_next_stage]",
            run: "click",
        },
        { trigger: ".modal:contains(waits for the answers to its inquiries)" },
        { trigger: ".modal .modal-footer .btn-primary", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        atStage("Inquiries"),
    ],
});

tours.add("urbanism_inquiry_letter_sign_tour", {
    steps: () => [
        inStatus("draft"),
        tab("signatures"),
        addLine("signature_ids"),
        ...pick("user_id", "up_expert"),
        press("action_request_signatures"),
        inStatus("to_sign"),
        press("action_sign"),
        { content: "Signed", trigger: ".o_field_widget[name=signature_ids] .o_data_row:contains(Signed)" },
    ],
});

tours.add("urbanism_inquiry_letter_register_tour", {
    steps: () => [
        press("action_register"),
        inStatus("registered"),
        { content: "The secretariat numbered it", trigger: ".oe_title .o_field_widget[name=number]:contains(/UP)" },
    ],
});

tours.add("urbanism_inquiry_reply_tour", {
    steps: () => [
        { content: "The letters list: a new letter", trigger: ".o_list_view .o_list_button_add", run: "click" },
        ...choose("letter_type", "Incoming"),
        { trigger: ".o_field_widget[name=subject] input", run: "edit پاسخ استعلام حریم" },
        ...pick("sender_partner_id", "میراث", "اداره میراث فرهنگی"),
        { trigger: ".o_field_widget[name=sender_number] input", run: "edit ۱۴۰۵/۸۸" },
        { trigger: ".o_field_widget[name=sender_date] input", run: "edit 11/10/2026 && press Enter" },
        { trigger: ".o_form_sheet .oe_title", run: "click" },
        tab("links"),
        addLine("link_ids"),
        ...choose("link_type", "Reply"),
        ...pick("linked_letter_id", "استعلام حریم میراث"),
        press("action_register"),
        inStatus("registered"),
    ],
});

tours.add("urbanism_permit_cashier_tour", {
    steps: () => [
        { content: "Pay the fee invoice", trigger: "button#account_invoice_payment_btn", run: "click" },
        { content: "In full, today", trigger: ".modal button[name=action_create_payments]:visible", run: "click" },
        {
            content: "The invoice is paid",
            trigger: "body:not(:has(.modal)) .ribbon:contains(Paid), body:not(:has(.modal)) .ribbon:contains(In Payment)",
        },
    ],
});

tours.add("urbanism_permit_expert_tour", {
    steps: () => [
        atStage("Inquiries"),
        tab("inquiries"),
        {
            content: "The agency's reply is registered against the inquiry",
            trigger: ".o_data_row td[name=state]:contains(Answered)",
        },
        { content: "Record what the agency answered", trigger: ".o_data_row td[name=answer]", run: "click" },
        ...choose("answer", "Consent", ".o_select_menu_item:contains(Consent):not(:contains(Conditions))"),
        press("action_next_stage"),
        atStage("Plan Brief"),
        press("action_next_stage"),
        atStage("Drawings"),
        tab("documents"),
        ...attachDocument("Structural Drawings", "plans.pdf"),
        ...attachDocument("Commitment Forms", "forms.pdf"),
        press("action_next_stage"),
        atStage("Fees"),
        press("action_assess_fees"),
        { content: "The fees are assessed", trigger: ".oe_stat_button[name=action_view_assessments]" },
        press("action_next_stage"),
        atStage("Payment"),
    ],
});

tours.add("urbanism_permit_head_sign_tour", {
    steps: () => [
        atStage("Signatures"),
        press("action_sign"),
        { content: "The deputy signs next", trigger: ".o_field_widget[name=next_signature_role]:contains(Deputy)" },
    ],
});

tours.add("urbanism_permit_deputy_sign_tour", {
    steps: () => [
        press("action_sign"),
        { content: "The mayor signs next", trigger: ".o_field_widget[name=next_signature_role]:contains(Mayor)" },
    ],
});

tours.add("urbanism_permit_mayor_sign_tour", {
    steps: () => [
        press("action_sign"),
        { content: "Signed by all three: the permit can be issued", trigger: ".o_form_statusbar button[name=action_issue]" },
    ],
});

tours.add("urbanism_permit_issue_tour", {
    steps: () => [
        press("action_issue"),
        { content: "The permit has its number", trigger: ".o_field_widget[name=permit_number]:contains(/)" },
    ],
});
