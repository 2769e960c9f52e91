from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.municipality_base.tools.jalali import format_jalali


class SupervisionPortal(http.Controller):
    """A supervising engineer files stage reports on the portal for the issued permits they supervise; the
    urban-planning staff confirm them (a reported violation then opens a violation case)."""

    def _supervised(self, permit_id=None):
        """The issued permits the user supervises (``permit_id``: that one only; 404 when it is not theirs)."""
        domain = [("partner_id", "=", request.env.user.partner_id.id), ("role", "=", "supervisor"),
                  ("permit_id.state", "=", "issued")]
        if permit_id is not None:
            domain.append(("permit_id", "=", permit_id))
        engineers = request.env["municipality.permit.engineer"].sudo().search(domain)
        if permit_id is not None and not engineers:
            raise NotFound()
        return engineers

    def _page(self, engineer, error=None, values=None):
        reports = request.env["municipality.construction.report"].sudo().search(
            [("permit_id", "=", engineer.permit_id.id), ("engineer_id", "=", engineer.id)])
        return request.render("municipality_urbanism.portal_supervision_permit", {
            "engineer": engineer, "permit": engineer.permit_id, "reports": reports, "error": error,
            "values": values or {}, "page_name": "supervision",
            "day": lambda value: format_jalali(value, persian_digits=True) if value else "",
            "kinds": request.env["municipality.construction.report.kind"].sudo().search([]),
            "violation_kinds": request.env["municipality.violation"]._fields["kind"]._description_selection(
                request.env)}, status=400 if error else 200)

    @http.route("/my/supervision", type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def supervision_list(self, **kwargs):
        return request.render("municipality_urbanism.portal_supervision_list",
                              {"engineers": self._supervised(), "page_name": "supervision"})

    @http.route("/my/supervision/<int:permit_id>", type="http", auth="user", methods=["GET"], website=True,
                sitemap=False)
    def supervision_permit(self, permit_id, **kwargs):
        return self._page(self._supervised(permit_id)[:1])

    @http.route("/my/supervision/<int:permit_id>", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)
    def supervision_report(self, permit_id, **post):
        engineer = self._supervised(permit_id)[:1]
        _ = request.env._
        try:
            kind = request.env["municipality.construction.report.kind"].sudo().browse(int(post.get("kind_id") or 0))
            floor = int(post.get("floor") or 0)
            area = float(post.get("violation_area") or 0)
        except ValueError:
            return self._page(engineer, _("Enter the stage, floor and area as numbers."), post)
        if not kind.exists():
            return self._page(engineer, _("Choose the stage you report on."), post)
        if not (post.get("findings") or "").strip():
            return self._page(engineer, _("Write your findings."), post)
        conforms = not post.get("violation_kind")
        try:
            with request.env.cr.savepoint():
                request.env["municipality.construction.report"].sudo().create({
                    "permit_id": engineer.permit_id.id, "engineer_id": engineer.id, "kind_id": kind.id,
                    "floor": floor, "findings": post["findings"].strip(), "conforms": conforms,
                    "violation_kind": post.get("violation_kind") or False, "violation_area": area,
                })
        except (UserError, ValidationError) as error:
            return self._page(engineer, error.args[0], post)
        return request.redirect(f"/my/supervision/{engineer.permit_id.id}?sent=1")
