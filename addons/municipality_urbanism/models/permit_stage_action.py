"""What a permit stage does: one list for the stage configuration and the permit's checks."""

STAGE_ACTIONS = [
    ("application", "Application and Documents"),
    ("visit", "Site Visit"),
    ("zoning", "Zoning Check"),
    ("inquiries", "Inquiries"),
    ("plan_brief", "Plan Brief"),
    ("drawings", "Drawings"),
    ("fees", "Fees"),
    ("payment", "Payment"),
    ("signatures", "Signatures"),
    ("issue", "Issue"),
]
