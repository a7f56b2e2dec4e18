from frontdoor.rate_limit import CLIENT, EVERYONE, SESSION, RateLimiter, SlidingWindow


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


def limiter(per_session=100, per_client=100, overall=1000):
    return RateLimiter(per_session=per_session, per_client=per_client, overall=overall, clock=Clock())


def test_client_limit_applies_across_sessions_and_addresses_are_not_kept():
    limits = limiter(per_client=2)
    assert limits.refused("203.0.113.9", "s1") is None
    assert limits.refused("203.0.113.9", "s2") is None
    assert limits.refused("203.0.113.9", "s3") == CLIENT
    assert limits.refused("198.51.100.7", "s3") is None
    assert all("203.0.113.9" not in key for key in limits.clients.events)


def test_session_limit():
    limits = limiter(per_session=2)
    assert [limits.refused("a", "s") for _ in range(3)] == [None, None, SESSION]


def test_a_ceiling_over_everyone():
    limits = limiter(overall=3)
    assert [limits.refused(f"10.0.0.{i}", f"s{i}") for i in range(4)] == [None, None, None, EVERYONE]


def test_forgetting_is_limited_per_client_and_overall_only():
    limits = limiter(per_session=1, per_client=3)
    assert limits.refused("a", "s") is None
    assert [limits.refused("a") for _ in range(3)] == [None, None, CLIENT]  # no session window to fill


def test_a_refused_message_uses_up_no_other_allowance():
    limits = limiter(per_session=2, per_client=3)
    assert [limits.refused("school", "pupil-1") for _ in range(4)] == [None, None, SESSION, SESSION]
    # The two refused messages of pupil-1 did not count against the school's address.
    assert limits.refused("school", "pupil-2") is None
    assert limits.refused("school", "pupil-3") == CLIENT


def test_the_defaults_let_ten_pupils_on_one_school_network_chat_at_the_session_limit():
    from frontdoor.settings import Settings

    settings = Settings()
    limits = RateLimiter(settings.per_session_per_minute, settings.per_client_per_minute,
                         settings.overall_per_minute, clock=Clock())
    refused = [limits.refused("school", f"pupil-{p}") for _ in range(settings.per_session_per_minute) for p in range(10)]
    assert refused == [None] * len(refused)
