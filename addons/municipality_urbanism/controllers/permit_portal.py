import base64
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.municipality_base.tools.digits import format_rials, to_persian_digits
from odoo.addons.municipality_base.tools.jalali import format_jalali
from odoo.addons.municipality_urbanism.models.municipality_permit_portal import PORTAL_MAX_FLOORS
from odoo.addons.portal.controllers.portal import CustomerPortal

#: Rows of floors the application form first shows; the citizen adds and removes rows in the browser (up to
#: ``PORTAL_MAX_FLOORS``, which the server checks again).
FORM_FLOOR_ROWS = 3
#: A floor row of the form: ``area_12`` is the area of row 12 (rows removed in the browser leave gaps).
FLOOR_FIELD = re.compile(r"^(floor|use|area|units)_(\d{1,6})$")
STEP_ONE_FIELDS = ("role", "property_id", "renovation_code", "owner_national_id", "permit_type_id", "parking_spaces")


def _day(value):
    return format_jalali(value, persian_digits=True) if value else ""


def _rials(amount):
    return format_rials(amount)


class PermitPortal(CustomerPortal):
    """A citizen's permit files on the portal: apply online (owner or attorney, with the documents of the first
    stage and the fee estimate before submitting), follow the stages, pay the fees, download the permit and
    certificates. A file of someone else is a 404 at every address."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "permit_count" in counters:
            Permit = request.env["municipality.permit"]
            values["permit_count"] = Permit.sudo().search_count(Permit._portal_domain(request.env.user.partner_id))
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _own_permit(self, permit_id):
        """The citizen's file (sudo), or a 404 for anything else."""
        try:
            return request.env["municipality.permit"]._portal_check_access(permit_id)
        except (AccessError, MissingError):
            raise NotFound() from None

    def _common(self, **values):
        return {**self._prepare_portal_layout_values(), "day": _day, "rials": _rials, "digits": to_persian_digits, "page_name": "permits",
                **values}

    def _form_values(self, post):
        values = {key: (post.get(key) or "").strip() for key in STEP_ONE_FIELDS}
        rows = sorted({int(match[2]) for match in map(FLOOR_FIELD.match, post) if match})
        values["floors"] = [{key: (post.get(f"{key}_{row}") or "").strip() for key in ("floor", "use", "area", "units")}
                            for row in rows]
        return values

    def _render_form(self, values=None, error=None):
        Permit = request.env["municipality.permit"]
        partner = request.env.user.partner_id
        return request.render("municipality_urbanism.portal_permit_new", self._common(
            values=values or {"role": "owner", "floors": [{} for _row in range(FORM_FLOOR_ROWS)]},
            error=error, properties=Permit._portal_owned_properties(partner),
            permit_types=request.env["municipality.permit.type"].sudo().search([]).filtered("stage_ids"),
            uses=request.env["municipality.permit.floor"]._fields["use"]._description_selection(request.env),
            rows=max(FORM_FLOOR_ROWS, len((values or {}).get("floors") or [])), max_rows=PORTAL_MAX_FLOORS,
            has_national_id=bool(partner.national_id)), status=400 if error else 200)

    def _render_confirm(self, values, draft, error=None):
        estimate, total = draft._portal_estimate()
        uses = dict(request.env["municipality.permit.floor"]._fields["use"]._description_selection(request.env))
        return request.render("municipality_urbanism.portal_permit_confirm", self._common(
            values=values, draft=draft, estimate=estimate, total=total, error=error, uses=uses,
            document_types=draft._portal_required_document_types(draft.permit_type_id, values["role"]),
            limits=lambda doc_type: request.env._(
                "(%(types)s; at most %(size)s MB)", types=doc_type.allowed_extensions,
                size=to_persian_digits(f"{doc_type.max_size_mb:g}"))), status=400 if error else 200)

    # ------------------------------------------------------------------
    # List and file
    # ------------------------------------------------------------------
    @http.route("/my/permits", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def portal_my_permits(self, **kwargs):
        Permit = request.env["municipality.permit"]
        permits = Permit.sudo().search(Permit._portal_domain(request.env.user.partner_id))
        return request.render("municipality_urbanism.portal_my_permits", self._common(permits=permits))

    @http.route("/my/permits/<int:permit_id>", type="http", auth="user", methods=["GET"], website=True,
                sitemap=False)
    def portal_my_permit(self, permit_id, **kwargs):
        return self._render_permit(self._own_permit(permit_id))

    def _render_permit(self, permit, extension_error=None, extension_values=None):
        estimate, total = ([], False)
        # the permit's fees, then those of its renewals
        assessments = (permit.assessment_ids | permit.renewal_assessment_ids).filtered(lambda a: a.state != "cancelled")
        if not assessments and permit.state in ("application", "in_progress"):
            estimate, total = permit._portal_estimate()
        return request.render("municipality_urbanism.portal_my_permit", self._common(
            permit=permit, history=permit._portal_stage_history(), assessments=assessments,
            pay_url=permit._portal_payment_url, estimate=estimate, total=total,
            certificates=permit._portal_certificates(),
            uses=dict(permit.floor_ids._fields["use"]._description_selection(request.env)),
            states=dict(permit._fields["state"]._description_selection(request.env)),
            **self._extension_values(permit, extension_error, extension_values)),
            status=400 if extension_error else 200)

    def _extension_values(self, permit, error, values):
        """The file's extension and renewal requests, and the form that asks for one (an issued permit without
        a request waiting for a decision)."""
        Request = request.env["municipality.permit.extension.request"]
        requests = permit.extension_request_ids
        can_request = permit.state == "issued" and not requests.filtered(lambda r: r.state in ("draft", "requested"))
        return {
            "extension_requests": requests, "can_request_extension": can_request, "extension_error": error,
            "extension_values": values or {"kind": permit._suggested_request_kind() if can_request else "extension"},
            "extension_kinds": dict(Request._fields["kind"]._description_selection(request.env)),
            "extension_states": dict(Request._fields["state"]._description_selection(request.env)),
        }

    @http.route("/my/permits/<int:permit_id>/extension", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    def portal_permit_extension(self, permit_id, **post):
        """The citizen asks for an extension or a renewal of their issued permit: created waiting for the head's
        decision; refused with the reason on the file's page, nothing saved."""
        permit = self._own_permit(permit_id)
        values = {"kind": (post.get("kind") or "").strip(), "reason": (post.get("reason") or "").strip()}
        try:
            request.env["municipality.permit.extension.request"]._portal_create(
                permit, values["kind"], values["reason"])
        except (UserError, ValidationError) as error:
            return self._render_permit(permit, error.args[0], values)
        return request.redirect(f"/my/permits/{permit.id}?extension_requested=1")

    @http.route("/my/permits/<int:permit_id>/permit.pdf", type="http", auth="user", methods=["GET"], sitemap=False)
    def portal_permit_pdf(self, permit_id, **kwargs):
        permit = self._own_permit(permit_id)
        if permit.state != "issued":
            raise NotFound()
        return self._pdf("municipality_urbanism.report_building_permit", permit, permit.permit_number)

    @http.route("/my/permits/<int:permit_id>/certificate/<int:certificate_id>.pdf", type="http", auth="user",
                methods=["GET"], sitemap=False)
    def portal_certificate_pdf(self, permit_id, certificate_id, **kwargs):
        permit = self._own_permit(permit_id)
        certificate = permit._portal_certificates().filtered(lambda c: c.id == certificate_id)
        if not certificate:
            raise NotFound()
        return self._pdf("municipality_urbanism.report_building_certificate", certificate, certificate.number)

    def _pdf(self, report, record, name):
        pdf, report_type = request.env["ir.actions.report"].sudo()._render_qweb_pdf(report, record.ids)
        mimetype = "application/pdf" if report_type == "pdf" else "text/html"
        filename = f"{(name or record.display_name).replace('/', '-')}.{'pdf' if report_type == 'pdf' else 'html'}"
        return request.make_response(pdf, headers=[("Content-Type", mimetype), ("Content-Length", len(pdf)),
                                                   ("Content-Disposition", content_disposition(filename))])

    @http.route("/my/permits/<int:permit_id>/document/<int:document_id>", type="http", auth="user", methods=["GET"],
                sitemap=False)
    def portal_permit_document(self, permit_id, document_id, **kwargs):
        permit = self._own_permit(permit_id)
        document = permit.document_ids.filtered(lambda d: d.id == document_id)
        if not document or not document.file:
            raise NotFound()
        stream = request.env["ir.binary"].sudo()._get_stream_from(document, "file", filename=document.file_name)
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------------
    # Online application: the request and the estimate, then the documents
    # ------------------------------------------------------------------
    @http.route("/my/permits/new", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def portal_permit_new(self, **kwargs):
        return self._render_form()

    @http.route("/my/permits/new", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    def portal_permit_estimate(self, **post):
        values = self._form_values(post)
        try:
            draft = request.env["municipality.permit"]._portal_draft(request.env.user.partner_id, values)
        except (UserError, ValidationError) as error:
            return self._render_form(values, error.args[0])
        return self._render_confirm(values, draft)

    @http.route("/my/permits/submit", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    def portal_permit_submit(self, **post):
        values = self._form_values(post)
        Permit = request.env["municipality.permit"]
        partner = request.env.user.partner_id
        try:
            draft = Permit._portal_draft(partner, values)
        except (UserError, ValidationError) as error:
            return self._render_form(values, error.args[0])
        uploads = {}
        for doc_type in Permit._portal_required_document_types(draft.permit_type_id, values["role"]):
            storage = post.get(f"document_{doc_type.id}")
            if storage and getattr(storage, "filename", None):
                uploads[doc_type] = (storage.filename, base64.b64encode(storage.read()))
        try:
            permit = Permit._portal_apply(partner, values, uploads)
        except (UserError, ValidationError) as error:
            return self._render_confirm(values, draft, error.args[0])
        return request.redirect(f"/my/permits/{permit.id}?created=1")
