"""The kinds of building violation the Article 100 commission rules on (DOMAIN.md §5): one list for the addon."""

VIOLATION_KINDS = [
    ("excess_area", "Excess Area"),
    ("no_permit", "Construction Without a Permit"),
    ("missing_parking", "Missing Parking"),
    ("street_encroachment", "Encroachment on the Street"),
    ("change_of_use", "Change of Use"),
    ("engineer_fault", "Supervising Engineer at Fault"),
]

#: The uses whose excess area the bylaw fines at the commercial rate (2–4×) rather than the residential one.
COMMERCIAL_USES = ("commercial", "office", "industrial")
