"""19.0.1.0.1: the fees SMS printed the amount with ``'%d' %`` (``72000000``); it now prints
``object.amount_assessed_text`` (``۷۲,۰۰۰,۰۰۰`` in Persian). The SMS templates are ``noupdate`` (a municipality
rewords them), so the update does not rewrite them: replace the old expression wherever a permit's SMS template
still holds it, in every language, and leave the rest of a reworded text alone."""

OLD = "{{ '%d' % object.amount_assessed }}"
NEW = "{{ object.amount_assessed_text }}"


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE sms_template t SET body = replace(t.body::text, %(old)s, %(new)s)::jsonb
             FROM ir_model m
            WHERE m.id = t.model_id AND m.model = 'municipality.permit' AND t.body::text LIKE %(like)s""",
        {"old": OLD, "new": NEW, "like": "%" + OLD.replace("%", "\\%") + "%"})
