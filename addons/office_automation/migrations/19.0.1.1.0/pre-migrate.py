"""19.0.1.1.0, before the data files are loaded.

* The letter's record rules replaced in 19.0.1.0.0 (``office_letter_clearance_rule`` and the two unlink
  rules) are removed here, once, instead of by ``<delete>`` tags run at every update.
* The referral read rule is now part of the code (need-to-know, M-5) and no longer ``noupdate``: its new
  domain must reach databases that installed the earlier version.
* The overdue-referral cron is ``noupdate`` data now (its schedule is the administrator's to tune); loading
  the file does not change the flag of an existing record, so it is set here.
"""

OLD_LETTER_RULES = ("office_letter_clearance_rule", "office_letter_unlink_own_rule", "office_letter_unlink_admin_rule")


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        DELETE FROM ir_rule WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'office_automation' AND model = 'ir.rule' AND name IN %s)
    """, [OLD_LETTER_RULES])
    cr.execute("DELETE FROM ir_model_data WHERE module = 'office_automation' AND model = 'ir.rule' AND name IN %s",
               [OLD_LETTER_RULES])
    cr.execute("""
        UPDATE ir_model_data SET noupdate = FALSE
         WHERE module = 'office_automation' AND name = 'office_referral_read_rule'
    """)
    cr.execute("""
        UPDATE ir_model_data SET noupdate = TRUE
         WHERE module = 'office_automation' AND name = 'ir_cron_office_referral_overdue'
    """)
