from odoo import models


class MunicipalityPermit(models.Model):
    """What a permit's signature seals: the SHA-256 of the permit's facts (``_content_hash`` of
    ``municipality_permit.py``), keyed as office automation keys its letters' signatures
    (``municipality.permit.signature._seal``)."""

    _inherit = "municipality.permit"

    def _facts_hash(self):
        """SHA-256 of the facts the permit states (the unkeyed hash of ``municipality_permit.py``)."""
        return super()._content_hash()

    def _content_hash(self, key=False):
        """What a signature made now stores: the facts hash sealed with ``key`` (default: the current
        ``office_signature_key``)."""
        return self.env["municipality.permit.signature"]._seal(self._facts_hash(), key)
