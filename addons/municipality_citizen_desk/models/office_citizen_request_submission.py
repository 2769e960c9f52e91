"""What a public submission brings besides the request's own fields: up to
three photos (portal) and the values of the category's Open311 service
attributes (``attribute[code]=value``).

The controllers hand them over in the context (``citizen_request_photos``: a
list of ``(file name, bytes)`` as uploaded; ``citizen_request_attributes``: a
``{code: value}`` dict, given by Open311 only), so that ``_submit_public``
checks them with everything else before anything is written.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import citizen_photo


class OfficeCitizenRequest(models.Model):
    _inherit = "office.citizen.request"

    photo_ids = fields.Many2many(
        "ir.attachment", "office_citizen_request_photo_rel", "request_id", "attachment_id", string="Photos",
        readonly=True, copy=False,
        help="Photos the citizen sent with the request, re-encoded without their location and camera metadata.")
    photo_count = fields.Integer(compute="_compute_photo_count", string="Number of Photos")
    attribute_value_ids = fields.One2many(
        "office.citizen.request.attribute.value", "request_id", string="Service Attributes", readonly=True)

    @api.depends("photo_ids")
    def _compute_photo_count(self):
        for citizen_request in self:
            citizen_request.photo_count = len(citizen_request.photo_ids)

    @api.model
    def _submit_public(self, values, company=None):
        photos = self._clean_public_photos(self.env.context.get("citizen_request_photos") or [])
        attributes = self.env.context.get("citizen_request_attributes")
        category = self.env["office.citizen.request.category"]._open311_services(
            (values.get("service_code") or "").strip() if isinstance(values, dict) else "", company=company)[:1]
        attribute_values = category._check_public_attributes(attributes) if attributes is not None and category \
            else []
        citizen_request = super(OfficeCitizenRequest, self.with_context(
            citizen_request_photos=None, citizen_request_attributes=None))._submit_public(values, company=company)
        citizen_request._attach_public_photos(photos)
        if attribute_values:
            citizen_request.attribute_value_ids = [Command.create(value) for value in attribute_values]
        return citizen_request

    @api.model
    def _clean_public_photos(self, photos):
        """``[(data, mimetype, extension)]`` of the uploaded photos without metadata, or a Persian
        ``ValidationError`` saying which one cannot be taken and why."""
        _ = self.env._
        if len(photos) > citizen_photo.MAX_PHOTOS:
            raise ValidationError(_("Send at most %s photos.", citizen_photo.MAX_PHOTOS))
        cleaned = []
        for filename, data in photos:
            try:
                cleaned.append(citizen_photo.clean_photo(data))
            except citizen_photo.PhotoError as error:
                if error.reason == "too_large":
                    raise ValidationError(_(
                        "The photo “%(name)s” is too large: each photo may be at most %(size)s MB.",
                        name=filename, size=citizen_photo.MAX_BYTES // (1024 * 1024))) from None
                raise ValidationError(_(
                    "The file “%s” is not a photo the desk takes: send JPEG, PNG or WebP images.",
                    filename)) from None
        return cleaned

    def _attach_public_photos(self, photos):
        """Store the cleaned photos as attachments of this request, each with an access token (the Open311
        ``media_url`` of whoever holds the tracking code)."""
        self.ensure_one()
        if not photos:
            return
        attachments = self.env["ir.attachment"].sudo().create([{
            "name": f"photo-{index}.{extension}",
            "raw": data,
            "mimetype": mimetype,
            "res_model": self._name,
            "res_id": self.id,
        } for index, (data, mimetype, extension) in enumerate(photos, start=1)])
        attachments.generate_access_token()
        self.sudo().photo_ids = [Command.set(attachments.ids)]

    def _open311_values(self, private=False, state_labels=None):
        """With the tracking code, ``media_url`` is the first photo's address (unguessable: it carries the
        attachment's access token). Lists of other people's requests show no photo."""
        values = super()._open311_values(private=private, state_labels=state_labels)
        photo = self.sudo().photo_ids[:1]
        if private and photo.access_token:
            values["media_url"] = f"{self.get_base_url()}/web/image/{photo.id}?access_token={photo.access_token}"
        return values
