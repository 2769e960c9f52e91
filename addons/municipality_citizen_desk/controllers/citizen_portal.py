"""The public 137 portal: citizens follow a request with its tracking code,
accept or contest the answer, and submit new requests, without an account.

Every page is served by the public user; records are reached with ``sudo``
only through the desk's public methods (``_submit_public``,
``_find_by_tracking_code``, ``_public_status``, ``_citizen_accept``,
``_citizen_contest``), which never give personal data away. Lookups and
submissions are counted per client address, and submissions per mobile number
too (``municipality.rate.limit``).
"""

from urllib.parse import quote

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.municipality_base.models.municipality_rate_limit import RateLimitExceeded, client_address

from ..tools import open311

#: Headers of every page that shows or takes a tracking code: no caching on
#: shared computers, no code leaking through the Referer of a followed link.
PRIVATE_PAGE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Robots-Tag", "noindex, nofollow"),
]

PORTAL_LANG = "fa_IR"


class CitizenRequestPortal(http.Controller):

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _use_portal_language(self):
        """The 137 portal speaks Persian whenever Persian is installed,
        whatever the visitor's browser asks for."""
        lang = request.env["res.lang"]._get_data(code=PORTAL_LANG)
        if lang.code:
            request.lang = lang
            request.update_context(lang=lang.code)

    def _citizen_requests(self):
        return request.env["office.citizen.request"].sudo()

    def _rate_limited(self, action):
        """Count one ``action`` of this client; the 429 page when it is over the limit."""
        if request.env["municipality.rate.limit"].sudo()._hit(action, client_address()):
            return None
        return self._rate_limited_page(action)

    def _rate_limited_page(self, action):
        return self._render("municipality_citizen_desk.citizen_portal_rate_limited", {"action": action}, status=429)

    def _render(self, template, values=None, status=200):
        return request.render(template, values or {}, status=status,
                              headers=PRIVATE_PAGE_HEADERS)

    def _not_found(self):
        """One answer for an unknown, malformed or foreign code: it tells nothing."""
        return self._render("municipality_citizen_desk.citizen_portal_not_found", status=404)

    def _form_options(self):
        return self._citizen_requests()._public_form_options()

    def _status_values(self, citizen_request, **extra):
        return dict({
            "status": citizen_request._public_status(),
            "track_url": self._track_url(citizen_request.tracking_code),
        }, **extra)

    @staticmethod
    def _track_url(code):
        return "/137/track/" + quote(code or "", safe="")

    # ------------------------------------------------------------------
    # landing and tracking
    # ------------------------------------------------------------------

    @http.route("/137", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def citizen_portal_home(self, **kwargs):
        self._use_portal_language()
        return self._render("municipality_citizen_desk.citizen_portal_home", {"form": {}})

    @http.route("/137/track", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def citizen_portal_track_form(self, code="", **kwargs):
        """The landing page's "follow my request" form lands here."""
        self._use_portal_language()
        code = (code or "").strip()
        if not code:
            return self._render("municipality_citizen_desk.citizen_portal_home", {
                "form": {}, "track_error": request.env._("Enter the tracking code you received when you submitted your request."),
            }, status=400)
        return request.redirect(self._track_url(code), code=303)

    @http.route("/137/track/<string:code>", type="http", auth="public", methods=["GET"], website=True,
                sitemap=False)
    def citizen_portal_track(self, code, done=None, **kwargs):
        self._use_portal_language()
        citizen_request, refused = self._tracked_request(code)
        if refused:
            return refused
        return self._render("municipality_citizen_desk.citizen_portal_track",
                            self._status_values(citizen_request, done=done if done in ("accepted", "contested") else None))

    @http.route("/137/track/<path:anything>", type="http", auth="public", website=True, sitemap=False)
    def citizen_portal_track_other(self, anything, **kwargs):
        """Whatever else is typed after /137/track/ (a code with a slash, a GET
        on an answer form…) gets the same neutral page as an unknown code."""
        self._use_portal_language()
        limited = self._rate_limited("track")
        if limited:
            return limited
        return self._not_found()

    @http.route("/137/track/<string:code>/accept", type="http", auth="public", methods=["POST"], website=True,
                sitemap=False)
    def citizen_portal_accept(self, code, satisfaction=None, comment=None, **kwargs):
        self._use_portal_language()
        return self._respond(code, "accepted", satisfaction=satisfaction, comment=comment)

    @http.route("/137/track/<string:code>/contest", type="http", auth="public", methods=["POST"], website=True,
                sitemap=False)
    def citizen_portal_contest(self, code, reason=None, **kwargs):
        self._use_portal_language()
        return self._respond(code, "contested", reason=reason)

    def _tracked_request(self, code):
        """``(request, None)`` for a known tracking code, else ``(None, response)``: the rate limit's answer or
        the neutral page of an unknown code."""
        limited = self._rate_limited("track")
        if limited:
            return None, limited
        citizen_request = self._citizen_requests()._find_by_tracking_code(code)
        if not citizen_request:
            return None, self._not_found()
        return citizen_request, None

    def _respond(self, code, outcome, satisfaction=None, comment=None, reason=None):
        """The citizen accepts or contests the answer (CSRF-checked POST)."""
        citizen_request, refused = self._tracked_request(code)
        if refused:
            return refused
        try:
            with request.env.cr.savepoint():
                if outcome == "accepted":
                    score = open311.parse_positive_int(satisfaction, 0)
                    if not 1 <= score <= 5:
                        raise ValidationError(request.env._("Choose how satisfied you are, from 1 (not at all) to 5 (fully)."))
                    citizen_request._citizen_accept(score, (comment or "").strip())
                else:
                    citizen_request._citizen_contest((reason or "").strip())
        except (ValidationError, UserError) as error:
            return self._render("municipality_citizen_desk.citizen_portal_track", self._status_values(
                citizen_request, respond_error=error.args[0],
                form={"satisfaction": satisfaction, "comment": comment, "reason": reason},
                open_form=outcome), status=400)
        return request.redirect(f"{self._track_url(code)}?done={outcome}", code=303)

    # ------------------------------------------------------------------
    # new request
    # ------------------------------------------------------------------

    @http.route("/137/new", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def citizen_portal_new(self, **kwargs):
        self._use_portal_language()
        return self._render("municipality_citizen_desk.citizen_portal_new", {"form": {}, **self._form_options()})

    @http.route("/137/new", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def citizen_portal_submit(self, **post):
        self._use_portal_language()
        limited = self._rate_limited("submit")
        if limited:
            return limited
        form = {key: (post.get(key) or "").strip() for key in (
            "service_code", "request_type", "description", "name", "phone", "email", "district_id", "address",
            "latitude", "longitude")}
        try:
            latitude, longitude = open311.parse_location(form["latitude"], form["longitude"])
        except ValueError:
            return self._render_new_with_error(form, request.env._(
                "The location must be a latitude and a longitude in decimal degrees, for example 35.6892 and "
                "51.3890, or left empty."))
        values = dict(form, latitude=latitude, longitude=longitude, channel="web",
                      district_id=int(form["district_id"]) if form["district_id"].isdigit() else False)
        try:
            with request.env.cr.savepoint():
                citizen_request = self._citizen_requests()._submit_public(values)
        except RateLimitExceeded:
            return self._rate_limited_page("submit_phone")
        except (ValidationError, UserError) as error:
            return self._render_new_with_error(form, error.args[0])
        return self._render("municipality_citizen_desk.citizen_portal_submitted", self._status_values(citizen_request))

    def _render_new_with_error(self, form, message):
        return self._render("municipality_citizen_desk.citizen_portal_new",
                            {"form": form, "submit_error": message, **self._form_options()}, status=400)
