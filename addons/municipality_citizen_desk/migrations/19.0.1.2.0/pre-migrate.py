"""19.0.1.2.0: the rate-limit counters moved down to municipality_base (``municipality.rate.limit``). The
desk's own counters (``office.request.rate.limit``) are disposable: drop their table; the update removes the
model's records as it removes any model no longer defined."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP TABLE IF EXISTS office_request_rate_limit CASCADE")
