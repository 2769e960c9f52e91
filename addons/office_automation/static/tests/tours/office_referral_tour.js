import { registry } from "@web/core/registry";

const { DateTime } = luxon;

/**
 * A secretariat clerk registers an incoming letter with the sender's own
 * number and date, sees the number the secretariat gives it, and refers it
 * to a colleague with a margin note and a deadline; the referral shows on
 * the letter.
 */
registry.category("web_tour.tours").add("office_referral_tour", {
    steps: () => [
        {
            content: "The letters list: create a letter",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "An incoming letter",
            trigger: ".o_form_editable .o_field_widget[name=letter_type] input",
            run: "click",
        },
        {
            trigger: ".o_select_menu_item:contains(Incoming)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Request for a building permit inquiry",
        },
        {
            content: "Who sent it",
            trigger: ".o_field_widget[name=sender_partner_id] input",
            run: "edit Tour Sender",
        },
        {
            trigger: ".o_field_widget[name=sender_partner_id] .o-autocomplete--dropdown-item:contains(Tour Sender Co)",
            run: "click",
        },
        {
            content: "The sender's own number",
            trigger: ".o_field_widget[name=sender_number] input",
            run: "edit 4521/88",
        },
        {
            content: "and date",
            trigger: ".o_field_widget[name=sender_date] input",
            run: "edit 11/10/2026 && press Enter",
        },
        {
            trigger: ".o_form_sheet .oe_title",
            run: "click",
        },
        {
            content: "Register it in the secretariat",
            trigger: ".o_form_statusbar button[name=action_register]",
            run: "click",
        },
        {
            content: "The secretariat numbered it",
            trigger: ".o_form_saved .oe_title .o_field_widget[name=number]:contains(/TT)",
        },
        {
            content: "Refer it",
            trigger: ".o_form_statusbar button[name=action_refer]",
            run: "click",
        },
        {
            content: "Choose the colleague",
            trigger: ".modal .o_field_widget[name=user_ids] input",
            run: "edit Tour Colleague",
        },
        {
            trigger: ".modal .o_field_widget[name=user_ids] .o-autocomplete--dropdown-item:contains(Tour Colleague)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=user_ids] .o_tag:contains(Tour Colleague)",
        },
        {
            content: "The deadline: a week by default, give ten days",
            trigger: ".modal .o_field_widget[name=deadline] button",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=deadline] input",
            run: `edit ${DateTime.now().plus({ days: 10 }).toFormat("MM/dd/yyyy")} && press Enter`,
        },
        {
            content: "The margin note",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Please check the file and prepare a reply.",
        },
        {
            content: "Ask for a reply",
            trigger: ".modal .o_field_widget[name=requested_action] input",
            run: "click",
        },
        {
            trigger: ".o_select_menu_item:contains(Prepare a Reply)",
            run: "click",
        },
        {
            trigger: ".modal-footer button[name=action_refer]",
            run: "click",
        },
        {
            content: "Back on the letter, now received, with its referral",
            trigger: "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value=received]",
        },
        {
            trigger: ".o_notebook .nav-link[name=referrals]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=referral_ids] .o_data_row:contains(Tour Colleague):contains(Please check the file)",
        },
        {
            content: "The referral tree of the letter",
            trigger: "button[name=action_view_referral_tree]:contains(Referrals)",
            run: "click",
        },
        {
            trigger: ".o_hierarchy_view .o_hierarchy_node:contains(Tour Colleague)",
        },
    ],
});

/**
 * The colleague finds the referral in their in-tray, opens it (it is then in
 * progress), writes what they did and marks it done.
 */
registry.category("web_tour.tours").add("office_referral_intray_tour", {
    steps: () => [
        {
            content: "The in-tray: the new referral, in the New column",
            trigger: ".o_kanban_group:contains(New) .o_kanban_record:contains(Please check the file)",
            run: "click",
        },
        {
            content: "Opened, it is in progress",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=in_progress]",
        },
        {
            trigger: ".o_field_widget[name=result_note] textarea",
            run: "edit A reply is drafted as a follow-up letter.",
        },
        {
            trigger: ".o_form_statusbar button[name=action_done]",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
