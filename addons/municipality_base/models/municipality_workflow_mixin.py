from odoo import api, models
from odoo.exceptions import UserError

AWAITED_ACTIVITY = "municipality_base.mail_activity_type_approval"


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

    # ------------------------------------------------------------ awaited users

    def _awaited_users(self, group_xmlid):
        """The internal users of ``group_xmlid`` (implied members included) who work for the record's company."""
        self.ensure_one()
        company = self["company_id"] if "company_id" in self._fields else self.env.company
        return self.env.ref(group_xmlid).sudo().all_user_ids.filtered(
            lambda user: user.active and not user.share and company in user.company_ids)

    def _schedule_awaited_activity(self, group_xmlid, summary):
        """The record waits for one of the users of ``group_xmlid``: each gets an Approval activity «summary» on
        it (in their activities and their in-tray), until one of them acts (``_done_awaited_activity``). The
        model must have ``mail.activity.mixin``."""
        for record in self:
            for user in record._awaited_users(group_xmlid):
                record.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
                    AWAITED_ACTIVITY, user_id=user.id, summary=summary)

    def _done_awaited_activity(self, group_xmlid=None, summary=None):
        """Someone acted (approved, signed, cancelled…, which the document's chatter tells): the activities
        scheduled by ``_schedule_awaited_activity`` for ``group_xmlid`` (by default for any group; with
        ``summary``, only those of that summary) are withdrawn from everyone's activities."""
        # to-dos: what was scheduled before the Approval activity type existed
        types = self.env.ref(AWAITED_ACTIVITY) | self.env.ref("mail.mail_activity_data_todo")
        users = self.env.ref(group_xmlid).sudo().all_user_ids if group_xmlid else None
        self.sudo().activity_ids.filtered(
            lambda activity: activity.activity_type_id in types
            and (users is None or activity.user_id in users)
            and (summary is None or activity.summary == summary)).unlink()
