from frontdoor.rate_limit import RateLimiter, SlidingWindow


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_sliding_window_allows_up_to_the_limit_then_recovers():
    clock = Clock()
    window = SlidingWindow(3, 60, clock)
    assert [window.allow("a") for _ in range(4)] == [True, True, True, False]
    assert window.allow("b")  # other keys are independent
    clock.now = 59.9
    assert not window.allow("a")
    clock.now = 60.0
    assert window.allow("a")


def test_idle_keys_are_forgotten():
    clock = Clock()
    window = SlidingWindow(1, 60, clock)
    for i in range(10_001):
        window.allow(str(i))
    clock.now = 61
    window.allow("new")
    assert len(window.events) == 1


def test_client_limit_applies_across_sessions_and_addresses_are_not_kept():
    clock = Clock()
    limiter = RateLimiter(per_session=100, per_client=2, clock=clock)
    assert limiter.allow("s1", "203.0.113.9")
    assert limiter.allow("s2", "203.0.113.9")
    assert not limiter.allow("s3", "203.0.113.9")
    assert limiter.allow("s3", "198.51.100.7")
    assert all("203.0.113.9" not in key for key in limiter.clients.events)


def test_session_limit():
    limiter = RateLimiter(per_session=2, per_client=100, clock=Clock())
    assert [limiter.allow("s", "a") for _ in range(3)] == [True, True, False]
