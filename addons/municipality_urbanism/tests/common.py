"""Set-up shared by the urbanism tests: toll types, a district, owners, users of each role."""

from odoo.tests import new_test_user


def create_toll_type(env, company, code, name, inputs, account="irm_revenue_building_permit"):
    """A toll type of ``company`` asking for ``inputs`` ([(key, name)], in that order), booked on ``account`` of
    the municipal chart of accounts."""
    return env["municipality.toll.type"].create({
        "name": name, "code": code, "company_id": company.id,
        "account_id": env["account.chart.template"].with_company(company).ref(account).id,
        "input_ids": [(0, 0, {"key": key, "name": label, "sequence": sequence})
                      for sequence, (key, label) in enumerate(inputs, 1)]})


def create_urbanism_user(env, login, groups, **values):
    return new_test_user(env, login=login, groups=",".join(["base.group_user", *groups]), **values)


class UrbanismCommon:
    """Mixin of ``setUpClass`` helpers; the class using it calls :meth:`_setup_urbanism`."""

    @classmethod
    def _setup_urbanism(cls):
        env = cls.env
        cls.district = env["municipality.district"].create({"code": "87", "name": "Urb District 87"})
        cls.zoning = env["municipality.zoning"].create({
            "code": "URB-R1", "name": "Urb residential", "use": "residential",
            "max_density": 180, "max_floors": 4, "max_occupancy": 60})
        Partner = env["res.partner"]
        cls.owner_a = Partner.create({"name": "مالک الف", "national_id": "0499370899", "mobile": "09121112233"})
        cls.owner_b = Partner.create({"name": "مالک ب", "national_id": "0790419904", "mobile": "09121112244"})
        cls.front_desk = create_urbanism_user(env, "urb_front", ["municipality_urbanism.group_urbanism_front_desk"])
        cls.inspector = create_urbanism_user(env, "urb_inspector", ["municipality_urbanism.group_urbanism_inspector"])
        cls.head = create_urbanism_user(env, "urb_head", ["municipality_urbanism.group_urbanism_head"])

    @classmethod
    def _create_property(cls, code="87-112-45", **values):
        vals = {"renovation_code": code, "district_id": cls.district.id, "land_area": 200.0, "building_area": 300.0,
                "zoning_id": cls.zoning.id,
                "owner_share_ids": [(0, 0, {"partner_id": cls.owner_a.id, "share_dang": 6.0})]}
        vals.update(values)
        return cls.env["municipality.property"].create(vals)
