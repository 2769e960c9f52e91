from odoo import api, models


class MunicipalityPermitClosedFileLock(models.AbstractModel):
    """What a permit file was decided on (its documents, its engineers) is kept once the file is no longer in
    progress (issued, refused, cancelled): no record of it is added, changed, moved or removed, except by the
    superuser (``municipality.permit._closed_files``). A model using it has a ``permit_id`` and words its refusal
    in ``_closed_file_error``."""

    _name = "municipality.permit.closed.file.lock"
    _description = "Kept once its permit file is closed"

    @api.model_create_multi
    def create(self, vals_list):
        self._check_files_open(self.env["municipality.permit"].browse(
            {vals.get("permit_id") for vals in vals_list} - {None, False}))
        return super().create(vals_list)

    def write(self, vals):
        permits = self.permit_id
        if vals.get("permit_id"):
            permits |= self.env["municipality.permit"].browse(vals["permit_id"])
        self._check_files_open(permits)
        return super().write(vals)

    def unlink(self):
        self._check_files_open(self.permit_id)
        return super().unlink()

    @api.model
    def _check_files_open(self, permits):
        closed = permits._closed_files()
        if closed:
            raise self._closed_file_error(closed)

    @api.model
    def _closed_file_error(self, permits):
        """The ``UserError`` refusing a change of what ``permits[:1]`` was decided on."""
        raise NotImplementedError
