from odoo import api, fields, models
from odoo.fields import Command


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    municipality_instalment_count = fields.Integer(
        string="Toll Instalments", readonly=True, copy=False,
        help="Set on the terms made for toll assessments: that many equal instalments, one a Jalali month.")

    @api.model
    def _get_toll_instalment_term(self, count, company):
        """The payment term of ``count`` equal monthly instalments (the first
        due on the invoice date, the next ones on the same day of the following
        Jalali months), created the first time it is needed."""
        domain = [("municipality_instalment_count", "=", count), ("company_id", "in", (company.id, False))]
        if count > 1:
            domain.append(("line_ids.jalali_months", "!=", 0))  # not a term of 30-day months made before
        term = self.search(domain, limit=1)
        if term:
            return term
        share = round(100.0 / count, 4)
        lines = [Command.create({"value": "percent", "value_amount": share, "delay_type": "days_after",
                                 "nb_days": 30 * index, "jalali_months": index}) for index in range(count - 1)]
        lines.append(Command.create({"value": "percent", "value_amount": round(100.0 - share * (count - 1), 4),
                                     "delay_type": "days_after", "nb_days": 30 * (count - 1),
                                     "jalali_months": count - 1}))
        name = (self.env._("Toll: pay at once") if count == 1
                else self.env._("Toll: %(count)s monthly instalments", count=count))
        return self.sudo().create({
            "name": name, "company_id": company.id, "municipality_instalment_count": count,
            "early_discount": False, "line_ids": [Command.clear()] + lines,
        }).sudo(False)
