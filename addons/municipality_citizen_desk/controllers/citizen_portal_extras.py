"""The 137 portal's additions: photos and a map on the new-request form, and
the list of a citizen's own requests after a one-time SMS code
(``/137/lookup``).

Lookups answer the same whether or not a number has requests: a code is sent
only to a number that has some, and a wrong, expired or never-sent code gets
one message. Asking for codes is limited per address and per number, trying
them per address (``municipality.rate.limit``), and a code dies after a few
wrong tries (``office.citizen.lookup.code``).
"""

from odoo import http
from odoo.http import request

from odoo.addons.municipality_base.tools.identifiers import normalize_mobile

from ..tools import citizen_photo
from .citizen_portal import CitizenRequestPortal

#: The map opens here when the administrator set no center: Tehran, zoom 12.
DEFAULT_MAP_CENTER = (35.6892, 51.389, 12)


class CitizenRequestPortalExtras(CitizenRequestPortal):

    # ------------------------------------------------------------------ photos and map

    def _form_options(self):
        return dict(super()._form_options(), citizen_map=self._map_options())

    def _map_options(self):
        """The map of the form, or ``None`` (hidden) while the administrator set no tile URL."""
        get_param = request.env["ir.config_parameter"].sudo().get_param
        tile_url = (get_param("municipality_citizen_desk.map_tile_url") or "").strip()
        if not tile_url:
            return None
        center = DEFAULT_MAP_CENTER
        try:
            parts = [float(part) for part in (get_param("municipality_citizen_desk.map_center") or "").split(",")]
            if len(parts) in (2, 3) and -90 <= parts[0] <= 90 and -180 <= parts[1] <= 180:
                center = (parts[0], parts[1], int(parts[2]) if len(parts) == 3 else DEFAULT_MAP_CENTER[2])
        except ValueError:
            pass
        return {"tile_url": tile_url, "attribution": get_param("municipality_citizen_desk.map_attribution") or "",
                "lat": center[0], "lng": center[1], "zoom": center[2]}

    @http.route()
    def citizen_portal_submit(self, **post):
        """Hand the uploaded photos to ``_submit_public`` (read up to one byte over the limit, so that a
        larger file is refused without being read whole)."""
        uploads = [upload for upload in request.httprequest.files.getlist("photos") if upload and upload.filename]
        photos = [(upload.filename, upload.read(citizen_photo.MAX_BYTES + 1))
                  for upload in uploads[:citizen_photo.MAX_PHOTOS + 1]]
        request.update_context(citizen_request_photos=photos)
        return super().citizen_portal_submit(**post)

    # ------------------------------------------------------------------ lookup by mobile number

    def _lookup_allowed(self, action, client):
        return request.env["municipality.rate.limit"].sudo()._hit(action, client)

    def _lookup_limited(self):
        return self._render("municipality_citizen_desk.citizen_portal_lookup_limited", status=429)

    @http.route("/137/lookup", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def citizen_portal_lookup(self, **kwargs):
        self._use_portal_language()
        return self._render("municipality_citizen_desk.citizen_portal_lookup", {"phone": ""})

    @http.route("/137/lookup", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def citizen_portal_lookup_send(self, phone=None, **kwargs):
        self._use_portal_language()
        address = request.httprequest.remote_addr
        if not self._lookup_allowed("lookup_send", address):
            return self._lookup_limited()
        number = normalize_mobile(phone or "")
        if not number:
            return self._render("municipality_citizen_desk.citizen_portal_lookup", {
                "phone": phone or "",
                "lookup_error": request.env._("Enter your mobile number as 09XXXXXXXXX."),
            }, status=400)
        if not self._lookup_allowed("lookup_phone", "mobile:" + number):
            return self._lookup_limited()
        request.env["office.citizen.lookup.code"].sudo()._send_code(number)
        return self._render("municipality_citizen_desk.citizen_portal_lookup_code", {"phone": number})

    @http.route("/137/lookup/verify", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def citizen_portal_lookup_verify(self, phone=None, code=None, **kwargs):
        self._use_portal_language()
        if not self._lookup_allowed("lookup_verify", request.httprequest.remote_addr):
            return self._lookup_limited()
        number = normalize_mobile(phone or "") or ""
        citizen_requests = request.env["office.citizen.lookup.code"].sudo()._verify(number, code)
        if citizen_requests is None:
            return self._render("municipality_citizen_desk.citizen_portal_lookup_code", {
                "phone": number,
                "lookup_error": request.env._(
                    "The code is wrong or has expired. Check the SMS, or ask for a new code."),
            }, status=400)
        return self._render("municipality_citizen_desk.citizen_portal_lookup_results", {
            "phone": number,
            "citizen_requests": [self._status_values(citizen_request) for citizen_request in citizen_requests],
        })
