"""19.0.1.3.0: the Iranian working calendar and its public holidays moved down from municipality_citizen_desk,
so that every deadline counted in working days (the permit stages of urbanism too) uses them. A database that
has them from the desk keeps the same records: only their external ids change module, and the calendar's
English name (not translatable) becomes the Persian one a new database gets."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE ir_model_data SET module = 'municipality_base'
         WHERE module = 'municipality_citizen_desk'
           AND ((model = 'resource.calendar' AND name = 'resource_calendar_iran')
                OR (model = 'resource.calendar.leaves' AND name LIKE 'public\\_holiday\\_%'))
    """)
    cr.execute("""
        UPDATE resource_calendar SET name = 'هفتهٔ کاری اداری (شنبه تا چهارشنبه)'
         WHERE name = 'Iranian working week (Saturday to Wednesday)'
    """)
