"""The 1404 figures of DOMAIN.md §6 and the people the HR tools tests pay
(shared by the test modules; pytest imports it by its own name)."""

PARAMS_1404 = {
    "min_daily_wage": 3_463_656,
    "insurance_ceiling_multiple": 7,
    "insurance_rates": {"employee": 7, "employer": 20, "unemployment": 3},
    "tax_bands": [(240_000_000, 0), (300_000_000, 10), (380_000_000, 15), (500_000_000, 20),
                  (666_666_667, 25), (None, 30)],
    "insurance_tax_exemption": "2/7",
    "hours_divisor": 220,
    "hour_rates": {"overtime": 140, "night": 35, "holiday": 140},
    "bonus_days": 60, "bonus_min_days": 60, "bonus_max_days": 90,
}


def item(code, amount, insurable=True, taxable=True, base_wage=False):
    return {"code": code, "amount": amount, "insurable": insurable, "taxable": taxable, "base_wage": base_wage}


# A worker under the Labour Law at the 1404 minimum (DOMAIN §6): monthly
# 103,909,680 base and 2,820,000 seniority (the base wage: 106,729,680,
# 3,557,656 a day), housing 9,000,000, grocery 22,000,000, marriage
# 5,000,000 (insurable), one child 10,390,968 (not insurable).
WORKER = [
    item("base", 103_909_680, base_wage=True),
    item("seniority", 2_820_000, base_wage=True),
    item("housing", 9_000_000),
    item("grocery", 22_000_000),
    item("marriage", 5_000_000),
    item("child", 10_390_968, insurable=False),
]


def staff(base, job):
    """A municipal employee: base salary (the base wage) and job allowance."""
    return [item("base", base, base_wage=True), item("job", job)]


def whole(month_days, items):
    return [{"first_day": 1, "last_day": month_days, "items": items}]
