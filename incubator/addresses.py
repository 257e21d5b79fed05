"""Who is at the other end of a request: the sign-in lockout, the sign-in throttle and the health endpoint ask here.

Behind TRUSTED_PROXIES proxies, REMOTE_ADDR is the nearest proxy's address, the same for every client. Each proxy
appends the address it received the request from to X-Forwarded-For, so the client's address is the one that many
places from the right of [X-Forwarded-For…, REMOTE_ADDR]; whatever a client wrote into the header itself is further
left and never believed. With no proxy configured (the default: the portal exposed directly) the header is ignored.
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request):
    """The client's address as text ('' when there is none a proxy vouches for)."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXIES
    if not hops:
        return remote
    chain = [*request.META.get("HTTP_X_FORWARDED_FOR", "").split(","), remote]
    # A request that came past fewer proxies than configured has no trustworthy client address beyond the first.
    address = _address(chain[max(len(chain) - 1 - hops, 0)])
    return str(address) if address else remote


def from_loopback(request):
    """True for a caller on this machine itself (a monitoring agent), not for a client forwarded by a local proxy."""
    address = _address(client_address(request))
    return bool(address and address.is_loopback)
