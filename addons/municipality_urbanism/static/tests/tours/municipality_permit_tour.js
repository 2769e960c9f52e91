import { registry } from "@web/core/registry";

/**
 * A building permit file goes from desk to desk in the browser: each role opens the file and presses its
 * button (the test plays the other units' part: the secretariat's letters, the cash desk's payment).
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

tours.add("urbanism_permit_front_desk_tour", {
    steps: () => [atStage("Application"), press("action_next_stage"), atStage("Site Visit")],
});

tours.add("urbanism_permit_visit_tour", {
    steps: () => [
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

tours.add("urbanism_permit_expert_tour", {
    steps: () => [
        atStage("Inquiries"),
        press("action_next_stage"),
        atStage("Plan Brief"),
        press("action_next_stage"),
        atStage("Drawings"),
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
