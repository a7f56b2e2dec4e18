import pytest

from frontdoor.proxy import client_address, forwarded_entry, is_https

PEER = "10.0.0.2"  # the nearest proxy, as the front door sees it


@pytest.mark.parametrize(
    "header, hops, client",
    [
        # One proxy appends the address it saw; whatever the client sent stays to the left.
        ("203.0.113.9", 1, "203.0.113.9"),
        ("6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),
        ("6.6.6.6, 7.7.7.7, 203.0.113.9", 1, "203.0.113.9"),
        # Two: the outer proxy appends the client, the inner one the outer proxy.
        ("203.0.113.9, 10.0.0.1", 2, "203.0.113.9"),
        ("6.6.6.6, 203.0.113.9, 10.0.0.1", 2, "203.0.113.9"),
        ("6.6.6.6,203.0.113.9 ,10.0.0.1", 2, "203.0.113.9"),
        # Proxies that replace the header rather than append: the first is theirs.
        ("203.0.113.9", 2, "203.0.113.9"),
        # No header, or no trusted proxy: the peer.
        (None, 1, PEER),
        ("", 1, PEER),
        (" , ", 1, PEER),
        ("6.6.6.6", 0, PEER),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_wrote(header, hops, client):
    headers = {} if header is None else {"x-forwarded-for": header}
    assert client_address(PEER, headers, hops) == client


def test_rotating_the_left_of_the_header_does_not_change_the_client():
    clients = {client_address(PEER, {"x-forwarded-for": f"198.51.100.{i}, 203.0.113.9, 10.0.0.1"}, 2) for i in range(50)}
    assert clients == {"203.0.113.9"}


@pytest.mark.parametrize(
    "scheme, proto, hops, https",
    [
        ("https", None, 0, True),
        ("http", None, 0, False),
        ("http", "https", 0, False),  # no proxy trusted: the header is the client's word
        ("http", "https", 1, True),
        ("http", "http", 1, False),
        ("http", "HTTPS", 1, True),
        ("http", "https", 2, True),  # the outer proxy set it, the inner passed it on
        ("http", "https, http", 2, True),  # the inner proxy appended its own hop
        ("http", "http, https", 1, True),
        ("http", None, 1, False),
    ],
)
def test_https_as_the_browser_used_it(scheme, proto, hops, https):
    headers = {} if proto is None else {"x-forwarded-proto": proto}
    assert is_https(scheme, headers, hops) is https


def test_forwarded_entry_without_trusted_proxies_is_none():
    assert forwarded_entry("1.2.3.4", 0) is None
