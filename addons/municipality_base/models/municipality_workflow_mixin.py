from odoo import api, models
from odoo.exceptions import UserError


class MunicipalityWorkflowMixin(models.AbstractModel):
    """Documents whose workflow fields only their buttons set.

    The readonly attribute of a field only binds the web client: a plain
    ``write()`` over JSON-RPC sets it anyway. The buttons (``action_*``) check
    who may do what and then write these fields with ``sudo()``; RPC never
    runs as superuser, so it cannot skip them. A model lists its workflow
    fields (state, approvers, signatures, entries…) in ``_workflow_fields``.
    """

    _name = "municipality.workflow.mixin"
    _description = "Workflow fields set by the buttons only"

    _workflow_fields = ("state",)
    _workflow_initial_state = "draft"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_workflow_create(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            touched = [name for name in self._workflow_fields if name in vals]
            if touched:
                raise UserError(self.env._(
                    "%(fields)s of %(document)s change only through the document's buttons (approve, sign, pay, "
                    "cancel…); use the buttons instead of editing them.",
                    fields=self._workflow_field_labels(touched), document=self.env["ir.model"]._get(self._name).name))
        return super().write(vals)

    def _check_workflow_create(self, vals):
        """A new record starts at the beginning of its workflow."""
        touched = [name for name in self._workflow_fields if name != "state" and vals.get(name)]
        if vals.get("state", self._workflow_initial_state) != self._workflow_initial_state:
            touched.insert(0, "state")
        if touched:
            raise UserError(self.env._(
                "A new %(document)s starts at the beginning of its workflow: %(fields)s are set by its buttons "
                "(approve, sign, pay, cancel…), not when it is created.",
                fields=self._workflow_field_labels(touched), document=self.env["ir.model"]._get(self._name).name))

    def _selection_labels(self, field_name):
        """{value: label} of the selection field ``field_name``, in the user's language (the state's label for a
        message: ``self._selection_labels("state")[record.state]``)."""
        return dict(self._fields[field_name]._description_selection(self.env))

    def _workflow_field_labels(self, names):
        return ", ".join(self._fields[name].get_description(self.env)["string"] for name in names)
