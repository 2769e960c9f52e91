"""What the public 137 portal and the Open311 GeoReport v2 API read from the
citizen request desk: form options and request documents (the services are
the categories: ``office.citizen.request.category._open311_services``).

Everything here runs as superuser for anonymous callers, so each method
returns only what a stranger may see, or, with ``private=True``, what the
holder of the request's tracking code may see about their own request.
"""

import datetime

from odoo import api, fields, models

from ..tools import open311
from ..tools.tracking_code import normalize_tracking_code

#: States Open311 reports as ``closed``; every other state is ``open``.
OPEN311_CLOSED_STATES = ("accepted", "closed")
#: Requests listed without ``start_date`` are those of the last days…
OPEN311_DEFAULT_DAYS = 90
#: …and never more than this many, as the spec allows.
OPEN311_MAX_RESULTS = 1000
#: Public lists show only requests citizens filed online themselves, not those taken by phone or at the counter.
OPEN311_LISTED_CHANNELS = ("web", "api")
#: Public lists round coordinates to about 100 m: where the problem is, not whose door it is.
OPEN311_PUBLIC_COORDINATE_DIGITS = 3


class OfficeCitizenRequest(models.Model):
    _inherit = "office.citizen.request"

    # ------------------------------------------------------------------ portal

    @api.model
    def _public_form_options(self):
        """Choices of the portal's new-request form: categories, request types and districts."""
        categories = self.env["office.citizen.request.category"]._open311_services()
        districts = self.env["municipality.district"].sudo().search(
            [("active", "=", True), ("company_id", "in", categories.company_id.ids)])
        return {
            "categories": [
                {"code": category.code, "name": category.name, "description": category.description or ""}
                for category in categories
            ],
            "request_types": self._fields["request_type"]._description_selection(self.env),
            "districts": [{"id": district.id, "name": district.display_name} for district in districts],
        }

    # ------------------------------------------------------------------ Open311

    def _open311_status(self):
        self.ensure_one()
        return "closed" if self.state in OPEN311_CLOSED_STATES else "open"

    def _open311_service_notice(self):
        """What the city tells the citizen right after a request is posted."""
        self.ensure_one()
        request = self.sudo()
        if request.deadline_jalali:
            return self.env._(
                "Your request has been registered with tracking code %(code)s; the municipality answers by %(deadline)s.",
                code=request.tracking_code_display, deadline=request.deadline_jalali)
        return self.env._("Your request has been registered with tracking code %s.", request.tracking_code_display)

    def _open311_values(self, private=False, state_labels=None):
        """The request as an Open311 service request document.

        Without ``private`` (lists of other people's requests): no tracking
        code, description, answer or address, and coordinates rounded to about
        100 m. With ``private`` (the caller gave the tracking code): the code,
        the description, the answer and the exact location as well.
        ``state_labels`` (from ``_state_labels()``): give it when rendering many
        requests, so that the labels are translated once per response.
        """
        self.ensure_one()
        request = self.sudo()
        located = bool(request.latitude or request.longitude)
        digits = None if private else OPEN311_PUBLIC_COORDINATE_DIGITS
        answer = request.answer if request.state in ("answered", "accepted", "contested", "closed") else None
        return {
            "service_request_id": request.tracking_code if private else None,
            "status": request._open311_status(),
            "status_notes": (answer if private and answer else None) or (
                state_labels[request.state] if state_labels else request._state_label()),
            "service_name": request.category_id.name,
            "service_code": request.category_id.code,
            "description": request.description if private else None,
            "agency_responsible": request.department_id.name or None,
            "service_notice": None,
            "requested_datetime": open311.format_w3c_datetime(request.received_date),
            "updated_datetime": open311.format_w3c_datetime(request.write_date),
            "expected_datetime": open311.format_w3c_datetime(request.deadline),
            "address": (request.address or None) if private else None,
            "address_id": None,
            "zipcode": None,
            "lat": (round(request.latitude, digits) if digits else request.latitude) if located else None,
            "long": (round(request.longitude, digits) if digits else request.longitude) if located else None,
            "media_url": None,
        }

    @api.model
    def _open311_find(self, codes):
        """The requests whose tracking codes are among ``codes`` (unknown or malformed ones are left out)."""
        normalized = {normalize_tracking_code(code) for code in codes} - {None}
        if not normalized:
            return self.sudo().browse()
        return self.sudo().search([("tracking_code", "in", list(normalized))])

    @api.model
    def _open311_search(self, service_codes=(), start=None, end=None, statuses=("open", "closed")):
        """Recent requests for public lists (only those filed online: a call
        to the desk or a visit to the counter is not published): received between ``start`` and
        ``end`` (naive UTC; the last 90 days by default), of the given
        services and Open311 statuses, newest first, at most 1,000."""
        domain = [("tracking_code", "!=", False), ("channel", "in", OPEN311_LISTED_CHANNELS)]
        if service_codes:
            domain.append(("category_id.code", "in", list(service_codes)))
        if not start and not end:
            start = fields.Datetime.now() - datetime.timedelta(days=OPEN311_DEFAULT_DAYS)
        if start:
            domain.append(("received_date", ">=", start))
        if end:
            domain.append(("received_date", "<=", end))
        if set(statuses) == {"closed"}:
            domain.append(("state", "in", OPEN311_CLOSED_STATES))
        elif set(statuses) == {"open"}:
            domain.append(("state", "not in", OPEN311_CLOSED_STATES))
        return self.sudo().search(domain, limit=OPEN311_MAX_RESULTS, order="received_date desc, id desc")
