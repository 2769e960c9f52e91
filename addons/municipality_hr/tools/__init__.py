"""Pure-Python helpers of the HR and payroll addon (no Odoo import; tested with pytest).

``payroll``: the wage tax on monthly marginal bands and the social-security
shares (names other addons rely on); ``payslip``: a month's payslip, arrears,
the year-end bonus and severance from plain inputs; ``dbf_lists``: the
social-security monthly list (DSKKAR00.DBF / DSKWOR00.DBF); ``iran_system``: the
DOS code page some list programs read; ``tax_list``: the
rows of the monthly wage-tax list.
"""
