"""19.0.1.1.0: Municipal Staff no longer implies Contact Creation (base.group_partner_manager).

The group's ``implied_ids`` are written with ``(4, …)`` in the data file, which adds links but never removes
one, so the link of the earlier version is removed here. Registering citizens is now the Citizen Registry's
right; deleting and merging them the administrators'."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        DELETE FROM res_groups_implied_rel rel
              USING ir_model_data staff, ir_model_data partner_manager
              WHERE staff.module = 'municipality_base' AND staff.name = 'group_municipality_user'
                AND partner_manager.module = 'base' AND partner_manager.name = 'group_partner_manager'
                AND rel.gid = staff.res_id AND rel.hid = partner_manager.res_id
    """)
