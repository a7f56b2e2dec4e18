"""Who is asking, and over what, when the front door sits behind TLS proxies.

Each proxy appends the address it received the request from to X-Forwarded-For, so
only the last `hops` entries were written by proxies we trust; anything left of them
came from the client, which can put whatever it likes there. With `hops` trusted
proxies the client's address is therefore the entry `hops` from the right.
"""
from typing import Mapping, Optional


def forwarded_entry(header: Optional[str], hops: int) -> Optional[str]:
    """The entry of a comma-separated forwarding header written by the outermost of
    `hops` trusted proxies. A proxy that replaces the header rather than appending to it
    leaves fewer entries: then the first is the one the proxies wrote."""
    entries = [entry.strip() for entry in (header or "").split(",") if entry.strip()]
    if hops <= 0 or not entries:
        return None
    return entries[-hops] if len(entries) >= hops else entries[0]


def client_address(peer: Optional[str], headers: Mapping[str, str], hops: int) -> str:
    """The client's address: the peer's own when no proxy is trusted (or none sent one)."""
    return forwarded_entry(headers.get("x-forwarded-for"), hops) or peer or ""


def is_https(scheme: str, headers: Mapping[str, str], hops: int) -> bool:
    """Whether the user's browser reached us over TLS (at the proxy, when behind one)."""
    if hops > 0:
        return (forwarded_entry(headers.get("x-forwarded-proto"), hops) or "").lower() == "https"
    return scheme == "https"
