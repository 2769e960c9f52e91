"""The citizen's side of a permit file: online application on the portal, what the portal shows of a file,
and the SMS of each step (``sms.template`` records, in the applicant's language)."""

import base64
import os

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.municipality_base.tools.digits import to_persian_digits
from odoo.addons.municipality_base.tools.identifiers import mobile_forms, normalize_national_id

from .municipality_property import stored_renovation_code

POWER_OF_ATTORNEY = "power_of_attorney"
#: The SMS of each step of a file (``sms.template`` XML ids).
SMS_RECEIVED = "municipality_urbanism.sms_template_permit_received"
SMS_STAGE = "municipality_urbanism.sms_template_permit_stage"
SMS_FEES = "municipality_urbanism.sms_template_permit_fees"
SMS_BACK = "municipality_urbanism.sms_template_permit_back"
SMS_ISSUED = "municipality_urbanism.sms_template_permit_issued"
SMS_DEADLINES = {
    "start": "municipality_urbanism.sms_template_permit_start_deadline",
    "completion": "municipality_urbanism.sms_template_permit_completion_deadline",
}
#: What a file uploaded with these extensions must contain.
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}
#: The most floor lines an online application may have.
PORTAL_MAX_FLOORS = 60


class MunicipalityPermitPortal(models.Model):
    _inherit = "municipality.permit"

    @api.model_create_multi
    def create(self, vals_list):
        permits = super().create(vals_list)
        permits._sms_applicant(SMS_RECEIVED)
        return permits

    # ------------------------------------------------------------------
    # Who may see and apply
    # ------------------------------------------------------------------
    @api.model
    def _portal_domain(self, partner):
        """The files a citizen follows on the portal: those they applied for, and those of the properties they
        own (matched by national ID, as the record rule for portal users)."""
        national_id = partner.sudo().national_id
        domain = [("applicant_id", "=", partner.id)]
        if national_id:
            domain = ["|", "|", *domain, ("applicant_id.national_id", "=", national_id),
                      ("property_id.owner_share_ids.partner_id.national_id", "=", national_id)]
        return domain

    @api.model
    def _portal_owned_properties(self, partner):
        """The properties whose owners include the citizen (by national ID; nothing without one)."""
        national_id = partner.sudo().national_id
        if not national_id:
            return self.env["municipality.property"]
        return self.env["municipality.property"].sudo().search(
            [("owner_share_ids.partner_id.national_id", "=", national_id)])

    @api.model
    def _portal_find_property(self, partner, role, property_id=None, renovation_code=None, owner_national_id=None):
        """The property a citizen applies for, and the partner who applies: an owner picks one of their own
        properties; an attorney names the property by its renovation code and one owner's national ID (and then
        attaches the power of attorney). Anything else is refused with the same message, which says nothing
        about the property or its owners."""
        _ = self.env._
        refused = UserError(_(
            "You are not an owner of this property. An owner applies for their own property; an attorney gives "
            "the property's renovation code and an owner's national ID and attaches the power of attorney."))
        national_id = partner.sudo().national_id
        if role == "owner":
            try:
                prop = self._portal_owned_properties(partner).filtered(lambda p: p.id == int(property_id or 0))
            except ValueError:
                prop = None
            if not prop:
                raise refused
            owners = prop.owner_share_ids.partner_id
            applicant = partner if partner in owners else owners.filtered(lambda o: o.national_id == national_id)[:1]
            return prop, applicant
        if role == "attorney":
            code = stored_renovation_code((renovation_code or "").strip())
            owner_id = normalize_national_id((owner_national_id or "").strip())
            if not code or not owner_id:
                raise refused
            prop = self.env["municipality.property"].sudo().search([
                ("renovation_code", "=", code), ("owner_share_ids.partner_id.national_id", "=", owner_id)], limit=2)
            if len(prop) != 1:
                raise refused
            return prop, partner
        raise refused

    @api.model
    def _portal_floor_values(self, floors):
        """``floors``: [{'floor', 'use', 'area', 'units'}] as typed; the floor lines, or a Persian refusal."""
        _ = self.env._
        uses = dict(self.env["municipality.permit.floor"]._fields["use"]._description_selection(self.env))
        lines = []
        for row in floors:
            if not any((row.get(key) or "").strip() for key in ("area", "units")):
                continue
            try:
                floor = int(row.get("floor") or 0)
                area = float(row.get("area") or 0)
                units = int(row.get("units") or 0)
            except ValueError as error:
                raise UserError(_("Enter the floor, the area and the units of each floor as numbers.")) from error
            if row.get("use") not in uses:
                raise UserError(_("Choose the use of floor %(floor)s.", floor=floor))
            lines.append({"floor": floor, "use": row["use"], "area": area, "units": units})
        if not lines:
            raise UserError(_("Enter at least one floor with its use, area and units."))
        if len(lines) > PORTAL_MAX_FLOORS:
            raise UserError(_("An application has at most %(count)s floor lines.",
                              count=to_persian_digits(PORTAL_MAX_FLOORS)))
        return lines

    @api.model
    def _portal_required_document_types(self, permit_type, role):
        """The documents an online application attaches: the type's and its first stage's, and the power of
        attorney when an attorney applies."""
        types = permit_type.sudo().document_type_ids | permit_type.sudo()._first_stage().document_type_ids
        if role == "attorney":
            types |= self.env["municipality.document.type"].sudo().search([("code", "=", POWER_OF_ATTORNEY)],
                                                                           limit=1)
        return types.sorted(lambda t: (t.sequence, t.id))

    @api.model
    def _portal_draft(self, partner, values):
        """The application as an unsaved record (for the fee estimate), with the property's and applicant's
        checks done. ``values``: role, property_id / renovation_code + owner_national_id, permit_type_id,
        parking_spaces, floors."""
        _ = self.env._
        prop, applicant = self._portal_find_property(
            partner, values.get("role"), values.get("property_id"), values.get("renovation_code"),
            values.get("owner_national_id"))
        try:
            permit_type = self.env["municipality.permit.type"].sudo().browse(int(values.get("permit_type_id") or 0))
            parking = int(values.get("parking_spaces") or 0)
        except ValueError as error:
            raise UserError(_("Choose the permit type and enter the parking spaces as a number.")) from error
        if not permit_type.exists() or not permit_type.active or not permit_type._first_stage() \
                or permit_type.company_id not in (prop.company_id, self.env["res.company"]):
            raise UserError(_("Choose the permit type you apply for."))
        if parking < 0:
            raise UserError(_("The parking spaces cannot be negative."))
        floors = self._portal_floor_values(values.get("floors") or [])
        draft = self.sudo().new({
            "property_id": prop.id, "permit_type_id": permit_type.id, "applicant_id": applicant.id,
            "applicant_role": values.get("role"), "parking_spaces": parking, "company_id": prop.company_id.id,
            "floor_ids": [(0, 0, line) for line in floors]})
        for line in draft.floor_ids:
            line._check_figures()
        return draft

    def _portal_estimate(self):
        """The fee estimate of an unsaved application: the excess density the zoning check would find, then
        ``_estimate_fees``. [(toll type, amount)], total; empty when the regional values or tariffs are missing
        (the citizen then sees that the estimate is not available)."""
        self.ensure_one()
        if self.id and not self.zoning_state:
            # a saved file before its zoning check: estimate on an unsaved copy, never on the file itself
            return self.new({
                "property_id": self.property_id.id, "permit_type_id": self.permit_type_id.id,
                "applicant_id": self.applicant_id.id, "applicant_role": self.applicant_role,
                "parking_spaces": self.parking_spaces, "company_id": self.company_id.id,
                "floor_ids": [(0, 0, {"floor": line.floor, "use": line.use, "area": line.area, "units": line.units,
                                      "frontage": line.frontage, "height": line.height})
                              for line in self.floor_ids]})._portal_estimate()
        zoning = self.property_id.zoning_id
        if zoning and self.floor_ids and not self.id:
            try:
                result = self._zoning_check_result()
            except ValueError:
                result = None
            if result is not None:
                self._set_floor_excess(result)
                self.zoning_excess_area = float(result.excess_area)
        try:
            lines = self._estimate_fees()
        except (UserError, ValidationError):
            return [], False
        return lines, sum(amount for _toll, amount in lines)

    @api.model
    def _portal_apply(self, partner, values, uploads):
        """Create the file of an online application with its documents, all or nothing.

        ``uploads``: {document type: (file name, base64 data)}. Every required document must be there and pass
        its type's rules (extension, size) before anything is written; the file and its documents are then
        created in one savepoint, so a failure leaves no file and no attachment."""
        _ = self.env._
        draft = self._portal_draft(partner, values)
        required = self._portal_required_document_types(draft.permit_type_id, values.get("role"))
        missing = required.filtered(lambda t: not uploads.get(t))
        if missing:
            raise UserError(_("Attach these documents: %(documents)s.",
                              documents=", ".join(missing.mapped("name"))))
        for doc_type, (file_name, data) in uploads.items():
            doc_type._check_upload(file_name, data)
            self._portal_check_content(doc_type, file_name, data)
        with self.env.cr.savepoint():
            permit = self.sudo().create({
                "property_id": draft.property_id.id, "permit_type_id": draft.permit_type_id.id,
                "applicant_id": draft.applicant_id.id, "applicant_role": draft.applicant_role,
                "parking_spaces": draft.parking_spaces, "company_id": draft.company_id.id,
                "floor_ids": [(0, 0, {"floor": line.floor, "use": line.use, "area": line.area, "units": line.units})
                              for line in draft.floor_ids],
                "document_ids": [(0, 0, {"document_type_id": doc_type.id, "file": data, "file_name": file_name})
                                 for doc_type, (file_name, data) in uploads.items()],
            })
            permit.message_post(body=_("Applied for online by %(partner)s.", partner=partner.name))
        return permit

    @api.model
    def _portal_check_content(self, doc_type, file_name, data):
        """A file from the portal is what its extension says (a PDF, a PNG, a JPEG), not something renamed."""
        extension = os.path.splitext(file_name or "")[1].lower().lstrip(".")
        expected = CONTENT_TYPES.get(extension)
        if expected and guess_mimetype(base64.b64decode(data)) != expected:
            raise ValidationError(self.env._(
                "“%(file)s” is not a %(extension)s file; attach the %(type)s as a real %(extension)s.",
                file=file_name, extension=extension.upper(), type=doc_type.name))

    @api.model
    def _portal_check_access(self, permit_id):
        """The citizen's own file ``permit_id`` (sudo), or AccessError: read through the portal user's record
        rules, as any file of someone else must be invisible."""
        permit = self.browse(int(permit_id))
        if not permit.exists():
            raise AccessError(self.env._("No such file."))
        permit.check_access("read")
        if not self.sudo().search_count([("id", "=", permit.id), *self._portal_domain(self.env.user.partner_id)]):
            raise AccessError(self.env._("No such file."))
        return permit.sudo()

    def _portal_stage_history(self):
        """[{stage, unit, entered, left, deadline, status}] of the file's stages in order: when it last entered
        and left each (the stage log, in the municipality's days), the acting unit, and whether it is done,
        current or to come."""
        self.ensure_one()
        self = self.sudo()
        stays = {stay.stage_id.id: stay for stay in self.stage_log_ids.sorted(lambda s: (s.date_start, s.id))}
        stages = self.permit_type_id.stage_ids.sorted()
        current = self.stage_id
        position = list(stages).index(current) if current in stages else -1
        history = []
        for index, stage in enumerate(stages):
            if self.state == "issued" or index < position:
                status = "done"
            elif index == position and self.state in ("application", "in_progress"):
                status = "current"
            else:
                status = "pending"
            stay = stays.get(stage.id) if status != "pending" else None
            history.append({"stage": stage, "unit": stage.group_id.name, "status": status,
                            "entered": stay.date_start if stay else False,
                            "left": stay.date_end if stay else False,
                            "deadline": self.stage_deadline if status == "current" else False})
        return history

    def _portal_payment_url(self, assessment):
        """Where the citizen pays ``assessment``: its invoice's portal page (Odoo's *Pay Now*; the online payment
        addon's address when it is installed)."""
        assessment = assessment.sudo()
        if hasattr(assessment, "_get_online_payment_url"):
            return assessment._get_online_payment_url()
        invoice = assessment.invoice_id
        return invoice and invoice.get_portal_url()

    def _portal_certificates(self):
        self.ensure_one()
        return self.env["municipality.building.certificate"].sudo().search(
            [("permit_id", "=", self.id), ("state", "=", "issued")])

    # ------------------------------------------------------------------
    # SMS
    # ------------------------------------------------------------------
    def _sms_applicant(self, template_xmlid, **context):
        """Queue the SMS of ``template_xmlid`` to each file's applicant (Odoo's ``sms``, in the applicant's
        language; ``context`` is the template's ``ctx``), unless the number opted out of SMS; without a mobile,
        the text is logged on the file."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template:
            template = template.sudo().with_context(**context)
        for permit in self.sudo():
            partner = permit.applicant_id
            forms = mobile_forms(partner.mobile or "")
            if not template:
                continue
            if not forms:
                body = template._render_field("body", permit.ids, compute_lang=True)[permit.id]
                permit.message_post(body=body)
                continue
            if self.env["phone.blacklist"].sudo().search_count([("number", "in", forms)], limit=1):
                permit.message_post(body=self.env._(
                    "No SMS was sent to %(number)s: the number opted out of SMS from the municipality.",
                    number=forms[0]))
                continue
            # the applicant gets it even when they are the author (a citizen applying on the portal)
            permit.with_context(mail_notify_author=True)._message_sms_with_template(
                template=template, partner_ids=partner.ids, sms_pid_to_number={partner.id: forms[0]},
                put_in_queue=True)

