from freezegun import freeze_time

from odoo.tests import TransactionCase

from .common import create_office_user, create_secretariat, create_signer, signed_letter


class ArchiveFixture:
    """A secretariat with its clerk, a Correspondence Administrator and a small file plan:

    * «TA Administrative» (review after 10 years) with «General» (destroy after 1 year) and
      «Council» (kept permanently);
    * «TB Finance» (destroy after 10 years).
    """

    @classmethod
    def _setup_archive(cls):
        cls.clerk = create_office_user(cls.env, "arc_clerk", groups="office_automation.group_office_secretariat_clerk",
                                       tz="Asia/Tehran")
        cls.staff = create_office_user(cls.env, "arc_staff", tz="Asia/Tehran")
        cls.admin = create_office_user(cls.env, "arc_admin", groups="office_automation.group_office_admin",
                                       tz="Asia/Tehran")
        cls.signer = create_signer(cls.env, "arc_signer")
        cls.secretariat = create_secretariat(cls.env, code="TA", pattern="{jyear}/{seq}/ب", clerks=cls.clerk)
        cls.citizen = cls.env["res.partner"].create({"name": "Archive Citizen"})
        Plan = cls.env["office.file.plan"]
        cls.plan_admin = Plan.create({"code": "TA", "name": "Administrative", "retention_years": 10,
                                      "disposition": "review"})
        cls.plan_general = Plan.create({"code": "1", "name": "General", "parent_id": cls.plan_admin.id,
                                        "retention_years": 1, "disposition": "destroy"})
        cls.plan_council = Plan.create({"code": "2", "name": "Council", "parent_id": cls.plan_admin.id,
                                        "retention_years": 0, "disposition": "permanent"})
        cls.plan_finance = Plan.create({"code": "TB", "name": "Finance", "retention_years": 10,
                                        "disposition": "destroy"})

    @classmethod
    def _letter(cls, plan=None, register=True, **values):
        """An outgoing letter written by the clerk (in ``plan``); unless ``register`` is false, signed,
        registered and sent."""
        values = dict({
            "subject": "Pavement repair", "body": "<p>Text of the letter</p>", "letter_type": "outgoing",
            "secretariat_id": cls.secretariat.id, "recipient_partner_ids": [(4, cls.citizen.id)],
            "file_plan_id": plan.id if plan else False}, **values)
        if not register:
            return cls.env["office.letter"].with_user(cls.clerk).create(values)
        letter = signed_letter(cls.env(user=cls.clerk), cls.signer, **values)
        if register:
            letter.action_register()
            letter.action_send()
        return letter

    @classmethod
    def _archived_letter(cls, plan, day="2025-03-20 08:00:00", **values):
        """A letter registered and archived by the clerk on ``day`` (2025-03-20 is 1403/12/30, leap day)."""
        with freeze_time(day):
            letter = cls._letter(plan, **values)
            letter.action_file_in_archive()
        return letter


class ArchiveCase(ArchiveFixture, TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_archive()
