from odoo.http import request


def client_address():
    """The visitor's IP address as Odoo trusts it. Behind the reverse proxy, with ``proxy_mode`` on, Odoo's
    ProxyFix has already replaced the proxy's address by the one the proxy wrote last in ``X-Forwarded-For``
    (the real client; what the client itself wrote before is not trusted); without ``proxy_mode``, the TCP
    peer, and a forwarded header is only the client's own word, ignored."""
    return request.httprequest.remote_addr
