"""The public API of the citizen request desk, what the 137 portal and the
Open311 GeoReport v2 API call: submitting a request (``_submit_public``),
finding one by its tracking code, its status, form options and request
documents (the services are the categories:
``office.citizen.request.category._open311_services``). The citizen's
answers to an answer (``_citizen_accept``, ``_citizen_contest``) are part of
the request's workflow.

Everything here runs as superuser for anonymous callers, so each method
returns only what a stranger may see, or, with ``private=True``, what the
holder of the request's tracking code may see about their own request.
"""

import datetime
import math

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from odoo.addons.municipality_base.models.municipality_rate_limit import RateLimitExceeded
from odoo.addons.municipality_base.tools import jalali
from odoo.addons.municipality_base.tools.identifiers import normalize_mobile

from ..tools import open311
from ..tools.tracking_code import normalize_tracking_code
from .office_citizen_request import DESCRIPTION_MAX_LENGTH, DESCRIPTION_MIN_LENGTH, OPEN_STATES, PUBLIC_KEYS, \
    REQUEST_TYPES

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

    # ------------------------------------------------------------------ submit, find, status

    @api.model
    def _submit_public(self, values, company=None):
        """Validate what a citizen sent from the portal or a city app and record the request.

        ``values`` keys: service_code (category code, required), request_type, description (required),
        name, phone (Iranian mobile, required), email, district_id, address, latitude, longitude, channel
        (web or api). The request goes to ``company`` (the city app's; by default the current company, the
        public user's on the portal), whose category has the code. Anything wrong raises ``ValidationError``
        saying what, before anything is written; too many submissions for one mobile number raise
        ``RateLimitExceeded``. Runs as superuser whoever calls it; returns the new request (sudo).
        """
        company = company or self.env.company
        _ = self.env._
        Request = self.sudo()
        if not isinstance(values, dict):
            raise ValidationError(_("The request data is missing."))
        unknown = set(values) - PUBLIC_KEYS
        if unknown:
            raise ValidationError(_("Unknown fields in the request: %s.", ", ".join(sorted(map(str, unknown)))))

        def text(key, max_length):
            value = values.get(key)
            if value in (None, False):
                return ""
            if not isinstance(value, str):
                raise ValidationError(_("The field %s must be text.", key))
            value = value.strip()
            if len(value) > max_length:
                raise ValidationError(_("The field %(field)s is too long (at most %(max)s characters).",
                                        field=key, max=max_length))
            return value

        service_code = text("service_code", 64)
        if not service_code:
            raise ValidationError(_("Choose a category (service_code)."))
        category = self.env["office.citizen.request.category"].sudo().search(
            [("code", "=", service_code), ("active", "=", True), ("company_id", "=", company.id)], limit=1)
        if not category:
            raise ValidationError(_("There is no category with the code “%s”.", service_code))

        request_type = text("request_type", 32) or "complaint"
        if request_type not in dict(REQUEST_TYPES):
            raise ValidationError(_("The request type must be one of: %s.", ", ".join(dict(REQUEST_TYPES))))
        channel = text("channel", 16) or "web"
        if channel not in ("web", "api"):
            raise ValidationError(_("The channel of a request submitted online is web or api."))

        description = text("description", DESCRIPTION_MAX_LENGTH)
        if len(description) < DESCRIPTION_MIN_LENGTH:
            raise ValidationError(_("Describe the request in at least %s characters.", DESCRIPTION_MIN_LENGTH))

        phone = normalize_mobile(text("phone", 32))
        if not phone:
            raise ValidationError(_("Give a valid mobile number (09XXXXXXXXX): the answer is sent to it."))
        email = text("email", 254)
        if email and not email_normalize(email):
            raise ValidationError(_("“%s” is not an e-mail address.", email))

        district = self.env["municipality.district"]
        district_id = values.get("district_id")
        if district_id not in (None, False, ""):
            try:
                district_id = int(district_id)
            except (TypeError, ValueError):
                raise ValidationError(_("The district must be given by its number (district_id).")) from None
            district = district.sudo().search([("id", "=", district_id), ("active", "=", True),
                                               ("company_id", "=", category.company_id.id)], limit=1)
            if not district:
                raise ValidationError(_("There is no district %s in this municipality.", district_id))

        coordinates = {}
        for key, bound in (("latitude", 90), ("longitude", 180)):
            value = values.get(key)
            if value in (None, False, ""):
                continue
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise ValidationError(_("The %s must be a number.", key)) from None
            if not math.isfinite(value) or not -bound <= value <= bound:
                raise ValidationError(_("The %(field)s must be between -%(bound)s and %(bound)s.",
                                        field=key, bound=bound))
            coordinates[key] = value
        if len(coordinates) == 1:
            raise ValidationError(_("Give both latitude and longitude, or neither."))

        if not Request._route_department(category, district):
            raise ValidationError(Request._no_route_message(category, district))
        if not self.env["municipality.rate.limit"].sudo()._hit("submit_phone", phone):
            raise RateLimitExceeded(_(
                "Too many requests were submitted for this mobile number today; please try again tomorrow, or "
                "call 137."))

        return Request.with_company(category.company_id).create({
            "category_id": category.id, "district_id": district.id, "company_id": category.company_id.id,
            "request_type": request_type, "channel": channel, "description": description,
            "citizen_name": text("name", 128) or False, "phone": phone, "email": email or False,
            "address": text("address", 256) or False, **coordinates,
        })

    @api.model
    def _find_by_tracking_code(self, code):
        """The request with this tracking code (sudo), or an empty recordset when unknown or malformed."""
        code = normalize_tracking_code(code)
        if not code:
            return self.sudo().browse()
        return self.sudo().search([("tracking_code", "=", code)], limit=1)

    def _public_status(self):
        """What a citizen holding the tracking code may see: no name, phone, e-mail or address."""
        self.ensure_one()
        request = self.sudo()

        def both(value):
            if not value:
                return {"iso": None, "jalali": None}
            local = pytz.utc.localize(value).astimezone(pytz.timezone(jalali.IRAN_TZ))
            return {"iso": local.isoformat(), "jalali": jalali.format_jalali(local, "%Y/%m/%d %H:%M")}

        return {
            "tracking_code": request.tracking_code_display,
            "state": request.state,
            "state_label": request._state_label(),
            "category": request.category_id.name,
            "service_code": request.category_id.code,
            "request_type": request.request_type,
            "request_type_label": dict(request._fields["request_type"]._description_selection(request.env))[
                request.request_type],
            "received": both(request.received_date),
            "deadline": both(request.deadline),
            "answered": both(request.answered_date),
            "answer": request.answer if request.state not in OPEN_STATES else None,
            "department": request.department_id.name,
            "district": request.district_id.name or None,
            "satisfaction": request.satisfaction or None,
            "can_respond": request.state == "answered",
        }

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
