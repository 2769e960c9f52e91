"""Open311 GeoReport v2 (JSON) over the citizen request desk (137).

``service_code`` is a category's code and ``service_request_id`` a request's
tracking code. GETs are open to any origin (CORS), need no key and are counted
per client address. POST needs the ``api_key`` of an active city app
(``office.open311.client``); posts are counted per app and per citizen's mobile
number, a wrong key per client address. Errors follow the spec:
``[{"code": 400, "description": "…"}]`` with the same HTTP status.

A tracking code is the citizen's secret (it lets them accept or contest the
answer), so it is only returned to whoever sent it: lists without
``service_request_id`` give the public fields of recent requests, without
their code, description, answer, address or anything personal.
"""

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.municipality_base.models.municipality_rate_limit import RateLimitExceeded, client_address

from ..tools import open311

PREFIX = "/open311/v2"
COMMON = {"type": "http", "auth": "public", "csrf": False, "save_session": False, "cors": "*"}


class Open311Controller(http.Controller):

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _json(self, data, status=200):
        return request.make_json_response(data, status=status, headers=[("Cache-Control", "no-store")])

    def _error(self, status, description):
        return self._json([{"code": status, "description": description}], status=status)

    def _citizen_requests(self):
        return request.env["office.citizen.request"].sudo()

    def _categories(self):
        return request.env["office.citizen.request.category"].sudo()

    def _rate_limited(self, action, hits=1, client=None):
        """Count ``hits`` times ``action`` for ``client`` (by default the caller's address); the 429 answer
        when it is over the limit."""
        client = client_address() if client is None else client
        if request.env["municipality.rate.limit"].sudo()._hit(action, client, hits):
            return None
        return self._too_many()

    def _too_many(self):
        return self._error(429, request.env._("Too many requests from your address; please try again later."))

    # ------------------------------------------------------------------
    # discovery and services
    # ------------------------------------------------------------------

    @http.route("/open311/discovery.json", methods=["GET"], **COMMON)
    def open311_discovery(self, **kwargs):
        """Where the city's GeoReport v2 endpoint is and what it speaks (Open311 service discovery)."""
        company = request.env.company
        base_url = request.env["ir.config_parameter"].sudo().get_param("web.base.url") or request.httprequest.host_url
        contact = ", ".join(part for part in (company.name, company.phone, company.email) if part)
        return self._json(open311.discovery_document(
            base_url.rstrip("/") + PREFIX, contact=contact,
            key_service=request.env._("API keys for city apps are given by the municipality's 137 desk."),
            changeset=open311.format_w3c_datetime(
                request.env["office.citizen.request.category"].sudo().search(
                    [("company_id", "=", company.id)], order="write_date desc", limit=1).write_date
                or company.write_date)))

    @http.route(f"{PREFIX}/services.json", methods=["GET"], **COMMON)
    def open311_services(self, jurisdiction_id=None, **kwargs):
        return self._json([category._open311_service() for category in self._categories()._open311_services()])

    @http.route(f"{PREFIX}/services/<string:service_code>.json", methods=["GET"], **COMMON)
    def open311_service_definition(self, service_code, jurisdiction_id=None, **kwargs):
        category = self._categories()._open311_services(service_code)
        if not category:
            return self._error(404, request.env._("No service has the code “%s”.", service_code))
        return self._json({"service_code": category.code, "attributes": []})

    # ------------------------------------------------------------------
    # requests
    # ------------------------------------------------------------------

    @http.route(f"{PREFIX}/requests.json", methods=["POST"], **COMMON)
    def open311_post_request(self, **post):
        client = request.env["office.open311.client"].sudo()._authenticate(post.get("api_key"))
        if not client:
            # A wrong key is counted per address (keys cannot be tried at speed); a city app posts for many
            # citizens from one server, so its posts are counted per key instead.
            limited = self._rate_limited("submit")
            if limited:
                return limited
            return self._error(403, request.env._(
                "The api_key is missing or wrong: city apps get one from the municipality's 137 desk; citizens can "
                "submit requests on the 137 portal."))
        limited = self._rate_limited("api_post", client=client.id)
        if limited:
            return limited
        service_code = (post.get("service_code") or "").strip()
        if not service_code:
            return self._error(400, request.env._("service_code is required: take one from services.json."))
        if not self._categories()._open311_services(service_code, company=client.company_id):
            return self._error(400, request.env._(
                "service_code “%s” is not a service of this city: take one from services.json.", service_code))
        try:
            latitude, longitude = open311.parse_location(post.get("lat"), post.get("long"))
        except ValueError:
            return self._error(400, request.env._(
                "lat and long must both be given in decimal degrees (lat -90 to 90, long -180 to 180)."))
        name = " ".join(part.strip() for part in (post.get("first_name") or "", post.get("last_name") or "")
                        if part.strip())
        values = {
            "service_code": service_code,
            "description": (post.get("description") or "").strip(),
            "name": name,
            "phone": (post.get("phone") or "").strip(),
            "email": (post.get("email") or "").strip(),
            "address": (post.get("address_string") or "").strip(),
            "latitude": latitude,
            "longitude": longitude,
            "channel": "api",
        }
        try:
            with request.env.cr.savepoint():
                citizen_request = self._citizen_requests()._submit_public(values, company=client.company_id)
        except RateLimitExceeded as error:
            return self._error(429, error.args[0])
        except (ValidationError, UserError) as error:
            return self._error(400, error.args[0])
        return self._json([{
            "service_request_id": citizen_request.tracking_code,
            "service_notice": citizen_request._open311_service_notice(),
            "account_id": None,
        }])

    @http.route(f"{PREFIX}/requests.json", methods=["GET"], **COMMON)
    def open311_get_requests(self, service_request_id=None, service_code=None, start_date=None, end_date=None,
                             status=None, jurisdiction_id=None, **kwargs):
        _ = request.env._
        try:
            codes = open311.parse_id_list(service_request_id)
            service_codes = open311.parse_id_list(service_code)
        except ValueError:
            return self._error(400, _(
                "Ask for at most %s service_request_id or service_code values at once.", open311.MAX_IDS))
        try:
            statuses = open311.parse_status_filter(status)
        except ValueError:
            return self._error(400, _("status must be open, closed, or both separated by a comma."))
        try:
            start = open311.parse_w3c_datetime(start_date)
            end = open311.parse_w3c_datetime(end_date)
        except ValueError:
            return self._error(400, _(
                "start_date and end_date must be W3C date-times, for example 2026-11-05T08:15:30+03:30."))
        if start and end and start > end:
            return self._error(400, _("start_date must not be after end_date."))
        if codes:
            # Each code is a lookup, counted like the portal's, against enumeration.
            limited = self._rate_limited("track", hits=len(codes))
            if limited:
                return limited
            found = self._citizen_requests()._open311_find(codes)
            state_labels = found._state_labels()
            return self._json([citizen_request._open311_values(private=True, state_labels=state_labels)
                               for citizen_request in found])
        limited = self._rate_limited("list")
        if limited:
            return limited
        found = self._citizen_requests()._open311_search(service_codes, start, end, statuses)
        state_labels = found._state_labels()
        return self._json([citizen_request._open311_values(private=False, state_labels=state_labels)
                           for citizen_request in found])

    @http.route(f"{PREFIX}/requests/<string:service_request_id>.json", methods=["GET"], **COMMON)
    def open311_get_request(self, service_request_id, jurisdiction_id=None, **kwargs):
        limited = self._rate_limited("track")
        if limited:
            return limited
        citizen_request = self._citizen_requests()._find_by_tracking_code(service_request_id)
        if not citizen_request:
            return self._error(404, request.env._("No request matches this service_request_id."))
        return self._json([citizen_request._open311_values(private=True)])
