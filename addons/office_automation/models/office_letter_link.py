from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

LINK_TYPES = [("follow_up", "Follow-up"), ("reference", "Reference"), ("reply", "Reply")]


class OfficeLetterLink(models.Model):
    """A letter that points at an earlier one: پیرو (follow-up), عطف (reference) or بازگشت (reply).

    The link belongs to the newer letter (``letter_id``) and is part of its
    signed content; both letters show it. A link names the letters by their
    display names, which never include a classified letter's subject.
    """

    _name = "office.letter.link"
    _description = "Link between Letters"
    _inherit = ["office.letter.part.mixin"]
    _order = "letter_id, id"
    _letter_read_fields = ("letter_id", "linked_letter_id")

    letter_id = fields.Many2one("office.letter", string="Letter", required=True, ondelete="cascade", index=True)
    linked_letter_id = fields.Many2one("office.letter", string="Linked Letter", required=True, ondelete="restrict",
                                       index=True)
    link_type = fields.Selection(LINK_TYPES, string="Link", required=True, default="follow_up")
    letter_name = fields.Char(string="From Letter", compute="_compute_letter_names")
    linked_letter_name = fields.Char(string="To Letter", compute="_compute_letter_names")
    linked_letter_type = fields.Selection(related="linked_letter_id.letter_type", string="Linked Letter Type")
    letter_type = fields.Selection(related="letter_id.letter_type", string="Letter Type")

    _link_once = models.Constraint(
        "unique(letter_id, linked_letter_id)", "A letter is linked to another letter only once.")
    _not_to_itself = models.Constraint(
        "CHECK(letter_id != linked_letter_id)", "A letter cannot be linked to itself.")

    @api.depends("letter_id", "linked_letter_id")
    def _compute_letter_names(self):
        # Names only: the number and, for a normal letter only, the subject (see office.letter's display name).
        for link in self:
            link.letter_name = link.letter_id.sudo().display_name
            link.linked_letter_name = link.linked_letter_id.sudo().display_name

    @api.depends("link_type", "linked_letter_id")
    def _compute_display_name(self):
        labels = dict(self._fields["link_type"]._description_selection(self.env))
        for link in self:
            link.display_name = f"{labels.get(link.link_type, '')}: {link.linked_letter_id.sudo().display_name}"

    @api.constrains("letter_id", "linked_letter_id")
    def _check_same_company(self):
        for link in self.sudo():
            if link.letter_id.company_id != link.linked_letter_id.company_id:
                raise ValidationError(self.env._("A letter can only be linked to a letter of the same company."))

    @api.model_create_multi
    def create(self, vals_list):
        Letter = self.env["office.letter"]
        self._check_links_editable(
            Letter.browse({vals["letter_id"] for vals in vals_list if vals.get("letter_id")}),
            Letter.browse({vals["linked_letter_id"] for vals in vals_list if vals.get("linked_letter_id")}))
        return super().create(vals_list)

    def write(self, vals):
        Letter = self.env["office.letter"]
        self._check_links_editable(self.letter_id | Letter.browse(vals.get("letter_id") or []),
                                   Letter.browse(vals.get("linked_letter_id") or []))
        return super().write(vals)

    def unlink(self):
        self._check_links_editable(self.letter_id)
        return super().unlink()

    @api.model
    def _check_links_editable(self, letters, linked_letters=None):
        """Links change with their letter's content; nobody links to a letter they cannot read."""
        if self.env.su:
            return
        letters.check_access("write")
        if linked_letters:
            linked_letters.check_access("read")
        locked = letters.filtered(lambda letter: not letter._content_editable())
        if locked:
            raise UserError(self.env._(
                "The links of letter %s are part of what was signed or registered and can no longer change. "
                "Write a new letter that follows it up (پیرو) instead.", locked[0].display_name))
