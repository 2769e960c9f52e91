"""Open311 service attributes: the service definition lists a category's
attributes, and a POSTed request's ``attribute[code]=value`` are checked
against them and stored with the request."""

from odoo import http
from odoo.http import request

from ..tools import service_attributes
from .open311 import Open311Controller


class Open311AttributesController(Open311Controller):

    @http.route()
    def open311_service_definition(self, service_code, jurisdiction_id=None, **kwargs):
        category = self._categories()._open311_services(service_code)
        if not category:
            return super().open311_service_definition(service_code, jurisdiction_id=jurisdiction_id, **kwargs)
        return self._json(category[:1]._open311_definition())

    @http.route()
    def open311_post_request(self, **post):
        request.update_context(citizen_request_attributes=service_attributes.attributes_from_form(post))
        return super().open311_post_request(**post)
