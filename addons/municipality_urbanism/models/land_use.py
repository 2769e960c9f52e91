"""The uses (کاربری) a property, a zoning or a permit floor may have: one list for the whole addon."""

LAND_USES = [
    ("residential", "Residential"),
    ("commercial", "Commercial"),
    ("office", "Office"),
    ("industrial", "Industrial"),
    ("educational", "Educational"),
    ("public", "Public Services"),
    ("mixed", "Mixed Use"),
    ("green", "Green Space"),
    ("barren", "Barren Land"),
]
