from odoo import api, models
from odoo.exceptions import ValidationError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._check_office_letter_assignee()
        return activities

    def write(self, vals):
        result = super().write(vals)
        if {"user_id", "res_model", "res_model_id", "res_id"} & set(vals):
            self._check_office_letter_assignee()
        return result

    def action_open_intray_item(self):
        """Open what this activity waits for, from the in-tray: the document's own in-tray action when its model
        has one (a referral's letter opens the referral and puts it in progress), else the document."""
        self.ensure_one()
        if self.res_model and self.res_id and self.res_model in self.env:
            record = self.env[self.res_model].browse(self.res_id).exists()
            if record and hasattr(record, "_intray_open_action") and record.has_access("read"):
                action = record._intray_open_action(self)
                if action:
                    return action
        return self.action_open_document()

    def _check_office_letter_assignee(self):
        """An activity on a letter goes only to someone who may read the letter.

        The assignee of an activity reads it (its summary, note and the
        letter's name) even without access to the letter: assigning one on a
        classified letter to a user without the clearance, who is not party to
        it, would show them what the letter is about.
        """
        for activity in self.sudo().filtered(lambda a: a.res_model == "office.letter" and a.res_id and a.user_id):
            letter = self.env["office.letter"].browse(activity.res_id)
            if not letter.with_user(activity.user_id)._filtered_access("read"):
                raise ValidationError(self.env._(
                    "%(user)s may not read letter %(letter)s (its class is above their clearance and they are not "
                    "party to it): assign the activity to someone who may, or refer the letter to them first.",
                    user=activity.user_id.name, letter=letter.sudo().number or letter.sudo().display_name))
