"""The upgrade to 19.0.1.0.3 counts again the due date of the inquiries still awaiting an answer where silence is
consent: sent before, they kept a due date of 60 days from the letter, where the law gives two Jalali months
(``municipality.permit.inquiry._compute_due_date``). ``migrations/19.0.1.0.3/post-migrate.py`` runs it, once."""


def recompute_inquiry_due_dates(env):
    """Recompute the due date of every waiting silence-is-consent inquiry; return how many."""
    Inquiry = env["municipality.permit.inquiry"].sudo()
    waiting = Inquiry.search([("state", "=", "sent"), ("silence_is_consent", "=", True)])
    env.add_to_compute(Inquiry._fields["due_date"], waiting)
    waiting.flush_recordset(["due_date"])
    return len(waiting)
