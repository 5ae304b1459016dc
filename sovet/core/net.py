"""The visitor's address behind the reverse proxies production runs behind."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address our own proxies put in X-Forwarded-For.

    With TRUSTED_PROXY_COUNT proxies in front, the last that many entries were written by them;
    the one before is the visitor's. Anything further left was sent by the visitor and is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
